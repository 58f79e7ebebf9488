import { describe, expect, it } from 'vitest';
import { decide } from '../../src/engine/decide.js';
import { draw } from '../../src/engine/rng.js';
import { METHOD_IDS } from '../../src/scenarios/schema.js';
import { signoffThresholdHours } from '../../src/engine/derive.js';
import { trainingHoursPerMonth } from '../../src/engine/systems/model.js';
import type { Decision } from '../../src/engine/decisions.js';
import type { GameEvent } from '../../src/engine/events.js';
import type { GameState } from '../../src/engine/state.js';
import { after, clone, ctxFor, featureWhere, findWeek, fold, fresh, given, hypothesisWhere, ofType, only, postFit, sc, tableFor } from '../helpers.js';

/* The world step, first half: the stages before the market moves (projects, hires, experiments,
 * labels, the scheduled retrain, drift, shocks) and the market move itself. Each spec: GIVEN a
 * state, WHEN decide ends the week, THEN the stage's events (and decide left its input alone). */

const SEED = 'world-early';
const ctx = ctxFor(SEED);
const weekEnd: Decision = { type: 'week.end', data: {} };

/** WHEN the week ends: decide's events, after checking that decide did not touch the state. */
function whenWeekEnds(s: GameState, seed = SEED): GameEvent[] {
  const before = clone(s);
  const r = decide(s, weekEnd, ctxFor(seed));
  if (!r.ok) throw new Error(`week.end was refused: ${r.rejection.reason}`);
  expect(s, 'decide must leave its input state unchanged').toEqual(before);
  return r.events;
}
const types = (events: readonly GameEvent[]) => events.map((e) => e.type);
/** The first week satisfying a predicate of the week (fails loudly when none exists). */
function weekWhere(pred: (w: number) => boolean, what: string, from = 2): number {
  for (let w = from; w < sc.weeks; w++) if (pred(w)) return w;
  throw new Error(`seed ${SEED} has no week where ${what}`);
}
const u = (stream: Parameters<typeof draw>[1], w: number, slot: number) => draw(tableFor(SEED), stream, w, slot);

describe('stage completeProjects', () => {
  const f = featureWhere((x) => x.debt > 0 && x.requires.length === 0, 'brings debt and needs no capability');
  /** GIVEN the feature was shipped (decided and folded), at the week `offset` from its due week. */
  function shipped(offset: number): GameState {
    const s = after(fresh(SEED), { type: 'feature.ship', data: { feature: f.id } }, ctx);
    const due = s.projects.find((p) => p.item === f.id)?.doneWeek;
    if (due === undefined) throw new Error('the shipped feature has no project');
    return given(s, (d) => void (d.week = due + offset));
  }
  it('completes a feature due this week, with its debt, as the first event of the week', () => {
    const events = whenWeekEnds(shipped(0));
    expect(ofType(events, 'project.completed')).toEqual([{ type: 'project.completed', data: { kind: 'feature', item: f.id, debt: f.debt } }]);
    expect(events[0]?.type).toBe('project.completed');
  });
  it('completes a capability with no debt', () => {
    const c = sc.capabilities[0];
    if (!c) throw new Error('the scenario has no capability');
    const s = given(fresh(SEED), (d) => void d.projects.push({ kind: 'capability', item: c.id, engPerWeek: 0, mlPerWeek: 0, doneWeek: d.week }));
    expect(only(whenWeekEnds(s), 'project.completed').data).toEqual({ kind: 'capability', item: c.id, debt: 0 });
  });
  it('completes nothing a week before the project is due', () => {
    expect(ofType(whenWeekEnds(shipped(-1)), 'project.completed')).toEqual([]);
  });
});

describe('stage joins', () => {
  function hired(offset: number): GameState {
    const s = after(fresh(SEED), { type: 'team.hire', data: { role: 'mlEngineer' } }, ctx);
    return given(s, (d) => void (d.week = 1 + sc.team.hireWeeks + offset));
  }
  it('a hire joins on the ready week, after the projects completing that week', () => {
    const c = sc.capabilities[0];
    if (!c) throw new Error('the scenario has no capability');
    const s = given(hired(0), (d) => void d.projects.push({ kind: 'capability', item: c.id, engPerWeek: 0, mlPerWeek: 0, doneWeek: d.week }));
    const events = whenWeekEnds(s);
    expect(ofType(events, 'team.joined')).toEqual([{ type: 'team.joined', data: { role: 'mlEngineer' } }]);
    expect(types(events).slice(0, 2)).toEqual(['project.completed', 'team.joined']);
  });
  it('nobody joins before the ready week', () => {
    expect(ofType(whenWeekEnds(hired(-1)), 'team.joined')).toEqual([]);
  });
});

