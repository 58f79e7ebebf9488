import { describe, expect, it } from 'vitest';
import { getScenario } from '../../src/scenarios/registry.js';
import { startGame } from '../../src/engine/game.js';
import { forecastWeek } from '../../src/engine/forecast.js';
import { getBot } from '../../src/bots/index.js';
import { playerView } from '../../src/bots/types.js';
import { botRandom } from '../../src/bots/play.js';
import { openIncidents } from '../../src/engine/derive.js';

/* The live forecast must be what ending the week actually does: same rules, a private copy. */

describe('forecastWeek', () => {
  it('predicts the cash and GPU use that ending the week produces, without touching the state', () => {
    const sc = getScenario('devtools-codegen')!.scenario;
    const game = startGame(sc, 'forecast-1');
    const bot = getBot('phase-aware')!;
    const random = botRandom('forecast-1', bot.name);
    let checked = 0;
    let gpuChecked = 0;
    for (let w = 0; w < 60 && game.state().phase !== 'ended'; w++) {
      for (let i = 0; i < 5 && game.status() === 'postFit.crisis'; i++) {
        game.decide(bot.respond(playerView(game.state()), sc, openIncidents(game.state())[0]!.id, random));
      }
      for (const d of bot.plan(playerView(game.state()), sc, random)) game.decide(d);
      const before = game.state();
      const f = forecastWeek(before, { sc, table: game.table });
      expect(game.state()).toBe(before);
      game.decide({ type: 'week.end', data: {} });
      const after = game.state();
      expect(f.cash).toBe(after.cash);
      expect(f.cashDelta).toBe(after.cash - before.cash);
      expect(f.revenue).toBe(after.finance.lastRevenue);
      if (after.gpu.monthUsed > 0) {
        expect(f.gpuMonthUsed).toBe(after.gpu.monthUsed);
        gpuChecked += 1;
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
    expect(gpuChecked, 'no week used GPU hours: the GPU forecast went unchecked').toBeGreaterThan(0);
  });
});
