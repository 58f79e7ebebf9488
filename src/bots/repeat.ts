import type { Scenario } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import { initialState } from '../engine/state.js';
import { createWorldTable } from '../engine/rng.js';
import type { Bot } from './types.js';
import { candidateDecisions } from './random.js';
import { playerView } from './types.js';

/* Degenerate policies for the balance check "no single decision repeated every week wins":
 * one bot per menu item, trying that one decision every week and nothing else. */

/** A bot that tries the same decision every week (answering crises with a bare hotfix). */
export function repeatBot(decision: Decision): Bot {
  return {
    name: `repeat:${decision.type}:${JSON.stringify(decision.data)}`,
    description: `Tries ${decision.type} every week and nothing else.`,
    plan: () => [decision],
    respond: (_v, _sc, incident) => ({ type: 'incident.respond', data: { incident, action: 'hotfix', communicate: false, postmortem: false } }),
  };
}

/** One repeat bot per item on the week-one menu of a scenario. */
export function repeatBots(sc: Scenario): Bot[] {
  const start = playerView(initialState(sc, 'menu', createWorldTable('menu', 0)));
  return candidateDecisions(start, sc).map(repeatBot);
}
