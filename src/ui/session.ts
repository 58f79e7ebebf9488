import { startGame, type Game } from '../engine/game.js';
import { costOf } from '../engine/decide.js';
import type { Decision } from '../engine/decisions.js';
import type { DecideResult, DecisionCost, Rejection } from '../engine/rules.js';
import { getScenario } from '../scenarios/registry.js';
import type { LoadedScenario } from '../scenarios/load.js';
import { makeHeader } from '../engine/log/replay.js';
import { serializeLog } from '../engine/log/parse.js';
import type { GameLog } from '../engine/log/format.js';
import type { GameParams } from './params.js';
import { headerMeta, makeSave, type Save } from './save-format.js';
import { keepAside, readSlot, saveKey } from './save-store.js';
import { recoverPrefix } from './save-recover.js';

/* A game in the browser: the library's game plus a save in localStorage that is replayed on
 * load, so a reload or a crash never loses a decision. A save that cannot be read (or stops
 * replaying) is kept aside and left untouched until the player chooses what to do with it. */

export { writeSave } from './save-store.js';

/** A save this session could not resume: its text, why, and the backup it was copied to. */
export interface SaveProblem {
  text: string;
  reason: string;
  future: boolean;
  /** The backup key holding the text (null when the browser refused to store it). */
  backupKey: string | null;
}

/** What "recover" gave back: how many decisions replayed of how many were found, and why it stopped. */
export interface RecoveryReport {
  recovered: number;
  found: number;
  stop: string | null;
}

/** A running browser game with its save. */
export class Session {
  private current: Game;
  readonly loaded: LoadedScenario;
  private save: Save;
  /** Problems met while resuming, for the player to see. */
  resumeNote: string | null = null;
  /** The save that could not be resumed, until the player chooses what to do with it. */
  problem: SaveProblem | null = null;
  /** Why this tab may not write the save (another tab holds the game), or null. */
  readOnly: string | null = null;
  /** Why the last accepted decision could not be written, or null. */
  writeError: string | null = null;
  /** The save text this session last read or wrote: a different one in storage means another tab wrote. */
  private known: string | null = null;

  /** Starts the game of the params, resuming a saved game of the same scenario and seed. */
  constructor(
    readonly params: GameParams,
    private readonly storage: Storage = localStorage,
  ) {
    const loaded = getScenario(params.scenario);
    if (!loaded) throw new Error(`Unknown scenario "${params.scenario}".`);
    this.loaded = loaded;
    this.current = startGame(loaded.scenario, params.seed);
    this.save = this.fresh();
    this.resume();
  }

  /** The game being played. */
  get game(): Game {
    return this.current;
  }

  private fresh(createdAt = new Date().toISOString(), player = this.params.player): Save {
    return makeSave({ scenario: this.params.scenario, seed: this.params.seed, player, createdAt, ...(this.params.fork ? { fork: this.params.fork } : {}), decisions: [] });
  }

  /** Reads the save slot and replays it; an unreadable one becomes the session's problem. */
  private resume(): void {
    this.known = this.storage.getItem(saveKey(this.params));
    const slot = readSlot(this.storage, this.params);
    if (slot.kind === 'empty') return;
    if (slot.kind === 'unreadable') return this.setProblem(slot.text, slot.reason, slot.future);
    this.save = this.fresh(slot.save.createdAt, slot.save.player ?? this.params.player);
    for (const [i, d] of slot.save.decisions.entries()) {
      const r = this.current.decide(d);
      if (!r.ok) return this.setProblem(slot.text, `decision ${i + 1} (${d.type}) no longer replays: ${r.rejection.reason}`, false);
      this.save.decisions.push(d);
    }
    this.resumeNote = slot.notes.length ? `Resumed your game: ${this.save.decisions.length} decisions replayed. ${slot.notes.join(' ')}` : null;
  }

  private setProblem(text: string, reason: string, future: boolean): void {
    this.current = startGame(this.loaded.scenario, this.params.seed);
    this.save = this.fresh();
    this.problem = { text, reason, future, backupKey: keepAside(this.storage, saveKey(this.params), text) };
    this.resumeNote = `Your saved game could not be resumed: ${reason}. It is kept aside; choose what to do with it.`;
  }

