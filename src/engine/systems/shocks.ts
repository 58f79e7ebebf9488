import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import type { RuleContext } from '../rules.js';
import { draw } from '../rng.js';
import { r6 } from '../num.js';

/* World shocks: a competitor launch that dents pull for a while, a funding winter that shrinks
 * rounds raised during it, and (after fit) a key customer walking away. Each is a keyed draw,
 * so everyone on a seed meets the same shocks in the same weeks. */

/** The shocks that strike this week (none when the scenario defines no shocks). */
export function shockEvents(s: GameState, ctx: RuleContext): GameEvent[] {
  const k = ctx.sc.shocks;
  if (!k) return [];
  const out: GameEvent[] = [];
  if (s.week > s.shocks.competitorUntil && draw(ctx.table, 'shock', s.week, 0) < k.competitorPerWeek) {
    out.push({ type: 'shock.struck', data: { kind: 'competitor', untilWeek: s.week + k.competitorWeeks, factor: k.competitorPullFactor, customersLost: 0 } });
  }
  if (s.week > s.shocks.winterUntil && draw(ctx.table, 'shock', s.week, 1) < k.winterPerWeek) {
    out.push({ type: 'shock.struck', data: { kind: 'fundingWinter', untilWeek: s.week + k.winterWeeks, factor: k.winterRoundFactor, customersLost: 0 } });
  }
  if (s.phase === 'postFit' && s.market.customers >= 1 && draw(ctx.table, 'shock', s.week, 2) < k.keyChurnPerWeek) {
    out.push({ type: 'shock.struck', data: { kind: 'keyCustomerLost', untilWeek: s.week, factor: 1, customersLost: r6(s.market.customers * k.keyChurnShare) } });
  }
  return out;
}
