import type { Branch, DivergenceTree } from './compare-types.js';

/* Where each branch of a divergence tree sits when drawn: weeks run left to right and a
 * branch is a band whose height is its number of players, stacked inside its parent's band.
 * The HTML report's SVG and the browser's pixi view draw from the same layout and colours. */

/** One branch's band, in week and player units (the drawer scales both to pixels). */
export interface Band {
  branch: Branch;
  /** Start and end of the band in weeks: from the start of its first week to the end of its last. */
  x0: number;
  x1: number;
  /** Top and bottom in players: the root spans 0 to the number of players. */
  y0: number;
  y1: number;
}

/** The bands of every branch (root first) and the extent of the drawing. */
export function bandLayout(tree: DivergenceTree): { bands: Band[]; weeks: number; players: number } {
  const byId = new Map(tree.branches.map((b) => [b.id, b]));
  const bands: Band[] = [];
  const place = (b: Branch, y0: number) => {
    bands.push({ branch: b, x0: b.week - 1, x1: Math.max(b.week - 1, b.untilWeek), y0, y1: y0 + b.players.length });
    let y = y0;
    for (const id of b.children) {
      const child = byId.get(id);
      if (!child) continue;
      place(child, y);
      y += child.players.length;
    }
  };
  const root = tree.branches[0];
  if (root) place(root, 0);
  const weeks = bands.reduce((m, band) => Math.max(m, band.x1), 1);
  return { bands, weeks, players: root?.players.length ?? 0 };
}

const STOPS: readonly [number, number][] = [
  [0, 0xef4444],
  [50, 0xf59e0b],
  [100, 0x2dd4bf],
];

/** The colour of an outcome value: red at 0, amber at 50, teal at 100 (always shown with its number). */
export function valueColor(value: number): number {
  const v = Math.min(100, Math.max(0, value));
  const i = v <= 50 ? 0 : 1;
  const [a, ca] = STOPS[i] as [number, number];
  const [b, cb] = STOPS[i + 1] as [number, number];
  const t = (v - a) / (b - a);
  const mix = (shift: number) => Math.round(((ca >> shift) & 0xff) * (1 - t) + ((cb >> shift) & 0xff) * t);
  return (mix(16) << 16) | (mix(8) << 8) | mix(0);
}

/** A colour as a CSS hex string (#rrggbb). */
export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}
