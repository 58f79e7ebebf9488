import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { charge, needsSignoff, refuse, type RuleContext, type RuleTable } from '../rules.js';
import { featureGpuHoursPerMonth, featureGpuHoursPerWeek, monthOf } from '../derive.js';
import { clamp, r2 } from '../num.js';

/* Compute: the monthly GPU reservation, on-demand overage, the per-item GPU-hours ledger, the
 * founder sign-off line, and real-time versus batch inference per feature. */

/** The rules of the GPU reservation, founder sign-off and inference modes. */
export const computeRules: RuleTable<'gpu.reserve' | 'gpu.signoff' | 'inference.setMode'> = {
  'gpu.reserve': {
    check: (s, d, ctx) => {
      const step = ctx.sc.gpu.reservationStepHours;
      if (d.data.hoursPerMonth % step !== 0) return refuse('invalid', `Reservations come in steps of ${step} GPU-hours a month.`);
      return d.data.hoursPerMonth === s.gpu.reservedHoursPerMonth ? refuse('invalid', 'That is already the reservation.') : null;
    },
    cost: (_s, _d, ctx) => charge('gpu', 'reservation', { focus: ctx.sc.rules.decisions.focus.gpuReserve }),
    effects: (_s, d) => [{ type: 'gpu.reserved', data: { hoursPerMonth: d.data.hoursPerMonth } }],
  },
  'gpu.signoff': {
    check: (s, d, ctx) => {
      const known = d.data.item === 'training' || ctx.sc.features.some((f) => f.id === d.data.item);
      if (!known) return refuse('invalid', `"${d.data.item}" is not a feature or "training".`);
      if (s.gpu.signedOff.includes(d.data.item)) return refuse('invalid', 'That item is already signed off.');
      const limit = ctx.sc.gpu.signoffsPerQuarter;
      return s.gpu.signoffsUsed >= limit ? refuse('prerequisite', `The founder signs off at most ${limit} GPU items a quarter; ask again next quarter.`) : null;
    },
    cost: (_s, _d, ctx) => charge('gpu', 'signoff', { focus: ctx.sc.rules.decisions.focus.gpuSignoff }),
    effects: (_s, d) => [{ type: 'gpu.signedOff', data: { item: d.data.item } }],
  },
  'inference.setMode': {
    check: (s, d, ctx) => {
      if (!s.features.includes(d.data.feature)) return refuse('prerequisite', 'Only a shipped feature has an inference mode.');
      const isRealtime = s.realtime.includes(d.data.feature);
      if ((d.data.mode === 'realtime') === isRealtime) return refuse('invalid', `That feature already runs ${d.data.mode === 'realtime' ? 'in real time' : 'in batch'}.`);
      if (d.data.mode === 'realtime' && needsSignoff(s, ctx, d.data.feature, featureGpuHoursPerMonth(s, ctx.sc, d.data.feature))) {
        return refuse('gpu', `In real time this feature passes ${ctx.sc.gpu.signoffGpuWeeksPerMonth} GPU-weeks a month: it needs founder sign-off first.`);
      }
      return null;
    },
    cost: (_s, d, ctx) => {
      const r = ctx.sc.rules.decisions;
      return charge('projects', d.data.feature, { focus: r.focus.inferenceMode, engWeeks: r.engWeeks.inferenceMode });
    },
    effects: (_s, d) => [{ type: 'inference.modeSet', data: { feature: d.data.feature, mode: d.data.mode } }],
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
