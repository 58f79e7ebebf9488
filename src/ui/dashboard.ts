import { Application, Container, Graphics } from 'pixi.js';
import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { LogEntry } from '../engine/log/format.js';
import { confusion, runwayWeeks, sloP95, sloUptime } from '../engine/derive.js';
import { drawChart, label, INK, MUTED, type ChartSpec } from './chart.js';
import { seriesOf, type Series } from './series.js';
import { money, pct } from './format.js';

/* The centre dashboard: pixi charts of cash and runway, fit signal, trust vs accuracy, the
 * confusion matrix, and after fit p95 latency and uptime against their SLOs. */

/** Which renderer pixi ended up with. */
export type RendererName = 'webgl' | 'canvas';

const TEAL = 0x2dd4bf;
const AMBER = 0xf59e0b;
const RED = 0xef4444;
const BLUE = 0x60a5fa;
const VIOLET = 0xc084fc;

/** A pixi dashboard mounted in an element. */
export class Dashboard {
  private constructor(private readonly app: Application, readonly renderer: RendererName) {}

  /** Mounts the dashboard, asking for WebGL and falling back to canvas only if WebGL is missing. */
  static async mount(host: HTMLElement, width: number, height: number): Promise<Dashboard> {
    const base = { width, height, antialias: true, background: 0x0d1117, resolution: window.devicePixelRatio || 1, autoDensity: true };
    const app = new Application();
    try {
      await app.init({ ...base, preference: ['webgl'] });
    } catch {
      await app.init({ ...base, preference: ['canvas'] });
    }
    const renderer: RendererName = app.renderer.name === 'webgl' ? 'webgl' : 'canvas';
    app.canvas.setAttribute('aria-label', 'Dashboard charts');
    app.canvas.setAttribute('role', 'img');
    host.appendChild(app.canvas);
    return new Dashboard(app, renderer);
  }

  /** Redraws every chart for the state and the log so far. */
  update(sc: Scenario, s: GameState, entries: readonly LogEntry[]): void {
    const root = new Container();
    const series = seriesOf(entries, { cash: sc.start.cash, trust: sc.start.trust, accuracy: sc.start.modelSkill, p95: sc.reliability.p95BaseMs });
    const { width: W, height: H } = this.app.screen;
    const post = s.phase === 'postFit' || s.fitWeek !== null;
    const cols = 2;
    const rows = post ? 3 : 2;
    const gap = 10;
    const cw = (W - gap * (cols + 1)) / cols;
    const ch = (H - gap * (rows + 1)) / rows;
    const cell = (i: number) => ({ x: gap + (i % cols) * (cw + gap), y: gap + Math.floor(i / cols) * (ch + gap), w: cw, h: ch });
    const specs = post
      ? [cashChart(sc, s, series), p95Chart(sc, s, series), uptimeChart(s, series), trustChart(series), fitChart(sc, series)]
      : [cashChart(sc, s, series), fitChart(sc, series), trustChart(series)];
    specs.forEach((spec, i) => drawChart(root, { weeks: series.weeks, ...spec, ...cell(i) }));
    drawConfusion(root, sc, s, cell(specs.length));
    const old = this.app.stage.removeChildren();
    old.forEach((c) => c.destroy({ children: true }));
    this.app.stage.addChild(root);
  }
}

type Spec = Omit<ChartSpec, 'x' | 'y' | 'w' | 'h' | 'weeks'>;

function cashChart(sc: Scenario, s: GameState, series: Series): Spec {
  const weeks = runwayWeeks(s);
  const now = series.weeks;
  const projection: (number | undefined)[] = [];
  if (weeks < 999 && now > 0) {
    const end = Math.round(now + weeks);
    for (let w = now; w <= end; w++) projection[w] = s.cash * (1 - (w - now) / Math.max(1, weeks));
  }
  const danger = weeks < 13;
  return {
    span: Math.min(sc.weeks, Math.max(now, projection.length - 1)),
    title: danger ? '⚠ Runway — cash danger' : 'Runway — cash',
    min: 0, max: Math.max(...series.cash, sc.start.cash) * 1.1,
    lines: [{ label: 'cash', color: danger ? RED : BLUE, values: series.cash }, { label: 'projected zero', color: danger ? RED : MUTED, values: projection, dashed: true }],
    format: money,
    note: weeks >= 999 ? 'not burning' : `zero in ~${Math.round(weeks)} wk at last week's burn`,
  };
}

