import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { committed, costOf, ok, reject, unaffordable, type HandlerTable, type RuleContext } from '../rules.js';
import { featureGpuHoursPerMonth, featureGpuHoursPerWeek, monthOf, signoffThresholdHours } from '../derive.js';
import { clamp, r2 } from '../num.js';

/* Compute: the monthly GPU reservation, on-demand overage, the per-item GPU-hours ledger, the
 * founder sign-off line, and real-time versus batch inference per feature. */

/** Decision handlers for the GPU budget and inference modes. */
export const computeDecisions: HandlerTable<'gpu.reserve' | 'gpu.signoff' | 'inference.setMode'> = {
  'gpu.reserve': (s, d, ctx) => {
    const step = ctx.sc.gpu.reservationStepHours;
    if (d.data.hoursPerMonth % step !== 0) return reject('invalid', `Reservations come in steps of ${step} GPU-hours a month.`);
    if (d.data.hoursPerMonth === s.gpu.reservedHoursPerMonth) return reject('invalid', 'That is already the reservation.');
    const cost = costOf({ focus: 1 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'gpu', 'reservation'), { type: 'gpu.reserved', data: { hoursPerMonth: d.data.hoursPerMonth } });
  },
  'gpu.signoff': (s, d, ctx) => {
    const known = d.data.item === 'training' || ctx.sc.features.some((f) => f.id === d.data.item);
    if (!known) return reject('invalid', `"${d.data.item}" is not a feature or "training".`);
    if (s.gpu.signedOff.includes(d.data.item)) return reject('invalid', 'That item is already signed off.');
    if (s.gpu.signoffsUsed >= ctx.sc.gpu.signoffsPerQuarter) {
      return reject('prerequisite', `The founder signs off at most ${ctx.sc.gpu.signoffsPerQuarter} GPU items a quarter; ask again next quarter.`);
    }
    const cost = costOf({ focus: 2 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'gpu', 'signoff'), { type: 'gpu.signedOff', data: { item: d.data.item } });
  },
  'inference.setMode': (s, d, ctx) => {
    if (!s.features.includes(d.data.feature)) return reject('prerequisite', 'Only a shipped feature has an inference mode.');
    const isRealtime = s.realtime.includes(d.data.feature);
    if ((d.data.mode === 'realtime') === isRealtime) return reject('invalid', `That feature already runs ${d.data.mode === 'realtime' ? 'in real time' : 'in batch'}.`);
    if (d.data.mode === 'realtime' && featureGpuHoursPerMonth(s, ctx.sc, d.data.feature) > signoffThresholdHours(ctx.sc) && !s.gpu.signedOff.includes(d.data.feature)) {
      return reject('gpu', 'In real time this feature passes 5 GPU-weeks a month: it needs founder sign-off first.');
    }
    const cost = costOf({ focus: 1, engWeeks: 1 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'projects', d.data.feature), { type: 'inference.modeSet', data: { feature: d.data.feature, mode: d.data.mode } });
  },
};

/** This week's inference GPU-hours per shipped feature (the ledger lines booked at week end). */
export function inferenceHours(s: GameState, ctx: RuleContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of s.features) {
    const h = featureGpuHoursPerWeek(s, ctx.sc, f);
    if (h > 0) out[f] = h;
  }
  return out;
}

/** The week's GPU bill: the reservation's share plus on-demand overage past the reservation. */
export function gpuBill(s: GameState, ctx: RuleContext, weekHours: number): number {
  const g = ctx.sc.gpu;
  const reservedWeekly = (s.gpu.reservedHoursPerMonth * g.reservedPricePerHour) / ctx.sc.weeksPerMonth;
  const usedBefore = s.gpu.monthUsed;
  const overBefore = Math.max(0, usedBefore - s.gpu.reservedHoursPerMonth);
  const overAfter = Math.max(0, usedBefore + weekHours - s.gpu.reservedHoursPerMonth);
  return Math.round(reservedWeekly + (overAfter - overBefore) * g.onDemandPricePerHour);
}

/** Utilisation of reserved real-time capacity, which drives p95 latency by queueing. */
export function utilisation(s: GameState, ctx: RuleContext): number {
  let realtime = 0;
  for (const f of s.realtime) realtime += featureGpuHoursPerWeek(s, ctx.sc, f);
  const capacity = s.gpu.reservedHoursPerMonth / ctx.sc.weeksPerMonth;
  const r = ctx.sc.rules.compute;
  if (capacity <= 0) return realtime > 0 ? r.noCapacityUtilisation : 0;
  return r2(clamp(realtime / capacity, 0, r.maxUtilisation));
}

/** The event closing a month's GPU ledger when the next week starts a new month. */
export function monthClose(s: GameState, ctx: RuleContext): GameEvent[] {
  const m = monthOf(s.week, ctx.sc);
  if (monthOf(s.week + 1, ctx.sc) === m) return [];
  return [{ type: 'gpu.monthClosed', data: { month: m, used: s.gpu.monthUsed, reserved: s.gpu.reservedHoursPerMonth } }];
}
