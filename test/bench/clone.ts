import { cloneState, deepCopy } from '../../src/engine/clone.js';
import { botRandom, getBot, playOn, startGame, type Game, type GameState, type Scenario } from '../../src/index.js';
import { compare, duration, times, type BenchConfig } from './harness.js';

/* (f) Copying a state for a branch: a JSON round trip (the baseline, what the engine used),
 * structuredClone, the generic recursive deepCopy and cloneState (written for GameState's
 * shape), measured in the same run on two mid-game states of one phase-aware game: the frozen
 * snapshot of live play, and the state bulk play mutates in place (what the world step and
 * bulk branches copy). cloneState and deepCopy are also timed head to head, interleaved. */

type Row = [string, string, string, string, string];
interface Target {
  name: string;
  met: boolean;
  figure: string;
}

/** The state of a phase-aware game as the first week after `week` is planned, live (frozen) or bulk (mutated in place). */
export function midGameState(sc: Scenario, seed: string, week: number, mode: 'live' | 'bulk' = 'live'): GameState {
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('bench: bot phase-aware not found');
  const game = startGame(sc, seed, { mode, record: false });
  // Seen from the bot's loop, the game is over once the week is reached; the real one is not.
  const stopped = (): GameState => ({ ...game.state(), phase: 'ended' });
  const watched: Game = { ...game, state: () => (game.state().week > week ? stopped() : game.state()) };
  playOn(watched, bot, botRandom(seed, bot.name));
  return game.state();
}

function stateRows(label: string, s: GameState, cfg: BenchConfig): { rows: Row[]; headToHead: number } {
  const json = () => JSON.parse(JSON.stringify(s)) as GameState;
  const ways: [string, () => GameState][] = [['structuredClone', () => structuredClone(s)], ['deepCopy (generic recursive)', () => deepCopy(s)], ['cloneState (typed, the one in use)', () => cloneState(s)]];
  const rows: Row[] = [[`(f) clone the ${label} state at week ${s.week} (${(JSON.stringify(s).length / 1024).toFixed(1)} KB of JSON)`, '', '', '', '']];
  for (const [name, fn] of ways) {
    const p = compare(fn, json, cfg);
    rows.push([`    ${name}`, duration(p.ms), `JSON round trip: ${duration(p.baseMs)}`, times(p.ratio), '']);
  }
  const h = compare(() => cloneState(s), () => deepCopy(s), cfg);
  rows.push(['    cloneState head to head with deepCopy', duration(h.ms), `deepCopy: ${duration(h.baseMs)}`, times(h.ratio), '< 1×']);
  return { rows, headToHead: h.ratio };
}

/** The clone rows, and the target that cloneState beats deepCopy (the fastest other way) head to head. */
export function cloneBench(sc: Scenario, cfg: BenchConfig): { rows: Row[]; targets: Target[] } {
  const live = stateRows('frozen live', midGameState(sc, 'bench-0', 40, 'live'), cfg);
  const bulk = stateRows('mutable bulk', midGameState(sc, 'bench-0', 40, 'bulk'), cfg);
  const figure = `${times(live.headToHead)} live, ${times(bulk.headToHead)} bulk`;
  return { rows: [...live.rows, ...bulk.rows], targets: [{ name: 'cloneState faster than deepCopy, the fastest other copy (head to head)', met: live.headToHead < 1 && bulk.headToHead < 1, figure }] };
}