describe('stage concludeExperiments', () => {
  const method = METHOD_IDS.find((id) => id !== 'abTest' && sc.discovery.methods[id].trustRisk === 0);
  if (!method) throw new Error('the scenario has no method without trust risk');
  const m = sc.discovery.methods[method];
  const h = hypothesisWhere(() => true, 'exists');
  const slot = sc.hypotheses.indexOf(h) * METHOD_IDS.length + METHOD_IDS.indexOf(method);
  const dr = sc.rules.discovery;
  /** GIVEN an experiment on h finishing at week w. */
  const running = (w: number, doneWeek = w) =>
    given(fresh(SEED), (d) => {
      d.week = w;
      d.discovery.running.push({ id: 1, method, hypothesis: h.id, isolated: false, doneWeek });
    });
  /** The belief after one odds-form update with the method's strength. */
  const updated = (supported: boolean) => {
    const lr = supported ? m.strength : 1 / m.strength;
    const b = (h.prior * lr) / (h.prior * lr + (1 - h.prior));
    return Math.min(dr.beliefCeiling, Math.max(dr.beliefFloor, b));
  };
  const cases = [
    { supported: true, pred: (x: number) => x < Math.min(m.falseYes, 1 - m.falseNo) },
    { supported: false, pred: (x: number) => x >= Math.max(m.falseYes, 1 - m.falseNo) },
  ];
  it('concludes a due experiment: supported or not by the keyed draw, the belief updated by the method strength', () => {
    expect.assertions(cases.length * 4 + cases.length); // 4 here + 1 purity check per decide
    for (const c of cases) {
      const w = findWeek(SEED, 'experiment', slot, c.pred, 2);
      expect(w, `a week whose experiment draw makes the result ${c.supported ? 'supported' : 'unsupported'} whatever the truth`).not.toBeNull();
      const e = only(whenWeekEnds(running(w ?? 0)), 'experiment.concluded');
      expect(e.data).toMatchObject({ id: 1, method, hypothesis: h.id, supported: c.supported, confounded: false, labels: m.labels, trustDelta: 0 });
      expect(e.data.belief).toBeCloseTo(updated(c.supported), 6);
      const status = e.data.belief >= sc.discovery.validateAt ? 'validated' : e.data.belief <= sc.discovery.invalidateAt ? 'invalidated' : 'open';
      expect(e.data.status).toBe(status);
    }
  });
  it('concludes nothing still running', () => {
    expect(ofType(whenWeekEnds(running(2, 3)), 'experiment.concluded')).toEqual([]);
  });
});

describe('stage collectLabels', () => {
  it('delivers the labels bought this week as noisy labels', () => {
    const s = fold(fresh(SEED), [{ type: 'labels.ordered', data: { labels: sc.labeling.batch } }]);
    expect(ofType(whenWeekEnds(s), 'labels.collected')).toEqual([{ type: 'labels.collected', data: { clean: 0, noisy: sc.labeling.batch } }]);
  });
  it("gathers a shipped feature's feedback labels from the design partners", () => {
    const f = featureWhere((x) => x.labelsPerCustomerWeek > 0, 'yields labels');
    expect(sc.start.designPartners, 'design partners give feedback before there are customers').toBeGreaterThan(0);
    const s = given(fresh(SEED), (d) => void d.features.push(f.id));
    expect(only(whenWeekEnds(s), 'labels.collected').data).toEqual({ clean: Math.round(f.labelsPerCustomerWeek * sc.start.designPartners), noisy: 0 });
  });
  it('collects the labels an experiment concluded this week produced, after it', () => {
    const method = METHOD_IDS.find((id) => sc.discovery.methods[id].labels > 0 && id !== 'abTest');
    if (!method) throw new Error('the scenario has no method that yields labels');
    const h = hypothesisWhere(() => true, 'exists');
    const s = given(fresh(SEED), (d) => void d.discovery.running.push({ id: 1, method, hypothesis: h.id, isolated: false, doneWeek: d.week }));
    const events = whenWeekEnds(s);
    expect(only(events, 'labels.collected').data).toEqual({ clean: sc.discovery.methods[method].labels, noisy: 0 });
    expect(types(events).indexOf('experiment.concluded')).toBeLessThan(types(events).indexOf('labels.collected'));
  });
  it('collects nothing when no labels are due', () => {
    expect(ofType(whenWeekEnds(fresh(SEED)), 'labels.collected')).toEqual([]);
  });
});

