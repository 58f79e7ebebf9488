import { describe, expect, it } from 'vitest';
import { pull } from '../../../src/engine/derive.js';
import { concludeExperiments } from '../../../src/engine/systems/discovery.js';
import { engCapacity, payingCustomers } from '../../../src/engine/derive.js';
import { METHOD_IDS, type MethodId } from '../../../src/scenarios/schema.js';
import type { GameState } from '../../../src/engine/state.js';
import type { GameEvent } from '../../../src/engine/events.js';
import { accepted, addressOf, after, ctxFor, featureWhere, fold, fresh, given, hypothesisWhere, only, postFit, rejected, sc, spyTable } from '../../helpers.js';

const fold1 = (s: GameState, ...events: GameEvent[]): GameState => fold(s, events);

/* Discovery: experiments (cost, capacity, method prerequisites, confounding) and strategy. */

const segmentH = hypothesisWhere((h) => h.about.kind === 'segment', 'is about a segment');
const paradigmH = hypothesisWhere((h) => h.about.kind === 'paradigm', 'is about a paradigm');
const methodWhere = (pred: (m: (typeof sc.discovery.methods)[MethodId]) => boolean, what: string): MethodId => {
  const id = METHOD_IDS.find((k) => pred(sc.discovery.methods[k]));
  if (!id) throw new Error(`no method ${what}`);
  return id;
};

/** A state in which one experiment is due to conclude this week. */
function dueState(opts: { method: MethodId; hypothesis: string; isolated?: boolean; week: number; drift?: number; truth?: boolean; seed?: string; belief?: number }): GameState {
  return given(fresh(opts.seed), (d) => {
    d.week = opts.week;
    d.model.dataDrift = opts.drift ?? 0;
    if (opts.truth !== undefined) d.world.truths[opts.hypothesis] = opts.truth;
    if (opts.belief !== undefined) {
      const b = d.discovery.beliefs.find((x) => x.id === opts.hypothesis);
      if (b) b.belief = opts.belief;
    }
    d.discovery.running = [{ id: 7, method: opts.method, hypothesis: opts.hypothesis, isolated: opts.isolated ?? false, doneWeek: opts.week }];
    d.discovery.nextId = 8;
  });
}

const withCustomers = (s: GameState, n: number) =>
  given(s, (d) => {
    d.market.customers = n;
  });

