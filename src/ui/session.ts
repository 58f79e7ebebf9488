import { z } from 'zod';
import { startGame, type Game } from '../engine/game.js';
import { costOf } from '../engine/decide.js';
import { DecisionSchema, type Decision } from '../engine/decisions.js';
import type { DecideResult, DecisionCost, Rejection } from '../engine/rules.js';
import { getScenario } from '../scenarios/registry.js';
import type { LoadedScenario } from '../scenarios/load.js';
import { makeHeader } from '../engine/log/replay.js';
import { serializeLog } from '../engine/log/parse.js';
import type { GameLog } from '../engine/log/format.js';
import type { GameParams } from './params.js';

/* A game in the browser: the library's game plus a save in localStorage that is replayed on
 * load, so a reload or a crash never loses a decision. */

const SaveSchema = z.strictObject({
  scenario: z.string(),
  seed: z.string(),
  player: z.string(),
  createdAt: z.string(),
  decisions: z.array(DecisionSchema),
  fork: z.strictObject({ parent: z.string().regex(/^[0-9a-f]{64}$/), week: z.number().int().min(1) }).optional(),
});
type Save = z.infer<typeof SaveSchema>;

// A fork keeps its own save, so playing it never overwrites the game it was forked from.
const keyOf = (p: GameParams) => `phase-shift:save:${p.scenario}:${p.seed}${p.fork ? `:fork:${p.fork.parent}:${p.fork.week}` : ''}`;

/** Writes the save of a game (as a Session would) so that the next Session of those params resumes
 *  from these decisions; used to continue a game from an opened log. */
export function writeSave(params: GameParams, createdAt: string, decisions: readonly Decision[], storage: Storage = localStorage): void {
  const save: Save = SaveSchema.parse({ scenario: params.scenario, seed: params.seed, player: params.player, createdAt, decisions, ...(params.fork ? { fork: params.fork } : {}) });
  storage.setItem(keyOf(params), JSON.stringify(save));
}

/** A running browser game with its save. */
export class Session {
  readonly game: Game;
  readonly loaded: LoadedScenario;
  private readonly save: Save;
  /** Problems met while resuming (a save that no longer replays), for the player to see. */
  readonly resumeNote: string | null;

  /** Starts the game of the params, resuming a saved game of the same scenario and seed. */
  constructor(
    readonly params: GameParams,
    private readonly storage: Storage = localStorage,
  ) {
    const loaded = getScenario(params.scenario);
    if (!loaded) throw new Error(`Unknown scenario "${params.scenario}".`);
    this.loaded = loaded;
    this.game = startGame(loaded.scenario, params.seed);
    const prior = this.readSave();
    this.save = {
      scenario: params.scenario,
      seed: params.seed,
      player: prior?.player || params.player,
      createdAt: prior?.createdAt ?? new Date().toISOString(),
      decisions: [],
      ...(params.fork ? { fork: params.fork } : {}),
    };
    this.resumeNote = prior ? this.replay(prior.decisions) : null;
  }

  private readSave(): Save | null {
    const text = this.storage.getItem(keyOf(this.params));
    if (!text) return null;
    try {
      const parsed = SaveSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private replay(decisions: Decision[]): string | null {
    for (const [i, d] of decisions.entries()) {
      const r = this.game.decide(d);
      if (!r.ok) return `The save stopped replaying at decision ${i + 1} (${r.rejection.reason}); the game resumes from there.`;
      this.save.decisions.push(d);
    }
    return null;
  }

  /** How many decisions the save holds. */
  get decisionCount(): number {
    return this.save.decisions.length;
  }

  /** The player name recorded in the log. */
  get player(): string {
    return this.save.player;
  }

  /** Sends a decision; an accepted one is saved at once. */
  decide(d: Decision): DecideResult {
    const r = this.game.decide(d);
    if (r.ok) {
      this.save.decisions.push(d);
      this.storage.setItem(keyOf(this.params), JSON.stringify(this.save));
    }
    return r;
  }

  /** Whether a decision would be accepted now (the machine's refusal first, then the rules'), without changing anything. */
  probe(d: Decision): Rejection | null {
    return this.game.probe(d);
  }

  /** What a decision would cost now: the engine's own figure, the one decide charges. */
  cost(d: Decision): DecisionCost | null {
    return costOf(this.game.state(), d, { sc: this.loaded.scenario, table: this.game.table });
  }

  /** The game's log so far (header plus every line). */
  log(): GameLog {
    const header = makeHeader(this.loaded.scenario, this.loaded.hash, this.params.seed, {
      ...(this.save.player ? { player: this.save.player } : {}),
      createdAt: this.save.createdAt,
      ...(this.params.fork ? { fork: this.params.fork } : {}),
    });
    return { header, entries: [...this.game.entries()] };
  }

  /** The log as JSON Lines. */
  logText(): string {
    return serializeLog(this.log());
  }

  /** Forgets the save of this game (a fresh start on the same seed). */
  forget(): void {
    this.storage.removeItem(keyOf(this.params));
  }
}
