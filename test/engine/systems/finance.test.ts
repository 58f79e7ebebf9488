import { describe, expect, it } from 'vitest';
import { bookWeek } from '../../../src/engine/systems/finance.js';
import { gpuBill, inferenceHours } from '../../../src/engine/systems/compute.js';
import { runwayWeeks, subscriptionPerWeek } from '../../../src/engine/derive.js';
import type { Contract } from '../../../src/engine/state.js';
import { ctxFor, fold, fresh, given, only, postFit, resolve, sc } from '../../helpers.js';

/* Money at week end: the books event and the cash arithmetic evolve applies to it. */

const ctx = ctxFor();
const spentTotal = (s: { finance: { spent: Record<string, number> } }) => Object.values(s.finance.spent).reduce((a, b) => a + b, 0);

describe('finance.booked (evolve)', () => {
  it('adds revenue, takes the four cost lines, and does not take credits a second time', () => {
    const s = fresh();
    const data = { revenue: 12_345, payroll: 20_000, gpu: 1_234, labeling: 4_000, tooling: 2_000, credits: 7_000, gpuHours: { 'b-feature': 10, 'a-feature': 5 } };
    const next = fold(s, [{ type: 'finance.booked', data }]);
    expect(next.cash).toBe(s.cash + 12_345 - 20_000 - 1_234 - 4_000 - 2_000);
    expect(next.finance.revenue).toBe(12_345);
    expect(next.finance.spent).toMatchObject({ payroll: 20_000, gpu: 1_234, labeling: 4_000, tooling: 2_000, credits: 0 });
    expect(next.finance.lastRevenue).toBe(12_345);
    expect(next.finance.lastCosts).toBe(20_000 + 1_234 + 4_000 + 2_000 + 7_000);
    expect(next.gpu.ledger).toEqual({ 'a-feature': 5, 'b-feature': 10 });
    expect(next.gpu.monthUsed).toBe(15);
    // The cash identity: start + raised + revenue − everything spent.
    expect(next.cash).toBe(sc.start.cash + next.finance.raised + next.finance.revenue - spentTotal(next));
  });

  it('keeps the cash identity through a credit, a commitment and a round', () => {
    const s = fresh();
    const next = fold(s, [
      { type: 'resources.committed', data: { decision: 'team.hire', focus: 2, eng: 0, ml: 0, cash: 15_000, category: 'hiring', gpuHours: 0, item: 'hiring', affinity: 'none' } },
      { type: 'contract.breached', data: { contract: 1, reason: 'test', credit: 9_000 } },
      { type: 'funding.closed', data: { round: 'r', amount: 500_000 } },
      { type: 'finance.booked', data: { revenue: 1_000, payroll: 5_000, gpu: 100, labeling: 0, tooling: 2_000, credits: 9_000, gpuHours: {} } },
    ]);
    expect(next.cash).toBe(s.cash - 15_000 - 9_000 + 500_000 + 1_000 - 5_000 - 100 - 2_000);
    expect(next.finance.spent.credits).toBe(9_000);
    expect(next.cash).toBe(sc.start.cash + next.finance.raised + next.finance.revenue - spentTotal(next));
    expect(runwayWeeks(next)).toBeGreaterThan(0);
  });
});

describe('bookWeek', () => {
  it('books payroll, tooling, the GPU bill and subscription plus contract revenue', () => {
    const seg = sc.segments[0];
    if (!seg) throw new Error('no segment');
    const c: Contract = {
      id: 1,
      buyer: 'b',
      arr: 520_000,
      termWeeks: 52,
      graceWeeks: 4,
      uptime: 0.999,
      p95Ms: 900,
      capabilities: [],
      expiresWeek: 3,
      signedWeek: 1,
      graceEndsWeek: 5,
      endsWeek: 53,
      breaches: 0,
    };
    const s = given(postFit(fresh()), (d) => {
      d.strategy.segment = seg.id;
      d.market.customers = 17.8;
      d.contracts.active = [c];
      d.team.engineers = 5;
      d.team.mlEngineers = 3;
    });
    const e = only([bookWeek(s, ctx, 321, 654)], 'finance.booked');
    expect(subscriptionPerWeek(s, sc)).toBe(17 * seg.pricePerCustomerWeek);
    expect(e.data.revenue).toBe(Math.round(17 * seg.pricePerCustomerWeek + 520_000 / 52));
    expect(e.data.payroll).toBe(5 * sc.team.engineerPerWeek + 3 * sc.team.mlEngineerPerWeek);
    expect(e.data.tooling).toBe(sc.toolingPerWeek);
    expect(e.data.credits).toBe(321);
    expect(e.data.labeling).toBe(654);
    expect(e.data.gpuHours).toEqual(inferenceHours(s, ctx));
    expect(e.data.gpu).toBe(gpuBill(s, ctx, 0));
  });

  it('is the last money event of a quiet world step, and the burn equals its costs', () => {
    const s = fresh();
    const { state, events } = resolve(s, ctx);
    const e = only(events, 'finance.booked');
    expect(state.cash).toBe(s.cash + e.data.revenue - e.data.payroll - e.data.gpu - e.data.labeling - e.data.tooling);
    expect(state.finance.lastCosts - state.finance.lastRevenue).toBe(s.cash - state.cash);
  });
});
