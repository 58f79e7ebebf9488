import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from './state.js';

/** Any state-shaped value a player can see (the hidden world is not needed here). */
export type Visible = Omit<GameState, 'world'>;
import { clamp, r6 } from './num.js';
import { HOURS_PER_WEEK, WEEKS_PER_YEAR } from './units.js';

/* Figures derived from state: never stored, so they can never disagree with it. Decide, the
 * world step, bots and the UI all read them from here. Their rule numbers come from the
 * scenario's rules block; the few constants below are units and display rounding. */

/** The confusion matrix and error costs are stated per this many cases. */
const CASES_PER_BLOCK = 1000;
/** Runway shown when cash is not shrinking (a finite stand-in for "forever"). */
const RUNWAY_CAP_WEEKS = 999;
/** Runway is shown to a tenth of a week; the error budget to a hundredth of an hour. */
const TENTHS = 10;

/** The month a week belongs to (0-based). */
export function monthOf(week: number, sc: Scenario): number {
  return Math.floor((week - 1) / sc.weeksPerMonth);
}

/** Engineer-weeks the team delivers this week after tech-debt drag. */
export function engCapacity(s: Visible, sc: Scenario): number {
  const drag = clamp(1 - s.debt * sc.debt.capacityDragPerPoint, sc.rules.debt.minCapacityShare, 1);
  return r6(s.team.engineers * drag);
}

/** Capacity left this week: team capacity minus running projects minus this week's decisions. */
export function freeCapacity(s: Visible, sc: Scenario): { focus: number; eng: number; ml: number } {
  let eng = 0;
  let ml = 0;
  for (const p of s.projects) {
    eng += p.engPerWeek;
    ml += p.mlPerWeek;
  }
  return {
    focus: sc.focusPerWeek - s.used.focus,
    eng: r6(engCapacity(s, sc) - eng - s.used.eng),
    ml: r6(s.team.mlEngineers - ml - s.used.ml),
  };
}

/** Model skill after drift eats into it. */
export function effectiveSkill(s: Visible): number {
  return r6(clamp(s.model.skill * (1 - s.model.dataDrift - s.model.conceptDrift), 0, 1));
}

/** The confusion matrix per 1,000 cases at the chosen threshold, and what errors cost. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  perceivedAccuracy: number;
  errorCostPer1000: number;
  hallucinationRate: number;
}

/** Precision and recall trade off through the operating threshold; skill moves the whole curve. */
export function confusion(s: Visible, sc: Scenario): Confusion {
  return confusionAt(effectiveSkill(s), s.model.threshold, sc);
}

/** The confusion matrix for a given effective skill q and threshold t. */
export function confusionAt(q: number, t: number, sc: Scenario): Confusion {
  const tpr = (1 - t) / (1 - t + t * (1 - q));
  const fpr = ((1 - t) * (1 - q)) / ((1 - t) * (1 - q) + t);
  const pos = sc.model.positiveRate * CASES_PER_BLOCK;
  const neg = CASES_PER_BLOCK - pos;
  const tp = pos * tpr;
  const fp = neg * fpr;
  const fn = pos - tp;
  const tn = neg - fp;
  const cost = fp * sc.model.costFalsePositive + fn * sc.model.costFalseNegative;
  const worst = neg * sc.model.costFalsePositive + pos * sc.model.costFalseNegative;
  const hallucination = sc.model.generative ? (fp / CASES_PER_BLOCK) * sc.model.hallucinationPerError : 0;
  return {
    tp: Math.round(tp),
    fp: Math.round(fp),
    fn: Math.round(fn),
    tn: Math.round(tn),
    precision: r6(tp + fp > 0 ? tp / (tp + fp) : 1),
    recall: r6(pos > 0 ? tp / pos : 1),
    perceivedAccuracy: r6(clamp(worst > 0 ? 1 - cost / worst : 1, 0, 1)),
    errorCostPer1000: Math.round(cost),
    hallucinationRate: r6(hallucination),
  };
}

/** Whole paying customers (customers are tracked fractionally as they trickle in). */
export function payingCustomers(s: Visible): number {
  return Math.floor(s.market.customers);
}

/** Weekly subscription revenue from paying customers in the chosen segment. */
export function subscriptionPerWeek(s: Visible, sc: Scenario): number {
  const seg = sc.segments.find((x) => x.id === s.strategy.segment);
  return seg ? payingCustomers(s) * seg.pricePerCustomerWeek : 0;
}

/** Annual recurring revenue: subscriptions plus signed enterprise contracts. */
export function arr(s: Visible, sc: Scenario): number {
  let contracts = 0;
  for (const c of s.contracts.active) contracts += c.arr;
  return subscriptionPerWeek(s, sc) * WEEKS_PER_YEAR + contracts;
}

/** Weeks of cash left at last week's net burn (Infinity-free: capped at 999). */
export function runwayWeeks(s: Visible): number {
  const burn = s.finance.lastCosts - s.finance.lastRevenue;
  if (burn <= 0) return RUNWAY_CAP_WEEKS;
  return Math.min(RUNWAY_CAP_WEEKS, Math.floor((s.cash / burn) * TENTHS) / TENTHS);
}

