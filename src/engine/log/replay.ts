import type { Scenario } from '../../scenarios/schema.js';
import type { GameState } from '../state.js';
import { startGame, type Game } from '../game.js';
import { canonicalJson, hashOf } from '../hash.js';
import { ENGINE_VERSION } from '../version.js';
import { isDecisionLine, LOG_FORMAT, LOG_VERSION, type GameLog, type LogEntry, type LogHeader } from './format.js';
import type { ParsedLog } from './parse.js';
import { finalState, foldLog, frozenCopy } from './fold.js';

/* Replay folds recorded events into state (no rules, no draws). Verify re-plays the recorded
 * decisions through the real machine and demands the very same lines back. */

/** The header for a new log of a scenario and seed. */
export function makeHeader(sc: Scenario, scenarioHash: string, seed: string, meta: { player?: string; createdAt?: string; fork?: LogHeader['fork'] } = {}): LogHeader {
  return {
    kind: 'header',
    format: LOG_FORMAT,
    version: LOG_VERSION,
    engine: ENGINE_VERSION,
    scenario: { id: sc.id, version: sc.version, hash: scenarioHash },
    seed,
    ...(meta.player ? { player: meta.player } : {}),
    ...(meta.createdAt ? { createdAt: meta.createdAt } : {}),
    ...(meta.fork ? { fork: meta.fork } : {}),
  };
}

/** Folds a log's events into the state after week `week` (default: the end). */
export function replay(log: GameLog, sc: Scenario, week = Number.MAX_SAFE_INTEGER): GameState {
  return foldLog(log, sc, { state: finalState() }, { toWeek: week }).state;
}

/** Whether a scenario is the one a log was recorded with; a human reason when it is not. */
export function scenarioMismatch(header: LogHeader, sc: Scenario, scenarioHash: string): string | null {
  if (header.scenario.id !== sc.id) return `the log is for scenario "${header.scenario.id}", not "${sc.id}"`;
  if (header.scenario.hash !== scenarioHash) {
    return `the log was recorded with ${sc.id} version ${header.scenario.version} (hash ${header.scenario.hash.slice(0, 12)}…); this build has version ${sc.version} (hash ${scenarioHash.slice(0, 12)}…)`;
  }
  if (header.scenario.version !== sc.version) {
    return `the header says ${sc.id} version ${JSON.stringify(header.scenario.version)}, but the scenario its hash names (${scenarioHash.slice(0, 12)}…) is version ${sc.version}`;
  }
  return null;
}

/** Why a log's fork link points outside its own game, or null. A fork at week w re-plays its
 * parent's decisions before w, so the fork's log reaches at least week w - 1: w can be at most
 * one past its last week (its own last week once the game ended), and never past the scenario. */
export function forkOutside(log: GameLog, sc: Scenario): string | null {
  const fork = log.header.fork;
  if (!fork) return null;
  let last = 0;
  let ended = false;
  for (const e of log.entries) {
    if (e.kind === 'annotation') continue;
    if (e.week > last) last = e.week;
    if (e.kind === 'event' && e.type === 'game.ended') ended = true;
  }
  const most = Math.min(sc.weeks, ended ? last : last + 1);
  if (fork.week >= 1 && fork.week <= most) return null;
  return `the header's fork starts at week ${fork.week}, outside this game (it can start from week 1 to week ${most})`;
}

/** The outcome of verify: reproduced, or the first line that differs and how. */
export type VerifyResult =
  | {
      ok: true;
      lines: number;
      weeks: number;
      finalHash: string;
      /** How the game ended, or null when the log stops before an ending (an incomplete game). */
      ended: GameState['ended'];
      /** The last week the log's lines reach (0 with no lines). */
      lastWeek: number;
      states?: GameState[];
    }
  | { ok: false; line: number; expected: string; actual: string; message: string };

/** The sentence every report uses for a log whose game has no ending. */
export function incompleteText(lastWeek: number): string {
  return `the game stops at week ${lastWeek} without an ending: incomplete`;
}

const comparable = (e: LogEntry | undefined): string => (e === undefined ? '(nothing)' : canonicalJson(e));

/** Options of verify: `keepWeeks` also returns the states it passed through, frozen, by week
 * (index 0 the start, index w the state once week w's lines are read: what `weekStates` folds),
 * so a viewer can seek in them instead of folding the log again. */
export interface VerifyOptions {
  keepWeeks?: boolean;
}

/** Keeps a frozen copy of the game's state for every week up to `week` not yet kept. */
function keepUpTo(states: GameState[] | null, game: Game, week: number): void {
  if (!states) return;
  while (states.length <= week) states.push(frozenCopy(game.state()));
}

/** Re-simulates from the seed and the recorded decisions; reports the first differing line. */
export function verify(log: ParsedLog, sc: Scenario, options: VerifyOptions = {}): VerifyResult {
  const outside = forkOutside(log, sc);
  if (outside) return { ok: false, line: 1, expected: canonicalJson(log.header.fork ?? null), actual: outside, message: `line 1: ${outside}` };
  const game = startGame(sc, log.header.seed, { mode: 'bulk', record: true, checkpoints: true });
  const recorded = log.entries.filter((e) => e.kind !== 'annotation');
  const lineOf = log.lineOf.filter((_, i) => log.entries[i]?.kind !== 'annotation');
  const lastLine = (log.lineOf[log.lineOf.length - 1] ?? 1) + 1;
  const states: GameState[] | null = options.keepWeeks ? [] : null;
  keepUpTo(states, game, 0);
  for (let i = 0; i < recorded.length; i++) {
    const want = recorded[i] as LogEntry;
    const produced = game.entries();
    if (produced.length <= i && want.kind === 'event' && isDecisionLine(want)) {
      // Before a decision of week w, every earlier week's lines are all in.
      keepUpTo(states, game, want.week - 1);
      const r = game.decide({ type: want.type, data: want.data } as never);
      if (!r.ok)
        return {
          ok: false,
          line: lineOf[i] ?? 0,
          expected: comparable(want),
          actual: `rejected: ${r.rejection.reason}`,
          message: `the decision on line ${lineOf[i]} is rejected by the rules: ${r.rejection.reason}`,
        };
    }
    const got = game.entries()[i];
    if (comparable(got) !== comparable(want)) {
      return { ok: false, line: lineOf[i] ?? 0, expected: comparable(want), actual: comparable(got), message: `line ${lineOf[i]} differs from what the engine produces` };
    }
  }
  const extra = game.entries()[recorded.length];
  if (extra) return { ok: false, line: lastLine, expected: '(end of log)', actual: comparable(extra), message: `the log ends early: the engine produces more at line ${lastLine}` };
  const lastWeek = recorded.reduce((w, e) => Math.max(w, e.week), 0);
  keepUpTo(states, game, lastWeek);
  const s = game.state();
  return { ok: true, lines: recorded.length + 1, weeks: s.week, finalHash: hashOf(s), ended: s.ended ? { ...s.ended } : null, lastWeek, ...(states ? { states } : {}) };
}
