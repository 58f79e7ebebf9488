import { describe, expect, it } from 'vitest';
import { sc } from '../helpers.js';
import { cloneState, deepCopy } from '../../src/engine/clone.js';
import { canonicalJson } from '../../src/engine/hash.js';
import { startGame, type Game } from '../../src/engine/game.js';
import type { GameState } from '../../src/engine/state.js';
import { BOTS, getBot } from '../../src/bots/index.js';
import { botRandom, playOn } from '../../src/bots/play.js';

/* A branch (bulk play, the world step, the forecast) works on a clone, so a clone must equal
 * its original and share nothing with it, or the branch would change the game it came from.
 * These tests compare clones with their originals on states from real bot games (frozen immer
 * states of live play and mutable ones of bulk play) after every decision: equal canonical
 * JSON, the same key order, and not one object or array in common. */

/** Every state a bot's game passes through, after each decision, in the given mode. */
function statesOf(botName: string, seed: string, mode: 'live' | 'bulk'): GameState[] {
  const bot = getBot(botName);
  if (!bot) throw new Error(`no bot ${botName}`);
  const game = startGame(sc, seed, { mode, record: false });
  const states: GameState[] = [game.state()];
  // Live states are immutable snapshots; bulk play mutates one object, so copy it by JSON.
  const keep = (s: GameState) => states.push(mode === 'live' ? s : (JSON.parse(JSON.stringify(s)) as GameState));
  const watched: Game = {
    ...game,
    decide(d) {
      const r = game.decide(d);
      keep(game.state());
      return r;
    },
  };
  playOn(watched, bot, botRandom(seed, bot.name));
  return states;
}

/** The objects and arrays of a value, each once. */
function containers(x: unknown, into = new Set<object>()): Set<object> {
  if (x !== null && typeof x === 'object') {
    into.add(x);
    for (const v of Object.values(x)) containers(v, into);
  }
  return into;
}

// One game per bot, plus a phase-aware game that gets past fit into contracts and incidents.
const games = [...Object.keys(BOTS).map((bot) => [bot, `clone-${bot}`] as const), ['phase-aware', 'clone-phase-aware4'] as const];
const samples: { name: string; states: GameState[] }[] = games.flatMap(([bot, seed]) =>
  (['live', 'bulk'] as const).map((mode) => ({ name: `${bot} ${seed}/${mode}`, states: statesOf(bot, seed, mode) })),
);

describe('cloneState', () => {
  it('samples real games, frozen and mutable, with the nested parts filled somewhere', () => {
    const all = samples.flatMap((s) => s.states);
    expect(all.length).toBeGreaterThan(samples.length * 10);
    expect(all.some((s) => Object.isFrozen(s) && Object.isFrozen(s.discovery.beliefs))).toBe(true);
    expect(all.some((s) => !Object.isFrozen(s))).toBe(true);
    // Each nested collection the copy handles specially is non-empty in at least one state.
    const filled: Record<string, (s: GameState) => boolean> = {
      projects: (s) => s.projects.length > 0,
      hiring: (s) => s.team.hiring.length > 0,
      running: (s) => s.discovery.running.length > 0,
      incidents: (s) => s.reliability.incidents.length > 0,
      offers: (s) => s.contracts.offers.length > 0,
      ledger: (s) => Object.keys(s.gpu.ledger).length > 0,
      active: (s) => s.contracts.active.length > 0,
      round: (s) => s.rounds.open !== null,
      ended: (s) => s.ended !== null,
    };
    for (const [what, has] of Object.entries(filled)) expect(all.some(has), what).toBe(true);
  });

  it.each(samples.map((s) => [s.name, s.states] as const))('copies every field and shares nothing: %s', (_name, states) => {
    expect(states.length).toBeGreaterThan(1);
    for (const s of states) {
      const c = cloneState(s);
      expect(canonicalJson(c)).toBe(canonicalJson(s));
      expect(JSON.stringify(c)).toBe(JSON.stringify(s)); // same key order too
      const mine = containers(s);
      for (const o of containers(c)) if (mine.has(o)) throw new Error(`shared object in the clone of week ${s.week}`);
      expect(Object.isFrozen(c)).toBe(false);
    }
  });

  it('gives a copy that can be changed without touching the original', () => {
    const s = samples[0]?.states.at(-1);
    if (!s) throw new Error('no sample state');
    const before = canonicalJson(s);
    const c = cloneState(s);
    c.cash += 1;
    c.discovery.beliefs.push({ id: 'x', belief: 0.5, tests: 0, status: 'open' });
    c.world.truths['x'] = true;
    expect(canonicalJson(s)).toBe(before);
  });
});

describe('deepCopy', () => {
  it('copies plain JSON values deeply', () => {
    const v = { a: [1, { b: null, c: 'x' }], d: { e: true } };
    const c = deepCopy(v);
    expect(c).toEqual(v);
    expect(c.a).not.toBe(v.a);
    expect(c.d).not.toBe(v.d);
  });
});
