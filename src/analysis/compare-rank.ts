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

/** The sort key: larger is better; a figure that does not apply sorts after every one that does. */
function key(p: PlayerResult, dim: Dimension, higherIsBetter: boolean): number {
  const f = figure(p, dim);
  if (f.na) return Number.NEGATIVE_INFINITY;
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

/** Counts values into bins of a width starting at 0; the last bin includes its upper edge. */
export function histogram(values: readonly number[], width: number, count: number): Bin[] {
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }));
  for (const v of values) {
    const i = Math.min(count - 1, Math.max(0, Math.floor(v / width)));
    const bin = bins[i];
    if (bin) bin.count += 1;
  }
  return bins;
}

/** Endings counted, and histograms of outcome value and ARR. */
export function distribution(players: readonly PlayerResult[]): Distribution {
  const order = Object.keys(ENDING_SHORT) as (EndReason | 'playing')[];
  const endings = order
    .map((ending) => ({ ending, label: ENDING_SHORT[ending], count: players.filter((p) => p.ending === ending).length }))
    .filter((e) => e.count > 0);
  const arrs = players.map((p) => p.outcome.arr);
  const maxArr = Math.max(0, ...arrs);
  const width = roundWidth(maxArr, 5);
  const arrBins = Math.max(1, Math.min(6, Math.floor(maxArr / width) + (maxArr % width === 0 && maxArr > 0 ? 0 : 1)));
  return { endings, value: histogram(players.map((p) => p.outcome.value), 10, 10), arr: histogram(arrs, width, arrBins) };
}
