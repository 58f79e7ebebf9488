import { describe, expect, it } from 'vitest';
import { drawIncidents, hazard, measure } from '../../../src/engine/systems/reliability.js';
import { engCapacity } from '../../../src/engine/derive.js';
import { draw } from '../../../src/engine/rng.js';
import type { IncidentKind } from '../../../src/scenarios/schema.js';
import type { GameState } from '../../../src/engine/state.js';
import { accepted, ctxFor, fold, fresh, given, only, postFit, rejected, sc } from '../../helpers.js';

/* Reliability after fit: incident responses, hazards and the weekly measurement. */

const ctx = ctxFor('reliability');
const spec = (kind: IncidentKind) => {
  const k = sc.reliability.incidents.find((x) => x.kind === kind);
  if (!k) throw new Error(`no incident kind ${kind}`);
  return k;
};
const infraKind = sc.reliability.incidents.find((k) => !['modelRegression', 'silentDrift', 'hallucination'].includes(k.kind))?.kind ?? 'vectorTimeout';

/** A post-fit state with one open incident (#1) of a kind and severity. */
function withIncident(kind: IncidentKind, severity = 1.2, recipe: (d: GameState) => void = () => undefined): GameState {
  return given(postFit(fresh('reliability')), (d) => {
    d.week = 10;
    d.reliability.incidents = [{ id: 1, kind, openedWeek: 9, severity, status: 'open', downtimeHours: 0 }];
    d.reliability.nextId = 2;
    d.market.trust = 0.6;
    recipe(d as GameState);
  });
}

const hotfix = (extra: Partial<{ communicate: boolean; postmortem: boolean }> = {}) =>
  ({ type: 'incident.respond', data: { incident: 1, action: 'hotfix', communicate: false, postmortem: false, ...extra } }) as const;
const rollback = { type: 'incident.respond', data: { incident: 1, action: 'rollback', communicate: true, postmortem: false } } as const;

describe('incident.respond', () => {
  it('rejects answering an incident that is not open', () => {
    expect(rejected(postFit(fresh()), hotfix()).code).toBe('invalid');
    const done = given(withIncident(infraKind), (d) => {
      const i = d.reliability.incidents[0];
      if (i) i.status = 'resolved';
    });
    expect(rejected(done, hotfix()).code).toBe('invalid');
  });

  it('resolves with a hotfix: downtime scales with severity, trust takes the hit', () => {
    const s = withIncident(infraKind, 1.2);
    const events = accepted(s, hotfix(), ctx);
    expect(only(events, 'resources.committed').data).toMatchObject({ focus: 1, eng: sc.response.hotfixEngWeeks, affinity: 'hardening' });
    const r = only(events, 'incident.resolved');
    expect(r.data.downtimeHours).toBeCloseTo(spec(infraKind).downtimeHours * 1.2, 2);
    expect(r.data.trustDelta).toBeCloseTo(-(spec(infraKind).trustHit + sc.response.silenceTrustHit), 6);
    const next = fold(s, events);
    expect(next.reliability.incidents[0]).toMatchObject({ status: 'resolved', downtimeHours: r.data.downtimeHours });
    expect(next.reliability.downtimeWeek).toBeCloseTo(r.data.downtimeHours, 2);
    expect(next.market.trust).toBeCloseTo(0.6 + r.data.trustDelta, 6);
  });

  it('pulls people off planned work: a bare hotfix is never refused, extras need PM focus', () => {
    const s = withIncident(infraKind, 1, (d) => {
      d.used.eng = engCapacity(d, sc) + 2;
    });
    accepted(s, hotfix(), ctx);
    const tired = withIncident(infraKind, 1, (d) => {
      d.used.focus = sc.focusPerWeek;
    });
    expect(only(accepted(tired, hotfix(), ctx), 'resources.committed').data.focus).toBe(0);
    expect(rejected(tired, hotfix({ communicate: true }), ctx).code).toBe('focus');
  });

  it('has smaller downtime with an on-call rotation, and smaller still with redundancy', () => {
    const downtime = (caps: GameState['capabilities']) =>
      only(
        accepted(
          withIncident(infraKind, 1.3, (d) => {
            d.capabilities = caps;
          }),
          hotfix(),
          ctx,
        ),
        'incident.resolved',
      ).data.downtimeHours;
    const bare = downtime([]);
    const onCall = downtime(['onCall']);
    const both = downtime(['onCall', 'redundancy']);
    expect(onCall).toBeLessThan(bare);
    expect(both).toBeLessThan(onCall);
    expect(downtime(['redundancy'])).toBeLessThan(bare);
    expect(downtime(['playbook'])).toBeLessThan(bare);
  });

  it('softens the trust hit when customers are told, more so with a playbook', () => {
    const hit = (communicate: boolean, caps: GameState['capabilities'] = []) =>
      -only(
        accepted(
          withIncident(infraKind, 1, (d) => {
            d.capabilities = caps;
          }),
          hotfix({ communicate }),
          ctx,
        ),
        'incident.resolved',
      ).data.trustDelta;
    expect(hit(true)).toBeLessThan(hit(false));
    expect(hit(true, ['playbook'])).toBeLessThan(hit(true));
  });

  it('cuts the hazard of that kind after a postmortem', () => {
    const s = withIncident(infraKind);
    const events = accepted(s, hotfix({ postmortem: true }), ctx);
    expect(only(events, 'incident.resolved').data.hazardCut).toBe(sc.response.postmortemHazardCut);
    const next = fold(s, events);
    expect(next.reliability.hazardCuts[infraKind]).toBe(sc.response.postmortemHazardCut);
    if (sc.response.postmortemHazardCut > 0) expect(hazard(next, ctx, infraKind)).toBeLessThanOrEqual(hazard(s, ctx, infraKind));
  });

  it('rejects a rollback without model versioning', () => {
    const s = withIncident('modelRegression');
    expect(rejected(s, rollback, ctx).code).toBe('prerequisite');
  });

  it("rejects a rollback for a fault that is not the model's", () => {
    const s = withIncident(infraKind, 1, (d) => {
      d.capabilities = ['versioning'];
    });
    expect(rejected(s, rollback, ctx).code).toBe('invalid');
  });

  it('rolls a regressed model back to the previous one, in far less time than the outage', () => {
    const s = withIncident('modelRegression', 1, (d) => {
      d.capabilities = ['versioning'];
      d.model.skill = 0.55;
      d.model.previousSkill = 0.72;
      d.model.version = 4;
    });
    const events = accepted(s, rollback, ctx);
    expect(only(events, 'model.rolledBack').data).toEqual({ skill: 0.72, version: 3 });
    expect(only(events, 'incident.resolved').data.downtimeHours).toBeCloseTo(sc.response.rollbackHours, 2);
    const next = fold(s, events);
    expect(next.model.skill).toBe(0.72);
    const fixedByHand = only(accepted(s, hotfix(), ctx), 'incident.resolved').data.downtimeHours;
    if (sc.response.rollbackHours < spec('modelRegression').downtimeHours) expect(only(events, 'incident.resolved').data.downtimeHours).toBeLessThan(fixedByHand);
  });
});

