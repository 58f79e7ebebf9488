import { getBot, getScenario, playGame, type Decision } from '../../src/index.js';
import { isDecisionLine } from '../../src/engine/log/format.js';

/* Shared fixtures of the browser-save tests: an in-memory Storage and a recorded game's decisions. */

/** A Storage kept in a Map (Node has no localStorage). */
export function memoryStorage(): Storage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

/** The scenario and seed the save tests play. */
export const SCENARIO = 'devtools-codegen';
export const SEED = 'det-1';

/** The scenario of the save tests. */
export function scenario() {
  const loaded = getScenario(SCENARIO);
  if (!loaded) throw new Error(`no scenario ${SCENARIO}`);
  return loaded;
}

/** The first n decisions of the phase-aware bot's game on the test seed. */
export function decisionsOf(n: number): Decision[] {
  const game = playGame(scenario().scenario, SEED, getBot('phase-aware')!, { mode: 'live' });
  const out: Decision[] = [];
  for (const e of game.entries()) if (e.kind === 'event' && isDecisionLine(e)) out.push({ type: e.type, data: e.data } as Decision);
  if (out.length < n) throw new Error(`the test game has only ${out.length} decisions`);
  return out.slice(0, n);
}
