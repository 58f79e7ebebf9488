import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { GameLog } from '../engine/log/format.js';
import { lastWeekOf } from '../engine/log/fork.js';
import { foldLog, weekStates } from '../engine/log/fold.js';

/* Week snapshots for the replay viewer: the one fold of a log keeps a frozen copy of the state
 * at the start and at the end of every week, so seeking to a week is an array lookup instead of
 * a fold from week 1. A viewer that has verified the log takes the same states from `verify`. */

/** The highest week any non-annotation line of the log reaches (0 for a log with no lines). */
export function lastLoggedWeek(log: GameLog): number {
  return log.entries.some((e) => e.kind !== 'annotation') ? lastWeekOf(log) : 0;
}

/** States by week: index 0 is the start of the game, index w the state after week w's lines
 *  (equal to `replay(log, sc, w)`), up to the last week the log reaches. Every state is frozen. */
export function weekSnapshots(log: GameLog, sc: Scenario): GameState[] {
  return foldLog(log, sc, { weeks: weekStates() }).weeks;
}

/** For each week w, how many log entries belong to weeks up to w (index 0: none), so a view can
 *  take `entries.slice(0, ends[w])` as "the log so far" without scanning. Annotations count
 *  where they sit. */
export function weekEnds(log: GameLog): number[] {
  const last = lastLoggedWeek(log);
  const ends: number[] = [0];
  let i = 0;
  for (let w = 1; w <= last; w++) {
    while (i < log.entries.length && (log.entries[i]?.kind === 'annotation' || (log.entries[i]?.week ?? 0) <= w)) i++;
    ends.push(i);
  }
  return ends;
}
