import type { Decision } from '../decisions.js';
import { sha256Hex } from '../hash.js';
import { isDecisionLine, type GameLog, type LogHeader } from './format.js';
import { serializeLog } from './parse.js';

/* Forks ("Play from here"): a new game on the same seed that replays its parent's decisions up
 * to a week and then goes its own way. The fork's header names the parent by the hash of its
 * facts, so annotating the parent later does not break the link. */

/** The hash of a log's facts: the header and every line except annotations. */
export function factsHash(log: GameLog): string {
  return sha256Hex(serializeLog({ header: log.header, entries: log.entries.filter((e) => e.kind !== 'annotation') }));
}

/** The last week a log reaches (1 for a log with no lines yet). */
export function lastWeekOf(log: GameLog): number {
  let week = 1;
  for (const e of log.entries) if (e.kind !== 'annotation' && e.week > week) week = e.week;
  return week;
}

/** Why a log cannot be forked at a week, or null when it can. */
export function forkProblem(log: GameLog, week: number): string | null {
  if (!Number.isInteger(week) || week < 1) return `the fork week must be a whole number from 1; got ${week}`;
  const last = lastWeekOf(log);
  if (week > last) return `the log reaches week ${last}; it cannot be forked at week ${week}`;
  return null;
}

/** The player's decisions before `week`, in order: what a fork re-plays before it diverges. */
export function decisionsBefore(log: GameLog, week: number): Decision[] {
  const out: Decision[] = [];
  for (const e of log.entries) {
    if (e.kind !== 'event' || e.week >= week || !isDecisionLine(e)) continue;
    out.push({ type: e.type, data: e.data } as Decision);
  }
  return out;
}

/** The fork's link to its parent, for the new log's header. */
export function forkLink(parent: GameLog, week: number): NonNullable<LogHeader['fork']> {
  return { parent: factsHash(parent), week };
}
