import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { charge, refuse, withOnDemand, type RuleContext, type RuleTable } from '../rules.js';
import { draw } from '../rng.js';
import { clamp, r6 } from '../num.js';
import { confusion, payingCustomers } from '../derive.js';
import { METHOD_IDS, type MethodId } from '../../scenarios/ids.js';
import type { Rules } from '../../scenarios/rules.js';
import { driftActive } from './model.js';

/* Discovery: experiments that move visible beliefs about hidden hypotheses, and the strategy
 * (segment, paradigm) that those beliefs should steer. */

/* A loss recorded as a negative change (never -0, which would not equal 0 in a test). */
const lost = (x: number): number => (x === 0 ? 0 : -x);

/** The rules of experiments and strategy: what each costs, when it is impossible, what it causes. */
export const discoveryRules: RuleTable<'experiment.run' | 'strategy.target' | 'strategy.adopt' | 'strategy.position' | 'paradigm.kill'> = {
  'experiment.run': {
    check: (s, d, ctx) => {
      const h = ctx.sc.hypotheses.find((x) => x.id === d.data.hypothesis);
      if (!h) return refuse('invalid', `There is no hypothesis "${d.data.hypothesis}" in this scenario.`);
      const m = ctx.sc.discovery.methods[d.data.method];
      if (s.discovery.running.some((r) => r.hypothesis === h.id && r.method === d.data.method))
        return refuse('invalid', `A ${m.name.toLowerCase()} on this hypothesis is already running.`);
      if (d.data.method === 'concierge' && h.about.kind === 'paradigm') {
        return refuse('prerequisite', 'A concierge test puts a person where the model would be, so it cannot show how users trust a model interface.');
      }
      if (m.needs === 'shippedFeature' && !s.features.some((f) => ctx.sc.features.find((x) => x.id === f)?.instrumented)) {
        return refuse('prerequisite', 'Implicit feedback needs a shipped, instrumented feature to watch.');
      }
      if (m.needs === 'users' && payingCustomers(s) < ctx.sc.fit.minPayingCustomers / 2) {
        return refuse('prerequisite', `An A/B test needs at least ${Math.ceil(ctx.sc.fit.minPayingCustomers / 2)} paying customers to split.`);
      }
      return null;
    },
    cost: (s, d, ctx) => {
      const m = ctx.sc.discovery.methods[d.data.method];
      const isolation = d.data.isolated && d.data.method === 'abTest' ? ctx.sc.rules.decisions.engWeeks.isolatedAbTest : 0;
      return withOnDemand(s, ctx, charge('experiments', 'experiments', { ...m.cost, engWeeks: m.cost.engWeeks + isolation }));
    },
    effects: (s, d, ctx) => {
      const isolated = d.data.isolated && d.data.method === 'abTest';
      const doneWeek = s.week + ctx.sc.discovery.methods[d.data.method].weeks - 1;
      return [{ type: 'experiment.started', data: { id: s.discovery.nextId, method: d.data.method, hypothesis: d.data.hypothesis, isolated, doneWeek } }];
    },
  },
  'strategy.target': {
    check: (s, d, ctx) => {
      if (!ctx.sc.segments.some((x) => x.id === d.data.segment)) return refuse('invalid', `There is no segment "${d.data.segment}".`);
      return s.strategy.segment === d.data.segment ? refuse('invalid', 'That segment is already the target.') : null;
    },
    cost: (s, _d, ctx) => {
      const r = ctx.sc.rules.decisions;
      if (s.strategy.segment === null) return charge('strategy', 'strategy', { focus: r.focus.firstStrategy });
      const change = ctx.sc.strategyChange;
      return charge('strategy', 'strategy', { focus: change.focus, cash: change.cash }, { trust: change.trustLoss, customers: r6(s.market.customers * r.pivot.customerLossShare) });
    },
    effects: (s, d, _ctx, cost) => [
      { type: 'strategy.targeted', data: { segment: d.data.segment, pivot: s.strategy.segment !== null, trustDelta: lost(cost.trust), customersLost: cost.customers } },
    ],
  },
  'strategy.adopt': {
    check: (s, d, ctx) => {
      if (!ctx.sc.paradigms.some((x) => x.id === d.data.paradigm)) return refuse('invalid', `There is no UI paradigm "${d.data.paradigm}".`);
      if (s.strategy.killed.includes(d.data.paradigm)) return refuse('invalid', 'That paradigm was killed; it cannot come back.');
      return s.strategy.paradigm === d.data.paradigm ? refuse('invalid', 'That paradigm is already in use.') : null;
    },
    cost: (s, _d, ctx) => {
      const r = ctx.sc.rules.decisions;
      if (s.strategy.paradigm === null) return charge('strategy', 'strategy', { focus: r.focus.firstStrategy });
      const change = ctx.sc.strategyChange;
      return charge('strategy', 'strategy', { focus: change.focus, engWeeks: r.engWeeks.paradigmPivot }, { trust: change.trustLoss * r.pivot.paradigmTrustShare });
    },
    effects: (s, d, _ctx, cost) => [{ type: 'strategy.adopted', data: { paradigm: d.data.paradigm, pivot: s.strategy.paradigm !== null, trustDelta: lost(cost.trust) } }],
  },
  'strategy.position': {
    check: (s, d, ctx) => {
      if (!(ctx.sc.valueProps ?? []).some((x) => x.id === d.data.valueProp)) return refuse('invalid', `There is no value proposition "${d.data.valueProp}" in this scenario.`);
      return s.strategy.valueProp === d.data.valueProp ? refuse('invalid', 'That is already the value proposition.') : null;
    },
    cost: (s, _d, ctx) => {
      const r = ctx.sc.rules.decisions;
      if (s.strategy.valueProp === null) return charge('strategy', 'strategy', { focus: r.focus.firstStrategy });
      const change = ctx.sc.strategyChange;
      return charge('strategy', 'strategy', { focus: change.focus }, { trust: change.trustLoss * r.pivot.valuePropTrustShare });
    },
    effects: (s, d, _ctx, cost) => [{ type: 'strategy.positioned', data: { valueProp: d.data.valueProp, pivot: s.strategy.valueProp !== null, trustDelta: lost(cost.trust) } }],
  },
  'paradigm.kill': {
    check: (s, d, ctx) => {
      if (!ctx.sc.paradigms.some((x) => x.id === d.data.paradigm)) return refuse('invalid', `There is no UI paradigm "${d.data.paradigm}".`);
      if (s.strategy.killed.includes(d.data.paradigm)) return refuse('invalid', 'That paradigm is already killed.');
      return s.strategy.killed.length + 1 >= ctx.sc.paradigms.length ? refuse('invalid', 'Killing it would leave no paradigm to build on.') : null;
    },
    cost: (_s, _d, ctx) => charge('strategy', 'strategy', { focus: ctx.sc.rules.decisions.focus.killParadigm }),
    effects: (_s, d) => [{ type: 'paradigm.killed', data: { paradigm: d.data.paradigm } }],
  },
};

