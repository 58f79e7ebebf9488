import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import type { RuleContext } from '../rules.js';
import { subscriptionPerWeek } from '../derive.js';
import { gpuBill, inferenceHours } from './compute.js';
import { WEEKS_PER_YEAR } from '../units.js';

/* Money at week end: revenue from subscriptions and contracts; payroll, GPU (reservation and
 * on-demand overage), labels delivered and tooling; service credits already paid are reported for the runway. */

/** The week's books as one event. */
export function bookWeek(s: GameState, ctx: RuleContext, creditsThisWeek: number, labeling: number): GameEvent {
  const sc = ctx.sc;
  let contractRevenue = 0;
  for (const c of s.contracts.active) contractRevenue += c.arr / WEEKS_PER_YEAR;
  const revenue = Math.round(subscriptionPerWeek(s, sc) + contractRevenue);
  const payroll = s.team.engineers * sc.team.engineerPerWeek + s.team.mlEngineers * sc.team.mlEngineerPerWeek;
  const gpuHours = inferenceHours(s, ctx);
  let hours = 0;
  for (const k of Object.keys(gpuHours)) hours += gpuHours[k] ?? 0;
  return {
    type: 'finance.booked',
    data: { revenue, payroll, gpu: gpuBill(s, ctx, hours), labeling, tooling: sc.toolingPerWeek, credits: creditsThisWeek, gpuHours },
  };
}
