import { describe, expect, it } from 'vitest';
import { marketMove, trustRate } from '../../../src/engine/systems/market.js';
import { confusion, pull } from '../../../src/engine/derive.js';
import type { GameState } from '../../../src/engine/state.js';
import { ctxFor, fold, fresh, given, only, sc } from '../../helpers.js';

/* The market and the fit signal: trust lags accuracy, customers follow pull, the streak counts
 * weeks where survey, retention and paying customers all clear the scenario's bars. */

const ctx = ctxFor('market');
const moved = (s: GameState, c = ctx) => only([marketMove(s, c)], 'market.moved').data;
const segment = sc.segments.reduce((a, b) => (b.market > a.market ? b : a));
const paradigm = sc.paradigms[0]?.id ?? null;

/** A strategy every hidden truth backs, with the segment pulling as hard as it can. */
function strong(week: number, recipe: (d: GameState) => void = () => undefined): GameState {
  return given(fresh('market'), (d) => {
    d.week = week;
    d.strategy.segment = segment.id;
    d.strategy.paradigm = paradigm;
    for (const h of sc.hypotheses) d.world.truths[h.id] = true;
    d.world.segmentPull[segment.id] = 1;
    d.features = sc.features.map((f) => f.id);
    d.realtime = sc.features.map((f) => f.id);
    d.gpu.reservedHoursPerMonth = 1_000_000;
    d.market.trust = 1;
    d.model.skill = sc.model.skillCap;
    d.market.customers = Math.min(segment.market, sc.fit.minPayingCustomers * 3);
    recipe(d as GameState);
  });
}

describe('marketMove', () => {
  it('moves trust toward perceived accuracy at the trust rate, faster with calibration', () => {
    const s = given(fresh('market'), (d) => {
      d.market.trust = 0.2;
    });
    const perceived = confusion(s, sc).perceivedAccuracy;
    const m = only([marketMove(s, ctx)], 'market.moved');
    expect(m.data.trust).toBeCloseTo(0.2 + (perceived - 0.2) * trustRate(s, ctx), 6);
    const calibrated = given(s, (d) => {
      d.calibration = ['confidence'];
    });
    if (sc.market.calibrationTrustRate > 0) expect(moved(calibrated, ctx).trust).toBeGreaterThan(m.data.trust);
  });

  it('brings no customers without a target segment', () => {
    const s = given(fresh('market'), (d) => {
      d.market.customers = 4;
    });
    expect(moved(s, ctx).customers).toBeLessThanOrEqual(4);
    expect(moved(fresh('market'), ctx).customers).toBe(0);
  });

  it("never grows past the segment's market", () => {
    const s = strong(5, (d) => {
      d.market.customers = segment.market;
    });
    expect(moved(s, ctx).customers).toBeLessThanOrEqual(segment.market);
  });

  it('pulls less when the strategy rests on a false hypothesis', () => {
    const s = strong(5, (d) => {
      d.world.segmentPull[segment.id] = 0.5;
    });
    const relied = sc.hypotheses.find((h) => h.about.kind === 'core' || (h.about.kind === 'segment' && h.about.segment === segment.id));
    if (!relied) throw new Error('no relied hypothesis');
    const lie = given(s, (d) => {
      d.world.truths[relied.id] = false;
    });
    expect(pull(lie, sc)).toBeLessThan(pull(s, sc));
    expect(pull(lie, sc)).toBeCloseTo(pull(s, sc) * relied.falsePull, 5);
  });

  it('counts the fit streak up while survey, retention and customers all hold, and resets it otherwise', () => {
    const s = strong(6, (d) => {
      d.market.fitStreak = 2;
    });
    const m = only([marketMove(s, ctx)], 'market.moved').data;
    expect(m.survey).toBeGreaterThanOrEqual(sc.fit.surveyThreshold);
    expect(m.retention).toBeGreaterThanOrEqual(sc.fit.retentionThreshold);
    expect(Math.floor(m.customers)).toBeGreaterThanOrEqual(sc.fit.minPayingCustomers);
    expect(m.fitStreak).toBe(3);
    expect(fold(s, [{ type: 'market.moved', data: m }]).market.fitStreak).toBe(3);

    const few = strong(6, (d) => {
      d.market.fitStreak = 2;
      d.market.customers = sc.fit.minPayingCustomers / 2;
    });
    const fewMove = moved(few, ctx);
    if (Math.floor(fewMove.customers) < sc.fit.minPayingCustomers) expect(fewMove.fitStreak).toBe(0);
    const weak = given(fresh('market'), (d) => {
      d.market.fitStreak = 2;
      d.strategy.segment = segment.id;
      d.world.segmentPull[segment.id] = 0.05;
      d.market.customers = 50;
    });
    expect(moved(weak, ctx).fitStreak).toBe(0);
  });

  it('keeps every figure a rate, and agrees with its own fit rule on many states', () => {
    for (let w = 1; w <= 60; w++) {
      const s = given(fresh(`market-${w}`), (d) => {
        d.week = w;
        d.strategy.segment = sc.segments[w % sc.segments.length]?.id ?? null;
        d.market.customers = (w * 7) % 90;
        d.market.trust = (w % 10) / 10;
        d.market.fitStreak = w % 4;
      });
      const m = moved(s, ctxFor(`market-${w}`));
      for (const r of [m.trust, m.retention, m.survey, m.perceivedAccuracy]) {
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }
      const holds = m.survey >= sc.fit.surveyThreshold && m.retention >= sc.fit.retentionThreshold && Math.floor(m.customers) >= sc.fit.minPayingCustomers;
      expect(m.fitStreak).toBe(holds ? s.market.fitStreak + 1 : 0);
    }
  });

  it("draws the survey noise from the week's keyed slot: same week same survey, other weeks differ", () => {
    const a = moved(strong(9), ctx).survey;
    const b = moved(
      strong(9, (d) => {
        d.discovery.nextId = 99;
        d.cash = 1;
      }),
    ).survey;
    expect(b).toBe(a);
    const surveys = new Set(
      Array.from(
        { length: 12 },
        (_, i) =>
          moved(
            strong(10 + i, (d) => {
              d.model.skill = 0.5;
              d.world.segmentPull[segment.id] = 0.5;
            }),
          ).survey,
      ),
    );
    if (sc.market.surveyNoise > 0) expect(surveys.size).toBeGreaterThan(1);
  });
});