/** Inference GPU-hours a shipped feature uses per week at the current customer count. */
export function featureGpuHoursPerWeek(s: Visible, sc: Scenario, featureId: string, customers?: number): number {
  const f = sc.features.find((x) => x.id === featureId);
  if (!f) return 0;
  const n = customers ?? Math.max(payingCustomers(s), s.market.customers > 0 ? 1 : 0) + sc.start.designPartners;
  const factor = s.realtime.includes(featureId) ? sc.gpu.realtimeFactor : 1;
  const batching = s.capabilities.includes('batching') ? sc.rules.compute.batchingFactor : 1;
  return Math.round(((f.gpuHoursPerCustomerMonth * n) / sc.weeksPerMonth) * factor * batching);
}

/** A feature's projected monthly GPU-hours, used for the founder sign-off rule. */
export function featureGpuHoursPerMonth(s: Visible, sc: Scenario, featureId: string): number {
  const f = sc.features.find((x) => x.id === featureId);
  if (!f) return 0;
  const n = Math.max(payingCustomers(s), sc.rules.compute.signoffCustomerFloor) + sc.start.designPartners;
  return Math.round(f.gpuHoursPerCustomerMonth * n * sc.gpu.realtimeFactor);
}

/** The monthly GPU-hours above which the founder must sign off (the scenario's GPU-weeks a month). */
export function signoffThresholdHours(sc: Scenario): number {
  return Math.round(sc.gpu.signoffGpuWeeksPerMonth * sc.gpu.hoursPerGpuWeek);
}

/** Whether the current strategy rests on a hypothesis (its segment, paradigm, value proposition, or the core). */
export function reliesOn(s: Visible, h: Scenario['hypotheses'][number]): boolean {
  const a = h.about;
  return (
    a.kind === 'core' ||
    (a.kind === 'segment' && a.segment === s.strategy.segment) ||
    (a.kind === 'paradigm' && a.paradigm === s.strategy.paradigm) ||
    (a.kind === 'valueProp' && a.valueProp === s.strategy.valueProp)
  );
}

/** How strongly the market pulls the current strategy, from hidden truths and visible quality
 * (at the given trust: the market step asks with the trust it has just moved to). */
export function pull(s: GameState, sc: Scenario, trust: number = s.market.trust): number {
  const r = sc.rules.market;
  const base = s.strategy.segment ? (s.world.segmentPull[s.strategy.segment] ?? 0) : r.noSegmentPull;
  let factor = (s.strategy.paradigm ? 1 : r.noParadigmFactor) * (sc.valueProps && !s.strategy.valueProp ? r.noValuePropFactor : 1);
  for (const h of sc.hypotheses) if (reliesOn(s, h) && !s.world.truths[h.id]) factor *= h.falsePull;
  let bonus = 1;
  for (const id of s.features) {
    const f = sc.features.find((x) => x.id === id);
    if (f) bonus += s.realtime.includes(id) ? f.pull : f.pull / r.batchPullDivisor;
  }
  const latencyOver = Math.max(0, s.reliability.p95Ms / sloP95(s, sc) - 1);
  const latency = clamp(1 - latencyOver * sc.market.latencyPenaltyPerSlo, r.latencyFloor, 1);
  const quality = 1 - sc.market.accuracyWeight + sc.market.accuracyWeight * trust;
  const rival = s.week <= s.shocks.competitorUntil ? s.shocks.competitorFactor : 1;
  return r6(clamp(base * factor * bonus * quality * latency * rival, 0, 1));
}

/** The strictest p95 latency promised to anyone (the first contract template before any sale). */
export function sloP95(s: Visible, sc: Scenario): number {
  let slo = sc.contracts.templates[0]?.demands.p95Ms ?? sc.reliability.p95BaseMs * sc.rules.reliability.defaultP95Multiple;
  for (const c of s.contracts.active) slo = Math.min(slo, c.p95Ms);
  return slo;
}

/** The strictest uptime promised (the scenario's default before any contract). */
export function sloUptime(s: Visible, sc: Scenario): number {
  let slo = sc.rules.reliability.defaultUptime;
  for (const c of s.contracts.active) slo = Math.max(slo, c.uptime);
  return slo;
}

/** Hours of downtime the monthly error budget allows at the strictest uptime promise. */
export function errorBudgetHours(s: Visible, sc: Scenario): number {
  return Math.round((1 - sloUptime(s, sc)) * HOURS_PER_WEEK * sc.weeksPerMonth * 100) / 100;
}

/** Whether the SLOs hold now: the month's downtime within budget and p95 within the promise. */
export function slosHeld(s: Visible, sc: Scenario): boolean {
  return s.reliability.downtimeMonth <= errorBudgetHours(s, sc) && s.reliability.p95Ms <= sloP95(s, sc);
}

/** What this week's model errors cost the customers, in dollars (the confusion matrix priced). */
export function errorCostPerWeek(s: Visible, sc: Scenario): number {
  const cases = (payingCustomers(s) + sc.start.designPartners) * sc.model.casesPerCustomerWeek;
  return Math.round((confusion(s, sc).errorCostPer1000 * cases) / CASES_PER_BLOCK);
}

/** Hypotheses resolved (validated or invalidated) so far. */
export function resolvedHypotheses(s: Visible): number {
  return s.discovery.beliefs.filter((b) => b.status !== 'open').length;
}

/** Open incidents that block the week until answered. */
export function openIncidents(s: Visible): GameState['reliability']['incidents'] {
  return s.reliability.incidents.filter((i) => i.status === 'open');
}