  /** Re-reads the save from storage (after this tab takes the game over from another one). */
  reload(): void {
    this.current = startGame(this.loaded.scenario, this.params.seed);
    this.save = this.fresh();
    this.problem = null;
    this.resumeNote = null;
    this.resume();
  }

  /** Replaces the unreadable save with the valid prefix of its decisions (its backup stays). */
  recover(): RecoveryReport {
    if (!this.problem) throw new Error('there is no unreadable save to recover');
    if (this.readOnly) throw new Error(this.readOnly);
    const r = recoverPrefix(this.problem.text, this.loaded.scenario, this.params.seed);
    this.write({ ...this.save, decisions: r.decisions });
    this.current = r.game;
    this.save = { ...this.save, decisions: r.decisions };
    this.problem = null;
    return { recovered: r.decisions.length, found: r.found, stop: r.stop };
  }

  /** Starts the game over on the same seed; the unreadable save's backup stays. */
  startFresh(): void {
    if (!this.problem) throw new Error('there is no unreadable save to set aside');
    if (this.readOnly) throw new Error(this.readOnly);
    if (!this.problem.backupKey) throw new Error('the unreadable save could not be kept as a backup; download it first');
    this.storage.removeItem(saveKey(this.params));
    this.known = null;
    this.problem = null;
  }

  private write(save: Save): void {
    const text = JSON.stringify(save);
    this.storage.setItem(saveKey(this.params), text);
    this.known = text;
  }

  /** Compare-and-set guard (also where Web Locks are missing): a save changed since this tab read
   *  it was written by another tab, so this one turns read-only instead of overwriting it. */
  private changedElsewhere(): Rejection | null {
    if (this.storage.getItem(saveKey(this.params)) === this.known) return null;
    this.readOnly = 'Another tab saved this game after this tab opened it, so this tab is read-only now; reload it to continue from that save.';
    return { code: 'invalid', reason: this.readOnly };
  }

  /** How many decisions the save holds. */
  get decisionCount(): number {
    return this.save.decisions.length;
  }

  /** The player name recorded in the log. */
  get player(): string {
    return this.save.player ?? '';
  }

  /** Why no decision may be sent now (read-only tab, or an unreadable save awaiting a choice). */
  private blocked(): Rejection | null {
    if (this.readOnly) return { code: 'invalid', reason: this.readOnly };
    if (this.problem) return { code: 'invalid', reason: 'first choose what to do with the saved game that could not be read' };
    return null;
  }

  /** Sends a decision; an accepted one is saved at once (one setItem of the whole save). */
  decide(d: Decision): DecideResult {
    const stop = this.blocked() ?? this.changedElsewhere();
    if (stop) return { ok: false, rejection: stop };
    const r = this.current.decide(d);
    if (r.ok) {
      this.save.decisions.push(d);
      try {
        this.write(this.save);
        this.writeError = null;
      } catch (e) {
        this.writeError = `this decision could not be saved in the browser (${e instanceof Error ? e.message : String(e)}); download the log to keep it`;
      }
    }
    return r;
  }

  /** Whether a decision would be accepted now (the machine's refusal first, then the rules'), without changing anything. */
  probe(d: Decision): Rejection | null {
    return this.blocked() ?? this.current.probe(d);
  }

  /** What a decision would cost now: the engine's own figure, the one decide charges. */
  cost(d: Decision): DecisionCost | null {
    return costOf(this.current.state(), d, { sc: this.loaded.scenario, table: this.current.table });
  }

  /** The game's log so far (header plus every line). */
  log(): GameLog {
    const header = makeHeader(this.loaded.scenario, this.loaded.hash, this.params.seed, headerMeta(this.save));
    return { header, entries: [...this.current.entries()] };
  }

  /** The log as JSON Lines. */
  logText(): string {
    return serializeLog(this.log());
  }

  /** Forgets the save of this game (a fresh start on the same seed); a save that would lose decisions is kept as a backup. */
  forget(): void {
    const text = this.storage.getItem(saveKey(this.params));
    if (text !== null && text !== '' && !keepAside(this.storage, saveKey(this.params), text)) throw new Error('the save could not be kept as a backup');
    this.storage.removeItem(saveKey(this.params));
  }
}
