import type { Scenario } from '../scenarios/schema.js';
import type { GameLog } from '../engine/log/format.js';
import { createWorldTable } from '../engine/rng.js';
import { BOTS } from '../bots/index.js';
import { playGame } from '../bots/play.js';
import type { Luck, Outcome } from './types.js';
import { outcomeOf } from './value.js';

/* Luck versus skill: the same seed played by every reference bot (the phase-aware policy, the
 * misaligned archetypes and random) shows how generous the world was, so a debrief can tell a
 * kind seed from good play and a hostile seed from bad play. */

/** The bot whose result stands for good play on a seed. */
export const BEST_PLAY = 'phase-aware';
/** Share of reference bots that must win for a seed to count as kind. */
export const KIND_SEED_SHARE = 0.5;

const tenth = (x: number): number => Math.round(x * 10) / 10;

/** The one-sentence verdict that separates a lucky or hostile seed from good or poor play. */
export function verdictOf(player: Outcome, references: Luck['references']): string {
  const n = references.length;
  const winners = references.filter((r) => r.outcome.ending === 'won').length;
  const best = references.find((r) => r.bot === BEST_PLAY)?.outcome;
  const bestWon = best?.ending === 'won';
  const kind = n > 0 && winners / n >= KIND_SEED_SHARE;
  if (player.ending === 'playing') return `Too early to tell luck from skill: the game has not ended (${winners} of ${n} reference bots won this seed).`;
  if (player.ending === 'won') {
    if (!bestWon) return 'Good play: the player won a seed on which the phase-aware reference policy did not.';
    if (kind) return `A kind seed: the player won, but so did ${winners} of ${n} reference bots, so the win says more about the seed than the play.`;
    return `Good play on a demanding seed: the player won where only ${winners} of ${n} reference bots did.`;
  }
  if (bestWon) return 'Poor play: the phase-aware reference policy won this same seed, so it was winnable.';
  if (best && player.value >= best.value) {
    return `A hostile seed: no win for the player, but the phase-aware reference policy did no better (${winners} of ${n} reference bots won).`;
  }
  return `A hostile seed, played below par: the phase-aware reference policy did not win either, but it got further than the player (${winners} of ${n} reference bots won).`;
}

/** Luck versus skill: every reference bot on the log's seed against the player's outcome. */
export function luckOf(log: GameLog, sc: Scenario, player: Outcome): Luck {
  const seed = log.header.seed;
  const table = createWorldTable(seed, sc.weeks);
  const references = Object.values(BOTS)
    .filter((bot) => !bot.name.startsWith('repeat:'))
    .map((bot) => ({
      bot: bot.name,
      outcome: outcomeOf(playGame(sc, seed, bot, { record: false, checkpoints: false, table }).state(), sc),
    }));
  const n = references.length;
  const beat = n > 0 ? references.filter((r) => player.value >= r.outcome.value).length / n : 0;
  const seedValue = n > 0 ? tenth(references.reduce((sum, r) => sum + r.outcome.value, 0) / n) : 0;
  const best = references.find((r) => r.bot === BEST_PLAY)?.outcome.value ?? seedValue;
  return {
    player,
    references,
    beat: Math.round(beat * 1000) / 1000,
    seedValue,
    againstPhaseAware: tenth(player.value - best),
    verdict: verdictOf(player, references),
  };
}
