import type { Graphics } from 'pixi.js';
import type { Series, WeekBooks } from './series.js';
import { panel, type Scene, GRID, INK, MUTED } from './chart.js';
import { money } from './format.js';

/* The burn breakdown: each week's costs stacked by category beside the revenue booked. */

type Rect = { x: number; y: number; w: number; h: number };
type Category = Exclude<keyof WeekBooks, 'revenue'>;

const CATS: { key: Category; name: string; color: number }[] = [
  { key: 'payroll', name: 'payroll', color: 0x60a5fa },
  { key: 'gpu', name: 'GPU', color: 0xc084fc },
  { key: 'labeling', name: 'labeling', color: 0x2dd4bf },
  { key: 'tooling', name: 'tooling', color: 0x94a3b8 },
  { key: 'credits', name: 'SLA credits', color: 0xef4444 },
];
const REVENUE = 0x34d399;
const SHOWN = 20;

const costsOf = (b: WeekBooks) => CATS.reduce((sum, c) => sum + b[c.key], 0);

/** Draws the weekly burn breakdown (stacked costs, revenue as ◆ line) for the recent weeks. */
export function drawBurn(c: Scene, series: Series, r: Rect): void {
  const g = panel(c, r, 'Burn — weekly costs vs revenue');
  const first = Math.max(1, series.weeks - SHOWN + 1);
  const weeks: number[] = [];
  for (let w = first; w <= series.weeks; w++) if (series.books[w]) weeks.push(w);
  const last = weeks.length ? series.books[weeks[weeks.length - 1] ?? 0] : undefined;
  const top = legend(c, r, last);
  const plot = { x: r.x + 50, y: top + 10, w: r.w - 62, h: r.y + r.h - top - 36 };
  if (!weeks.length) {
    c.addChild(at(c.text('Books appear after week 1.', 12, MUTED), plot.x, plot.y + 20));
    return;
  }
  const max = Math.max(1, ...weeks.map((w) => Math.max(costsOf(series.books[w] as WeekBooks), (series.books[w] as WeekBooks).revenue))) * 1.1;
  for (let i = 0; i <= 2; i++) g.moveTo(plot.x, plot.y + (plot.h * i) / 2).lineTo(plot.x + plot.w, plot.y + (plot.h * i) / 2);
  g.stroke({ width: 1, color: GRID });
  c.addChild(at(c.text(money(max), 10, MUTED), r.x + 6, plot.y - 6), at(c.text('$0', 10, MUTED), r.x + 6, plot.y + plot.h - 6));
  bars(g, series, weeks, plot, max);
  c.addChild(at(c.text(`weeks ${weeks[0]}–${weeks[weeks.length - 1]}`, 10, MUTED), plot.x + plot.w - 70, plot.y + plot.h + 4));
}

function bars(g: Graphics, series: Series, weeks: number[], p: Rect, max: number): void {
  const slot = p.w / Math.max(weeks.length, 8);
  const bw = Math.max(3, slot * 0.62);
  const py = (v: number) => p.y + p.h - (p.h * v) / max;
  const rev: [number, number][] = [];
  weeks.forEach((w, i) => {
    const b = series.books[w] as WeekBooks;
    const x = p.x + i * slot + (slot - bw) / 2;
    let base = 0;
    for (const cat of CATS) {
      const v = b[cat.key];
      if (v > 0) g.rect(x, py(base + v), bw, py(base) - py(base + v)).fill({ color: cat.color, alpha: 0.85 });
      base += v;
    }
    rev.push([x + bw / 2, py(b.revenue)]);
  });
  rev.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
  if (rev.length > 1) g.stroke({ width: 2, color: REVENUE });
  for (const [x, y] of rev)
    g.poly([x, y - 5, x + 5, y, x, y + 5, x - 5, y])
      .fill({ color: REVENUE })
      .stroke({ width: 1, color: 0x0d1117 });
}

function legend(c: Scene, r: Rect, last: WeekBooks | undefined): number {
  let x = r.x + 12;
  let y = r.y + 28;
  const items = [
    ...CATS.map((cat) => ({ text: `■ ${cat.name}${last ? ` ${money(last[cat.key])}` : ''}`, color: cat.color })),
    { text: `◆ revenue${last ? ` ${money(last.revenue)}` : ''}`, color: REVENUE },
  ];
  for (const item of items) {
    const t = c.text(item.text, 11, item.color);
    if (x + t.width > r.x + r.w - 8) [x, y] = [r.x + 12, y + 15];
    c.addChild(at(t, x, y));
    x += t.width + 10;
  }
  if (!last) return y + 16;
  const net = last.revenue - costsOf(last);
  const note = c.text(`last week: costs ${money(costsOf(last))} · revenue ${money(last.revenue)} · net ${net >= 0 ? '+' : ''}${money(net)}`, 11, net >= 0 ? REVENUE : INK);
  c.addChild(at(note, r.x + 12, y + 16));
  return y + 32;
}

function at<T extends { position: { set(x: number, y: number): void } }>(t: T, x: number, y: number): T {
  t.position.set(x, y);
  return t;
}
