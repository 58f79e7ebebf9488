import { describe, expect, it } from 'vitest';
import { mean, median, medianCI, medianRanks, proportion, wilson, Z95 } from '../../src/analysis/stats.js';

/* The balance statistics against textbook values: Wilson score intervals, the median and its
 * order-statistic interval (and that interval's actual coverage), the mean. */

describe('wilson', () => {
  it.each([
    [0, 10, 0, 0, 0.2775],
    [5, 10, 0.5, 0.2366, 0.7634],
    [10, 10, 1, 0.7225, 1],
    [1, 10, 0.1, 0.0179, 0.4042],
    [36, 50, 0.72, 0.5833, 0.8253],
  ])('%i/%i → %f [%f, %f]', (k, n, rate, lo, hi) => {
    const w = wilson(k, n);
    expect(w.rate).toBeCloseTo(rate, 10);
    expect(w.lo).toBeCloseTo(lo, 4);
    expect(w.hi).toBeCloseTo(hi, 4);
  });

  it('is exact at the ends and symmetric', () => {
    expect(wilson(0, 10).lo).toBe(0);
    expect(wilson(10, 10).hi).toBe(1);
    const a = wilson(3, 17);
    const b = wilson(14, 17);
    expect(a.lo).toBeCloseTo(1 - b.hi, 12);
    expect(a.hi).toBeCloseTo(1 - b.lo, 12);
  });

  it('contains the rate and narrows as n grows', () => {
    for (const n of [1, 2, 7, 50, 1000]) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 7))) {
        const w = wilson(k, n);
        expect(w.lo).toBeLessThanOrEqual(w.rate);
        expect(w.hi).toBeGreaterThanOrEqual(w.rate);
      }
    }
    expect(wilson(500, 1000).hi - wilson(500, 1000).lo).toBeLessThan(wilson(5, 10).hi - wilson(5, 10).lo);
  });

  it('gives the whole range for no data and rejects impossible counts', () => {
    expect(wilson(0, 0)).toEqual({ successes: 0, n: 0, rate: 0, lo: 0, hi: 1 });
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
    expect(() => wilson(0.5, 2)).toThrow(RangeError);
  });

  it('counts with proportion', () => {
    expect(proportion([1, 2, 3, 4], (x) => x % 2 === 0)).toEqual(wilson(2, 4));
  });

  it('uses the 97.5% normal quantile', () => {
    expect(Z95).toBeCloseTo(1.96, 3);
  });
});

describe('median and its interval', () => {
  it('finds the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 9, 100])).toBe(10);
    expect(median([])).toBe(0);
  });

  it('uses the textbook ranks (n = 100 → 40th and 61st)', () => {
    expect(medianRanks(100)).toEqual({ lo: 40, hi: 61 });
    expect(medianRanks(1)).toEqual({ lo: 1, hi: 1 });
    expect(medianRanks(0)).toEqual({ lo: 0, hi: 0 });
  });

  it('covers the median at least 95% of the time from n = 6 (exact binomial check)', () => {
    for (let n = 6; n <= 400; n++) {
      const { lo, hi } = medianRanks(n);
      // [X(lo), X(hi)] contains the true median iff lo ≤ B < hi, B ~ Binomial(n, ½) values below it.
      let pmf = 1;
      for (let i = 0; i < n; i++) pmf /= 2;
      let cover = 0;
      for (let b = 0; b <= n; b++) {
        if (b >= lo && b < hi) cover += pmf;
        pmf = (pmf * (n - b)) / (b + 1);
      }
      expect(cover, `n = ${n}`).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('contains the median and uses observed values', () => {
    const xs = Array.from({ length: 57 }, (_, i) => ((i * 37) % 57) * 3 + 0.5);
    const m = medianCI(xs);
    expect(m).not.toBeNull();
    if (!m) return;
    expect(m.median).toBe(median(xs));
    expect(m.lo).toBeLessThanOrEqual(m.median);
    expect(m.hi).toBeGreaterThanOrEqual(m.median);
    expect(xs).toContain(m.lo);
    expect(xs).toContain(m.hi);
    expect(m.n).toBe(57);
    expect(medianCI([])).toBeNull();
    expect(medianCI([7])).toEqual({ n: 1, median: 7, lo: 7, hi: 7 });
  });
});

describe('mean', () => {
  it('averages, and is 0 for nothing', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBe(0);
  });
});
