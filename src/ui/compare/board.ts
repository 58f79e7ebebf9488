import type { Bin, Dimension, Group, RankedRow } from '../../analysis/compare-types.js';
import { binRange, DIMENSIONS, ENDING_SHORT, figure } from '../../analysis/compare-rank.js';
import { arrLabel } from '../../analysis/compare-report.js';
import { cssColor, valueColor } from '../../analysis/compare-layout.js';
import { esc } from '../format.js';

/* The comparison's leaderboard (a table sortable by clicking any score column, announced with
 * aria-sort) and its distribution charts, as plain DOM: text a screen reader can read. */

/** Which column the leaderboard is sorted on, and whether the order is flipped (worst first). */
export interface SortState {
  dim: Dimension;
  reversed: boolean;
}

const SHORT: Record<Dimension, string> = {
  outcome: 'Value',
  arr: 'ARR',
  runway: 'Runway',
  learning: 'Learning',
  costPerInsight: 'Cost / insight',
  uptime: 'Uptime',
  breaches: 'Breaches',
  alignment: 'Alignment',
};

/** The order of the sorted column's values: best first is descending when higher is better. */
function direction(dim: Dimension, sort: SortState): 'ascending' | 'descending' {
  const bestFirst = DIMENSIONS.find((d) => d.id === dim)?.higherIsBetter ? 'descending' : 'ascending';
  return sort.reversed === (bestFirst === 'descending') ? 'ascending' : 'descending';
}

const ariaSort = (dim: Dimension, sort: SortState) => (dim === sort.dim ? ` aria-sort="${direction(dim, sort)}"` : '');
const arrow = (dim: Dimension, sort: SortState) => (dim === sort.dim ? (direction(dim, sort) === 'ascending' ? ' ▲' : ' ▼') : '');

/** The player indices in the order the leaderboard shows them, with their rank (null: n/a).
 * Flipping reverses only the ranked rows: players whose figure is n/a stay last either way. */
export function sortedRows(g: Group, sort: SortState): { player: number; rank: number | null }[] {
  const rows: RankedRow[] = g.rankings.find((r) => r.dimension === sort.dim)?.rows ?? [];
  if (!sort.reversed) return rows;
  return [...rows.filter((r) => r.rank !== null).reverse(), ...rows.filter((r) => r.rank === null)];
}

/** The leaderboard table; header buttons carry data-sort, name buttons data-open. */
export function boardHtml(g: Group, sort: SortState): string {
  const heads = DIMENSIONS.map(
    (d) =>
      `<th scope="col"${ariaSort(d.id, sort)}><button type="button" data-sort="${d.id}" title="Sort by ${esc(d.label)} (${d.higherIsBetter ? 'higher' : 'lower'} is better)">${esc(SHORT[d.id])}<span class="arrow" aria-hidden="true">${arrow(d.id, sort)}</span></button></th>`,
  ).join('');
  const rows = sortedRows(g, sort).map(({ player, rank }) => {
    const p = g.players[player];
    if (!p) return '';
    const cells = DIMENSIONS.map((d) => {
      const f = figure(p, d.id);
      return `<td title="${esc(f.display)}">${esc(f.display.replace(/ \(.*\)$/, ''))}</td>`;
    }).join('');
    return `<tr data-player="${player}"><td>${rank ?? '–'}</td><td class="l"><button type="button" class="linkish" data-open="${player}" title="Open ${esc(p.name)} in the replay viewer">${esc(p.name)}</button></td><td class="l">${esc(ENDING_SHORT[p.ending])}</td>${cells}</tr>`;
  });
  return `<table class="cboard-table" data-testid="leaderboard"><caption>Leaderboard · click a column to sort (again to flip)</caption><thead><tr><th scope="col">#</th><th scope="col" class="l">Player</th><th scope="col" class="l">Ending</th>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

interface BarItem {
  label: string;
  short: string;
  count: number;
  color?: string;
}

function bars(title: string, items: BarItem[]): string {
  const max = Math.max(1, ...items.map((i) => i.count));
  const cols = items.map(
    (i) =>
      `<div class="ccol" title="${esc(`${i.label}: ${i.count}`)}"><span class="cn">${i.count > 0 ? i.count : ''}</span><i style="height:${Math.round((i.count / max) * 80)}px${i.color ? `;background:${i.color}` : ''}"></i></div>`,
  );
  const ticks = items.map((i) => `<span>${esc(i.short)}</span>`);
  return `<figure class="cchart"><figcaption>${esc(title)}</figcaption><div class="cbars">${cols.join('')}</div><div class="cticks" aria-hidden="true">${ticks.join('')}</div></figure>`;
}

const binItems = (bins: Bin[], fmt: (n: number) => string, colored: boolean): BarItem[] =>
  bins.map((b) => ({ label: binRange(b, fmt), short: fmt(b.from), count: b.count, ...(colored ? { color: cssColor(valueColor(b.from + 5)) } : {}) }));

/** The distribution: endings, outcome values and ARR across the group's players. */
export function distributionHtml(g: Group): string {
  const d = g.distribution;
  return `<div class="cdist" data-testid="distribution">${bars(
    'Endings',
    d.endings.map((e) => ({ label: e.label, short: e.label, count: e.count })),
  )}${bars(
    'Outcome value',
    binItems(d.value, (n) => String(n), true),
  )}${bars('ARR at the end', binItems(d.arr, arrLabel, false))}</div>`;
}
