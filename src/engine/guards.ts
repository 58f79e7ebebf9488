import type { Scenario } from '../scenarios/schema.js';
import type { Visible } from './derive.js';
import { arr, errorBudgetHours, payingCustomers, sloP95 } from './derive.js';

/* The machine's guards as figures: each guard says which numbers it compared with which
 * thresholds and whether it holds. The statechart decides with these functions and the debrief
 * explains the path with the same ones, so the rule and its explanation cannot drift apart. */

/** How a figure must relate to its threshold for its condition to hold. */
export type Comparison = '>=' | '>' | '<=' | '<' | '=';

/** One figure a guard compared against its threshold (the debrief's GuardFigure has this shape). */
export interface GuardFigure {
  name: string;
  value: number;
  threshold: number;
  holdsWhen: Comparison;
  holds: boolean;
}

/** A guard's verdict and the figures behind it (it holds when every figure holds). */
export interface GuardVerdict {
  holds: boolean;
  figures: GuardFigure[];
}

/** The guards that can move the game to a new phase or end it. */
export type GuardName = 'bankrupt' | 'fitConfirmed' | 'noFit' | 'timeUp' | 'bookLost' | 'won';

function compare(value: number, threshold: number, when: Comparison): boolean {
  switch (when) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '=':
      return value === threshold;
    default: {
      const never: never = when;
      return never;
    }
  }
}

/** Builds one figure, working out whether it holds. */
export function figure(name: string, value: number, holdsWhen: Comparison, threshold: number): GuardFigure {
  return { name, value, threshold, holdsWhen, holds: compare(value, threshold, holdsWhen) };
}

const verdict = (figures: GuardFigure[]): GuardVerdict => ({ holds: figures.every((f) => f.holds), figures });

/** Out of cash: the company ends bankrupt when cash falls below zero. */
export function bankruptGuard(s: Visible): GuardVerdict {
  return verdict([figure('cash', s.cash, '<', 0)]);
}

/** Fit is confirmed once the fit signal has held for the scenario's required run of weeks. */
export function fitGuard(s: Visible, sc: Scenario): GuardVerdict {
  return verdict([figure('fit streak (weeks)', s.market.fitStreak, '>=', sc.fit.weeksRequired)]);
}

/** The weekly fit signal that extends the streak (survey, retention and paying customers all at
 * their thresholds), from the figures the market moves to; the market system and the debrief
 * both read it here, so the rule lives in one place. */
export function fitSignalOf(m: { survey: number; retention: number; payingCustomers: number }, sc: Scenario): GuardVerdict {
  return verdict([
    figure('survey "very disappointed"', m.survey, '>=', sc.fit.surveyThreshold),
    figure('retention', m.retention, '>=', sc.fit.retentionThreshold),
    figure('paying customers', m.payingCustomers, '>=', sc.fit.minPayingCustomers),
  ]);
}

/** The fit signal of a state whose market has moved this week. */
export function fitSignal(s: Visible, sc: Scenario): GuardVerdict {
  return fitSignalOf({ survey: s.market.survey, retention: s.market.retention, payingCustomers: payingCustomers(s) }, sc);
}

/** No fit by the deadline: the pre-fit company ends when the deadline week resolves without fit. */
export function noFitGuard(s: Visible, sc: Scenario): GuardVerdict {
  return verdict([figure('week (fit deadline)', s.week, '>=', sc.fit.deadlineWeek)]);
}

/** Out of time: the game ends when its last week resolves. */
export function timeUpGuard(s: Visible, sc: Scenario): GuardVerdict {
  return verdict([figure('week (last week)', s.week, '>=', sc.weeks)]);
}

/** The enterprise book is lost once enough contracts have churned. */
export function bookLostGuard(s: Visible, sc: Scenario): GuardVerdict {
  return verdict([figure('contracts churned', s.contracts.churned, '>=', sc.contracts.churnedToLoseBook)]);
}

/** The win: ARR at the target with both SLOs held and no contract over the breach limit. */
export function wonGuard(s: Visible, sc: Scenario): GuardVerdict {
  let worst = 0;
  for (const k of s.contracts.active) worst = Math.max(worst, k.breaches);
  return verdict([
    figure('ARR', arr(s, sc), '>=', sc.win.arr),
    figure('downtime this month (hours)', s.reliability.downtimeMonth, '<=', errorBudgetHours(s, sc)),
    figure('p95 latency (ms)', s.reliability.p95Ms, '<=', sloP95(s, sc)),
    figure('most breaches on one contract', worst, '<=', sc.win.maxOpenBreaches),
  ]);
}

/** Every guard by name (the machine and the debrief look them up here). */
export const GUARDS: Record<GuardName, (s: Visible, sc: Scenario) => GuardVerdict> = {
  bankrupt: bankruptGuard,
  fitConfirmed: fitGuard,
  noFit: noFitGuard,
  timeUp: timeUpGuard,
  bookLost: bookLostGuard,
  won: wonGuard,
};

/** The order the machine checks its guards after a week resolves, in each phase. */
export const CHECK_ORDER: Record<'preFit' | 'postFit', readonly GuardName[]> = {
  preFit: ['bankrupt', 'fitConfirmed', 'noFit', 'timeUp'],
  postFit: ['bankrupt', 'bookLost', 'won', 'timeUp'],
};
