import { performance } from 'node:perf_hooks';
import { createActor } from 'xstate';
import { createWorldTable, getBot, initialState, playGame, playerView, startGame, type Bot, type Decision, type GameState, type Scenario } from '../../src/index.js';
import { phaseMachine } from '../../src/engine/machine.js';
import { resolveWeek } from '../../src/engine/world.js';
import { evolve } from '../../src/engine/evolve.js';
import { cloneState } from '../../src/engine/clone.js';
import { botRandom, playOn } from '../../src/bots/play.js';
import { openIncidents } from '../../src/engine/derive.js';
import { compare, duration, perSecond, timePerOp, times, type BenchConfig } from './harness.js';

/* (b) Whole bot games per second on one core on the largest scenario, beside the floor (world
 * table + initial state), with where a game's time goes: the table and set-up, the world step,
 * the machine, the bot's planning and the decisions it sends. And (b') a rollout from mid-game,
 * the unit of every counterfactual, beside the copy of the state it starts from. */

type Row = [string, string, string, string, string];
interface Target {
  name: string;
  met: boolean;
  figure: string;
}

const TARGETS: Record<string, number> = { 'phase-aware': 1000, random: 2000 };

/** What one game passes through, recorded once so each part can be timed on its own. */
interface Trace {
  seed: string;
  /** The state at the start of each week's planning, and the state after its world step. */
  weeks: { before: GameState; resolved: GameState }[];
}

/* Plays a game as playOn does, keeping a private copy of the state at each week's start and after its world step. */
function trace(sc: Scenario, seed: string, bot: Bot): Trace {
  const game = startGame(sc, seed, { mode: 'bulk', record: false });
  const random = botRandom(seed, bot.name);
  const weeks: Trace['weeks'] = [];
  for (let turn = 0; turn < sc.weeks * 4 && game.state().phase !== 'ended'; turn++) {
    while (game.status() === 'postFit.crisis') {
      const inc = openIncidents(game.state())[0];
      if (!inc) break;
      if (!game.decide(bot.respond(playerView(game.state()), sc, inc.id, random)).ok)
        game.decide({ type: 'incident.respond', data: { incident: inc.id, action: 'hotfix', communicate: false, postmortem: false } });
    }
    const before = cloneState(game.state());
    for (const d of bot.plan(playerView(game.state()), sc, random)) game.decide(d);
    const planned = cloneState(game.state());
    resolveWeek(planned, { sc, table: game.table }, (e) => evolve(planned, e));
    weeks.push({ before, resolved: planned });
    game.decide({ type: 'week.end', data: {} });
  }
  return { seed, weeks };
}

/* Milliseconds per game spent in one part, summed over the traced games' weeks. */
function partMs(traces: Trace[], cfg: BenchConfig, perWeek: (w: Trace['weeks'][number], t: Trace) => unknown): number {
  let ms = 0;
  for (const t of traces) for (const w of t.weeks) ms += timePerOp(() => perWeek(w, t), cfg.sampleMs / 40);
  return ms / traces.length;
}

/* The machine's part: an ordinary week's send (no guard fires), timed on actors already in that
 * week's phase, times the weeks of a game. Weeks that switch or end the game are a handful. */
function machineMs(sc: Scenario, traces: Trace[], cfg: BenchConfig): number {
  const ordinary = traces.flatMap((t) =>
    t.weeks.filter((w, i) => i + 1 < t.weeks.length && t.weeks[i + 1]?.before.phase === w.before.phase && w.resolved.reliability.incidents.every((x) => x.status !== 'open')),
  );
  const actors = new Map<string, ReturnType<typeof createActor<typeof phaseMachine>>>();
  for (const w of ordinary) {
    if (actors.has(w.before.phase)) continue;
    const a = createActor(phaseMachine, { input: { sc } });
    a.start();
    a.send({ type: 'START', state: w.before });
    actors.set(w.before.phase, a);
  }
  let n = 0;
  const perSend = timePerOp(() => {
    const w = ordinary[n++ % ordinary.length];
    return w ? actors.get(w.before.phase)?.send({ type: 'WEEK_RESOLVED', state: w.resolved }) : null;
  }, cfg.sampleMs);
  let weeks = 0;
  for (const t of traces) weeks += t.weeks.length;
  return (perSend * weeks) / traces.length;
}

