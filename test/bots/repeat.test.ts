import { describe, expect, it } from 'vitest';
import { repeatBots } from '../../src/bots/repeat.js';
import { playGame } from '../../src/bots/play.js';
import { getScenario, scenarioIds } from '../../src/scenarios/registry.js';

/* Balance target: no single decision repeated every week wins. */

describe('degenerate single-decision policies', () => {
  it('never win in any bundled scenario', () => {
    for (const id of scenarioIds()) {
      const sc = getScenario(id)!.scenario;
      const bots = repeatBots(sc);
      expect(bots.length).toBeGreaterThan(20);
      const winners: string[] = [];
      for (const bot of bots) {
        for (let i = 0; i < 8; i++) if (playGame(sc, `repeat-${i}`, bot, { record: false }).state().ended?.reason === 'won') winners.push(`${id} ${bot.name}`);
      }
      expect(winners).toEqual([]);
    }
  });
});
