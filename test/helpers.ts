import { expect } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { produce, type Draft } from 'immer';
import { getScenario } from '../src/scenarios/registry.js';
import type { Scenario } from '../src/scenarios/schema.js';
import { addressOf as tableAddress, createWorldTable, draw, type Stream, type WorldTable } from '../src/engine/rng.js';
import { initialState, type GameState } from '../src/engine/state.js';
import { decide } from '../src/engine/decide.js';
import { evolve } from '../src/engine/evolve.js';
import { DecisionSchema, type Decision, type DecisionType } from '../src/engine/decisions.js';
import type { GameEvent, EventType, EventOf } from '../src/engine/events.js';
import type { DecideResult, Rejection, RuleContext } from '../src/engine/rules.js';
import { monthOf } from '../src/engine/derive.js';
import { resolveWeek } from '../src/engine/world.js';
import { openIncidents } from '../src/engine/derive.js';
import { startGame, type Game, type GameOptions } from '../src/engine/game.js';
import { botRandom } from '../src/bots/play.js';
import { playerView, type Bot } from '../src/bots/types.js';
import { BOTS } from '../src/bots/index.js';
import { makeHeader } from '../src/engine/log/replay.js';
import { serializeLog } from '../src/engine/log/parse.js';
import type { LogEntry, LogHeader } from '../src/engine/log/format.js';

/* Shared fixtures for the engine tests: the scenario, a rule context, states built by folding
 * events or by immer recipes, and small assertions over decide results. Balance numbers are
 * always read from the loaded scenario, never written here. */

export const SCENARIO_ID = 'devtools-codegen';

/** Whether the full-size slow checks run (PHASE_SHIFT_FULL=1, `npm run test:full`); `npm test` runs their fast versions. */
export const FULL = process.env.PHASE_SHIFT_FULL === '1';

/** The loaded scenario and its content hash (re-read on every call: the file may change). */
export function loaded(): { scenario: Scenario; hash: string } {
  const l = getScenario(SCENARIO_ID);
  if (!l) throw new Error(`scenario ${SCENARIO_ID} is missing`);
  return l;
}

export const sc: Scenario = loaded().scenario;

const tables = new Map<string, WorldTable>();
/** The world table of a seed (cached: it is a pure function of seed and horizon). */
export function tableFor(seed: string): WorldTable {
  let t = tables.get(seed);
  if (!t) {
    t = createWorldTable(seed, sc.weeks);
    tables.set(seed, t);
  }
  return t;
}

/** The rule context for a seed. */
export function ctxFor(seed = 'test'): RuleContext {
  return { sc, table: tableFor(seed) };
}

/** A fresh, mutable initial state for a seed. */
export function fresh(seed = 'test'): GameState {
  return initialState(sc, seed, tableFor(seed));
}

/** A deep, mutable copy of a (possibly frozen) plain-JSON state. */
export function clone<T>(x: T): T {
  return structuredClone(x) as T;
}

/** A state changed by an immer recipe (the result is a fresh mutable copy, never frozen). */
export function given(base: GameState, recipe: (d: Draft<GameState>) => void): GameState {
  return clone(produce(base, recipe));
}

/** Folds events onto a copy of a state with the real evolve. */
export function fold(base: GameState, events: readonly GameEvent[]): GameState {
  const s = clone(base);
  for (const e of events) evolve(s, e);
  return s;
}

/** Decides and asserts acceptance, returning the events. */
export function accepted(s: GameState, d: Decision, ctx: RuleContext = ctxFor()): GameEvent[] {
  const r = decide(s, d, ctx);
  if (!r.ok) throw new Error(`expected ${d.type} to be accepted, got ${r.rejection.code}: ${r.rejection.reason}`);
  return r.events;
}

/** Decides and asserts rejection, returning the rejection. */
export function rejected(s: GameState, d: Decision, ctx: RuleContext = ctxFor()): Rejection {
  const r: DecideResult = decide(s, d, ctx);
  if (r.ok) throw new Error(`expected ${d.type} to be rejected, got events ${r.events.map((e) => e.type).join(', ')}`);
  expect(r.rejection.reason.length).toBeGreaterThan(0);
  return r.rejection;
}

/** Decides, asserts acceptance and folds the events (the given-when-then "when" step). */
export function after(s: GameState, d: Decision, ctx: RuleContext = ctxFor()): GameState {
  return fold(s, accepted(s, d, ctx));
}

/** The single event of a type in a list (asserts there is exactly one). */
export function only<T extends EventType>(events: readonly GameEvent[], type: T): EventOf<T> {
  const hits = events.filter((e) => e.type === type);
  if (hits.length !== 1) throw new Error(`expected exactly one ${type}, found ${hits.length} in [${events.map((e) => e.type).join(', ')}]`);
  return hits[0] as EventOf<T>;
}

