import { describe, expect, it } from 'vitest';
import { repeatBots } from '../../src/bots/repeat.js';
import { playGame } from '../../src/bots/play.js';
import { getScenario, scenarioIds } from '../../src/scenarios/registry.js';
import { FULL } from '../helpers.js';

/* Balance target: no single decision repeated every week wins. The fast run plays every repeat
 * bot of every bundled scenario once, the seeds rotating through the bots; PHASE_SHIFT_FULL=1
 * (npm run test:full) plays every bot on every seed. */

const SEEDS = 8;

describe('degenerate single-decision policies', () => {
  it(`never win in any bundled scenario (${FULL ? 'every seed per bot' : 'one seed per bot'})`, () => {
    const ids = scenarioIds();
    expect(ids.length, 'no bundled scenarios found').toBeGreaterThan(0);
    const winners: string[] = [];
    let games = 0;
    let expected = 0;
    for (const id of ids) {
      const sc = getScenario(id)!.scenario;
      const bots = repeatBots(sc);
      expect(bots.length, `${id} should offer more than 20 week-one decisions`).toBeGreaterThan(20);
      expected += bots.length * (FULL ? SEEDS : 1);
      bots.forEach((bot, b) => {
        const seeds = FULL ? [...Array(SEEDS).keys()] : [b % SEEDS];
        for (const i of seeds) {
          games += 1;
          if (playGame(sc, `repeat-${i}`, bot, { record: false }).state().ended?.reason === 'won') winners.push(`${id} ${bot.name} repeat-${i}`);
        }
      });
    }
    expect(games).toBe(expected);
    expect(winners).toEqual([]);
  });
});
