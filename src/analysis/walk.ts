import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { DecisionLine, GameLog } from '../engine/log/format.js';
import { finalState, foldLog } from '../engine/log/fold.js';

/* Walking a log's decisions with the state as it stood at each: the basis of every judgement the
 * debrief makes, so each flag can cite the figures the player was looking at. A thin use of the
 * one fold (`foldLog`); a caller that needs more than the decisions writes a projection instead. */

/** Calls `visit` for each player decision with the state just before it took effect; returns the final state. */
export function walkDecisions(log: GameLog, sc: Scenario, visit: (before: GameState, line: DecisionLine) => void): GameState {
  return foldLog(log, sc, { final: finalState(), visit: { onDecision: visit, result: () => undefined } }).final;
}