/** Events of a type. */
export function ofType<T extends EventType>(events: readonly GameEvent[], type: T): EventOf<T>[] {
  return events.filter((e) => e.type === type) as EventOf<T>[];
}

/** A post-fit copy of a state (as the machine leaves it after phase.switched). */
export function postFit(base: GameState): GameState {
  return fold(base, [
    {
      type: 'phase.switched',
      data: { from: 'preFit', to: 'postFit', survey: base.market.survey, retention: base.market.retention, customers: base.market.customers, streak: base.market.fitStreak },
    },
  ]);
}

/** The last week of the month that contains `week` (the week of the month-end review). */
export function monthEndWeek(week: number): number {
  let w = week;
  while (monthOf(w + 1, sc) === monthOf(w, sc)) w += 1;
  return w;
}

/** A week that is not the last of its month. */
export function midMonthWeek(): number {
  for (let w = 1; w < sc.weeks; w++) if (monthOf(w + 1, sc) === monthOf(w, sc)) return w;
  throw new Error('no mid-month week');
}

/** Finds the first week in [from, to] whose keyed draw satisfies a predicate. */
export function findWeek(seed: string, stream: Stream, slot: number, pred: (u: number) => boolean, from = 1, to = sc.weeks): number | null {
  const t = tableFor(seed);
  for (let w = from; w <= to; w++) if (pred(draw(t, stream, w, slot))) return w;
  return null;
}

/** Decodes a flat table index into its (stream, week row, slot) address. */
export function addressOf(index: number, weeks: number = sc.weeks): { stream: Stream; week: number; slot: number } {
  return tableAddress(index, weeks);
}

/** A copy of a table whose reads are recorded (for common-random-number tests). */
export function spyTable(base: WorldTable): { table: WorldTable; reads: number[] } {
  const reads: number[] = [];
  const values = new Proxy(base.values, {
    get(target, prop) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads.push(Number(prop));
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { table: { seed: base.seed, weeks: base.weeks, values }, reads };
}

/** Every number in a value, with its path (for NaN/Infinity walks). */
export function numbersIn(value: unknown, path = '$', out: { path: string; value: number }[] = []): { path: string; value: number }[] {
  if (typeof value === 'number') out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) numbersIn((value as Record<string, unknown>)[k], `${path}.${k}`, out);
  return out;
}

/** A feature id from the scenario matching a predicate (fails loudly when none exists). */
export function featureWhere(pred: (f: Scenario['features'][number]) => boolean, what: string): Scenario['features'][number] {
  const f = sc.features.find(pred);
  if (!f) throw new Error(`the scenario has no feature that ${what}`);
  return f;
}

/** The index of a hypothesis in the scenario, and the hypothesis. */
export function hypothesisWhere(pred: (h: Scenario['hypotheses'][number]) => boolean, what: string): Scenario['hypotheses'][number] {
  const h = sc.hypotheses.find(pred);
  if (!h) throw new Error(`the scenario has no hypothesis that ${what}`);
  return h;
}

/** Runs the world step on a copy of a state: the events it emits and the state after them. */
export function resolve(base: GameState, ctx: RuleContext = ctxFor()): { state: GameState; events: GameEvent[] } {
  const state = clone(base);
  const events: GameEvent[] = [];
  resolveWeek(state, ctx, (e) => {
    events.push(e);
    evolve(state, e);
  });
  return { state, events };
}

/** Plays a bot like playGame does, but stops (before ending a week) as soon as `stop` holds.
 * Returns the game and whether it stopped early. */
export function playUntil(seed: string, bot: Bot, stop: (g: Game) => boolean, options: GameOptions = {}): { game: Game; stopped: boolean } {
  const game = startGame(sc, seed, { mode: 'bulk', ...options });
  const random = botRandom(seed, bot.name);
  for (let turn = 0; turn < sc.weeks * 4 + 10 && !game.status().startsWith('ended'); turn++) {
    if (stop(game)) return { game, stopped: true };
    while (game.status().endsWith('crisis')) {
      const inc = openIncidents(game.state())[0];
      if (!inc) break;
      const r = game.decide(bot.respond(playerView(game.state()), sc, inc.id, random));
      if (!r.ok) game.decide({ type: 'incident.respond', data: { incident: inc.id, action: 'hotfix', communicate: false, postmortem: false } });
      if (stop(game)) return { game, stopped: true };
    }
    for (const d of bot.plan(playerView(game.state()), sc, random)) game.decide(d);
    if (stop(game)) return { game, stopped: true };
    game.decide({ type: 'week.end', data: {} });
  }
  return { game, stopped: stop(game) };
}

/** A recorded game as log text: the phase-aware bot for `weeks` weeks (or to the end). */
export function recordedLog(seed: string, weeks = Number.MAX_SAFE_INTEGER, botName = 'phase-aware'): { header: LogHeader; entries: LogEntry[]; text: string; game: Game } {
  const bot = BOTS[botName];
  if (!bot) throw new Error(`no bot ${botName}`);
  const { game } = playUntil(seed, bot, (g) => g.state().week > weeks);
  const header = makeHeader(sc, loaded().hash, seed);
  const entries = [...game.entries()];
  return { header, entries, text: serializeLog({ header, entries }), game };
}

/** A bot by name (throws when it is missing). */
export function botNamed(name: string): Bot {
  const b = BOTS[name];
  if (!b) throw new Error(`no bot ${name}`);
  return b;
}

// ---- decisions from the schema --------------------------------------------------------------

/** The scenario ids each string field of a decision names, by field name. */
const SCENARIO_REFS: Record<string, (s: Scenario) => readonly string[]> = {
  hypothesis: (s) => s.hypotheses.map((h) => h.id),
  segment: (s) => s.segments.map((x) => x.id),
  paradigm: (s) => s.paradigms.map((p) => p.id),
  valueProp: (s) => (s.valueProps ?? []).map((v) => v.id),
  feature: (s) => s.features.map((f) => f.id),
  item: (s) => ['training', ...s.features.map((f) => f.id)],
  round: (s) => s.rounds.map((r) => r.id),
};
/** Number fields naming something the state numbers in order from 1 (offers, incidents). */
const STATE_IDS = new Set(['offer', 'incident']);

/** Mostly a known id, sometimes junk (the rules must refuse junk cleanly). */
const idOrJunk = (known: readonly string[]): fc.Arbitrary<string> => {
  const junk = fc.string({ minLength: 1, maxLength: 64 });
  return known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: junk }) : junk;
};