describe('hazards and incidents', () => {
  it('opens no incidents before fit', () => {
    const s = given(fresh('reliability'), (d) => {
      d.debt = 1000;
      d.market.customers = 500;
    });
    for (let w = 1; w <= 20; w++)
      expect(
        drawIncidents(
          given(s, (d) => {
            d.week = w;
          }),
          ctx,
          true,
        ),
      ).toEqual([]);
  });

  it('halves a hazard for each mitigating capability', () => {
    for (const k of sc.reliability.incidents) {
      if (k.mitigatedBy.length === 0) continue;
      const s = given(postFit(fresh()), (d) => {
        d.debt = 5;
        d.market.customers = 50;
      });
      const base = hazard(s, ctx, k.kind);
      const first = k.mitigatedBy[0];
      if (!first) continue;
      const mitigated = hazard(
        given(s, (d) => {
          d.capabilities = [first];
        }),
        ctx,
        k.kind,
      );
      if (base > 0 && base < 0.9) expect(mitigated).toBeCloseTo(base / 2, 5);
    }
  });

  it('opens incidents from keyed draws below the hazard, one slot per kind', () => {
    const s = given(postFit(fresh('reliability')), (d) => {
      d.debt = 60;
      d.market.customers = 100;
      d.reliability.utilisation = 2;
      d.model.dataDrift = 0.2;
    });
    let opened = 0;
    for (let w = 2; w <= 40; w++) {
      const at = given(s, (d) => {
        d.week = w;
      });
      const out = drawIncidents(at, ctx, false);
      const expectedKinds = sc.reliability.incidents.filter((k, i) => draw(ctx.table, 'incident', w, i) < hazard(at, ctx, k.kind)).map((k) => k.kind);
      expect(out.map((e) => e.type === 'incident.opened' && e.data.kind)).toEqual(expectedKinds);
      out.forEach((e, i) => {
        if (e.type !== 'incident.opened') throw new Error('unexpected');
        expect(e.data.id).toBe(at.reliability.nextId + i);
        expect(e.data.severity).toBeGreaterThanOrEqual(0.5);
        expect(e.data.severity).toBeLessThanOrEqual(1.5);
      });
      opened += out.length;
    }
    expect(opened).toBeGreaterThan(0);
  });
});

describe('measure', () => {
  it("turns the week's downtime into uptime and adds it to the month", () => {
    const s = given(postFit(fresh()), (d) => {
      d.reliability.downtimeWeek = 8.4;
      d.reliability.downtimeMonth = 1.5;
    });
    const m = only([measure(s, ctx)], 'reliability.measured');
    expect(m.data.uptime).toBeCloseTo(1 - 8.4 / 168, 6);
    expect(m.data.downtimeMonth).toBeCloseTo(9.9, 2);
    expect(measure(fresh(), ctx).data).toMatchObject({ uptime: 1, downtimeWeek: 0 });
  });
});
