import { createActor, type Actor as XActor } from 'xstate';
import { produce } from 'immer';
import type { Scenario } from '../scenarios/schema.js';
import type { Decision } from './decisions.js';
import type { GameEvent, Actor } from './events.js';
import type { DecideResult, Rejection, RuleContext } from './rules.js';
import type { GameState } from './state.js';
import { initialState } from './state.js';
import { createWorldTable, type WorldTable } from './rng.js';
import { acceptedIn, closeWeekEvent, MACHINE_EVENT_OF, machineRefusal, ordinaryWeek, phaseMachine, type MachineEmitted, type StateMeta } from './machine.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { resolveWeek } from './world.js';
import { cloneState } from './clone.js';
import { logRecorder, type LogRecorder } from './log/record.js';
import type { LogEntry } from './log/format.js';

export { checkpointOf } from './log/record.js';

/* The game driver: it asks the machine whether a decision may be taken now, lets `decide` turn
 * it into events, applies them (immer snapshots live, in place in bulk), records the log, and
 * tells the machine when a week has resolved or a crisis has been answered; the machine's own
 * events (phase switch, week close, game end) come back to be applied and recorded the same way. */

/** How events reach the state: immer drafts in live play, in-place mutation in bulk work. */
export interface Applier {
  apply(state: GameState, recipe: (draft: GameState) => void): GameState;
}

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
  /** Whether a decision would be accepted now (the machine's refusal, then decide's), changing nothing. */
  probe(decision: Decision): Rejection | null;
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
  const log = logRecorder(scenario, { record, checkpoints: options.checkpoints ?? record });
  const bulk = options.mode === 'bulk';
  const driver = new Driver({ sc: scenario, table }, bulk ? mutableApplier : immerApplier, log, startingState(scenario, seed, table, options), bulk);
  return {
    scenario,
    seed,
    table,
    state: () => driver.state,
    status: () => driver.status(),
    decide: (d) => driver.decide(d),
    probe: (d) => driver.probe(d),
    entries: () => log.lines,
  };
}

/* One game's moving parts: the state, the machine actor and what the machine accepts now. */
class Driver {
  private readonly actor: XActor<typeof phaseMachine>;
  private accepts: StateMeta['accepts'] = [];
  private phase: 'preFit' | 'postFit' | null = null;

  constructor(
    readonly ctx: RuleContext,
    private readonly applier: Applier,
    private readonly log: LogRecorder,
    public state: GameState,
    private readonly shortcut: boolean,
  ) {
    this.actor = createActor(phaseMachine, { input: { sc: ctx.sc } });
    this.actor.on('event', (m: MachineEmitted) => {
      if (m.type === 'event') this.applyAll('world', [m.event]);
    });
    this.actor.start();
    this.tell({ type: 'START', state: this.state });
  }

  status(): string {
    return statusOf(this.actor.getSnapshot().value);
  }

  probe(d: Decision): Rejection | null {
    const refused = machineRefusal(this.accepts, d, this.state);
    if (refused || d.type === 'week.end') return refused;
    const r = decide(this.state, d, this.ctx);
    return r.ok ? null : r.rejection;
  }

  decide(d: Decision): DecideResult {
    const refused = machineRefusal(this.accepts, d, this.state);
    if (refused) return { ok: false, rejection: refused };
    let events: GameEvent[] = [];
    if (d.type === 'week.end') {
      this.log.line('player', d, this.state.week);
      this.resolveWorld();
    } else {
      const r = decide(this.state, d, this.ctx);
      if (!r.ok) return r;
      this.log.line('player', d, this.state.week);
      this.applyAll('player', r.events);
      events = r.events;
    }
    const next = MACHINE_EVENT_OF[d.type];
    // In bulk play an ordinary week's close is applied as the machine would emit it, without a send.
    if (next === 'WEEK_RESOLVED' && this.shortcut && this.phase && ordinaryWeek(this.phase, this.state, this.ctx.sc)) this.applyAll('world', [closeWeekEvent(this.state)]);
    else if (next) this.tell({ type: next, state: this.state });
    return { ok: true, events };
  }

  // The world step runs on the state being built (a draft, or the private copy in bulk).
  private resolveWorld(): void {
    this.state = this.applier.apply(this.state, (draft) =>
      resolveWeek(draft, this.ctx, (e) => {
        this.log.line('world', e, draft.week);
        evolve(draft, e);
      }),
    );
  }

  // One recipe per batch; a checkpointed event (week close, game end) always comes last in its batch.
  private applyAll(by: Actor, events: readonly GameEvent[]): void {
    this.state = this.applier.apply(this.state, (draft) => {
      for (const e of events) {
        this.log.line(by, e, draft.week);
        evolve(draft, e);
      }
    });
    for (const e of events) this.log.applied(e, this.state);
  }

  private tell(event: Parameters<XActor<typeof phaseMachine>['send']>[0]): void {
    this.actor.send(event);
    const snapshot = this.actor.getSnapshot();
    this.accepts = acceptedIn(snapshot);
    this.phase = snapshot.hasTag('planning') ? (snapshot.matches('postFit') ? 'postFit' : 'preFit') : null;
  }
}

function startingState(scenario: Scenario, seed: string, table: WorldTable, options: GameOptions): GameState {
  if (!options.from) return initialState(scenario, seed, table);
  // Bulk mode mutates in place, so it gets a private deep copy; immer never mutates its input.
  return options.mode === 'bulk' ? cloneState(options.from) : options.from;
}