/** Concludes the experiments due this week, drawing each result from its own keyed slot. */
export function concludeExperiments(s: GameState, ctx: RuleContext): GameEvent[] {
  const out: GameEvent[] = [];
  const drifting = driftActive(s, ctx.sc);
  const dr = ctx.sc.rules.discovery;
  for (const r of s.discovery.running) {
    if (r.doneWeek > s.week) continue;
    const hIndex = ctx.sc.hypotheses.findIndex((h) => h.id === r.hypothesis);
    const m = ctx.sc.discovery.methods[r.method];
    const truth = s.world.truths[r.hypothesis] === true;
    const confounded = r.method === 'abTest' && drifting && !r.isolated;
    // One slot per (hypothesis, method) pair: a row of METHOD_IDS.length slots per hypothesis.
    const u = draw(ctx.table, 'experiment', s.week, hIndex * METHOD_IDS.length + methodIndex(r.method));
    const pYes = confounded ? dr.confoundedYesChance : truth ? 1 - m.falseNo : m.falseYes;
    const supported = u < pYes;
    const before = s.discovery.beliefs.find((b) => b.id === r.hypothesis)?.belief ?? dr.unknownBelief;
    const belief = update(before, m.strength, supported, dr);
    const status = belief >= ctx.sc.discovery.validateAt ? 'validated' : belief <= ctx.sc.discovery.invalidateAt ? 'invalidated' : 'open';
    const exposed = m.trustRisk > 0 && draw(ctx.table, 'exposure', s.week, hIndex) < m.trustRisk;
    const trustDelta = exposed ? -r6(m.trustRisk * (1 - confusion(s, ctx.sc).perceivedAccuracy) * dr.exposureTrustFactor) : 0;
    out.push({ type: 'experiment.concluded', data: { id: r.id, method: r.method, hypothesis: r.hypothesis, supported, confounded, belief, status, labels: m.labels, trustDelta } });
  }
  return out;
}

function methodIndex(m: MethodId): number {
  return METHOD_IDS.indexOf(m);
}

/* Odds-form Bayes update with the method's nominal likelihood ratio: rational arithmetic only.
 * The displayed belief trusts the method's reputation; a biased method misleads it for real. */
function update(prior: number, strength: number, supported: boolean, dr: Rules['discovery']): number {
  const lr = supported ? strength : 1 / strength;
  return r6(clamp((prior * lr) / (prior * lr + (1 - prior)), dr.beliefFloor, dr.beliefCeiling));
}
