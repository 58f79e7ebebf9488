import { Container, Graphics, GraphicsContext, Text, TextStyle } from 'pixi.js';

/* A small line chart drawn with pixi: title, grid, a threshold band, lines and latest values,
 * drawn into a Scene that keeps its pixi objects from one redraw to the next. */

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

/** The style of a dashboard label (word-wrapped when a wrap width is given). */
function styleOf(size: number, color: number, bold: boolean, wrap?: number) {
  const base = { fontFamily: 'Inter, system-ui, sans-serif', fontSize: size, fill: color, fontWeight: bold ? ('600' as const) : ('400' as const) };
  return wrap === undefined ? base : { ...base, wordWrap: true, wordWrapWidth: wrap };
}

/** A text label in the dashboard style. */
export function label(text: string, size: number, color: number, bold = false): Text {
  return new Text({ text, style: styleOf(size, color, bold) });
}

/* Texts kept off screen for a later redraw (a coach scrubbing back and forth meets them again). */
const SPARE_TEXTS = 240;
/* Fixed shapes (panel frames) kept built; the layout has a handful, so the cap is never reached in play. */
const FIXED_SHAPES = 64;

/**
 * The dashboard's drawing surface, kept across redraws: rasterising a Text and rebuilding a
 * Graphics are what a redraw costs, so a redraw takes back the Text that already shows the same
 * words in the same style (no new texture) and clears and refills the Graphics it drew last time.
 * Call begin() before drawing and end() after; draw order is the order of addChild calls.
 */
export class Scene extends Container {
  private readonly styles = new Map<string, TextStyle>();
  /** Texts not on screen, by style and words; Map order keeps the least recently shown first. */
  private readonly spare = new Map<string, Text[]>();
  private spareCount = 0;
  private shown: [string, Text][] = [];
  private readonly shapes: Graphics[] = [];
  private shapesUsed = 0;
  private readonly fixedContexts = new Map<string, GraphicsContext>();
  private readonly fixedShapes: Graphics[] = [];
  private fixedUsed = 0;

  /** Takes everything off screen; what is not drawn again stays spare. */
  begin(): void {
    this.removeChildren();
    for (const [key, t] of this.shown) this.keep(key, t);
    this.shown = [];
    this.shapesUsed = 0;
    this.fixedUsed = 0;
  }

  /** A label in the dashboard style: the one already showing these words if there is one. */
  text(words: string, size: number, color: number, bold = false, wrap?: number): Text {
    const styleKey = `${size}|${color}|${bold ? 'b' : ''}|${wrap ?? ''}`;
    const key = `${styleKey}|${words}`;
    const list = this.spare.get(key);
    let t = list?.pop();
    if (t) {
      this.spareCount -= 1;
      if (list?.length === 0) this.spare.delete(key);
    } else {
      let style = this.styles.get(styleKey);
      if (!style) this.styles.set(styleKey, (style = new TextStyle(styleOf(size, color, bold, wrap))));
      t = new Text({ text: words, style });
    }
    this.shown.push([key, t]);
    return t;
  }

  /** An empty Graphics to draw into (one drawn in an earlier redraw, cleared). */
  graphics(): Graphics {
    const g = this.shapes[this.shapesUsed] ?? new Graphics();
    this.shapes[this.shapesUsed] = g;
    this.shapesUsed += 1;
    return g.clear();
  }

  /** A shape that depends only on its key (a panel frame): drawn once, then shown as built. */
  fixed(key: string, draw: (g: GraphicsContext) => void): Graphics {
    let ctx = this.fixedContexts.get(key);
    if (!ctx) {
      if (this.fixedContexts.size >= FIXED_SHAPES) this.fixedContexts.clear();
      ctx = new GraphicsContext();
      draw(ctx);
      this.fixedContexts.set(key, ctx);
    }
    const g = this.fixedShapes[this.fixedUsed] ?? new Graphics(ctx);
    this.fixedShapes[this.fixedUsed] = g;
    this.fixedUsed += 1;
    g.context = ctx;
    return g;
  }

