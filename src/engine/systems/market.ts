import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import type { RuleContext } from '../rules.js';
import { draw } from '../rng.js';
import { clamp, r6 } from '../num.js';
import { confusion, pull } from '../derive.js';
import { fitSignalOf } from '../guards.js';

/* The market: trust lags perceived accuracy, customers follow pull, and the fit signal
 * (retention plus a noisy "very disappointed" survey) builds a streak the machine watches. */

/** How fast trust closes its gap to perceived accuracy this week. */
export function trustRate(s: GameState, ctx: RuleContext): number {
  return ctx.sc.market.trustRate + ctx.sc.market.calibrationTrustRate * s.calibration.length;
}

/** The week's market movement: trust, customers, retention, survey and the fit streak. */
export function marketMove(s: GameState, ctx: RuleContext): GameEvent {
  const sc = ctx.sc;
  const m = sc.market;
  const perceived = confusion(s, sc).perceivedAccuracy;
  const trust = r6(clamp(s.market.trust + (perceived - s.market.trust) * trustRate(s, ctx), 0, 1));
  const p = pull(s, sc, trust);
  const segment = sc.segments.find((x) => x.id === s.strategy.segment);
  const market = segment ? segment.market : 0;
  const r = sc.rules.market;
  const growth = s.phase === 'postFit' ? m.growthPerWeek : m.growthPerWeek / r.preFitGrowthDivisor;
  const headroom = market > 0 ? clamp(1 - s.market.customers / market, 0, 1) : 0;
  const inflow = segment ? (m.leadsPerWeek * p * p + s.market.customers * growth * p) * headroom : 0;
  const churn = s.market.customers * m.churnPerWeek * (1 - p);
  const customers = r6(clamp(s.market.customers + inflow - churn, 0, market));
  const retention = r6(clamp(1 - m.churnPerWeek * (1 - p) * r.retentionChurnWeeks, 0, 1));
  // A uniform draw centred and stretched to [-1, 1), times the scenario's noise.
  const noise = (draw(ctx.table, 'market', s.week, 0) - 1 / 2) * 2 * m.surveyNoise;
  const survey = r6(clamp(p * r.surveyPullShare + noise, 0, 1));
  const holds = fitSignalOf({ survey, retention, payingCustomers: Math.floor(customers) }, sc).holds;
  const fitStreak = holds ? s.market.fitStreak + 1 : 0;
  return { type: 'market.moved', data: { trust, customers, retention, survey, perceivedAccuracy: perceived, fitStreak } };
}
