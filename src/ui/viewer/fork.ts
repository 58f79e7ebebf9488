import { decisionsBefore, forkLink, forkProblem } from '../../engine/log/fork.js';
import { paramsQuery, type GameParams } from '../params.js';
import { writeSave } from '../session.js';
import type { OpenedLog } from './loading.js';

/* "Play from here": a new game on the log's seed whose header names the parent log and the week;
 * the parent's decisions before that week are saved as the fork's own save (never the
 * player's original one), so the game screen replays them and the coach plays on live. */

/** The game parameters of a fork of a log at a week. */
export function forkParams(log: OpenedLog, week: number): GameParams {
  const { header } = log.facts;
  return { scenario: header.scenario.id, seed: header.seed, player: header.player ?? '', fork: forkLink(log.facts, week) };
}

/** Writes the fork's save and returns the URL of its game, or the reason it cannot be forked. */
export function prepareFork(log: OpenedLog, week: number): { ok: true; url: string } | { ok: false; reason: string } {
  const problem = forkProblem(log.facts, week);
  if (problem) return { ok: false, reason: problem };
  if (log.facts.header.seed.trim() !== log.facts.header.seed)
    return { ok: false, reason: 'the seed in the log has leading or trailing spaces, which the game screen does not accept' };
  const params = forkParams(log, week);
  try {
    writeSave(params, new Date().toISOString(), decisionsBefore(log.facts, week));
  } catch (e) {
    return { ok: false, reason: `the fork could not be saved in this browser (${e instanceof Error ? e.message : String(e)})` };
  }
  return { ok: true, url: `./${paramsQuery(params)}` };
}
