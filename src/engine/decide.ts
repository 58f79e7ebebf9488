import type { Decision, DecisionType } from './decisions.js';
import type { GameState } from './state.js';
import { ok, reject, type DecideResult, type Handler, type HandlerTable, type RuleContext } from './rules.js';
import { discoveryDecisions } from './systems/discovery.js';
import { modelDecisions } from './systems/model.js';
import { computeDecisions } from './systems/compute.js';
import { buildDecisions } from './systems/build.js';
import { companyDecisions } from './systems/company.js';
import { reliabilityDecisions } from './systems/reliability.js';
import { contractDecisions } from './systems/contracts.js';
import { worldEvents } from './world.js';

/* decide: validates one decision against the state and returns the events it causes or a
 * typed rejection. Turn order, crisis and game end are the machine's; this is the rest. */

const HANDLERS: HandlerTable<DecisionType> = {
  ...discoveryDecisions,
  ...modelDecisions,
  ...computeDecisions,
  ...buildDecisions,
  ...companyDecisions,
  ...reliabilityDecisions,
  ...contractDecisions,
  // Ending the week is decided by the world step: it returns the week's world events.
  'week.end': (s, _d, ctx) => ok(...worldEvents(s, ctx)),
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

/** Validates a decision and returns its events, or a rejection with a human reason. */
export function decide(s: GameState, d: Decision, ctx: RuleContext): DecideResult {
  if (s.phase === 'ended') return reject('ended', 'The game has ended.');
  const only = PHASE_ONLY[d.type];
  if (only && only.phase !== s.phase) return reject('phase', only.reason);
  const handler = HANDLERS[d.type] as Handler<typeof d.type>;
  return handler(s, d as never, ctx);
}