describe('stage scheduledRetrain', () => {
  const cadences = [1, 2, 4, 8] as const;
  const light = cadences.find((c) => trainingHoursPerMonth(c, ctx) <= signoffThresholdHours(sc) && c > 1);
  const heavy = cadences.find((c) => trainingHoursPerMonth(c, ctx) > signoffThresholdHours(sc));
  function onCadence(every: number | undefined, week: (every: number) => number): GameState {
    if (every === undefined) throw new Error('no cadence of that kind in this scenario');
    const s = after(fresh(SEED), { type: 'model.setCadence', data: { everyWeeks: every as 1 | 2 | 4 | 8 } }, ctx);
    return given(s, (d) => void (d.week = week(every)));
  }
  it('retrains on a cadence week: the ML time and training hours committed, then the retrain', () => {
    const events = whenWeekEnds(onCadence(light, (e) => e * 2));
    const i = types(events).indexOf('resources.committed');
    expect(events[i]?.data).toMatchObject({
      decision: 'model.setCadence',
      focus: 0,
      eng: 0,
      ml: sc.model.retrainMlWeeks,
      gpuHours: sc.gpu.trainingHoursPerRetrain,
      item: 'training',
      category: 'gpu',
    });
    expect(events[i + 1]?.type).toBe('model.retrained');
    expect(only(events, 'model.retrained').data.version).toBe(2);
  });
  it('does not retrain off the cadence', () => {
    const events = whenWeekEnds(onCadence(light, (e) => e * 2 + 1));
    expect(types(events).filter((t) => t.startsWith('model.retrain') || t === 'resources.committed')).toEqual([]);
  });
  it('skips the retrain when no ML engineer is free', () => {
    const s = given(
      onCadence(light, (e) => e * 2),
      (d) => void (d.used.ml = d.team.mlEngineers),
    );
    const events = whenWeekEnds(s);
    expect(ofType(events, 'model.retrained')).toEqual([]);
    expect(only(events, 'model.retrainSkipped').data.reason).toMatch(/ML/);
  });
  it('skips the retrain when the cadence needs a sign-off nobody gave', () => {
    const events = whenWeekEnds(onCadence(heavy, (e) => e * 2));
    expect(ofType(events, 'model.retrained')).toEqual([]);
    expect(only(events, 'model.retrainSkipped').data.reason).toMatch(/sign-off/);
  });
});

describe('stage driftEvents', () => {
  const dr = sc.drift;
  const dataOnly = weekWhere((w) => u('drift', w, 0) < dr.dataOnsetPerWeek && u('drift', w, 1) >= dr.conceptOnsetPerWeek, 'only data drift sets in');
  const calm = weekWhere((w) => u('drift', w, 0) >= dr.dataOnsetPerWeek && u('drift', w, 1) >= dr.conceptOnsetPerWeek, 'no drift sets in');
  const at = (w: number, recipe: (d: GameState) => void = () => undefined) =>
    given(fresh(SEED), (d) => {
      d.week = w;
      recipe(d as GameState);
    });
  it('data drift sets in when the week draws an onset', () => {
    expect(ofType(whenWeekEnds(at(dataOnly)), 'model.drifted')).toEqual([
      { type: 'model.drifted', data: { dataDrift: dr.dataRatePerWeek, conceptDrift: 0, dataOnset: true, conceptOnset: false } },
    ]);
  });
  it('drift under way keeps growing without a new onset', () => {
    const e = only(whenWeekEnds(at(calm, (d) => void (d.model.dataDrift = dr.dataRatePerWeek))), 'model.drifted');
    expect(e.data).toMatchObject({ conceptDrift: 0, dataOnset: false, conceptOnset: false });
    expect(e.data.dataDrift).toBeCloseTo(2 * dr.dataRatePerWeek, 6);
  });
  it('no drift event when none sets in, or when both kinds are at the cap', () => {
    expect(ofType(whenWeekEnds(at(calm)), 'model.drifted')).toEqual([]);
    const capped = at(dataOnly, (d) => void ((d.model.dataDrift = dr.maxPenalty), (d.model.conceptDrift = dr.maxPenalty)));
    expect(ofType(whenWeekEnds(capped), 'model.drifted')).toEqual([]);
  });
});

