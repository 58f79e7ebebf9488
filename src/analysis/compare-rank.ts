import type { EndReason } from '../engine/state.js';
import type { Bin, Dimension, Distribution, PlayerResult, RankedRow, Ranking } from './compare-types.js';

/* Leaderboards and distributions of a comparison group. Every ordering has a tie-breaker
 * (outcome value, then name, then input order), so the same logs always rank the same way. */

/** Every leaderboard dimension in the score card's order, with its direction. */
export const DIMENSIONS: readonly { id: Dimension; label: string; higherIsBetter: boolean }[] = [
  { id: 'outcome', label: 'Outcome value', higherIsBetter: true },
  { id: 'arr', label: 'ARR', higherIsBetter: true },
  { id: 'runway', label: 'Runway', higherIsBetter: true },
  { id: 'learning', label: 'Learning velocity', higherIsBetter: true },
  { id: 'costPerInsight', label: 'Cost per insight', higherIsBetter: false },
  { id: 'uptime', label: 'Uptime', higherIsBetter: true },
  { id: 'breaches', label: 'Breaches', higherIsBetter: false },
  { id: 'alignment', label: 'Alignment', higherIsBetter: true },
];

/** Short ending names for charts and tables, in the order they are listed. */
export const ENDING_SHORT: Record<EndReason | 'playing', string> = {
  won: 'won',
  timeUp: 'time up',
  noFit: 'no fit',
  bookLost: 'book lost',
  bankrupt: 'bankrupt',
  playing: 'still playing',
};

/** A player's figure on a dimension, how it reads, and whether it applies at all ("n/a" on the
 * score card: uptime before fit, cost per insight with nothing settled). */
export function figure(p: PlayerResult, dim: Dimension): { value: number; display: string; na: boolean } {
  if (dim === 'outcome') return { value: p.outcome.value, display: `${Math.round(p.outcome.value * 10) / 10}`, na: false };
  const line = p.score.find((l) => l.id === dim);
  if (!line || line.display === 'n/a') return { value: line?.value ?? 0, display: 'n/a', na: true };
  return { value: line.value, display: line.display, na: false };
}

/** Below every outcome value: an unfinished game (its log stops before an ending) ranks under
 * every finished one on outcome, whatever its partial value. */
const UNFINISHED = 1000;

/** The sort key: larger is better; a figure that does not apply sorts after every one that does. */
function key(p: PlayerResult, dim: Dimension, higherIsBetter: boolean): number {
  const f = figure(p, dim);
  if (f.na) return Number.NEGATIVE_INFINITY;
  if (dim === 'outcome' && p.ending === 'playing') return f.value - UNFINISHED;
  return higherIsBetter ? f.value : -f.value;
}

const byName = (a: PlayerResult, b: PlayerResult) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index);

function rankedRows(players: readonly PlayerResult[], dim: Dimension, higherIsBetter: boolean): RankedRow[] {
  const k = (p: PlayerResult) => key(p, dim, higherIsBetter);
  const sorted = [...players].sort((a, b) => k(b) - k(a) || b.outcome.value - a.outcome.value || byName(a, b));
  let rank = 0;
  return sorted.map((p, i) => {
    const prev = sorted[i - 1];
    if (!prev || k(prev) !== k(p)) rank = i + 1;
    const { na, ...shown } = figure(p, dim);
    return { player: p.index, rank: na ? null : rank, ...shown };
  });
}

/** The players ranked best first on one dimension, with competition ranks for ties; players whose
 * figure is n/a come last and unranked (rank null), so "n/a" is never a shared first place. */
export function rankBy(players: readonly PlayerResult[], dim: Dimension): Ranking {
  const spec = DIMENSIONS.find((d) => d.id === dim) ?? { id: dim, label: dim, higherIsBetter: true };
  const rows = rankedRows(players, dim, spec.higherIsBetter);
  const base = { label: spec.label, higherIsBetter: spec.higherIsBetter };
  if (dim !== 'outcome') return { ...base, dimension: dim, rows };
  // Outcome values always apply, so every outcome row has a rank.
  return { ...base, dimension: dim, rows: rows.map((r) => ({ ...r, rank: r.rank ?? 0 })) };
}

/** One ranking per dimension. */
export function rankings(players: readonly PlayerResult[]): Ranking[] {
  return DIMENSIONS.map((d) => rankBy(players, d.id));
}

/** The smallest round width (1, 2 or 5 times a power of ten) that covers `max` in `bins` bins. */
export function roundWidth(max: number, bins: number): number {
  let unit = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * unit * bins >= max) return m * unit;
    unit *= 10;
  }
}

/** Counts values into `count` half-open bins [from, to) of a width from `start`; the last bin is
 * closed (it includes its upper edge) so the largest value has a bin. */
export function histogram(values: readonly number[], width: number, count: number, start = 0): Bin[] {
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({ from: start + i * width, to: start + (i + 1) * width, closed: i === count - 1, count: 0 }));
  for (const v of values) {
    const i = Math.min(count - 1, Math.max(0, Math.floor((v - start) / width)));
    const bin = bins[i];
    if (bin) bin.count += 1;
  }
  return bins;
}

/** A bin's range without ambiguity: "[10, 20)" holds 10 up to but not 20; the last bin, "[90, 100]", holds 100 too. */
export function binRange(b: Bin, fmt: (n: number) => string): string {
  return `[${fmt(b.from)}, ${fmt(b.to)}${b.closed ? ']' : ')'}`;
}

/** The narrowest ARR bin: reports round money over $1,000 to whole thousands, so the edges of a
 * narrower bin could read alike (an edge at $1,500 shows as "$2k", like one at $2,000). */
export const ARR_MIN_WIDTH = 1000;

/** ARR in up to six bins of a round width from 0; when every player has the same ARR, one bin around it. */
function arrHistogram(arrs: readonly number[]): Bin[] {
  const max = Math.max(0, ...arrs);
  const min = Math.min(max, ...arrs);
  const width = Math.max(ARR_MIN_WIDTH, roundWidth(max, 5));
  if (min === max) return histogram(arrs, width, 1, Math.floor(max / width) * width);
  const count = Math.max(1, Math.min(6, Math.floor(max / width) + (max % width === 0 ? 0 : 1)));
  return histogram(arrs, width, count);
}

/** Endings counted, and histograms of outcome value and ARR. */
export function distribution(players: readonly PlayerResult[]): Distribution {
  const order = Object.keys(ENDING_SHORT) as (EndReason | 'playing')[];
  const endings = order.map((ending) => ({ ending, label: ENDING_SHORT[ending], count: players.filter((p) => p.ending === ending).length })).filter((e) => e.count > 0);
  return {
    endings,
    value: histogram(
      players.map((p) => p.outcome.value),
      10,
      10,
    ),
    arr: arrHistogram(players.map((p) => p.outcome.arr)),
  };
}
