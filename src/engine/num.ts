/* Arithmetic helpers that stay bit-identical across JavaScript engines: only + - * /, floor,
 * round, min and max — never the implementation-approximated Math functions. */

/** Clamps x into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Rounds a rate to 6 decimals so stored state stays short and stable. */
export function r6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Rounds to 2 decimals (hours, milliseconds, customers shown to players). */
export function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
