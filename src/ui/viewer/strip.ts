import { Container, Graphics } from 'pixi.js';
import { label, MUTED } from '../chart.js';
import { MARK_COLOR, MARK_SHAPE, UNJUDGED } from './marks.js';
import { MARK_GLYPH, MARKS, type Mark } from '../../analysis/types.js';
import type { Item } from './items.js';

/* The timeline strip: one column per week, tinted by phase, every decision a marker coloured
 * and shaped by its mark, the selected week outlined and the selected decision ringed. */

/** Where the strip sits and what it shows (the parts that change only with the analysis). */
export interface StripSpec {
  x: number;
  y: number;
  w: number;
  h: number;
  weeks: number;
  /** Phase per week (index = week): true once the company is past fit. */
  postFit: readonly boolean[];
  items: readonly Item[];
}

/** A marker's hit box, for clicks on the strip. */
export interface MarkerHit {
  seq: number;
  x: number;
  y: number;
  r: number;
}

const LAB = 0x2dd4bf;
const OPS = 0xf59e0b;
const MARKER = 4;

/** The x of a week's column centre. */
export function weekX(s: { x: number; w: number; weeks: number }, week: number): number {
  return s.x + (s.w * (week - 0.5)) / Math.max(1, s.weeks);
}

/** The week under an x position (clamped to the strip). */
export function weekAt(s: { x: number; w: number; weeks: number }, x: number): number {
  return Math.max(1, Math.min(s.weeks, Math.floor(((x - s.x) / s.w) * s.weeks) + 1));
}

function marker(g: Graphics, shape: (typeof MARK_SHAPE)[Mark] | 'dot', x: number, y: number, color: number): void {
  const r = MARKER;
  switch (shape) {
    case 'dot':
      g.circle(x, y, r - 1.5).fill({ color, alpha: 0.8 });
      return;
    case 'circle':
      g.circle(x, y, r).fill({ color });
      return;
    case 'triangle':
      g.poly([x, y - r - 1, x + r + 1, y + r, x - r - 1, y + r]).fill({ color });
      return;
    case 'diamond':
      g.poly([x, y - r - 1, x + r + 1, y, x, y + r + 1, x - r - 1, y]).fill({ color });
      return;
    case 'cross':
      g.moveTo(x - r, y - r)
        .lineTo(x + r, y + r)
        .moveTo(x + r, y - r)
        .lineTo(x - r, y + r)
        .stroke({ width: 3, color });
      return;
    default: {
      const never: never = shape;
      throw new Error(`unknown marker ${String(never)}`);
    }
  }
}

function worst(items: readonly Item[]): Mark | null {
  let at = -1;
  for (const it of items) if (it.evaluation) at = Math.max(at, MARKS.indexOf(it.evaluation.mark));
  return at >= 0 ? (MARKS[at] ?? null) : null;
}

function columns(g: Graphics, s: StripSpec, colW: number): void {
  for (let w = 1; w <= s.weeks; w++) {
    const x = s.x + colW * (w - 1);
    g.rect(x + 0.5, s.y, Math.max(1, colW - 1), s.h).fill({ color: s.postFit[w] ? OPS : LAB, alpha: 0.09 });
  }
}

/** Draws what moves on a seek: the selected week's column and the selected decision's ring. */
export function drawStripCursor(g: Graphics, s: StripSpec, week: number, selected: MarkerHit | undefined): void {
  const colW = s.w / Math.max(1, s.weeks);
  const cx = s.x + colW * (week - 1);
  g.rect(cx + 0.5, s.y, Math.max(1, colW - 1), s.h).fill({ color: s.postFit[week] ? OPS : LAB, alpha: 0.3 });
  g.rect(cx, s.y - 2, colW, s.h + 4).stroke({ width: 2, color: 0xffffff });
  if (selected) g.circle(selected.x, selected.y, MARKER + 3).stroke({ width: 1.5, color: 0xffffff });
}

/** Draws the strip's columns, markers and labels; returns the markers' hit boxes. */
export function drawStrip(c: Container, s: StripSpec): MarkerHit[] {
  const g = new Graphics();
  const colW = s.w / Math.max(1, s.weeks);
  columns(g, s, colW);
  const hits: MarkerHit[] = [];
  const byWeek = new Map<number, Item[]>();
  for (const it of s.items) byWeek.set(it.week, [...(byWeek.get(it.week) ?? []), it]);
  for (const [week, items] of byWeek) {
    const x = weekX(s, week);
    const step = Math.min(MARKER * 2 + 3, (s.h - 8) / Math.max(1, items.length));
    items.forEach((it, i) => {
      const y = s.y + s.h - 6 - i * step;
      const mark = it.evaluation?.mark;
      marker(g, mark ? MARK_SHAPE[mark] : 'dot', x, y, mark ? MARK_COLOR[mark] : UNJUDGED);
      hits.push({ seq: it.seq, x, y, r: Math.max(MARKER + 2, step / 2) });
    });
    const bad = worst(items);
    if (bad === 'mistake' || bad === 'blunder') {
      const t = label(MARK_GLYPH[bad], 10, MARK_COLOR[bad], true);
      t.position.set(x - t.width / 2, s.y - 14);
      c.addChild(t);
    }
  }
  c.addChildAt(g, 0);
  const every = s.weeks > 60 ? 8 : s.weeks > 24 ? 4 : 1;
  for (let w = every; w <= s.weeks; w += every) {
    const t = label(String(w), 10, MUTED);
    t.position.set(weekX(s, w) - t.width / 2, s.y + s.h + 2);
    c.addChild(t);
  }
  return hits;
}
