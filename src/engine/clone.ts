import type { GameState } from './state.js';

/* Copying a plain-JSON state for a private branch (bulk play, the forecast, a counterfactual):
 * a small recursive copy of arrays and plain objects, faster here than structuredClone or a
 * JSON round trip because the state holds nothing else. */

/** A deep copy of a plain-JSON value (arrays, plain objects, strings, numbers, booleans, null). */
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

/** A private, mutable copy of a (possibly frozen) game state. */
export function cloneState(s: GameState): GameState {
  return deepCopy(s);
}
