import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { committed, costOf, ok, reject, unaffordable, withGpuOverage, type HandlerTable, type RuleContext } from '../rules.js';
import { draw } from '../rng.js';
import { clamp, r6 } from '../num.js';
import { confusion, payingCustomers } from '../derive.js';
import { METHOD_IDS, type MethodId } from '../../scenarios/ids.js';
import type { Rules } from '../../scenarios/rules.js';
import { driftActive } from './model.js';

/* Discovery: experiments that move visible beliefs about hidden hypotheses, and the strategy
 * (segment, paradigm) that those beliefs should steer. */

/** Decision handlers for experiments and strategy. */
export const discoveryDecisions: HandlerTable<'experiment.run' | 'strategy.target' | 'strategy.adopt' | 'strategy.position' | 'paradigm.kill'> = {
  'experiment.run': (s, d, ctx) => {
    const h = ctx.sc.hypotheses.find((x) => x.id === d.data.hypothesis);
    if (!h) return reject('invalid', `There is no hypothesis "${d.data.hypothesis}" in this scenario.`);
    const m = ctx.sc.discovery.methods[d.data.method];
    if (s.discovery.running.some((r) => r.hypothesis === h.id && r.method === d.data.method)) {
      return reject('invalid', `A ${m.name.toLowerCase()} on this hypothesis is already running.`);
    }
    if (d.data.method === 'concierge' && h.about.kind === 'paradigm') {
      return reject('prerequisite', 'A concierge test puts a person where the model would be, so it cannot show how users trust a model interface.');
    }
    if (m.needs === 'shippedFeature' && !s.features.some((f) => ctx.sc.features.find((x) => x.id === f)?.instrumented)) {
      return reject('prerequisite', 'Implicit feedback needs a shipped, instrumented feature to watch.');
    }
    if (m.needs === 'users' && payingCustomers(s) < ctx.sc.fit.minPayingCustomers / 2) {
      return reject('prerequisite', `An A/B test needs at least ${Math.ceil(ctx.sc.fit.minPayingCustomers / 2)} paying customers to split.`);
    }
    const cost = d.data.isolated && d.data.method === 'abTest' ? costOf({ ...m.cost, engWeeks: m.cost.engWeeks + 1 }) : m.cost;
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    const id = s.discovery.nextId;
    return ok(
      committed(d, withGpuOverage(s, ctx, cost), 'experiments', 'experiments'),
      { type: 'experiment.started', data: { id, method: d.data.method, hypothesis: h.id, isolated: d.data.isolated && d.data.method === 'abTest', doneWeek: s.week + m.weeks - 1 } },
    );
  },
  'strategy.target': (s, d, ctx) => {
    if (!ctx.sc.segments.some((x) => x.id === d.data.segment)) return reject('invalid', `There is no segment "${d.data.segment}".`);
    if (s.strategy.segment === d.data.segment) return reject('invalid', 'That segment is already the target.');
    const pivot = s.strategy.segment !== null;
    const cost = pivot ? costOf({ focus: ctx.sc.strategyChange.focus, cash: ctx.sc.strategyChange.cash }) : costOf({ focus: 1 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'strategy', 'strategy'), {
      type: 'strategy.targeted',
      data: { segment: d.data.segment, pivot, trustDelta: pivot ? -ctx.sc.strategyChange.trustLoss : 0, customersLost: pivot ? r6(s.market.customers * 0.5) : 0 },
    });
  },
  'strategy.adopt': (s, d, ctx) => {
    if (!ctx.sc.paradigms.some((x) => x.id === d.data.paradigm)) return reject('invalid', `There is no UI paradigm "${d.data.paradigm}".`);
    if (s.strategy.killed.includes(d.data.paradigm)) return reject('invalid', 'That paradigm was killed; it cannot come back.');
    if (s.strategy.paradigm === d.data.paradigm) return reject('invalid', 'That paradigm is already in use.');
    const pivot = s.strategy.paradigm !== null;
    const cost = pivot ? costOf({ focus: ctx.sc.strategyChange.focus, engWeeks: 1 }) : costOf({ focus: 1 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'strategy', 'strategy'), { type: 'strategy.adopted', data: { paradigm: d.data.paradigm, pivot, trustDelta: pivot ? -ctx.sc.strategyChange.trustLoss / 2 : 0 } });
  },
  'strategy.position': (s, d, ctx) => {
    if (!(ctx.sc.valueProps ?? []).some((x) => x.id === d.data.valueProp)) return reject('invalid', `There is no value proposition "${d.data.valueProp}" in this scenario.`);
    if (s.strategy.valueProp === d.data.valueProp) return reject('invalid', 'That is already the value proposition.');
    const pivot = s.strategy.valueProp !== null;
    const cost = pivot ? costOf({ focus: ctx.sc.strategyChange.focus }) : costOf({ focus: 1 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'strategy', 'strategy'), { type: 'strategy.positioned', data: { valueProp: d.data.valueProp, pivot, trustDelta: pivot ? -ctx.sc.strategyChange.trustLoss / 2 : 0 } });
  },
  'paradigm.kill': (s, d, ctx) => {
    if (!ctx.sc.paradigms.some((x) => x.id === d.data.paradigm)) return reject('invalid', `There is no UI paradigm "${d.data.paradigm}".`);
    if (s.strategy.killed.includes(d.data.paradigm)) return reject('invalid', 'That paradigm is already killed.');
    if (s.strategy.killed.length + 1 >= ctx.sc.paradigms.length) return reject('invalid', 'Killing it would leave no paradigm to build on.');
    const cost = costOf({ focus: 1 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'strategy', 'strategy'), { type: 'paradigm.killed', data: { paradigm: d.data.paradigm } });
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
