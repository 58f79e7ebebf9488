import { startGame, type Game } from '../engine/game.js';
import { DecisionSchema, type Decision } from '../engine/decisions.js';
import type { Scenario } from '../scenarios/schema.js';
import { describeIssue, salvageArray } from './save-format.js';

/* Prefix recovery of a save that cannot be read whole: its decisions are taken one by one (from
 * the parsed JSON, or salvaged from a text cut off mid-write) and replayed on a new game until
 * the first that fails the decision schema or the rules. */

/** What a recovery gave: the game after the recovered decisions, how many of how many were
 *  found, and why it stopped before the end (null when every decision found replayed). */
export interface Recovery {
  game: Game;
  decisions: Decision[];
  found: number;
  stop: string | null;
}

/** The decisions a save's text still holds, read as far as they can be. */
export function decisionCandidates(text: string): unknown[] {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw === 'object' && raw !== null && 'decisions' in raw) {
      const list = (raw as { decisions: unknown }).decisions;
      return Array.isArray(list) ? list : [];
    }
    return [];
  } catch {
    return salvageArray(text, 'decisions');
  }
}

/** Replays the valid prefix of a save's decisions on a new game of the scenario and seed. */
export function recoverPrefix(text: string, sc: Scenario, seed: string): Recovery {
  const game = startGame(sc, seed);
  const candidates = decisionCandidates(text);
  const decisions: Decision[] = [];
  for (const [i, raw] of candidates.entries()) {
    const parsed = DecisionSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        game,
        decisions,
        found: candidates.length,
        stop: issue ? describeIssue({ ...issue, path: ['decisions', i, ...issue.path] }) : `decision ${i + 1} is not a decision`,
      };
    }
    const r = game.decide(parsed.data);
    if (!r.ok) return { game, decisions, found: candidates.length, stop: `decision ${i + 1} (${parsed.data.type}) is refused by the rules: ${r.rejection.reason}` };
    decisions.push(parsed.data);
  }
  return { game, decisions, found: candidates.length, stop: null };
}
