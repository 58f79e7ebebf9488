import type { Scenario } from '../../scenarios/schema.js';
import type { Decision } from '../decisions.js';
import type { Actor, GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { hashOf } from '../hash.js';
import { arr } from '../derive.js';
import type { LogEntry } from './format.js';

/* Writing a log as a game runs: numbered event lines and, by the log's own rule, a checkpoint
 * line with the state hash whenever a week closes or the game ends. */

/** Which recorded events are followed by a checkpoint: the close of a week and the game's end. */
export function endsACheckpointedStep(e: GameEvent): boolean {
  return e.type === 'week.closed' || e.type === 'game.ended';
}

/** The checkpoint line for the week that just closed (or the week the game ended in). */
export function checkpointOf(s: GameState, sc: Scenario): LogEntry {
  const week = s.phase === 'ended' ? s.week : s.week - 1;
  return { kind: 'checkpoint', week, hash: hashOf(s), phase: s.phase, cash: s.cash, arr: arr(s, sc) };
}

/** Receives every accepted decision and every event, in order, and keeps the log body. */
export interface LogRecorder {
  /** Whether lines are kept at all (bulk play may keep none). */
  readonly keeps: boolean;
  /** Records a decision or event line as it happens, in the week it happens in. */
  line(by: Actor, entry: Decision | GameEvent, week: number): void;
  /** Called after an event is applied; adds the checkpoint the log's rule asks for. */
  applied(e: GameEvent, after: GameState): void;
  /** The log body so far. */
  readonly lines: readonly LogEntry[];
}

/** A recorder keeping lines (and checkpoints, unless turned off), or one that keeps nothing. */
export function logRecorder(sc: Scenario, options: { record: boolean; checkpoints: boolean }): LogRecorder {
  const lines: LogEntry[] = [];
  if (!options.record) return { keeps: false, line: () => undefined, applied: () => undefined, lines };
  let seq = 0;
  return {
    keeps: true,
    lines,
    line(by, entry, week) {
      seq += 1;
      lines.push({ kind: 'event', seq, week, by, type: entry.type, data: entry.data } as LogEntry);
    },
    applied(e, after) {
      if (options.checkpoints && endsACheckpointedStep(e)) lines.push(checkpointOf(after, sc));
    },
  };
}
