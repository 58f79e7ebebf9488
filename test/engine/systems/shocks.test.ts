import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { sc, tableFor, fresh } from '../../helpers.js';
import type { Scenario } from '../../../src/scenarios/schema.js';
import type { GameState } from '../../../src/engine/state.js';
import { shockEvents } from '../../../src/engine/systems/shocks.js';
import { evolve } from '../../../src/engine/evolve.js';
import { decide } from '../../../src/engine/decide.js';
import { pull } from '../../../src/engine/derive.js';

/* Shocks: keyed draws against scenario rates; a competitor dents pull for a while, a funding
 * winter shrinks rounds raised during it, a key customer leaving takes a share of customers. */

const always = (over: Partial<NonNullable<Scenario['shocks']>>): Scenario => ({
  ...sc,
  shocks: {
    competitorPerWeek: 0,
    competitorPullFactor: 0.8,
    competitorWeeks: 5,
    winterPerWeek: 0,
    winterRoundFactor: 0.5,
    winterWeeks: 8,
    keyChurnPerWeek: 0,
    keyChurnShare: 0.2,
    ...over,
  },
});
const ctx = (scenario: Scenario) => ({ sc: scenario, table: tableFor('shock-test') });
const fold = (s: GameState, events: ReturnType<typeof shockEvents>) => produce(s, (d) => events.forEach((e) => evolve(d, e)));

describe('shocks', () => {
  it('strike nothing when the scenario defines none', () => {
    expect(shockEvents(fresh(), ctx({ ...sc, shocks: undefined }))).toEqual([]);
  });

  it('a competitor launch lowers pull until it wears off', () => {
    const scenario = always({ competitorPerWeek: 1 });
    const s = produce(fresh(), (d) => {
      d.strategy.segment = sc.segments[0]!.id;
      d.market.trust = 0.8;
    });
    const events = shockEvents(s, ctx(scenario));
    expect(events.map((e) => (e.type === 'shock.struck' ? e.data.kind : e.type))).toEqual(['competitor']);
    const hit = fold(s, events);
    expect(hit.shocks.competitorUntil).toBe(s.week + 5);
    expect(pull(hit, scenario)).toBeCloseTo(pull(s, scenario) * 0.8, 5);
    expect(
      pull(
        produce(hit, (d) => {
          d.week = s.week + 6;
        }),
        scenario,
      ),
    ).toBeCloseTo(
      pull(
        produce(s, (d) => {
          d.week = s.week + 6;
        }),
        scenario,
      ),
      6,
    );
    expect(shockEvents(hit, ctx(scenario))).toEqual([]);
  });

  it('a funding winter shrinks a round started during it', () => {
    const scenario = always({ winterPerWeek: 1 });
    const base = produce(fresh(), (d) => {
      d.discovery.beliefs.forEach((b) => {
        b.status = 'validated';
      });
    });
    const round = sc.rounds.find((r) => r.phase === 'preFit')!;
    const raise = { type: 'funding.raise', data: { round: round.id } } as const;
    const normal = decide(base, raise, ctx(scenario));
    const cold = decide(fold(base, shockEvents(base, ctx(scenario))), raise, ctx(scenario));
    const amount = (r: typeof normal) => (r.ok ? r.events.find((e) => e.type === 'funding.started')?.data : undefined) as { amount: number } | undefined;
    expect(amount(normal)?.amount).toBe(round.amount);
    expect(amount(cold)?.amount).toBe(Math.round(round.amount * 0.5));
  });

  it('a key customer leaves only after fit, taking its share of customers', () => {
    const scenario = always({ keyChurnPerWeek: 1 });
    const pre = produce(fresh(), (d) => {
      d.market.customers = 20;
    });
    expect(shockEvents(pre, ctx(scenario))).toEqual([]);
    const post = produce(pre, (d) => {
      d.phase = 'postFit';
    });
    const after = fold(post, shockEvents(post, ctx(scenario)));
    expect(after.market.customers).toBeCloseTo(16, 6);
    expect(after.shocks.struck).toBe(1);
  });
});