  /** Lets go of the least recently shown spare texts beyond the budget. */
  end(): void {
    for (const [key, list] of this.spare) {
      if (this.spareCount <= SPARE_TEXTS) break;
      while (list.length > 0 && this.spareCount > SPARE_TEXTS) {
        list.shift()?.destroy();
        this.spareCount -= 1;
      }
      if (list.length === 0) this.spare.delete(key);
    }
  }

  private keep(key: string, t: Text): void {
    const list = this.spare.get(key) ?? [];
    this.spare.delete(key);
    list.push(t);
    this.spare.set(key, list);
    this.spareCount += 1;
  }
}

/** A framed panel with a bold title; returns the Graphics to draw more into. */
export function panel(c: Scene, r: { x: number; y: number; w: number; h: number }, title: string): Graphics {
  const g = c.graphics();
  c.addChild(framed(c, r), g);
  const t = c.text(title, 13, INK, true);
  t.position.set(r.x + 12, r.y + 8);
  c.addChild(t);
  return g;
}

/** The rounded, outlined panel background of a rectangle. */
export function framed(c: Scene, r: { x: number; y: number; w: number; h: number }): Graphics {
  return c.fixed(`panel ${r.x} ${r.y} ${r.w} ${r.h}`, (g) => g.roundRect(r.x, r.y, r.w, r.h, 8).fill({ color: PANEL }).stroke({ width: 1, color: GRID }));
}

function frame(c: Scene, s: ChartSpec): void {
  const g = c.fixed(`chart ${s.x} ${s.y} ${s.w} ${s.h}`, (f) => {
    f.roundRect(s.x, s.y, s.w, s.h, 8).fill({ color: PANEL }).stroke({ width: 1, color: GRID });
    for (let i = 0; i <= 4; i++) {
      const y = s.y + PAD.t + ((s.h - PAD.t - PAD.b) * i) / 4;
      f.moveTo(s.x + PAD.l, y).lineTo(s.x + s.w - PAD.r, y);
    }
    f.stroke({ width: 1, color: GRID });
  });
  c.addChild(g);
  const title = c.text(s.title, 13, INK, true);
  title.position.set(s.x + 12, s.y + 8);
  c.addChild(title);
  for (const [i, v] of [s.max, s.min].entries()) {
    const t = c.text(s.format(v), 10, MUTED);
    t.position.set(s.x + 6, i === 0 ? s.y + PAD.t - 6 : s.y + s.h - PAD.b - 6);
    c.addChild(t);
  }
  const wk = c.text(s.xLabel ?? `week ${Math.max(1, s.weeks)}`, 10, MUTED);
  wk.position.set(s.x + s.w - PAD.r - wk.width, s.y + s.h - PAD.b + 5);
  c.addChild(wk);
}

/** Draws a chart into a container. */
export function drawChart(c: Scene, s: ChartSpec): void {
  frame(c, s);
  const span = Math.max(4, s.span ?? s.weeks);
  const px = (i: number) => s.x + PAD.l + ((s.w - PAD.l - PAD.r) * i) / span;
  const py = (v: number) => s.y + s.h - PAD.b - ((s.h - PAD.t - PAD.b) * (Math.min(s.max, Math.max(s.min, v)) - s.min)) / (s.max - s.min || 1);
  const g = c.graphics();
  if (s.threshold) {
    const y = py(s.threshold.value);
    for (let x = s.x + PAD.l; x < s.x + s.w - PAD.r; x += 10) g.moveTo(x, y).lineTo(Math.min(x + 5, s.x + s.w - PAD.r), y);
    g.stroke({ width: 1.5, color: s.threshold.color });
    const t = c.text(s.threshold.label, 10, s.threshold.color);
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

function legend(c: Scene, s: ChartSpec): void {
  let x = s.x + 12;
  for (const l of s.lines) {
    const v = [...l.values].reverse().find((n) => n !== undefined);
    const t = c.text(`${l.dashed ? '┄┄' : '●'} ${l.label}${v === undefined || l.dashed ? '' : ` ${s.format(v)}`}`, 11, l.color);
    t.position.set(x, s.y + 27);
    x += t.width + 14;
    c.addChild(t);
  }
  if (s.note) {
    const n = c.text(s.note, 10, MUTED);
    n.position.set(s.x + PAD.l, s.y + s.h - PAD.b + 5);
    c.addChild(n);
  }
}
