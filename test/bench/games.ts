import { performance } from 'node:perf_hooks';
import { createWorldTable, getBot, initialState, playGame, playerView, startGame, type Bot, type Decision, type GameState, type Scenario } from '../../src/index.js';
import { cloneState } from '../../src/engine/clone.js';
import { botRandom, playOn } from '../../src/bots/play.js';
import { compare, duration, perSecond, times, type BenchConfig } from './harness.js';
import { profileShares } from './profile-shares.js';

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

/* The parts of a game, by the engine's function names. */
const PARTS = {
  'set-up (world table, first state, actor)': ['createWorldTable', 'initialState', 'Driver'],
  'world step': ['resolveWeek'],
  machine: ['tell', 'ordinaryWeek'],
  'bot planning': ['plan', 'respond', 'playerView'],
  'decisions (decide and apply)': ['decide', 'applyAll'],
  cloning: ['cloneState', 'deepCopy'],
  'garbage collection': ['(garbage collector)'],
  'driver loop (playOn, the game object)': ['playOn', 'playGame', 'startGame', 'status', 'state'],
} as const;

/* Where a bot's games spend their time, as shares of the profiled samples. */
async function shares(sc: Scenario, bot: Bot): Promise<string> {
  const got = await profileShares(() => {
    for (let i = 0; i < 300; i++) playGame(sc, `share-${i}`, bot, { record: false });
  }, PARTS);
  return Object.entries(got)
    .filter(([, v]) => v >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Math.round(v * 100)}%`)
    .join(' · ');
}

/** Games per second for the reference bot and random, with targets, shares and a mid-game rollout. */
export async function gamesBench(sc: Scenario, cfg: BenchConfig): Promise<{ rows: Row[]; targets: Target[]; notes: string[] }> {
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
    notes.push(`${name}: ${await shares(sc, bot)}`);
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