function fitChart(sc: Scenario, series: Series): Spec {
  return {
    title: 'Fit signal — “very disappointed” survey', min: 0, max: 1,
    lines: [{ label: 'survey', color: TEAL, values: series.survey }, { label: 'retention', color: VIOLET, values: series.retention }],
    threshold: { value: sc.fit.surveyThreshold, label: `fit at ${pct(sc.fit.surveyThreshold)} for ${sc.fit.weeksRequired} wk`, color: AMBER },
    format: (v) => pct(v),
  };
}

function trustChart(series: Series): Spec {
  return {
    title: 'Trust vs accuracy', min: 0, max: 1,
    lines: [{ label: 'trust', color: VIOLET, values: series.trust }, { label: 'accuracy', color: BLUE, values: series.accuracy }],
    format: (v) => pct(v),
  };
}

function p95Chart(sc: Scenario, s: GameState, series: Series): Spec {
  const slo = sloP95(s, sc);
  return {
    title: 'p95 latency vs SLO', min: 0, max: Math.max(slo * 1.5, ...series.p95.filter((v) => v !== undefined)),
    lines: [{ label: 'p95', color: s.reliability.p95Ms > slo ? RED : AMBER, values: series.p95 }],
    threshold: { value: slo, label: `SLO ${slo} ms`, color: RED },
    format: (v) => `${Math.round(v)} ms`,
  };
}

function uptimeChart(s: GameState, series: Series): Spec {
  const slo = sloUptime(s);
  return {
    title: 'Uptime vs SLO', min: 0.98, max: 1,
    lines: [{ label: 'uptime', color: s.reliability.uptime < slo ? RED : AMBER, values: series.uptime }],
    threshold: { value: slo, label: `SLO ${pct(slo, 2)}`, color: RED },
    format: (v) => pct(v, 2),
  };
}

function drawConfusion(c: Container, sc: Scenario, s: GameState, r: { x: number; y: number; w: number; h: number }): void {
  const m = confusion(s, sc);
  const g = new Graphics();
  g.roundRect(r.x, r.y, r.w, r.h, 8).fill({ color: 0x161d26 }).stroke({ width: 1, color: 0x2a3441 });
  c.addChild(g);
  const title = label(`Model at threshold ${s.model.threshold.toFixed(2)}`, 13, INK, true);
  title.position.set(r.x + 12, r.y + 8);
  c.addChild(title);
  const size = Math.min((r.w - 180) / 2, (r.h - 50) / 2);
  const cells: [string, number, number][] = [['TP', m.tp, TEAL], ['FN', m.fn, RED], ['FP', m.fp, AMBER], ['TN', m.tn, BLUE]];
  cells.forEach(([name, v, color], i) => {
    const x = r.x + 16 + (i % 2) * (size + 4);
    const y = r.y + 36 + Math.floor(i / 2) * (size + 4);
    g.rect(x, y, size, size).fill({ color, alpha: 0.15 + 0.6 * Math.min(1, v / 1000 + 0.1) });
    const t = label(`${name}\n${v}`, 12, INK, true);
    t.position.set(x + 8, y + 6);
    c.addChild(t);
  });
  const facts = label(`per 1,000 cases\nprecision ${pct(m.precision)}\nrecall ${pct(m.recall)}\nerror cost ${money(m.errorCostPer1000)}/1k\n${sc.model.metricName}`, 12, MUTED);
  facts.position.set(r.x + 32 + size * 2, r.y + 40);
  c.addChild(facts);
}
