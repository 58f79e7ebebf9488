import { cloneState, deepCopy } from '../../src/engine/clone.js';
import { botRandom, getBot, playOn, startGame, type Game, type GameState, type Scenario } from '../../src/index.js';
import { compare, duration, times, type BenchConfig } from './harness.js';

/* (f) Copying a state for a branch: a JSON round trip (the baseline, what the engine used),
 * structuredClone, the generic recursive deepCopy and cloneState (written for GameState's
 * shape), each on the same mid-game state — the frozen live snapshot of a phase-aware game at
 * week 40 (or its last week, if it ends sooner) — measured in the same run. */

type Row = [string, string, string, string, string];
interface Target {
  name: string;
  met: boolean;
  figure: string;
}

/** The live (frozen) state of a phase-aware game as week `week` is being planned. */
export function midGameState(sc: Scenario, seed: string, week: number): GameState {
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('bench: bot phase-aware not found');
  const game = startGame(sc, seed, { mode: 'live', record: false });
  let at = game.state();
  const watched: Game = {
    ...game,
    decide(d) {
      const r = game.decide(d);
      if (game.state().week <= week) at = game.state();
      return r;
    },
  };
  playOn(watched, bot, botRandom(seed, bot.name));
  return at;
}

/** The clone rows, and the target that cloneState is the fastest of the four. */
export function cloneBench(sc: Scenario, cfg: BenchConfig): { rows: Row[]; targets: Target[] } {
  const s = midGameState(sc, 'bench-0', 40);
  const json = () => JSON.parse(JSON.stringify(s)) as GameState;
  const ways: [string, () => GameState][] = [['structuredClone', () => structuredClone(s)], ['deepCopy (generic recursive)', () => deepCopy(s)], ['cloneState (typed, the one in use)', () => cloneState(s)]];
  const rows: Row[] = [];
  const figures: { name: string; ms: number }[] = [];
  let jsonMs = 0;
  rows.push([`(f) clone a mid-game state (week ${s.week}, ${(JSON.stringify(s).length / 1024).toFixed(1)} KB of JSON, frozen)`, '', '', '', '']);
  for (const [name, fn] of ways) {
    const p = compare(fn, json, cfg);
    jsonMs = Math.max(jsonMs, p.baseMs);
    figures.push({ name, ms: p.ms });
    rows.push([`    ${name}`, duration(p.ms), `JSON round trip: ${duration(p.baseMs)}`, times(p.ratio), '']);
  }
  const fastest = figures.reduce((a, b) => (b.ms < a.ms ? b : a));
  const typed = figures[figures.length - 1];
  const met = typed !== undefined && fastest === typed;
  return { rows, targets: [{ name: 'cloneState is the fastest way to copy a state (vs JSON, structuredClone, deepCopy)', met, figure: `fastest: ${fastest.name}` }] };
}