/** A number within a zod number's bounds (mostly a round GPU step for reservations). */
function numberArb(where: string, field: string, schema: z.ZodNumber, s: Scenario): fc.Arbitrary<number> {
  if (STATE_IDS.has(field)) return fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) });
  const min = schema.minValue ?? -1_000_000;
  const max = schema.maxValue ?? 1_000_000;
  if (!Number.isFinite(min) || !Number.isFinite(max) || max - min > 1e9)
    throw new Error(`decision field ${where} is a number with bounds the arbitrary cannot use: map it by name`);
  const any = schema.isInt ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  const fits = any.filter((v) => schema.safeParse(v).success);
  if (field !== 'hoursPerMonth') return fits;
  const step = s.gpu.reservationStepHours;
  return fc.oneof(
    fc.integer({ min: 0, max: 40 }).map((k) => k * step),
    fits,
  );
}

/** An arbitrary of one field of a decision's data, read from its zod schema; fails loudly on a field it does not know. */
export function decisionFieldArbitrary(where: string, field: string, schema: z.ZodType, s: Scenario): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodDefault) return decisionFieldArbitrary(where, field, schema.unwrap() as z.ZodType, s);
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...schema.options);
  if (schema instanceof z.ZodLiteral) return fc.constantFrom(...schema.values);
  if (schema instanceof z.ZodUnion) return fc.oneof(...schema.options.map((o) => decisionFieldArbitrary(where, field, o as z.ZodType, s)));
  if (schema instanceof z.ZodNumber) return numberArb(where, field, schema, s);
  if (schema instanceof z.ZodString) {
    const ids = SCENARIO_REFS[field];
    if (!ids) throw new Error(`decision field ${where} is a string the arbitrary does not know: add "${field}" to SCENARIO_REFS in test/helpers.ts`);
    return idOrJunk(ids(s));
  }
  throw new Error(`decision field ${where} has a zod type (${schema.def.type}) the arbitrary does not know`);
}

/** Any decision DecisionSchema accepts, one branch per schema option (a new decision type is generated without editing tests). */
export function decisionArbitrary(s: Scenario = sc, except: readonly DecisionType[] = []): fc.Arbitrary<Decision> {
  const branches = DecisionSchema.options
    .filter((o) => !except.includes(o.shape.type.value))
    .map((o) => {
      const type = o.shape.type.value;
      const fields = Object.entries(o.shape.data.shape as Record<string, z.ZodType>).map(([k, v]) => [k, decisionFieldArbitrary(`${type}.${k}`, k, v, s)] as const);
      return fc.record({ type: fc.constant(type), data: fc.record(Object.fromEntries(fields)) });
    });
  return fc.oneof(...branches) as unknown as fc.Arbitrary<Decision>;
}