describe('experiment.run', () => {
  it('commits the method cost as experiment spending and starts the experiment', () => {
    const s = fresh();
    const m = sc.discovery.methods.interviews;
    const events = accepted(s, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } });
    expect(events.map((e) => e.type)).toEqual(['resources.committed', 'experiment.started']);
    expect(only(events, 'resources.committed').data).toEqual({
      decision: 'experiment.run',
      focus: m.cost.focus,
      eng: m.cost.engWeeks,
      ml: m.cost.mlWeeks,
      cash: m.cost.cash,
      category: 'experiments',
      gpuHours: m.cost.gpuHours,
      item: 'experiments',
      affinity: 'discovery',
    });
    expect(only(events, 'experiment.started').data).toEqual({ id: 1, method: 'interviews', hypothesis: segmentH.id, isolated: false, doneWeek: s.week + m.weeks - 1 });

    const next = after(s, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } });
    expect(next.cash).toBe(s.cash - m.cost.cash);
    expect(next.finance.spent.experiments).toBe(m.cost.cash);
    expect(next.discovery.spent).toBe(m.cost.cash);
    expect(next.used.focus).toBe(m.cost.focus);
    expect(next.discovery.running).toHaveLength(1);
    expect(next.discovery.nextId).toBe(2);
    expect(next.alignment.discovery).toBeGreaterThan(0);
  });

  it('is rejected for lack of engineering capacity', () => {
    const method = methodWhere((m) => m.cost.engWeeks > 0 && m.needs === 'none', 'that needs engineers and nothing else');
    const s = fresh();
    const full = given(s, (d) => {
      d.used.eng = engCapacity(s, sc);
    });
    expect(rejected(full, { type: 'experiment.run', data: { method, hypothesis: segmentH.id, isolated: false } }).code).toBe('capacity');
    // The same experiment fits when the engineers are free.
    accepted(s, { type: 'experiment.run', data: { method, hypothesis: segmentH.id, isolated: false } });
  });

  it('is rejected for lack of PM focus and of cash', () => {
    const m = sc.discovery.methods.interviews;
    const s = fresh();
    const tired = given(s, (d) => {
      d.used.focus = sc.focusPerWeek - m.cost.focus + 1;
    });
    expect(rejected(tired, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } }).code).toBe('focus');
    const exactlyEnoughFocus = given(s, (d) => {
      d.used.focus = sc.focusPerWeek - m.cost.focus;
    });
    accepted(exactlyEnoughFocus, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } });
    if (m.cost.cash > 0) {
      const broke = given(s, (d) => {
        d.cash = m.cost.cash - 1;
      });
      expect(rejected(broke, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } }).code).toBe('cash');
    }
  });

  it('is rejected when GPU-hours past the reservation would cost more than the bank holds', () => {
    const method = methodWhere((m) => m.cost.gpuHours > 0 && m.needs === 'none', 'that uses GPU-hours');
    const m = sc.discovery.methods[method];
    const onDemand = Math.round(m.cost.gpuHours * sc.gpu.onDemandPricePerHour);
    const base = given(fresh(), (d) => {
      d.gpu.monthUsed = d.gpu.reservedHoursPerMonth;
    });
    const short = given(base, (d) => {
      d.cash = m.cost.cash + onDemand - 1;
    });
    expect(rejected(short, { type: 'experiment.run', data: { method, hypothesis: segmentH.id, isolated: false } }).code).toBe('gpu');
    const enough = given(base, (d) => {
      d.cash = m.cost.cash + onDemand;
    });
    accepted(enough, { type: 'experiment.run', data: { method, hypothesis: segmentH.id, isolated: false } });
  });

  it('rejects a concierge test on a paradigm hypothesis but accepts it on a segment', () => {
    const s = fresh();
    expect(rejected(s, { type: 'experiment.run', data: { method: 'concierge', hypothesis: paradigmH.id, isolated: false } }).code).toBe('prerequisite');
    accepted(s, { type: 'experiment.run', data: { method: 'concierge', hypothesis: segmentH.id, isolated: false } });
  });

  it('needs a shipped, instrumented feature for implicit feedback', () => {
    const instrumented = featureWhere((f) => f.instrumented, 'is instrumented');
    const plain = featureWhere((f) => !f.instrumented, 'is not instrumented');
    const d = { type: 'experiment.run', data: { method: 'implicitFeedback', hypothesis: paradigmH.id, isolated: false } } as const;
    expect(sc.discovery.methods.implicitFeedback.needs).toBe('shippedFeature');
    expect(rejected(fresh(), d).code).toBe('prerequisite');
    expect(
      rejected(
        given(fresh(), (x) => {
          x.features = [plain.id];
        }),
        d,
      ).code,
    ).toBe('prerequisite');
    // Being built is not shipped.
    const building = given(fresh(), (x) => {
      x.projects = [{ kind: 'feature', item: instrumented.id, engPerWeek: 0, mlPerWeek: 0, doneWeek: 9 }];
    });
    expect(rejected(building, d).code).toBe('prerequisite');
    accepted(
      given(fresh(), (x) => {
        x.features = [plain.id, instrumented.id];
      }),
      d,
    );
  });

  it('needs enough paying customers to split for an A/B test', () => {
    const need = Math.ceil(sc.fit.minPayingCustomers / 2);
    const d = { type: 'experiment.run', data: { method: 'abTest', hypothesis: segmentH.id, isolated: false } } as const;
    expect(rejected(withCustomers(fresh(), need - 0.5), d).code).toBe('prerequisite');
    accepted(withCustomers(fresh(), need), d);
  });

  it('charges one more engineer-week for an isolated A/B test and records isolation only for A/B tests', () => {
    const s = withCustomers(fresh(), sc.fit.minPayingCustomers);
    const plain = accepted(s, { type: 'experiment.run', data: { method: 'abTest', hypothesis: segmentH.id, isolated: false } });
    const iso = accepted(s, { type: 'experiment.run', data: { method: 'abTest', hypothesis: segmentH.id, isolated: true } });
    expect(only(iso, 'resources.committed').data.eng).toBe(only(plain, 'resources.committed').data.eng + 1);
    expect(only(iso, 'experiment.started').data.isolated).toBe(true);
    expect(only(plain, 'experiment.started').data.isolated).toBe(false);
    const interviews = accepted(s, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: true } });
    expect(only(interviews, 'experiment.started').data.isolated).toBe(false);
    expect(only(interviews, 'resources.committed').data.eng).toBe(sc.discovery.methods.interviews.cost.engWeeks);
  });

  it('rejects unknown hypotheses and a second identical experiment while one runs', () => {
    expect(rejected(fresh(), { type: 'experiment.run', data: { method: 'interviews', hypothesis: 'no-such-thing', isolated: false } }).code).toBe('invalid');
    const running = after(fresh(), { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } });
    expect(rejected(running, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } }).code).toBe('invalid');
  });

  it('is still allowed after fit (discovery is never illegal, only misaligned)', () => {
    const s = postFit(fresh());
    const next = after(s, { type: 'experiment.run', data: { method: 'interviews', hypothesis: segmentH.id, isolated: false } });
    expect(next.alignment.postFitDiscovery).toBeGreaterThan(0);
  });
});

