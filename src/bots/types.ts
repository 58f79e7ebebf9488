import type { Scenario } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import type { GameState } from '../engine/state.js';

/* What a bot sees and what it must answer. Bots get the player's view: the state without the
 * hidden world, plus the scenario (which a player can read too). */

/** The state as a player sees it: everything but the hidden world. */
export type PlayerView = Omit<GameState, 'world'>;

/** Strips the hidden world from a state. (Every visible field is named: an object literal of a
 * fixed shape is several times faster to build than a rest copy, and the type checker fails it
 * if GameState gains a field this leaves out.) */
export function playerView(s: GameState): PlayerView {
  return {
    scenario: s.scenario,
    seed: s.seed,
    week: s.week,
    phase: s.phase,
    ended: s.ended,
    fitWeek: s.fitWeek,
    cash: s.cash,
    finance: s.finance,
    rounds: s.rounds,
    team: s.team,
    used: s.used,
    projects: s.projects,
    features: s.features,
    realtime: s.realtime,
    capabilities: s.capabilities,
    calibration: s.calibration,
    gpu: s.gpu,
    model: s.model,
    discovery: s.discovery,
    strategy: s.strategy,
    market: s.market,
    reliability: s.reliability,
    contracts: s.contracts,
    debt: s.debt,
    flags: s.flags,
    shocks: s.shocks,
    alignment: s.alignment,
  } satisfies Required<PlayerView>;
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
