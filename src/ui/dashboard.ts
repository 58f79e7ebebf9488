import type { Application } from 'pixi.js';
import { startPixi, type RendererName } from './pixi-app.js';
import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { LogEntry } from '../engine/log/format.js';
import { confusion, runwayWeeks, sloP95, sloUptime } from '../engine/derive.js';
import { drawChart, framed, Scene, INK, MUTED, type ChartSpec } from './chart.js';
import { seriesOf, type Series } from './series.js';
import { money, pct } from './format.js';

import { drawGpuBudget } from './gpu-chart.js';
import { drawBurn } from './burn-chart.js';
import { drawDrift, errorBudgetSpec } from './drift.js';
import { contractsHtml, debtHtml } from './ops-panel.js';
import { esc } from './format.js';
import { AMBER, BLUE, RED, TEAL, VIOLET } from './palette.js';

/* The centre dashboard: three views behind keyboard-reachable tabs. "Money & compute" holds cash
 * and runway, the weekly burn and the GPU budget; "Model & market" the fit signal, trust vs
 * accuracy, the confusion matrix and drift monitors; "Operations" the error budget, p95 and
 * uptime against their SLOs, contract cards and tech debt. */

/** Which pixi renderer the dashboard got (defined with the shared pixi start-up). */
export type { RendererName };

/** The dashboard's views. */
export type View = 'money' | 'model' | 'ops';

const VIEWS: { id: View; name: string }[] = [
  { id: 'money', name: 'Money & compute' },
  { id: 'model', name: 'Model & market' },
  { id: 'ops', name: 'Operations' },
];
const TABS_H = 36;
const OPS_CHARTS_H = 200;

type Rect = { x: number; y: number; w: number; h: number };
type Args = { sc: Scenario; s: GameState; entries: readonly LogEntry[] };

/** A pixi dashboard mounted in an element, with HTML tabs and an HTML area for cards. */
export class Dashboard {
  private view: View = 'money';
  private last: Args | null = null;
  /** The pixi objects of the charts, kept from one redraw to the next. */
  private readonly scene = new Scene();
  /** The chart area's height; reading it forces a layout, so it is read again only after a resize. */
  private bodyHeight: number | null = null;

  private constructor(
    private readonly app: Application,
    readonly renderer: RendererName,
    private readonly parts: Parts,
  ) {
    app.stage.addChild(this.scene);
    new ResizeObserver(() => (this.bodyHeight = null)).observe(parts.body);
    parts.tabs.addEventListener('click', (ev) => {
      const id = (ev.target as HTMLElement).closest<HTMLElement>('[data-view]')?.dataset.view;
      if (id) this.show(id as View);
    });
    parts.tabs.addEventListener('keydown', (ev) => this.onTabKey(ev));
  }

  /** Mounts the dashboard, asking for WebGL and falling back to canvas only if WebGL is missing. */
  static async mount(host: HTMLElement, width: number, height: number): Promise<Dashboard> {
    // Charts change only when the state does: no ticker, one render per redraw, an idle page.
    const { app, renderer } = await startPixi(width, height - TABS_H, 0x0d1117);
    app.canvas.setAttribute('aria-label', 'Dashboard charts');
    app.canvas.setAttribute('role', 'img');
    const parts = layout(host, width, height);
    parts.body.insertBefore(app.canvas, parts.html);
    return new Dashboard(app, renderer, parts);
  }

  /** Switches to a view and redraws it. */
  show(view: View): void {
    this.view = view;
    if (this.last) this.update(this.last.sc, this.last.s, this.last.entries);
    this.parts.tabs.querySelector<HTMLElement>(`[data-view=${view}]`)?.focus();
  }

