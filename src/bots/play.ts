import alea from 'seedrandom/lib/alea';
import type { Scenario } from '../scenarios/schema.js';
import { startGame, type Game, type GameOptions } from '../engine/game.js';
import { openIncidents } from '../engine/derive.js';
import { playerView, type Bot, type BotRandom } from './types.js';

/* Plays a bot through a whole game on the real machine: its plan each week, a response to
 * each crisis, then the end of the week, until the machine says the game is over. */

/** A bot's own random stream: seeded by game seed and bot name, separate from the world. */
export function botRandom(seed: string, bot: string): () => number {
  return alea(`bot:${bot}:${seed}`);
}

/** Plays one full game and returns the finished game. */
export function playGame(sc: Scenario, seed: string, bot: Bot, options: GameOptions = {}): Game {
  const game = startGame(sc, seed, { mode: 'bulk', ...options });
  return playOn(game, bot, botRandom(seed, bot.name));
}

/** Lets a bot play an already running game to its end (counterfactual branches, forks). */
export function playOn(game: Game, bot: Bot, random: BotRandom): Game {
  const sc = game.scenario;
  const guard = sc.weeks * 4 + 10;
  for (let turn = 0; turn < guard && game.state().phase !== 'ended'; turn++) {
    for (let tries = 0; tries < 20 && game.status() === 'postFit.crisis'; tries++) {
      const inc = openIncidents(game.state())[0];
      if (!inc) break;
      const r = game.decide(bot.respond(playerView(game.state()), sc, inc.id, random));
      if (!r.ok) game.decide({ type: 'incident.respond', data: { incident: inc.id, action: 'hotfix', communicate: false, postmortem: false } });
    }
    for (const d of bot.plan(playerView(game.state()), sc, random)) game.decide(d);
    game.decide({ type: 'week.end', data: {} });
  }
  return game;
}
