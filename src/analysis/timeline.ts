import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { GameLog } from '../engine/log/format.js';
import { arr, effectiveSkill, errorBudgetHours, openIncidents, payingCustomers, runwayWeeks } from '../engine/derive.js';
import { foldLog, type Projection } from '../engine/log/fold.js';
import type { WeekMetrics } from './types.js';

/* Metric timelines: the headline figures at the end of every week a log reaches, read from the
 * folded state with the engine's own derived figures, for the debrief's charts and the viewer. */

/** The headline figures of a state, as one timeline row for `week`. */
export function metricsOf(s: GameState, sc: Scenario, week: number): WeekMetrics {
  return {
    week,
    phase: s.phase,
    cash: s.cash,
    burnPerWeek: s.finance.lastCosts - s.finance.lastRevenue,
    runwayWeeks: runwayWeeks(s),
    arr: arr(s, sc),
    customers: payingCustomers(s),
    trust: s.market.trust,
    perceivedAccuracy: s.market.perceivedAccuracy,
    modelQuality: effectiveSkill(s),
    retention: s.market.retention,
    survey: s.market.survey,
    fitStreak: s.market.fitStreak,
    p95Ms: s.reliability.p95Ms,
    uptime: s.reliability.uptime,
    errorBudgetHoursLeft: Math.round((errorBudgetHours(s, sc) - s.reliability.downtimeMonth) * 100) / 100,
    debt: s.debt,
    gpuHoursUsedThisMonth: s.gpu.monthUsed,
    openIncidents: openIncidents(s).length,
    activeContracts: s.contracts.active.length,
  };
}

/** The timeline as a projection of the one fold: one row per week the log reaches, the figures
 * once the week closed (or the game ended), or, for a week the log stops in, as far as it goes. */
export function timelineProjection(sc: Scenario): Projection<WeekMetrics[]> {
  const rows: WeekMetrics[] = [];
  let open: number | null = null;
  return {
    onEvent: (after, line) => {
      open = line.week;
      if (line.type === 'week.closed' || line.type === 'game.ended') {
        rows.push(metricsOf(after, sc, line.week));
        open = null;
      }
    },
    onEnd: (final) => {
      if (open !== null) rows.push(metricsOf(final, sc, open));
    },
    result: () => rows,
  };
}

/** One row per week the log reaches (see `timelineProjection`). */
export function timelineOf(log: GameLog, sc: Scenario): WeekMetrics[] {
  return foldLog(log, sc, { timeline: timelineProjection(sc) }).timeline;
}
