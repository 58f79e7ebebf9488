import type { GameState } from '../engine/state.js';
import type { Scenario } from '../scenarios/schema.js';
import { errorBudgetHours, monthOf } from '../engine/derive.js';
import { drawChart, panel, MUTED, INK, type ChartSpec, type Scene } from './chart.js';
import type { Series } from './series.js';
import { pct } from './format.js';
import { AMBER, BLUE, RED, VIOLET } from './palette.js';

/* Drift monitors (numbers only once drift monitoring is built) and the month's error-budget burn-down. */

type Rect = { x: number; y: number; w: number; h: number };
type Spec = Omit<ChartSpec, 'x' | 'y' | 'w' | 'h' | 'weeks'>;

/** Draws the drift monitors, or what is missing to see them. */
export function drawDrift(c: Scene, s: GameState, series: Series, r: Rect): void {
  if (!s.capabilities.includes('driftMonitoring')) {
    panel(c, r, 'Drift monitors');
    const t = c.text('◌ not monitored — build drift monitoring to see this', 12, INK, false, r.w - 24);
    t.position.set(r.x + 12, r.y + 44);
    const why = c.text(
      'Data drift: the inputs change. Concept drift: what a right answer is changes. Both erode the model silently; without a monitor you only learn of them from customers.',
      11,
      MUTED,
      false,
      r.w - 24,
    );
    why.position.set(r.x + 12, r.y + 66 + t.height);
    c.addChild(t, why);
    return;
  }
  const since = Math.min(series.driftSince ?? series.weeks, series.weeks);
  const data = series.dataDrift.slice(since, series.weeks + 1);
  const concept = series.conceptDrift.slice(since, series.weeks + 1);
  drawChart(c, {
    ...r,
    weeks: series.weeks - since,
    span: Math.max(4, series.weeks - since),
    xLabel: `week ${series.weeks}`,
    title: 'Drift monitors',
    min: 0,
    max: Math.max(0.1, ...data, ...concept) * 1.2,
    lines: [
      { label: 'data drift', color: BLUE, values: data },
      { label: 'concept drift', color: VIOLET, values: concept },
    ],
    format: (v) => pct(v, 1),
    note: `monitored since week ${since}`,
  });
}

/** The month's error budget as a burn-down: hours of downtime left against the ideal pace. */
export function errorBudgetSpec(sc: Scenario, s: GameState, series: Series): Spec & { weeks: number } {
  const budget = errorBudgetHours(s, sc);
  const wpm = sc.weeksPerMonth;
  const m = monthOf(Math.max(1, s.week), sc);
  const start = m * wpm + 1;
  const left: number[] = [budget];
  for (let w = start; w < s.week && w < start + wpm; w++) left.push(budget - (series.downtimeMonth[w] ?? 0));
  const ideal = Array.from({ length: wpm + 1 }, (_, i) => budget * (1 - i / wpm));
  const now = left[left.length - 1] ?? budget;
  return {
    weeks: wpm,
    span: wpm,
    title: now < 0 ? '⚠ Error budget — overspent' : 'Error budget left',
    min: Math.min(0, ...left),
    max: Math.max(budget, 0.01),
    lines: [
      { label: 'left', color: now < 0 ? RED : AMBER, values: left },
      { label: 'even pace', color: MUTED, values: ideal, dashed: true },
    ],
    threshold: { value: 0, label: 'exhausted', color: RED },
    format: (v) => `${v.toFixed(1)} h`,
    xLabel: `month ${m + 1} · wk ${left.length - 1}/${wpm} · ${s.reliability.downtimeMonth.toFixed(1)} h down`,
  };
}
