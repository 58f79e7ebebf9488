import type { Scenario, Cost } from '../scenarios/schema.js';
import type { WorldTable } from './rng.js';
import type { GameEvent } from './events.js';
import type { Decision, DecisionOf, DecisionType } from './decisions.js';
import { AFFINITY } from './decisions.js';
import type { CostCategory, GameState } from './state.js';
import { freeCapacity, monthOf, signoffThresholdHours } from './derive.js';

/* The shared vocabulary of the rules: what a decision handler receives, what it returns, and
 * the affordability check every costed decision goes through. */

/** What every rule reads besides the state: the scenario and the seed's table of draws. */
export interface RuleContext {
  readonly sc: Scenario;
  readonly table: WorldTable;
}

/** Why a decision was refused; `code` is for programs, `reason` for people. */
export interface Rejection {
  code: 'phase' | 'cash' | 'gpu' | 'capacity' | 'focus' | 'prerequisite' | 'invalid' | 'crisis' | 'ended';
  reason: string;
}

/** The answer of decide: the events a decision causes, or a rejection. */
export type DecideResult = { ok: true; events: GameEvent[] } | { ok: false; rejection: Rejection };

/** A handler for one decision type. */
export type Handler<T extends DecisionType> = (s: GameState, d: DecisionOf<T>, ctx: RuleContext) => DecideResult;

/** A table of handlers keyed by decision type. */
export type HandlerTable<K extends DecisionType> = { [T in K]: Handler<T> };

/** Accepts a decision with the events it causes. */
export const ok = (...events: GameEvent[]): DecideResult => ({ ok: true, events });
/** Refuses a decision with a human reason. */
export const reject = (code: Rejection['code'], reason: string): DecideResult => ({ ok: false, rejection: { code, reason } });

const fmt = (n: number) => (Math.abs(n) >= 1e6 ? `$${Math.round(n / 1e5) / 10}M` : Math.abs(n) >= 1e3 ? `$${Math.round(n / 100) / 10}k` : `$${n}`);

/** Checks cash, focus, team capacity and GPU headroom; null when the cost can be paid. */
export function unaffordable(s: GameState, ctx: RuleContext, cost: Cost, perWeek = { eng: 0, ml: 0 }): DecideResult | null {
  const free = freeCapacity(s, ctx.sc);
  if (cost.focus > free.focus) return reject('focus', `Needs ${cost.focus} PM focus; ${free.focus} of ${ctx.sc.focusPerWeek} is left this week.`);
  if (cost.cash > s.cash) return reject('cash', `Costs ${fmt(cost.cash)} but only ${fmt(s.cash)} is in the bank.`);
  const eng = cost.engWeeks + perWeek.eng;
  if (eng > 0 && eng > free.eng + 1e-9) return reject('capacity', `Needs ${eng} engineer-weeks this week; ${Math.max(0, free.eng).toFixed(1)} are free.`);
  const ml = cost.mlWeeks + perWeek.ml;
  if (ml > 0 && ml > free.ml + 1e-9) return reject('capacity', `Needs ${ml} ML-engineer-weeks this week; ${Math.max(0, free.ml).toFixed(1)} are free.`);
  if (cost.gpuHours > 0) {
    const price = gpuOverage(s, ctx, cost.gpuHours);
    if (price + cost.cash > s.cash) return reject('gpu', `Needs ${cost.gpuHours} GPU-hours; beyond the reservation they would cost ${fmt(price)} on demand, more than the bank holds.`);
  }
  return null;
}

/** On-demand dollars for GPU-hours a decision takes beyond what the month's reservation has left. */
export function gpuOverage(s: GameState, ctx: RuleContext, hours: number): number {
  if (hours <= 0) return 0;
  const before = Math.max(0, s.gpu.monthUsed - s.gpu.reservedHoursPerMonth);
  const after = Math.max(0, s.gpu.monthUsed + hours - s.gpu.reservedHoursPerMonth);
  return Math.round((after - before) * ctx.sc.gpu.onDemandPricePerHour);
}

/** A cost with the on-demand price of its GPU-hours added to its cash. */
export function withGpuOverage(s: GameState, ctx: RuleContext, cost: Cost): Cost {
  return { ...cost, cash: cost.cash + gpuOverage(s, ctx, cost.gpuHours) };
}

/** Whether a month's GPU item is above the founder sign-off line and not yet signed off. */
export function needsSignoff(s: GameState, ctx: RuleContext, item: string, monthlyHours: number): boolean {
  return monthlyHours > signoffThresholdHours(ctx.sc) && !s.gpu.signedOff.includes(item);
}

/** The event that books a decision's resource cost against this week's budgets. */
export function committed(d: Decision, cost: Cost, category: CostCategory, item: string): GameEvent {
  return {
    type: 'resources.committed',
    data: { decision: d.type, focus: cost.focus, eng: cost.engWeeks, ml: cost.mlWeeks, cash: cost.cash, category, gpuHours: cost.gpuHours, item, affinity: AFFINITY[d.type] },
  };
}

/** A cost with only some fields set. */
export function costOf(partial: Partial<Cost>): Cost {
  return { cash: 0, focus: 0, engWeeks: 0, mlWeeks: 0, gpuHours: 0, ...partial };
}

/** The current month index, for ledgers that reset monthly. */
export function currentMonth(s: GameState, ctx: RuleContext): number {
  return monthOf(s.week, ctx.sc);
}
