import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import { initialState } from '../engine/state.js';
import { createWorldTable } from '../engine/rng.js';
import { evolve } from '../engine/evolve.js';
import { isDecisionLine, type DecisionLine, type GameLog } from '../engine/log/format.js';

/* Walking a log with the state as it stood at each line: the basis of every judgement the
 * debrief makes, so each flag can cite the figures the player was looking at. */

/** Calls `visit` for each player decision with the state just before it took effect. */
export function walkDecisions(log: GameLog, sc: Scenario, visit: (before: GameState, line: DecisionLine) => void): GameState {
  const state = initialState(sc, log.header.seed, createWorldTable(log.header.seed, 0));
  for (const e of log.entries) {
    if (e.kind !== 'event') continue;
    if (isDecisionLine(e)) visit(state, e);
    else evolve(state, e);
  }
  return state;
}

/** Calls `visit` for every engine event with the state just after it was applied. */
export function walkEvents(log: GameLog, sc: Scenario, visit: (after: GameState, type: string, data: unknown, week: number) => void): GameState {
  const state = initialState(sc, log.header.seed, createWorldTable(log.header.seed, 0));
  for (const e of log.entries) {
    if (e.kind !== 'event' || isDecisionLine(e)) continue;
    evolve(state, e);
    visit(state, e.type, e.data, e.week);
  }
  return state;
}