describe('concludeExperiments', () => {
  const ctx = ctxFor('test');
  const drift = sc.drift.maxPenalty;

  it('concludes only experiments that are due', () => {
    const s = given(dueState({ method: 'interviews', hypothesis: segmentH.id, week: 5 }), (d) => {
      d.discovery.running.push({ id: 8, method: 'interviews', hypothesis: paradigmH.id, isolated: false, doneWeek: 6 });
    });
    const out = concludeExperiments(s, ctx);
    expect(out.map((e) => e.type === 'experiment.concluded' && e.data.id)).toEqual([7]);
  });

  it('confounds an A/B test while drift is active unless it is isolated', () => {
    expect(drift).toBeGreaterThan(0.02);
    for (const week of [3, 9, 20]) {
      const drifting = only(concludeExperiments(dueState({ method: 'abTest', hypothesis: segmentH.id, week, drift }), ctx), 'experiment.concluded');
      expect(drifting.data.confounded).toBe(true);
      const isolated = only(concludeExperiments(dueState({ method: 'abTest', hypothesis: segmentH.id, week, drift, isolated: true }), ctx), 'experiment.concluded');
      expect(isolated.data.confounded).toBe(false);
      const calm = only(concludeExperiments(dueState({ method: 'abTest', hypothesis: segmentH.id, week, drift: 0 }), ctx), 'experiment.concluded');
      expect(calm.data.confounded).toBe(false);
      // Drift does not confound methods other than the A/B test.
      const interviews = only(concludeExperiments(dueState({ method: 'interviews', hypothesis: segmentH.id, week, drift }), ctx), 'experiment.concluded');
      expect(interviews.data.confounded).toBe(false);
    }
  });

  it('makes a confounded A/B test a coin flip, blind to the truth, while an isolated one tracks it', () => {
    const weeks = Array.from({ length: 100 }, (_, i) => i + 1);
    const rate = (opts: { truth: boolean; isolated: boolean }) =>
      weeks.filter((week) => only(concludeExperiments(dueState({ method: 'abTest', hypothesis: segmentH.id, week, drift, ...opts }), ctx), 'experiment.concluded').data.supported)
        .length / weeks.length;
    const m = sc.discovery.methods.abTest;
    expect(rate({ truth: true, isolated: true })).toBeGreaterThan(1 - m.falseNo - 0.15);
    expect(rate({ truth: false, isolated: true })).toBeLessThan(m.falseYes + 0.15);
    const confTrue = rate({ truth: true, isolated: false });
    const confFalse = rate({ truth: false, isolated: false });
    expect(confTrue).toBeGreaterThan(0.3);
    expect(confTrue).toBeLessThan(0.7);
    // Blind to the truth: the same keyed draw gives the same answer whatever the truth is.
    expect(confTrue).toBe(confFalse);
  });

  it('moves the belief toward the result by the method strength (odds-form Bayes)', () => {
    const m = sc.discovery.methods.interviews;
    const prior = sc.hypotheses.find((h) => h.id === segmentH.id)?.prior ?? 0.5;
    let sawYes = false;
    let sawNo = false;
    for (let week = 1; week <= 60; week++) {
      const s = dueState({ method: 'interviews', hypothesis: segmentH.id, week });
      const c = only(concludeExperiments(s, ctx), 'experiment.concluded');
      const lr = c.data.supported ? m.strength : 1 / m.strength;
      const expected = Math.min(0.99, Math.max(0.01, (prior * lr) / (prior * lr + (1 - prior))));
      expect(c.data.belief).toBeCloseTo(expected, 6);
      if (c.data.supported) {
        sawYes = true;
        expect(c.data.belief).toBeGreaterThan(prior);
      } else {
        sawNo = true;
        expect(c.data.belief).toBeLessThan(prior);
      }
      // Folding the event moves the visible belief and counts the test.
      const next = fold1(s, c);
      const b = next.discovery.beliefs.find((x) => x.id === segmentH.id);
      expect(b?.belief).toBe(c.data.belief);
      expect(b?.tests).toBe(1);
      expect(next.discovery.running).toHaveLength(0);
      expect(next.discovery.concluded).toBe(1);
    }
    expect(sawYes && sawNo).toBe(true);
  });

  it('validates and invalidates at the scenario thresholds', () => {
    const m = sc.discovery.methods.abTest;
    for (let week = 1; week <= 40; week++) {
      const hi = only(concludeExperiments(dueState({ method: 'abTest', hypothesis: segmentH.id, week, belief: sc.discovery.validateAt - 0.01 }), ctx), 'experiment.concluded');
      if (hi.data.supported) expect(hi.data.status).toBe('validated');
      const lo = only(concludeExperiments(dueState({ method: 'abTest', hypothesis: segmentH.id, week, belief: sc.discovery.invalidateAt + 0.01 }), ctx), 'experiment.concluded');
      if (!lo.data.supported) {
        expect(lo.data.status).toBe('invalidated');
        const s = dueState({ method: 'abTest', hypothesis: segmentH.id, week });
        expect(fold1(s, lo).discovery.invalidated).toBe(1);
      }
    }
    expect(m.strength).toBeGreaterThan(1);
  });

  it('reads each experiment result from its own keyed slot: other experiments do not change it', () => {
    for (let week = 1; week <= 30; week++) {
      const alone = only(concludeExperiments(dueState({ method: 'interviews', hypothesis: segmentH.id, week }), ctx), 'experiment.concluded');
      const crowded = given(dueState({ method: 'interviews', hypothesis: segmentH.id, week }), (d) => {
        d.discovery.running.unshift({ id: 3, method: 'mockupDrop', hypothesis: paradigmH.id, isolated: false, doneWeek: week });
        d.discovery.running.unshift({ id: 2, method: 'concierge', hypothesis: segmentH.id, isolated: false, doneWeek: week });
      });
      const same = concludeExperiments(crowded, ctx).find((e) => e.type === 'experiment.concluded' && e.data.id === 7);
      expect(same).toEqual(alone);
    }
  });

  it('gives every legal (hypothesis, method) pair concluding in the same week its own uniform', () => {
    // Slots are hIndex*5 + methodIndex within a 50-slot stream; with wrapped slots two experiments
    // concluding in the same week would read the very same uniform
    // and their results would be perfectly correlated instead of independent.
    const pairs: { hypothesis: string; method: MethodId }[] = [];
    for (const h of sc.hypotheses) {
      for (const method of METHOD_IDS) if (!(method === 'concierge' && h.about.kind === 'paradigm')) pairs.push({ hypothesis: h.id, method });
    }
    const week = 5;
    const s = given(fresh(), (d) => {
      d.week = week;
      d.discovery.running = pairs.map((p, i) => ({ id: i + 1, method: p.method, hypothesis: p.hypothesis, isolated: false, doneWeek: week }));
    });
    const spy = spyTable(ctx.table);
    concludeExperiments(s, { sc, table: spy.table });
    const reads = spy.reads.filter((i) => addressOf(i, ctx.table.weeks).stream === 'experiment');
    expect(reads).toHaveLength(pairs.length);
    const firstReader = new Map<number, string>();
    const collisions: string[] = [];
    reads.forEach((index, i) => {
      const who = `${pairs[i]?.hypothesis}/${pairs[i]?.method}`;
      const prev = firstReader.get(index);
      if (prev) collisions.push(`${who} reads the same uniform as ${prev} (slot ${addressOf(index, ctx.table.weeks).slot})`);
      else firstReader.set(index, who);
    });
    expect(collisions).toEqual([]);
  });
});

