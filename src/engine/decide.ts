import type { Decision, DecisionType } from './decisions.js';
import type { GameState } from './state.js';
import { committed, ok, reject, unaffordable, type DecideResult, type DecisionCost, type DecisionRule, type RuleContext, type RuleTable } from './rules.js';
import { discoveryRules } from './systems/discovery.js';
import { modelRules } from './systems/model.js';
import { computeRules } from './systems/compute.js';
import { buildRules } from './systems/build.js';
import { companyRules } from './systems/company.js';
import { reliabilityRules } from './systems/reliability.js';
import { contractRules } from './systems/contracts.js';
import { worldEvents } from './world.js';

/* decide: validates one decision against the state and returns the events it causes or a
 * typed rejection. The cost it charges is exactly costOf's, so every face that shows a cost
 * (cards, the forecast, bots, the debrief) reads the same number. Whether a decision may be
 * taken at all in the machine's current state (a crisis, an ended game) is the machine's. */

const RULES: RuleTable<Exclude<DecisionType, 'week.end'>> = {
  ...discoveryRules,
  ...modelRules,
  ...computeRules,
  ...buildRules,
  ...companyRules,
  ...reliabilityRules,
  ...contractRules,
};

/** Decisions that only make sense in one phase, with the reason given when tried in the other. */
const PHASE_ONLY: Partial<Record<DecisionType, { phase: 'preFit' | 'postFit'; reason: string }>> = {
  'strategy.target': { phase: 'preFit', reason: 'After fit the segment is set: switching would abandon the customers who confirmed it.' },
  'strategy.adopt': { phase: 'preFit', reason: 'After fit the paradigm is set: changing it would break what customers rely on.' },
  'paradigm.kill': { phase: 'preFit', reason: 'Killing paradigms is a pre-fit search move; after fit the product is the one customers bought.' },
  'strategy.position': { phase: 'preFit', reason: 'After fit the promise to customers is set: changing it would break the contracts and the pitch.' },
  'contract.sign': { phase: 'postFit', reason: 'Enterprise buyers only come once product–market fit is confirmed.' },
  'contract.decline': { phase: 'postFit', reason: 'There are no enterprise offers before fit.' },
};

/* The rule of a (non week-end) decision, typed for it. */
function ruleOf(d: Exclude<Decision, { type: 'week.end' }>): DecisionRule<typeof d.type> {
  return RULES[d.type] as DecisionRule<typeof d.type>;
}

/** The full cost of a decision in a state: what decide would charge, plus what it holds and
 * bills later. Null for ending the week and for a decision that names nothing that exists. */
export function costOf(s: GameState, d: Decision, ctx: RuleContext): DecisionCost | null {
  if (d.type === 'week.end') return null;
  return ruleOf(d).cost(s, d as never, ctx);
}

/** Validates a decision and returns its events, or a rejection with a human reason. */
export function decide(s: GameState, d: Decision, ctx: RuleContext): DecideResult {
  if (s.phase === 'ended') return reject('ended', 'The game has ended.');
  const only = PHASE_ONLY[d.type];
  if (only && only.phase !== s.phase) return reject('phase', only.reason);
  // Ending the week is decided by the world step: it returns the week's world events.
  if (d.type === 'week.end') return ok(...worldEvents(s, ctx));
  const rule = ruleOf(d);
  const refused = rule.check(s, d as never, ctx);
  if (refused) return { ok: false, rejection: refused };
  const cost = rule.cost(s, d as never, ctx);
  if (!cost) return reject('invalid', 'That decision names nothing in this scenario.');
  const short = rule.alwaysAffordable ? null : unaffordable(s, ctx, cost);
  if (short) return { ok: false, rejection: short };
  return ok(committed(d, cost), ...rule.effects(s, d as never, ctx, cost));
}
