import type { Scenario } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import type { GameState } from '../engine/state.js';

/* What a bot sees and what it must answer. Bots get the player's view: the state without the
 * hidden world, plus the scenario (which a player can read too). */

/** The state as a player sees it: everything but the hidden world. */
export type PlayerView = Omit<GameState, 'world'>;

/** Strips the hidden world from a state. */
export function playerView(s: GameState): PlayerView {
  const { world: _hidden, ...visible } = s;
  return visible;
}

/** A bot's source of randomness (seeded per game; never the world's table). */
export type BotRandom = () => number;

/** A decision policy. */
export interface Bot {
  readonly name: string;
  readonly description: string;
  /** The decisions to try this week, in order; rejected ones are skipped. */
  plan(view: PlayerView, sc: Scenario, random: BotRandom): Decision[];
  /** The answer to an open incident (the week cannot end without one). */
  respond(view: PlayerView, sc: Scenario, incident: number, random: BotRandom): Decision;
}