describe('stage shockEvents', () => {
  const k = sc.shocks;
  if (!k) throw new Error('the scenario has no shocks');
  const competitor = weekWhere((w) => u('shock', w, 0) < k.competitorPerWeek && u('shock', w, 1) >= k.winterPerWeek, 'only a competitor strikes');
  it('a competitor strikes when the week draws it, before the market moves', () => {
    const events = whenWeekEnds(given(fresh(SEED), (d) => void (d.week = competitor)));
    expect(ofType(events, 'shock.struck')).toEqual([
      { type: 'shock.struck', data: { kind: 'competitor', untilWeek: competitor + k.competitorWeeks, factor: k.competitorPullFactor, customersLost: 0 } },
    ]);
    expect(types(events).indexOf('shock.struck')).toBeLessThan(types(events).indexOf('market.moved'));
  });
  it('no second competitor while one is still in the market', () => {
    const s = given(fresh(SEED), (d) => void ((d.week = competitor), (d.shocks.competitorUntil = competitor)));
    expect(ofType(whenWeekEnds(s), 'shock.struck')).toEqual([]);
  });
  it('after fit a key customer can leave, taking a share of the customers', () => {
    const seed = 'world-shock'; // a seed whose table draws a key-customer loss at some week
    const w = findWeek(seed, 'shock', 2, (x) => x < k.keyChurnPerWeek, 2);
    expect(w, `seed ${seed} has a week that draws a key-customer loss`).not.toBeNull();
    const customers = sc.fit.minPayingCustomers * 2;
    const s = given(postFit(fresh(seed)), (d) => void ((d.week = w ?? 0), (d.market.customers = customers)));
    const lost = ofType(whenWeekEnds(s, seed), 'shock.struck').filter((e) => e.data.kind === 'keyCustomerLost');
    expect(lost).toHaveLength(1);
    expect(lost[0]?.data.customersLost).toBeCloseTo(customers * k.keyChurnShare, 6);
  });
});

describe('stage marketMove', () => {
  /** A pre-fit state whose market holds this week, one week short of the fit streak. */
  const segment = sc.segments.reduce((a, b) => (b.market > a.market ? b : a));
  const holding = given(fresh(SEED), (d) => {
    d.week = Math.min(10, sc.fit.deadlineWeek - 2);
    d.strategy.segment = segment.id;
    d.strategy.paradigm = sc.paradigms[0]?.id ?? null;
    for (const h of sc.hypotheses) d.world.truths[h.id] = true;
    d.world.segmentPull[segment.id] = 1;
    d.features = sc.features.map((f) => f.id);
    d.market.trust = 1;
    d.model.skill = sc.model.skillCap;
    d.market.customers = Math.min(segment.market, sc.fit.minPayingCustomers * 3);
    d.market.fitStreak = sc.fit.weeksRequired - 1;
  });
  it('moves the market exactly once a week, right before reliability is measured', () => {
    const events = whenWeekEnds(fresh(SEED));
    const e = only(events, 'market.moved');
    expect(events[events.indexOf(e) + 1]?.type).toBe('reliability.measured');
    // No segment chosen yet: nobody signs up and the streak stays at zero.
    expect(e.data).toMatchObject({ customers: 0, fitStreak: 0 });
    const s = fresh(SEED);
    expect(e.data.trust).toBeGreaterThanOrEqual(Math.min(s.market.trust, e.data.perceivedAccuracy));
    expect(e.data.trust).toBeLessThanOrEqual(Math.max(s.market.trust, e.data.perceivedAccuracy));
  });
  it('completes the fit streak but leaves the phase switch to the machine', () => {
    const events = whenWeekEnds(holding);
    expect(only(events, 'market.moved').data.fitStreak).toBe(sc.fit.weeksRequired);
    expect(types(events)).not.toContain('phase.switched');
  });
  it('grows the customer base faster after fit than before', () => {
    expect(sc.rules.market.preFitGrowthDivisor, 'pre-fit growth is divided down').toBeGreaterThan(1);
    const pre = only(whenWeekEnds(holding), 'market.moved').data.customers;
    const post = only(whenWeekEnds(postFit(holding)), 'market.moved').data.customers;
    expect(post).toBeGreaterThan(pre);
  });
});
