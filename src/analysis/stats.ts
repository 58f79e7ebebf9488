/* Small, exact statistics for balance runs: a proportion with its Wilson score interval, a
 * median with a distribution-free interval from order statistics, a mean. Pure and portable:
 * only + - * /, Math.sqrt and rounding, so every platform prints the same figures. */

/** The two-sided 95% normal quantile (Φ⁻¹(0.975)). */
export const Z95 = 1.959963984540054;

/** A rate with its 95% interval, all in [0, 1]. */
export interface Proportion {
  successes: number;
  n: number;
  rate: number;
  lo: number;
  hi: number;
}

/** A median with its 95% interval (both ends are observed values). */
export interface MedianCI {
  n: number;
  median: number;
  lo: number;
  hi: number;
}

/** Wilson score interval: honest near 0% and 100%, where the plain ±z·se interval breaks down. */
export function wilson(successes: number, n: number, z = Z95): Proportion {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilson: need whole numbers 0 ≤ successes ≤ n (got ${successes}/${n})`);
  }
  if (n === 0) return { successes, n, rate: 0, lo: 0, hi: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Exact ends at 0 and n: the formula gives them up to rounding, this gives them exactly.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { successes, n, rate: p, lo, hi };
}

/** Counts the items a predicate holds for and returns the rate with its Wilson interval. */
export function proportion<T>(items: readonly T[], test: (x: T) => boolean): Proportion {
  let k = 0;
  for (const x of items) if (test(x)) k++;
  return wilson(k, items.length);
}

/** The arithmetic mean (0 for no values, so reports never carry NaN). */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** A sorted copy, ascending (numeric, not lexicographic). */
export function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** The median of already-sorted values (mean of the two middle ones for an even count). */
export function medianOfSorted(s: readonly number[]): number {
  const n = s.length;
  if (n === 0) return 0;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The median of any values. */
export function median(xs: readonly number[]): number {
  return medianOfSorted(sorted(xs));
}

/**
 * 1-based ranks (j, k) of the order statistics bounding a 95% interval for the median: the
 * number of values below the median is Binomial(n, ½), approximated by a normal with mean n/2
 * and sd √n/2; the ends are widened to whole ranks (conservative) and clamped to 1..n.
 */
export function medianRanks(n: number, z = Z95): { lo: number; hi: number } {
  if (n <= 0) return { lo: 0, hi: 0 };
  const spread = (z * Math.sqrt(n)) / 2;
  const lo = Math.max(1, Math.min(n, Math.floor(n / 2 - spread)));
  const hi = Math.max(1, Math.min(n, Math.ceil(1 + n / 2 + spread)));
  return { lo, hi };
}

/** The median with a distribution-free 95% interval (null for no values). */
export function medianCI(xs: readonly number[], z = Z95): MedianCI | null {
  if (xs.length === 0) return null;
  const s = sorted(xs);
  const r = medianRanks(s.length, z);
  return { n: s.length, median: medianOfSorted(s), lo: s[r.lo - 1] ?? 0, hi: s[r.hi - 1] ?? 0 };
}
