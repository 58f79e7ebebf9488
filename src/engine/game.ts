import { createActor, type Actor as XActor } from 'xstate';
import { produce } from 'immer';
import type { Scenario } from '../scenarios/schema.js';
import type { Decision } from './decisions.js';
import type { DecideResult } from './rules.js';
import type { GameState } from './state.js';
import { initialState } from './state.js';
import { createWorldTable, type WorldTable } from './rng.js';
import { phaseMachine, type Applier, type Recorder } from './machine.js';
import type { LogEntry } from './log/format.js';
import { hashOf } from './hash.js';
import { arr } from './derive.js';

/* The game driver: one machine actor, an applier (immer or in-place), and a recorder that
 * turns every accepted decision and event into log lines with weekly state-hash checkpoints. */

/** How a game applies events and what it records. */
export interface GameOptions {
  /** 'live' gives frozen immer snapshots (UI, replay); 'bulk' mutates a private copy (bots). */
  mode?: 'live' | 'bulk';
  /** Keep log lines (default true). */
  record?: boolean;
  /** Hash the state after every week into a checkpoint line (default: same as record). */
  checkpoints?: boolean;
  /** A table of draws to share between branches of the same seed. */
  table?: WorldTable;
  /** Resume from this state (a counterfactual branch or a fork) instead of week 1; it is
   * copied, never mutated. The machine starts in the phase, crisis or ending it is in. */
  from?: GameState;
}

/** A running game. */
export interface Game {
  readonly scenario: Scenario;
  readonly seed: string;
  readonly table: WorldTable;
  /** The current state (frozen in live mode). */
  state(): GameState;
  /** The machine's state, e.g. `preFit.planning`, `postFit.crisis`, `ended.won`. */
  status(): string;
  /** Validates and applies a decision; ending the week runs the world. */
  decide(decision: Decision): DecideResult;
  /** The log body so far. */
  entries(): readonly LogEntry[];
}

/** Immer: each change yields a new frozen snapshot that shares unchanged parts. */
export const immerApplier: Applier = { apply: (state, recipe) => produce(state, recipe) };
/** In place: the recipe mutates the private state directly (never share it). */
export const mutableApplier: Applier = { apply: (state, recipe) => (recipe(state), state) };

/** Flattens a machine state value into a dotted path. */
export function statusOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', ''];
  return v === undefined || v === '' ? k : `${k}.${statusOf(v)}`;
}

/** Starts a game of a scenario on a seed. */
export function startGame(scenario: Scenario, seed: string, options: GameOptions = {}): Game {
  const table = options.table ?? createWorldTable(seed, scenario.weeks);
  const record = options.record ?? true;
  const checkpoints = options.checkpoints ?? record;
  const lines: LogEntry[] = [];
  let seq = 0;
  const recorder: Recorder = {
    record: record
      ? (by, entry, week) => {
          seq += 1;
          lines.push({ kind: 'event', seq, week, by, type: entry.type, data: entry.data } as LogEntry);
        }
      : () => undefined,
  };
  const applier = options.mode === 'bulk' ? mutableApplier : immerApplier;
  const actor: XActor<typeof phaseMachine> = createActor(phaseMachine, {
    input: { game: startingState(scenario, seed, table, options), rules: { sc: scenario, table }, applier, recorder, result: null },
  });
  actor.start();
  const state = () => actor.getSnapshot().context.game;
  return {
    scenario,
    seed,
    table,
    state,
    status: () => statusOf(actor.getSnapshot().value),
    decide(decision) {
      actor.send({ type: 'DECIDE', decision });
      const result = actor.getSnapshot().context.result ?? { ok: false, rejection: { code: 'invalid', reason: 'No answer.' } };
      if (result.ok && decision.type === 'week.end' && checkpoints) lines.push(checkpointOf(state(), scenario));
      return result;
    },
    entries: () => lines,
  };
}

function startingState(scenario: Scenario, seed: string, table: WorldTable, options: GameOptions): GameState {
  if (!options.from) return initialState(scenario, seed, table);
  // Bulk mode mutates in place, so it gets a private deep copy; immer never mutates its input.
  return options.mode === 'bulk' ? (JSON.parse(JSON.stringify(options.from)) as GameState) : options.from;
}

/** The checkpoint line for the week that just closed (or the week the game ended in). */
export function checkpointOf(s: GameState, sc: Scenario): LogEntry {
  const week = s.phase === 'ended' ? s.week : s.week - 1;
  return { kind: 'checkpoint', week, hash: hashOf(s), phase: s.phase, cash: s.cash, arr: arr(s, sc) };
}
