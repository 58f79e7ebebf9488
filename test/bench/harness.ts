import { performance } from 'node:perf_hooks';

/* A small benchmark harness: run a measured function and its baseline in alternation, several
 * samples each, and report medians and the median of the per-sample ratios, so a noisy machine
 * moves both sides together. Figures are printed, never asserted. */

/** How long one sample should run, and how many samples to take. */
export interface BenchConfig {
  sampleMs: number;
  samples: number;
  warmupMs: number;
}

/** Median of the per-sample figures. */
export interface Pair {
  /** Milliseconds per operation of the measured function. */
  ms: number;
  /** Milliseconds per operation of the baseline. */
  baseMs: number;
  /** Median of measured/baseline over the samples. */
  ratio: number;
}

/** Sink that keeps results alive so the optimiser cannot drop the work. */
export let blackhole: unknown = null;

/** Milliseconds per call of `fn`, timing whole batches of about `ms` milliseconds. */
export function timePerOp(fn: () => unknown, ms: number): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  do {
    blackhole = fn();
    n++;
    if ((n & 3) === 0 || n < 4) now = performance.now();
  } while (now - start < ms);
  return (performance.now() - start) / n;
}

/** The median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Measures `fn` against `base`, interleaved sample by sample after a warm-up of both. */
export function compare(fn: () => unknown, base: () => unknown, cfg: BenchConfig): Pair {
  timePerOp(fn, cfg.warmupMs);
  timePerOp(base, cfg.warmupMs);
  const a: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < cfg.samples; i++) {
    const x = timePerOp(fn, cfg.sampleMs);
    const y = timePerOp(base, cfg.sampleMs);
    a.push(x);
    b.push(y);
    r.push(x / y);
  }
  return { ms: median(a), baseMs: median(b), ratio: median(r) };
}

/** A duration in the unit that reads best: "3.2 µs", "0.41 ms", "12.5 ms". */
export function duration(ms: number): string {
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/** A rate per second with thousands separators: "1,234/s". */
export function perSecond(ms: number, unit: string): string {
  const rate = 1000 / ms;
  return `${(rate >= 100 ? Math.round(rate) : Number(rate.toFixed(1))).toLocaleString('en-US')} ${unit}/s`;
}

/** A ratio: "4.2×". */
export function times(x: number): string {
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
}

/** Plain-text table with a header rule; right-aligns every column but the first. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('   ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}
