import type { Scenario } from '../../scenarios/schema.js';
import { initialState, type GameState } from '../state.js';
import { createWorldTable } from '../rng.js';
import { evolve } from '../evolve.js';
import { isDecisionLine, type DecisionLine, type EventLine, type GameLog } from './format.js';

/* The one fold of a log: its lines are read once, from the initial state (set-up draws only:
 * folding needs no world rows), and every projection that wants to watch is told what happened
 * with typed lines — a decision with the state before it, an event before and after it is
 * applied, a week once all its lines are read, the end. The states handed out are the fold's own
 * working state: a projection reads them and must copy (see `frozenCopy`) what it keeps. */

/** One reader of a fold: the hooks it wants called (all optional) and the result it builds. */
export interface Projection<R> {
  /** Before the first line, with the initial state. */
  onStart?(initial: GameState): void;
  /** A player's decision, with the state just before its events are applied. */
  onDecision?(before: GameState, line: DecisionLine): void;
  /** An engine event about to be applied, with the state it will be applied to. */
  beforeEvent?(before: GameState, line: EventLine): void;
  /** An engine event just applied, with the state after it. */
  onEvent?(after: GameState, line: EventLine): void;
  /** Every line of week `week` is read (called for each week from 1 to the last the log reaches,
   * a week without lines included), with the state after them. */
  onWeekClosed?(after: GameState, week: number): void;
  /** The last line is read: the final state. */
  onEnd?(final: GameState): void;
  /** What the projection built, asked for once the fold is over. */
  result(): R;
}

/** A record of named projections, as `foldLog` takes them. */
export type Projections = Record<string, Projection<unknown>>;

/** The results of a record of projections, under the same names. */
export type Results<P extends Projections> = { [K in keyof P]: P[K] extends Projection<infer R> ? R : never };

/** Options of foldLog: stop after the lines of week `toWeek` (as `replay(log, sc, week)` does). */
export interface FoldOptions {
  toWeek?: number;
}

type Hook<K extends keyof Projection<unknown>> = NonNullable<Projection<unknown>[K]>;

/** The hooks of every projection, bound and grouped, so a line costs only the calls it needs. */
function hooksOf(all: readonly Projection<unknown>[]) {
  const bind = <K extends 'onStart' | 'onDecision' | 'beforeEvent' | 'onEvent' | 'onWeekClosed' | 'onEnd'>(k: K): Hook<K>[] =>
    all.flatMap((p) => {
      const h = p[k];
      return h ? [h.bind(p) as Hook<K>] : [];
    });
  return { start: bind('onStart'), decision: bind('onDecision'), before: bind('beforeEvent'), event: bind('onEvent'), week: bind('onWeekClosed'), end: bind('onEnd') };
}

/** Folds a log once and feeds every projection; returns their results under the same names. */
export function foldLog<P extends Projections>(log: GameLog, sc: Scenario, projections: P, options: FoldOptions = {}): Results<P> {
  const h = hooksOf(Object.values(projections));
  const state = initialState(sc, log.header.seed, createWorldTable(log.header.seed, 0));
  const toWeek = options.toWeek ?? Number.MAX_SAFE_INTEGER;
  for (const f of h.start) f(state);
  let open = 1; // the first week not yet closed
  let last = 0; // the highest week read
  for (const e of log.entries) {
    if (e.kind === 'annotation' || e.week > toWeek) continue;
    if (e.week > last) last = e.week;
    for (; open < e.week; open++) for (const f of h.week) f(state, open);
    if (e.kind !== 'event') continue;
    if (isDecisionLine(e)) {
      for (const f of h.decision) f(state, e);
      continue;
    }
    for (const f of h.before) f(state, e);
    evolve(state, e);
    for (const f of h.event) f(state, e);
  }
  for (; open <= last; open++) for (const f of h.week) f(state, open);
  for (const f of h.end) f(state);
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(projections)) out[name] = p.result();
  return out as Results<P>;
}

/** The final state of the fold (the fold's own object: nothing changes it once the fold ends). */
export function finalState(): Projection<GameState> {
  let final: GameState | null = null;
  return {
    onEnd: (s) => {
      final = s;
    },
    result: () => {
      if (!final) throw new Error('finalState: the fold has not ended');
      return final;
    },
  };
}

/** A deep, frozen copy of a plain-JSON state, for a projection that keeps states the fold goes on changing. */
export function frozenCopy(s: GameState): GameState {
  return deepFreeze(JSON.parse(JSON.stringify(s)) as GameState);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** States by week, frozen: index 0 the start of the game, index w the state once week w's lines
 * are read. What the viewer seeks in, and what `verify({ keepWeeks })` also returns. */
export function weekStates(): Projection<GameState[]> {
  const out: GameState[] = [];
  return {
    onStart: (s) => {
      out.push(frozenCopy(s));
    },
    onWeekClosed: (s) => {
      out.push(frozenCopy(s));
    },
    result: () => out,
  };
}
