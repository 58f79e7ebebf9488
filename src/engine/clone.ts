import type { GameState } from './state.js';

/* Copying a plain-JSON state for a private branch (bulk play, the world step, the forecast, a
 * counterfactual). `npm run bench` (rows (f)) times, in the same run and on a frozen live and a
 * mutable bulk state, a JSON round trip, structuredClone, this recursive copy and a copy written
 * out for GameState's shape (test/bench/clone.ts). The recursive copy is about 6x faster than
 * a JSON round trip and structuredClone is no faster than JSON; the typed copy wins only when
 * measured alone (its property reads turn polymorphic once states of several origins pass
 * through it) and ties in whole games, so the generic copy stays: it cannot miss a field. */

/** A deep copy of any plain-JSON value (arrays, plain objects, strings, numbers, booleans, null). */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepCopy(value[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  const src = value as Record<string, unknown>;
  for (const k in src) out[k] = deepCopy(src[k]);
  return out as T;
}

/** A private, mutable copy of a (possibly frozen) game state that shares no object or array with it. */
export function cloneState(s: GameState): GameState {
  return deepCopy(s);
}
