import { describe, expect, it } from 'vitest';
import { completeProjects } from '../../../src/engine/systems/build.js';
import { featureGpuHoursPerMonth, freeCapacity, signoffThresholdHours } from '../../../src/engine/derive.js';
import type { GameState } from '../../../src/engine/state.js';
import { accepted, after, ctxFor, featureWhere, fold, fresh, given, only, rejected, resolve, sc } from '../../helpers.js';

/* Building: features and capabilities as projects, prerequisites, GPU sign-off, completion. */

const ctx = ctxFor();
const needy = featureWhere((f) => f.requires.length > 0, 'requires a capability');
const plainFeature = featureWhere((f) => f.requires.length === 0 && f.cost.engWeeks > 0, 'needs engineers and no capability');

/** Enough paying customers that a feature's real-time GPU-hours pass the founder sign-off line. */
function pastTheLine(featureId: string): GameState {
  const f = featureWhere((x) => x.id === featureId, `is ${featureId}`);
  const perCustomer = f.gpuHoursPerCustomerMonth * sc.gpu.realtimeFactor;
  const customers = Math.ceil(signoffThresholdHours(sc) / perCustomer) + 1;
  const s = given(fresh(), (d) => {
    d.market.customers = customers;
  });
  expect(featureGpuHoursPerMonth(s, sc, featureId)).toBeGreaterThan(signoffThresholdHours(sc));
  return s;
}

describe('feature.ship', () => {
  it('starts a project that holds team capacity each week until it is done', () => {
    const s = fresh();
    const events = accepted(s, { type: 'feature.ship', data: { feature: plainFeature.id } });
    expect(only(events, 'resources.committed').data).toMatchObject({
      focus: plainFeature.cost.focus,
      cash: plainFeature.cost.cash,
      eng: 0,
      ml: 0,
      category: 'projects',
      affinity: 'delivery',
    });
    expect(only(events, 'project.started').data).toEqual({
      kind: 'feature',
      item: plainFeature.id,
      engPerWeek: plainFeature.cost.engWeeks,
      mlPerWeek: plainFeature.cost.mlWeeks,
      doneWeek: s.week + plainFeature.weeks - 1,
    });
    const next = fold(s, events);
    expect(freeCapacity(next, sc).eng).toBeCloseTo(freeCapacity(s, sc).eng - plainFeature.cost.engWeeks, 6);
    expect(rejected(next, { type: 'feature.ship', data: { feature: plainFeature.id } }).code).toBe('invalid');
    expect(rejected(s, { type: 'feature.ship', data: { feature: 'teleportation' } }).code).toBe('invalid');
  });

  it('is rejected when running projects leave too few engineers', () => {
    const s = given(fresh(), (d) => {
      d.projects = [{ kind: 'capability', item: 'soc2', engPerWeek: d.team.engineers, mlPerWeek: 0, doneWeek: 20 }];
    });
    expect(rejected(s, { type: 'feature.ship', data: { feature: plainFeature.id } }).code).toBe('capacity');
  });

  it('is blocked by a missing capability (e.g. personalization needs lineage)', () => {
    // Sign-off granted up front so only the capability is in question.
    const s = given(fresh(), (d) => {
      d.gpu.signedOff = [needy.id];
    });
    const r = rejected(s, { type: 'feature.ship', data: { feature: needy.id } });
    expect(r.code).toBe('prerequisite');
    for (const c of needy.requires) expect(r.reason).toContain(sc.capabilities.find((x) => x.id === c)?.name ?? c);
    const ready = given(s, (d) => {
      d.capabilities.push(...needy.requires);
    });
    accepted(ready, { type: 'feature.ship', data: { feature: needy.id } });
    if (needy.id === 'personalization') expect(needy.requires).toContain('lineage');
  });

  it('needs founder GPU sign-off for a feature past the line (e.g. the codebase agent) until gpu.signoff', () => {
    const heavy = sc.features.find((f) => f.id === 'codebase-agent') ?? featureWhere((f) => f.requires.length === 0 && f.gpuHoursPerCustomerMonth > 0, 'uses GPU');
    const s = pastTheLine(heavy.id);
    expect(rejected(s, { type: 'feature.ship', data: { feature: heavy.id } }).code).toBe('gpu');
    const signed = after(s, { type: 'gpu.signoff', data: { item: heavy.id } });
    const events = accepted(signed, { type: 'feature.ship', data: { feature: heavy.id } });
    expect(only(events, 'project.started').data.item).toBe(heavy.id);
    // Signing off something else does not help.
    const other = after(s, { type: 'gpu.signoff', data: { item: 'training' } });
    expect(rejected(other, { type: 'feature.ship', data: { feature: heavy.id } }).code).toBe('gpu');
  });

  it('ships at its done week: the feature runs in real time, adds a flag and its debt', () => {
    const s0 = fresh();
    const s = after(s0, { type: 'feature.ship', data: { feature: plainFeature.id } });
    const doneWeek = s0.week + plainFeature.weeks - 1;
    const due = given(s, (d) => {
      d.week = doneWeek;
    });
    const done = only(completeProjects(due, ctx), 'project.completed');
    expect(done.data).toEqual({ kind: 'feature', item: plainFeature.id, debt: plainFeature.debt });
    if (plainFeature.weeks > 1)
      expect(
        completeProjects(
          given(s, (d) => {
            d.week = doneWeek - 1;
          }),
          ctx,
        ),
      ).toEqual([]);
    const { state } = resolve(due, ctx);
    expect(state.features).toEqual([plainFeature.id]);
    expect(state.realtime).toEqual([plainFeature.id]);
    expect(state.flags).toBe(1);
    expect(state.projects).toEqual([]);
    // The flag accrues debt the same week.
    expect(state.debt).toBeCloseTo(plainFeature.debt + sc.debt.flagDebtPerWeek, 6);
  });
});

describe('capability.build', () => {
  it('builds a capability once and it counts as hardening', () => {
    const cap = sc.capabilities.find((c) => c.id === 'versioning');
    if (!cap) throw new Error('no versioning');
    const s = fresh();
    const events = accepted(s, { type: 'capability.build', data: { capability: 'versioning' } });
    expect(only(events, 'resources.committed').data.affinity).toBe('hardening');
    const started = fold(s, events);
    expect(started.alignment.preFitHardening).toBeGreaterThan(0);
    expect(rejected(started, { type: 'capability.build', data: { capability: 'versioning' } }).code).toBe('invalid');
    const done = fold(
      given(started, (d) => {
        d.week = s.week + cap.weeks - 1;
      }),
      [{ type: 'project.completed', data: { kind: 'capability', item: 'versioning', debt: 0 } }],
    );
    expect(done.capabilities).toEqual(['versioning']);
    expect(rejected(done, { type: 'capability.build', data: { capability: 'versioning' } }).code).toBe('invalid');
  });

  it('flag cleanup clears the flags and stops them accruing debt', () => {
    const s = given(fresh(), (d) => {
      d.flags = 3;
    });
    const cleaned = fold(s, [{ type: 'project.completed', data: { kind: 'capability', item: 'flagCleanup', debt: 0 } }]);
    expect(cleaned.flags).toBe(0);
    expect(resolve(cleaned, ctx).events.some((e) => e.type === 'debt.accrued')).toBe(false);
    expect(resolve(s, ctx).events.some((e) => e.type === 'debt.accrued')).toBe(sc.debt.flagDebtPerWeek > 0);
  });
});
