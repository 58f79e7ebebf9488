import type { GameState } from './state.js';
import type { RuleContext } from './rules.js';
import { evolve } from './evolve.js';
import { resolveWeek } from './world.js';
import { runwayWeeks } from './derive.js';
import { cloneState } from './clone.js';

/* The live forecast: the planned week resolved by the very same rules on a private copy, so
 * the player sees what ending the week would do to cash, GPU and runway before committing. Only
 * money and compute are reported; the week's hidden draws (experiment results, incidents,
 * offers) stay hidden. */

/** What ending the week as planned would do to money and compute. */
export interface WeekForecast {
  cash: number;
  cashDelta: number;
  revenue: number;
  costs: number;
  gpuMonthUsed: number;
  gpuReserved: number;
  gpuOverageHours: number;
  runwayWeeks: number;
}

/** Resolves the planned week on a copy of the state and reports money and compute. */
export function forecastWeek(s: GameState, ctx: RuleContext): WeekForecast {
  const copy = cloneState(s);
  let closedMonth: number | null = null;
  resolveWeek(copy, ctx, (e) => {
    // The month's total is read before a month close resets the ledger.
    if (e.type === 'gpu.monthClosed') closedMonth = e.data.used;
    evolve(copy, e);
  });
  const used = closedMonth ?? copy.gpu.monthUsed;
  return {
    cash: copy.cash,
    cashDelta: copy.cash - s.cash,
    revenue: copy.finance.lastRevenue,
    costs: copy.finance.lastCosts,
    gpuMonthUsed: used,
    gpuReserved: copy.gpu.reservedHoursPerMonth,
    gpuOverageHours: Math.max(0, used - copy.gpu.reservedHoursPerMonth),
    runwayWeeks: runwayWeeks(copy),
  };
}