  private onTabKey(ev: KeyboardEvent): void {
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight' && ev.key !== 'Home' && ev.key !== 'End') return;
    ev.preventDefault();
    const i = VIEWS.findIndex((v) => v.id === this.view);
    const next = ev.key === 'Home' ? 0 : ev.key === 'End' ? VIEWS.length - 1 : (i + (ev.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length;
    this.show(VIEWS[next]?.id ?? 'money');
  }

  /** Redraws the current view for the state and the log so far. */
  update(sc: Scenario, s: GameState, entries: readonly LogEntry[]): void {
    this.last = { sc, s, entries };
    const root = this.scene;
    root.begin();
    const series = seriesOf(entries, { cash: sc.start.cash, trust: sc.start.trust, accuracy: sc.start.modelSkill, p95: sc.reliability.p95BaseMs });
    const W = this.app.screen.width;
    const post = s.phase === 'postFit' || s.fitWeek !== null;
    const H = (this.bodyHeight ??= this.parts.body.clientHeight) || 580;
    const canvasH = this.view === 'ops' ? (post ? OPS_CHARTS_H : 0) : H;
    if (this.app.screen.height !== Math.max(1, canvasH)) this.app.renderer.resize(W, Math.max(1, canvasH));
    this.app.canvas.style.display = canvasH > 0 ? 'block' : 'none';
    if (this.view === 'money') moneyView(root, sc, s, series, W, H);
    else if (this.view === 'model') modelView(root, sc, s, series, W, H);
    else if (post) opsCharts(root, sc, s, series, W, OPS_CHARTS_H);
    root.end();
    setHtml(this.parts.html, this.view === 'ops' ? `${contractsHtml(sc, s)}${debtHtml(sc, s)}` : '');
    this.parts.html.hidden = this.view !== 'ops';
    setHtml(this.parts.tabs, tabsHtml(this.view, post, s));
    this.app.render();
  }
}

type Parts = { tabs: HTMLElement; body: HTMLElement; html: HTMLElement };

/* Rewrites an element only when its markup changes: the same markup would rebuild the same nodes. */
const written = new WeakMap<HTMLElement, string>();
function setHtml(el: HTMLElement, html: string): void {
  if (written.get(el) === html) return;
  el.innerHTML = html;
  written.set(el, html);
}

function layout(host: HTMLElement, width: number, height: number): Parts {
  host.classList.add('dash');
  host.style.width = `${width}px`;
  host.style.height = `${height}px`;
  host.innerHTML = `<div class="dash-tabs" role="tablist" aria-label="Dashboard views"></div><div class="dash-body" role="tabpanel"><div class="dash-html" hidden></div></div>`;
  const q = (sel: string) => host.querySelector<HTMLElement>(sel) as HTMLElement;
  return { tabs: q('.dash-tabs'), body: q('.dash-body'), html: q('.dash-html') };
}

function tabsHtml(view: View, post: boolean, s: GameState): string {
  const breaches = s.contracts.active.reduce((n, c) => n + c.breaches, 0);
  return (
    VIEWS.map((v) => {
      const extra = v.id === 'ops' && post && breaches > 0 ? ` <span class="alarm">✗ ${breaches}</span>` : '';
      const sel = v.id === view;
      return `<button role="tab" class="dash-tab" data-view="${v.id}" aria-selected="${sel}" tabindex="${sel ? 0 : -1}">${esc(v.name)}${extra}</button>`;
    }).join('') + '<span class="dash-hint">← → to switch</span>'
  );
}

const grid =
  (W: number, H: number, rows: number) =>
  (col: number, row: number, span = 1): Rect => {
    const gap = 10;
    const cw = (W - gap * 3) / 2;
    const ch = (H - gap * (rows + 1)) / rows;
    return { x: gap + col * (cw + gap), y: gap + row * (ch + gap), w: cw * span + gap * (span - 1), h: ch };
  };

function moneyView(root: Scene, sc: Scenario, s: GameState, series: Series, W: number, H: number): void {
  const gap = 10;
  const top = 250;
  const half = (W - gap * 3) / 2;
  drawChart(root, { weeks: series.weeks, ...cashChart(sc, s, series), x: gap, y: gap, w: half, h: top });
  drawBurn(root, series, { x: gap * 2 + half, y: gap, w: half, h: top });
  drawGpuBudget(root, sc, s, { x: gap, y: top + gap * 2, w: W - gap * 2, h: H - top - gap * 3 });
}

function modelView(root: Scene, sc: Scenario, s: GameState, series: Series, W: number, H: number): void {
  const cell = grid(W, H, 2);
  drawChart(root, { weeks: series.weeks, ...fitChart(sc, series), ...cell(0, 0) });
  drawChart(root, { weeks: series.weeks, ...trustChart(series), ...cell(1, 0) });
  drawConfusion(root, sc, s, cell(0, 1));
  drawDrift(root, s, series, cell(1, 1));
}

function opsCharts(root: Scene, sc: Scenario, s: GameState, series: Series, W: number, H: number): void {
  const gap = 10;
  const w = (W - gap * 4) / 3;
  const r = (i: number): Rect => ({ x: gap + i * (w + gap), y: gap, w, h: H - gap * 2 });
  drawChart(root, { ...errorBudgetSpec(sc, s, series), ...r(0) });
  drawChart(root, { weeks: series.weeks, ...p95Chart(sc, s, series), ...r(1) });
  drawChart(root, { weeks: series.weeks, ...uptimeChart(sc, s, series), ...r(2) });
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
    min: 0,
    max: Math.max(...series.cash, sc.start.cash) * 1.1,
    lines: [
      { label: 'cash', color: danger ? RED : BLUE, values: series.cash },
      { label: 'projected zero', color: danger ? RED : MUTED, values: projection, dashed: true },
    ],
    format: money,
    note: weeks >= 999 ? 'not burning' : `zero in ~${Math.round(weeks)} wk at last week's burn`,
  };
}

function fitChart(sc: Scenario, series: Series): Spec {
  return {
    title: 'Fit signal — “very disappointed” survey',
    min: 0,
    max: 1,
    lines: [
      { label: 'survey', color: TEAL, values: series.survey },
      { label: 'retention', color: VIOLET, values: series.retention },
    ],
    threshold: { value: sc.fit.surveyThreshold, label: `fit at ${pct(sc.fit.surveyThreshold)} for ${sc.fit.weeksRequired} wk`, color: AMBER },
    format: (v) => pct(v),
  };
}

function trustChart(series: Series): Spec {
  return {
    title: 'Trust vs accuracy',
    min: 0,
    max: 1,
    lines: [
      { label: 'trust', color: VIOLET, values: series.trust },
      { label: 'accuracy', color: BLUE, values: series.accuracy },
    ],
    format: (v) => pct(v),
  };
}

function p95Chart(sc: Scenario, s: GameState, series: Series): Spec {
  const slo = sloP95(s, sc);
  return {
    title: 'p95 latency vs SLO',
    min: 0,
    max: Math.max(slo * 1.5, ...series.p95.filter((v) => v !== undefined)),
    lines: [{ label: 'p95', color: s.reliability.p95Ms > slo ? RED : AMBER, values: series.p95 }],
    threshold: { value: slo, label: `SLO ${slo} ms`, color: RED },
    format: (v) => `${Math.round(v)} ms`,
  };
}

function uptimeChart(sc: Scenario, s: GameState, series: Series): Spec {
  const slo = sloUptime(s, sc);
  return {
    title: 'Uptime vs SLO',
    min: 0.98,
    max: 1,
    lines: [{ label: 'uptime', color: s.reliability.uptime < slo ? RED : AMBER, values: series.uptime }],
    threshold: { value: slo, label: `SLO ${pct(slo, 2)}`, color: RED },
    format: (v) => pct(v, 2),
  };
}

function drawConfusion(c: Scene, sc: Scenario, s: GameState, r: { x: number; y: number; w: number; h: number }): void {
  const m = confusion(s, sc);
  const g = c.graphics();
  c.addChild(framed(c, r), g);
  const title = c.text(`Model at threshold ${s.model.threshold.toFixed(2)}`, 13, INK, true);
  title.position.set(r.x + 12, r.y + 8);
  c.addChild(title);
  const size = Math.min((r.w - 180) / 2, (r.h - 50) / 2);
  const cells: [string, number, number][] = [
    ['TP', m.tp, TEAL],
    ['FN', m.fn, RED],
    ['FP', m.fp, AMBER],
    ['TN', m.tn, BLUE],
  ];
  cells.forEach(([name, v, color], i) => {
    const x = r.x + 16 + (i % 2) * (size + 4);
    const y = r.y + 36 + Math.floor(i / 2) * (size + 4);
    g.rect(x, y, size, size).fill({ color, alpha: 0.15 + 0.6 * Math.min(1, v / 1000 + 0.1) });
    const t = c.text(`${name}\n${v}`, 12, INK, true);
    t.position.set(x + 8, y + 6);
    c.addChild(t);
  });
  const facts = c.text(
    `per 1,000 cases\nprecision ${pct(m.precision)}\nrecall ${pct(m.recall)}\nerror cost ${money(m.errorCostPer1000)}/1k\n${sc.model.metricName}`,
    12,
    MUTED,
    false,
    r.w - 44 - size * 2,
  );
  facts.position.set(r.x + 32 + size * 2, r.y + 40);
  c.addChild(facts);
}
