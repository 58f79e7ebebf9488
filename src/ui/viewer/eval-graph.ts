import { Container, Graphics } from 'pixi.js';
import { GRID, label, MUTED, PANEL } from '../chart.js';
import { weekX } from './strip.js';

/* The evaluation graph: the engine's estimate of the final outcome (0–100) at the start of each
 * week, like a chess advantage chart; the area above the midline reads as "heading somewhere good". */

/** Where the graph sits and what it plots. */
export interface EvalSpec {
  x: number;
  y: number;
  w: number;
  h: number;
  weeks: number;
  /** Evaluation by week (index = week), undefined where there is none (yet). */
  values: readonly (number | undefined)[];
  /** Shown instead of the line while there is nothing to plot. */
  waiting?: string;
}

const GOOD = 0x34d399;
const POOR = 0xef4444;

/** The graph's caption for the selected week. */
export function evaluationCaption(values: readonly (number | undefined)[], week: number): string {
  const now = values[week];
  return `outcome estimate (0–100)${now !== undefined ? ` · week ${week}: ${Math.round(now)}` : ''}`;
}

/** Draws the graph (without its caption, which changes on every seek) into a container. */
export function drawEvaluation(c: Container, s: EvalSpec): void {
  const g = new Graphics();
  g.rect(s.x, s.y, s.w, s.h).fill({ color: PANEL });
  const py = (v: number) => s.y + s.h - (s.h * Math.max(0, Math.min(100, v))) / 100;
  g.moveTo(s.x, py(50))
    .lineTo(s.x + s.w, py(50))
    .stroke({ width: 1, color: GRID });
  c.addChild(g);
  const points: [number, number][] = [];
  for (let w = 1; w <= s.weeks; w++) {
    const v = s.values[w];
    if (v !== undefined) points.push([weekX(s, w), py(v)]);
  }
  if (points.length === 0) {
    const t = label(s.waiting ?? 'No evaluation in this debrief.', 11, MUTED);
    t.position.set(s.x + 8, s.y + s.h / 2 - 7);
    c.addChild(t);
    return;
  }
  const area = new Graphics();
  const mid = py(50);
  for (const [i, [x, y]] of points.entries()) {
    const next = points[i + 1];
    if (!next) break;
    area.poly([x, mid, x, y, next[0], next[1], next[0], mid]).fill({ color: (y + next[1]) / 2 <= mid ? GOOD : POOR, alpha: 0.22 });
  }
  const line = new Graphics();
  points.forEach(([x, y], i) => (i === 0 ? line.moveTo(x, y) : line.lineTo(x, y)));
  line.stroke({ width: 2, color: 0xe6edf3 });
  c.addChild(area, line);
}
