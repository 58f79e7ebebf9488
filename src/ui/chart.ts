import { Container, Graphics, Text } from 'pixi.js';

/* A small line chart drawn with pixi: title, grid, a threshold band, lines and latest values. */

/** One plotted line. */
export interface Line {
  label: string;
  color: number;
  values: readonly (number | undefined)[];
  dashed?: boolean;
}

/** What a chart shows and where. */
export interface ChartSpec {
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  lines: Line[];
  min: number;
  max: number;
  weeks: number;
  format: (v: number) => string;
  threshold?: { value: number; label: string; color: number };
  note?: string;
  /** Weeks the x axis spans (default: the weeks played). */
  span?: number;
  /** Text at the bottom right of the x axis (default: the week played). */
  xLabel?: string;
}

/** Main text colour of the dashboard. */
export const INK = 0xe6edf3;
/** Secondary text colour of the dashboard. */
export const MUTED = 0x8b98a5;
/** Grid and frame line colour. */
export const GRID = 0x2a3441;
/** Panel fill colour. */
export const PANEL = 0x161d26;
const PAD = { l: 46, r: 12, t: 48, b: 22 };

/** A text label in the dashboard style. */
export function label(text: string, size: number, color: number, bold = false): Text {
  return new Text({ text, style: { fontFamily: 'Inter, system-ui, sans-serif', fontSize: size, fill: color, fontWeight: bold ? '600' : '400' } });
}

/** A framed panel with a bold title; returns the Graphics to draw more into. */
export function panel(c: Container, r: { x: number; y: number; w: number; h: number }, title: string): Graphics {
  const g = new Graphics();
  g.roundRect(r.x, r.y, r.w, r.h, 8).fill({ color: PANEL }).stroke({ width: 1, color: GRID });
  c.addChild(g);
  const t = label(title, 13, INK, true);
  t.position.set(r.x + 12, r.y + 8);
  c.addChild(t);
  return g;
}

function frame(c: Container, s: ChartSpec): void {
  const g = new Graphics();
  g.roundRect(s.x, s.y, s.w, s.h, 8).fill({ color: PANEL }).stroke({ width: 1, color: GRID });
  for (let i = 0; i <= 4; i++) {
    const y = s.y + PAD.t + ((s.h - PAD.t - PAD.b) * i) / 4;
    g.moveTo(s.x + PAD.l, y).lineTo(s.x + s.w - PAD.r, y);
  }
  g.stroke({ width: 1, color: GRID });
  c.addChild(g);
  const title = label(s.title, 13, INK, true);
  title.position.set(s.x + 12, s.y + 8);
  c.addChild(title);
  for (const [i, v] of [s.max, s.min].entries()) {
    const t = label(s.format(v), 10, MUTED);
    t.position.set(s.x + 6, i === 0 ? s.y + PAD.t - 6 : s.y + s.h - PAD.b - 6);
    c.addChild(t);
  }
  const wk = label(s.xLabel ?? `week ${Math.max(1, s.weeks)}`, 10, MUTED);
  wk.position.set(s.x + s.w - PAD.r - wk.width, s.y + s.h - PAD.b + 5);
  c.addChild(wk);
}

/** Draws a chart into a container. */
export function drawChart(c: Container, s: ChartSpec): void {
  frame(c, s);
  const span = Math.max(4, s.span ?? s.weeks);
  const px = (i: number) => s.x + PAD.l + ((s.w - PAD.l - PAD.r) * i) / span;
  const py = (v: number) => s.y + s.h - PAD.b - ((s.h - PAD.t - PAD.b) * (Math.min(s.max, Math.max(s.min, v)) - s.min)) / (s.max - s.min || 1);
  const g = new Graphics();
  if (s.threshold) {
    const y = py(s.threshold.value);
    for (let x = s.x + PAD.l; x < s.x + s.w - PAD.r; x += 10) g.moveTo(x, y).lineTo(Math.min(x + 5, s.x + s.w - PAD.r), y);
    g.stroke({ width: 1.5, color: s.threshold.color });
    const t = label(s.threshold.label, 10, s.threshold.color);
    t.position.set(s.x + s.w - PAD.r - t.width, y - 14);
    c.addChild(t);
  }
  s.lines.forEach((l) => plot(g, l, px, py, span));
  c.addChild(g);
  legend(c, s);
}

function plot(g: Graphics, l: Line, px: (i: number) => number, py: (v: number) => number, span: number): void {
  let started = false;
  l.values.forEach((v, i) => {
    if (v === undefined || i > span) return;
    if (!started) g.moveTo(px(i), py(v));
    else g.lineTo(px(i), py(v));
    started = true;
  });
  if (started) g.stroke({ width: l.dashed ? 1.5 : 2.5, color: l.color, alpha: l.dashed ? 0.7 : 1 });
  const lastIndex = Math.min(span, l.values.length - 1);
  const last = l.values[lastIndex];
  if (last !== undefined && !l.dashed) g.circle(px(lastIndex), py(last), 3.5).fill({ color: l.color });
}

function legend(c: Container, s: ChartSpec): void {
  let x = s.x + 12;
  for (const l of s.lines) {
    const v = [...l.values].reverse().find((n) => n !== undefined);
    const t = label(`${l.dashed ? '┄┄' : '●'} ${l.label}${v === undefined || l.dashed ? '' : ` ${s.format(v)}`}`, 11, l.color);
    t.position.set(x, s.y + 27);
    x += t.width + 14;
    c.addChild(t);
  }
  if (s.note) {
    const n = label(s.note, 10, MUTED);
    n.position.set(s.x + PAD.l, s.y + s.h - PAD.b + 5);
    c.addChild(n);
  }
}