describe('strategy', () => {
  const seg = sc.segments;
  const par = sc.paradigms;

  it('positions on a value proposition, which the pull then rests on; changing it later is a pivot', () => {
    const [a, b] = sc.valueProps ?? [];
    if (!a || !b) throw new Error('the scenario needs two value propositions');
    const first = accepted(fresh(), { type: 'strategy.position', data: { valueProp: a.id } });
    expect(only(first, 'strategy.positioned').data).toEqual({ valueProp: a.id, pivot: false, trustDelta: 0 });
    const s = given(fold1(fresh(), ...first), (d) => {
      d.week = 2;
      d.used = { focus: 0, eng: 0, ml: 0 };
      d.market.fitStreak = 3;
    });
    expect(s.strategy.valueProp).toBe(a.id);
    const again = accepted(s, { type: 'strategy.position', data: { valueProp: b.id } });
    expect(only(again, 'strategy.positioned').data).toMatchObject({ valueProp: b.id, pivot: true });
    expect(fold1(s, ...again).market.fitStreak).toBe(0);
    expect(rejected(s, { type: 'strategy.position', data: { valueProp: 'nope' } }).code).toBe('invalid');
    expect(
      rejected(
        given(s, (d) => {
          d.phase = 'postFit';
        }),
        { type: 'strategy.position', data: { valueProp: b.id } },
      ).code,
    ).toBe('phase');
    const relied = sc.hypotheses.find((h) => h.about.kind === 'valueProp' && h.about.valueProp === a.id);
    if (relied) {
      const pulls = (truth: boolean) =>
        pull(
          given(s, (d) => {
            d.strategy.segment = sc.segments[0]!.id;
            d.world.truths[relied.id] = truth;
          }),
          sc,
        );
      expect(pulls(false)).toBeLessThan(pulls(true));
    }
  });

  it('targets a first segment cheaply, without a pivot', () => {
    const first = seg[0];
    if (!first) throw new Error('no segment');
    const events = accepted(fresh(), { type: 'strategy.target', data: { segment: first.id } });
    expect(only(events, 'resources.committed').data).toMatchObject({ focus: 1, cash: 0, category: 'strategy' });
    expect(only(events, 'strategy.targeted').data).toEqual({ segment: first.id, pivot: false, trustDelta: 0, customersLost: 0 });
  });

  it('charges a pivot in focus, cash and trust, and halves the customers', () => {
    const [a, b] = seg;
    if (!a || !b) throw new Error('need two segments');
    const s = given(after(fresh(), { type: 'strategy.target', data: { segment: a.id } }), (d) => {
      d.week = 2;
      d.used = { focus: 0, eng: 0, ml: 0 };
      d.market.customers = 20;
      d.market.fitStreak = 2;
      d.market.trust = 0.5;
    });
    const events = accepted(s, { type: 'strategy.target', data: { segment: b.id } });
    expect(only(events, 'resources.committed').data).toMatchObject({ focus: sc.strategyChange.focus, cash: sc.strategyChange.cash });
    expect(only(events, 'strategy.targeted').data).toMatchObject({ pivot: true, trustDelta: -sc.strategyChange.trustLoss, customersLost: 10 });
    const next = fold1(s, ...events);
    expect(next.market.trust).toBeCloseTo(0.5 - sc.strategyChange.trustLoss, 6);
    expect(next.market.customers).toBe(10);
    expect(next.market.fitStreak).toBe(0);
    expect(next.strategy.changes).toBe(1);
    expect(next.cash).toBe(s.cash - sc.strategyChange.cash);
    if (sc.strategyChange.cash > 0) {
      expect(
        rejected(
          given(s, (d) => {
            d.cash = sc.strategyChange.cash - 1;
          }),
          { type: 'strategy.target', data: { segment: b.id } },
        ).code,
      ).toBe('cash');
    }
    expect(rejected(s, { type: 'strategy.target', data: { segment: a.id } }).code).toBe('invalid');
    expect(rejected(s, { type: 'strategy.target', data: { segment: 'nobody' } }).code).toBe('invalid');
  });

  it('costs half the trust loss to switch paradigm, and a killed paradigm cannot come back', () => {
    const [p, q] = par;
    if (!p || !q) throw new Error('need two paradigms');
    const s = given(after(fresh(), { type: 'strategy.adopt', data: { paradigm: p.id } }), (d) => {
      d.used = { focus: 0, eng: 0, ml: 0 };
      d.market.trust = 0.5;
    });
    const events = accepted(s, { type: 'strategy.adopt', data: { paradigm: q.id } });
    expect(only(events, 'strategy.adopted').data).toEqual({ paradigm: q.id, pivot: true, trustDelta: -sc.strategyChange.trustLoss / 2 });
    expect(fold1(s, ...events).market.trust).toBeCloseTo(0.5 - sc.strategyChange.trustLoss / 2, 6);

    const killed = after(s, { type: 'paradigm.kill', data: { paradigm: p.id } });
    expect(killed.strategy.paradigm).toBeNull();
    expect(killed.strategy.killed).toEqual([p.id]);
    expect(rejected(killed, { type: 'strategy.adopt', data: { paradigm: p.id } }).code).toBe('invalid');
    expect(rejected(killed, { type: 'paradigm.kill', data: { paradigm: p.id } }).code).toBe('invalid');
  });

  it('never kills the last paradigm', () => {
    let s = fresh();
    const ids = par.map((x) => x.id);
    for (const id of ids.slice(0, -1)) {
      s = given(after(s, { type: 'paradigm.kill', data: { paradigm: id } }), (d) => {
        d.used.focus = 0;
      });
    }
    const last = ids[ids.length - 1] as string;
    expect(rejected(s, { type: 'paradigm.kill', data: { paradigm: last } }).code).toBe('invalid');
  });

  it('is illegal after fit (code phase)', () => {
    const s = postFit(fresh());
    const firstSeg = seg[0]?.id ?? 'x';
    const firstPar = par[0]?.id ?? 'x';
    expect(rejected(s, { type: 'strategy.target', data: { segment: firstSeg } }).code).toBe('phase');
    expect(rejected(s, { type: 'strategy.adopt', data: { paradigm: firstPar } }).code).toBe('phase');
    expect(rejected(s, { type: 'paradigm.kill', data: { paradigm: firstPar } }).code).toBe('phase');
    expect(payingCustomers(s)).toBe(0);
  });
});