/* Where a game's time goes, as shares of the whole game (the rest is the decisions and the driver). */
function shares(sc: Scenario, bot: Bot, gameMs: number, cfg: BenchConfig): string {
  const traces = ['share-0', 'share-1', 'share-2'].map((s) => trace(sc, s, bot));
  const tables = new Map(traces.map((t) => [t.seed, createWorldTable(t.seed, sc.weeks)]));
  const setup = timePerOp(() => startGame(sc, 'share-0', { mode: 'bulk', record: false }), cfg.sampleMs);
  const copy = partMs(traces, cfg, (w) => cloneState(w.before));
  const world =
    partMs(traces, cfg, (w, t) => {
      const s = cloneState(w.before);
      resolveWeek(s, { sc, table: tables.get(t.seed) ?? createWorldTable(t.seed, sc.weeks) }, (e) => evolve(s, e));
    }) - copy;
  const machine = machineMs(sc, traces, cfg);
  const random = botRandom('share', bot.name);
  const planning = partMs(traces, cfg, (w) => bot.plan(playerView(w.before), sc, random));
  const pct = (x: number) => `${Math.round((Math.max(0, x) / gameMs) * 100)}%`;
  const rest = gameMs - setup - world - machine - planning;
  return `set-up (table, state, actor) ${pct(setup)} · world step ${pct(world)} · machine ${pct(machine)} · bot planning ${pct(planning)} · decisions and driver ${pct(rest)}`;
}

/** Games per second for the reference bot and random, with targets, shares and a mid-game rollout. */
export function gamesBench(sc: Scenario, cfg: BenchConfig): { rows: Row[]; targets: Target[]; notes: string[] } {
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const seeds = Array.from({ length: 64 }, (_, i) => `games-${i}`);
  for (const name of ['phase-aware', 'random']) {
    const bot = getBot(name);
    if (!bot) throw new Error(`bench: no bot ${name}`);
    let weeks = 0;
    for (const seed of seeds.slice(0, 16)) weeks += playGame(sc, seed, bot, { record: false }).state().week;
    let i = 0;
    let j = 0;
    const p = compare(
      () => playGame(sc, seeds[i++ & 63] ?? 'x', bot, { record: false }),
      () => {
        const seed = seeds[j++ & 63] ?? 'x';
        return initialState(sc, seed, createWorldTable(seed, sc.weeks));
      },
      cfg,
    );
    const avgWeeks = weeks / 16;
    const goal = TARGETS[name] ?? 1000;
    rows.push([
      `(b) ${name} games (avg ${avgWeeks.toFixed(0)} weeks, ${duration(p.ms / avgWeeks)}/week)`,
      perSecond(p.ms, 'games'),
      `world table + initialState: ${perSecond(p.baseMs, 'games')}`,
      times(p.ratio),
      `≥ ${goal.toLocaleString('en-US')} games/s`,
    ]);
    targets.push({ name: `≥ ${goal.toLocaleString('en-US')} ${name} games/s on one core (${sc.id})`, met: 1000 / p.ms >= goal, figure: perSecond(p.ms, 'games') });
    notes.push(`${name}: ${shares(sc, bot, p.ms, cfg)}`);
  }
  rows.push(rolloutRow(sc, cfg, targets));
  return { rows, targets, notes };
}

/* A rollout from mid-game: the reference bot plays a week-40 state to the end on a private copy. */
function rolloutRow(sc: Scenario, cfg: BenchConfig, targets: Target[]): Row {
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('bench: no phase-aware bot');
  const states: { seed: string; state: GameState }[] = [];
  for (let i = 0; states.length < 8 && i < 64; i++) {
    const seed = `rollout-${i}`;
    const game = startGame(sc, seed, { mode: 'bulk', record: false });
    const random = botRandom(seed, bot.name);
    for (let w = 0; w < 40 && game.state().phase !== 'ended'; w++) {
      if (game.status() === 'postFit.crisis') break;
      for (const d of bot.plan(playerView(game.state()), sc, random)) game.decide(d as Decision);
      game.decide({ type: 'week.end', data: {} });
    }
    if (game.state().phase !== 'ended' && game.status() !== 'postFit.crisis') states.push({ seed, state: cloneState(game.state()) });
  }
  const tables = new Map(states.map((s) => [s.seed, createWorldTable(s.seed, sc.weeks)]));
  let k = 0;
  let m = 0;
  const pick = (n: number) => states[n % states.length] ?? states[0];
  const r = compare(
    () => {
      const s = pick(k++);
      if (!s) return null;
      return playOn(startGame(sc, s.seed, { mode: 'bulk', record: false, table: tables.get(s.seed), from: s.state }), bot, botRandom(s.seed, bot.name));
    },
    () => cloneState(pick(m++)?.state ?? initialState(sc, 'x', createWorldTable('x', 0))),
    cfg,
  );
  targets.push({ name: 'a rollout from mid-game ≤ 0.5 ms', met: r.ms <= 0.5, figure: duration(r.ms) });
  return [
    `(b') rollout from week 40 to the end (${states.length} states, shared table)`,
    duration(r.ms),
    `cloneState of the start: ${duration(r.baseMs)}`,
    times(r.ratio),
    '≤ 0.5 ms',
  ];
}

/** The time a bench section took, for its own line. */
export function since(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
