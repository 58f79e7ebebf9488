import type { Scenario, Cost } from '../scenarios/schema.js';
import type { WorldTable } from './rng.js';
import type { GameEvent } from './events.js';
import type { Decision, DecisionOf, DecisionType } from './decisions.js';
import { AFFINITY } from './decisions.js';
import type { CostCategory, GameState } from './state.js';
import { freeCapacity, monthOf, signoffThresholdHours } from './derive.js';

/* The shared vocabulary of the rules: what a decision rule receives, what a decision costs, and
 * the one affordability check every costed decision goes through. */

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

/** Everything a decision takes in a given state: what is charged now, what work it holds for
 * weeks, what is billed later, and what a pivot costs in trust and customers. */
export interface DecisionCost {
  /** Dollars charged now, the on-demand price of its GPU-hours included. */
  cash: number;
  /** The part of `cash` that pays for GPU-hours beyond the month's reservation. */
  gpuOnDemand: number;
  focus: number;
  /** Engineer-weeks and ML-engineer-weeks taken this week. */
  engWeeks: number;
  mlWeeks: number;
  gpuHours: number;
  /** Team capacity a project holds every week until it is done, or null. */
  perWeek: { eng: number; ml: number; weeks: number } | null;
  /** Dollars billed at week end (labels are paid on delivery); they must be in the bank now. */
  billedLater: number;
  /** Trust and customers a change of strategy costs. */
  trust: number;
  customers: number;
  /** Where the spending is booked and which ledger line it goes to. */
  category: CostCategory;
  item: string;
}

/** One decision type's rule: why it cannot be taken, what it costs, what it causes once paid. */
export interface DecisionRule<T extends DecisionType> {
  /** A reason the decision is impossible here regardless of resources, or null. */
  check(s: GameState, d: DecisionOf<T>, ctx: RuleContext): Rejection | null;
  /** The full cost in this state (null when the decision names nothing that exists). */
  cost(s: GameState, d: DecisionOf<T>, ctx: RuleContext): DecisionCost | null;
  /** The events the decision causes once its cost is charged (decide adds the charge itself). */
  effects(s: GameState, d: DecisionOf<T>, ctx: RuleContext, cost: DecisionCost): GameEvent[];
  /** Never refused for want of capacity (a bare incident response: fighting the fire comes first). */
  alwaysAffordable?: boolean;
}

/** A table of rules keyed by decision type. */
export type RuleTable<K extends DecisionType> = { [T in K]: DecisionRule<T> };

/** Accepts a decision with the events it causes. */
export const ok = (...events: GameEvent[]): DecideResult => ({ ok: true, events });
/** Refuses a decision with a human reason. */
export const reject = (code: Rejection['code'], reason: string): DecideResult => ({ ok: false, rejection: { code, reason } });
/** A rejection value, for rule checks. */
export const refuse = (code: Rejection['code'], reason: string): Rejection => ({ code, reason });

const fmt = (n: number) => (Math.abs(n) >= 1e6 ? `$${Math.round(n / 1e5) / 10}M` : Math.abs(n) >= 1e3 ? `$${Math.round(n / 100) / 10}k` : `$${n}`);

/** A cost charged now: the scenario's cost block (or parts of it), booked under a category and item. */
export function charge(category: CostCategory, item: string, c: Partial<Cost> = {}, extra: Partial<DecisionCost> = {}): DecisionCost {
  return {
    cash: c.cash ?? 0,
    gpuOnDemand: 0,
    focus: c.focus ?? 0,
    engWeeks: c.engWeeks ?? 0,
    mlWeeks: c.mlWeeks ?? 0,
    gpuHours: c.gpuHours ?? 0,
    perWeek: null,
    billedLater: 0,
    trust: 0,
    customers: 0,
    category,
    item,
    ...extra,
  };
}

/** A cost with the on-demand price of its GPU-hours (beyond the month's reservation) added to its cash. */
export function withOnDemand(s: GameState, ctx: RuleContext, cost: DecisionCost): DecisionCost {
  const price = gpuOverage(s, ctx, cost.gpuHours);
  return { ...cost, cash: cost.cash + price, gpuOnDemand: price };
}

/** Checks focus, cash, team capacity (with the weekly hold of a project) and GPU money; null when payable. */
export function unaffordable(s: GameState, ctx: RuleContext, cost: DecisionCost): Rejection | null {
  const free = freeCapacity(s, ctx.sc);
  if (cost.focus > free.focus) return refuse('focus', `Needs ${cost.focus} PM focus; ${free.focus} of ${ctx.sc.focusPerWeek} is left this week.`);
  const plain = cost.cash - cost.gpuOnDemand;
  const later = cost.billedLater > 0 ? cost.billedLater + s.model.pendingPaid * ctx.sc.labeling.costPerLabel : 0;
  if (plain + later > s.cash) return refuse('cash', `Costs ${fmt(plain + later)} but only ${fmt(s.cash)} is in the bank.`);
  const eng = cost.engWeeks + (cost.perWeek?.eng ?? 0);
  if (eng > 0 && eng > free.eng + 1e-9) return refuse('capacity', `Needs ${eng} engineer-weeks this week; ${Math.max(0, free.eng).toFixed(1)} are free.`);
  const ml = cost.mlWeeks + (cost.perWeek?.ml ?? 0);
  if (ml > 0 && ml > free.ml + 1e-9) return refuse('capacity', `Needs ${ml} ML-engineer-weeks this week; ${Math.max(0, free.ml).toFixed(1)} are free.`);
  if (cost.gpuOnDemand > 0 && cost.cash > s.cash) {
    return refuse('gpu', `Needs ${cost.gpuHours} GPU-hours; beyond the reservation they would cost ${fmt(cost.gpuOnDemand)} on demand, more than the bank holds.`);
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

/** Whether a month's GPU item is above the founder sign-off line and not yet signed off. */
export function needsSignoff(s: GameState, ctx: RuleContext, item: string, monthlyHours: number): boolean {
  return monthlyHours > signoffThresholdHours(ctx.sc) && !s.gpu.signedOff.includes(item);
}

/** The event that books a decision's cost against this week's budgets: exactly what costOf said. */
export function committed(d: Decision, cost: DecisionCost): GameEvent {
  return {
    type: 'resources.committed',
    data: {
      decision: d.type,
      focus: cost.focus,
      eng: cost.engWeeks,
      ml: cost.mlWeeks,
      cash: cost.cash,
      category: cost.category,
      gpuHours: cost.gpuHours,
      item: cost.item,
      affinity: AFFINITY[d.type],
    },
  };
}

/** The current month index, for ledgers that reset monthly. */
export function currentMonth(s: GameState, ctx: RuleContext): number {
  return monthOf(s.week, ctx.sc);
}
