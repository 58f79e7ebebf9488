import { describe, expect, it } from 'vitest';
import { BOTS } from '../../src/bots/index.js';
import { playGame } from '../../src/bots/play.js';
import { BEST_PLAY, luckOf, verdictOf } from '../../src/analysis/luck.js';
import { outcomeOf } from '../../src/analysis/value.js';
import type { Luck, Outcome } from '../../src/analysis/types.js';
import { botNamed, recordedLog, sc } from '../helpers.js';

/* Luck versus skill: the verdict tells a kind seed from good play and a hostile seed from poor
 * play, and luckOf compares the player with every reference bot on the log's own seed. */

const outcome = (ending: Outcome['ending'], value: number): Outcome => ({ ending, value, arr: 0, cash: 0, week: 50, fitWeek: null });
const refs = (best: Outcome, others: Outcome[]): Luck['references'] => [{ bot: BEST_PLAY, outcome: best }, ...others.map((o, i) => ({ bot: `other-${i}`, outcome: o }))];

describe('verdictOf', () => {
  const won = outcome('won', 90);
  const lost = outcome('noFit', 12);

  it('calls a win on a seed every bot won a kind seed, not good play', () => {
    const v = verdictOf(won, refs(outcome('won', 92), [outcome('won', 88), outcome('won', 85)]));
    expect(v).toMatch(/kind seed/i);
    expect(v).not.toMatch(/good play/i);
  });

  it('calls a win the reference policy could not get good play', () => {
    expect(verdictOf(won, refs(outcome('bankrupt', 5), [outcome('won', 85), outcome('won', 84)]))).toMatch(/^Good play/);
    expect(verdictOf(won, refs(outcome('won', 91), [lost, lost, lost]))).toMatch(/^Good play on a demanding seed/);
  });

  it('calls a loss where the reference policy lost too a hostile seed, and a loss it avoided poor play', () => {
    const hostile = verdictOf(lost, refs(outcome('noFit', 10), [lost, outcome('bankrupt', 1)]));
    expect(hostile).toMatch(/hostile seed/i);
    expect(hostile).not.toMatch(/poor play|below par/i);
    expect(verdictOf(lost, refs(outcome('noFit', 40), [lost]))).toMatch(/hostile seed, played below par/i);
    expect(verdictOf(lost, refs(outcome('won', 88), [lost]))).toMatch(/^Poor play/);
  });

  it('declines to judge a game that has not ended', () => {
    expect(verdictOf(outcome('playing', 20), refs(won, [lost]))).toMatch(/too early/i);
  });
});

describe('luckOf', () => {
  const references = Object.values(BOTS).map((b) => b.name);

  it('plays every reference bot on the log’s seed and compares the player with them', () => {
    const seed = 'k3';
    const played = recordedLog(seed, Number.MAX_SAFE_INTEGER, 'forever-scientist');
    const player = outcomeOf(played.game.state(), sc);
    const luck = luckOf({ header: played.header, entries: played.entries }, sc, player);
    expect(luck.player).toEqual(player);
    expect(references.length, 'no reference bots').toBeGreaterThan(1);
    expect(luck.references.map((r) => r.bot)).toEqual(references);
    const own = outcomeOf(playGame(sc, seed, botNamed(BEST_PLAY), { record: false }).state(), sc);
    expect(luck.references.find((r) => r.bot === BEST_PLAY)?.outcome).toEqual(own);
    const values = luck.references.map((r) => r.outcome.value);
    expect(luck.beat).toBeCloseTo(values.filter((v) => player.value >= v).length / values.length, 3);
    expect(luck.seedValue).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 1);
    expect(luck.againstPhaseAware).toBeCloseTo(player.value - own.value, 6);
    expect(luck.verdict.length).toBeGreaterThan(20);
  });

  it('tells a kind seed from a hostile one for the same (reference) play', () => {
    const verdictFor = (seed: string) => {
      const r = recordedLog(seed);
      return luckOf({ header: r.header, entries: r.entries }, sc, outcomeOf(r.game.state(), sc));
    };
    // On k3 the phase-aware bot and most archetypes win; on k2 every bot goes bankrupt.
    const kind = verdictFor('k3');
    const hostile = verdictFor('k2');
    expect(kind.player.ending, 'the phase-aware bot should win on k3').toBe('won');
    expect(hostile.references.length).toBeGreaterThan(0);
    expect(
      hostile.references.filter((r) => r.outcome.ending === 'won').map((r) => r.bot),
      'no bot should win on k2',
    ).toEqual([]);
    expect(kind.verdict).toMatch(/kind seed/i);
    expect(hostile.verdict).toMatch(/hostile seed/i);
    expect(kind.seedValue).toBeGreaterThan(hostile.seedValue);
    expect(kind.againstPhaseAware).toBe(0);
    expect(hostile.againstPhaseAware).toBe(0);
  });
});
