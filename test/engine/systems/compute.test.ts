import { describe, expect, it } from 'vitest';
import { gpuBill, inferenceHours, monthClose, utilisation } from '../../../src/engine/systems/compute.js';
import { p95 } from '../../../src/engine/systems/reliability.js';
import { featureGpuHoursPerMonth, featureGpuHoursPerWeek, monthOf, signoffThresholdHours } from '../../../src/engine/derive.js';
import { accepted, after, ctxFor, featureWhere, fold, fresh, given, midMonthWeek, monthEndWeek, only, rejected, resolve, sc } from '../../helpers.js';

/* Compute: reservations, founder sign-off, inference modes, the GPU bill and the month close. */

const ctx = ctxFor();
const gpuFeature = featureWhere((f) => f.gpuHoursPerCustomerMonth > 0 && f.requires.length === 0, 'uses GPU and needs no capability');

describe('gpu.reserve', () => {
  it('takes whole reservation steps and a change', () => {
    const step = sc.gpu.reservationStepHours;
    const s = fresh();
    if (step > 1) expect(rejected(s, { type: 'gpu.reserve', data: { hoursPerMonth: s.gpu.reservedHoursPerMonth + 1 } }).code).toBe('invalid');
    expect(rejected(s, { type: 'gpu.reserve', data: { hoursPerMonth: s.gpu.reservedHoursPerMonth } }).code).toBe('invalid');
    const target = s.gpu.reservedHoursPerMonth + 3 * step;
    const events = accepted(s, { type: 'gpu.reserve', data: { hoursPerMonth: target } });
    expect(only(events, 'resources.committed').data).toMatchObject({ focus: 1, cash: 0, category: 'gpu', affinity: 'governance' });
    expect(fold(s, events).gpu.reservedHoursPerMonth).toBe(target);
  });
});

describe('gpu.signoff', () => {
  it('signs off known items, once each, a limited number a quarter', () => {
    const s = fresh();
    expect(rejected(s, { type: 'gpu.signoff', data: { item: 'crypto-mining' } }).code).toBe('invalid');
    const one = after(s, { type: 'gpu.signoff', data: { item: 'training' } });
    expect(one.gpu.signedOff).toEqual(['training']);
    expect(one.gpu.signoffsUsed).toBe(1);
    expect(rejected(one, { type: 'gpu.signoff', data: { item: 'training' } }).code).toBe('invalid');
    const spent = given(s, (d) => {
      d.gpu.signoffsUsed = sc.gpu.signoffsPerQuarter;
    });
    expect(rejected(spent, { type: 'gpu.signoff', data: { item: gpuFeature.id } }).code).toBe('prerequisite');
  });

  it("gives the quarter's sign-offs back when a quarter closes, and keeps what was signed", () => {
    const s = given(fresh(), (d) => {
      d.gpu.signoffsUsed = sc.gpu.signoffsPerQuarter;
      d.gpu.signedOff = ['training'];
    });
    const midQuarter = fold(s, [{ type: 'gpu.monthClosed', data: { month: 0, used: 0, reserved: 0 } }]);
    expect(midQuarter.gpu.signoffsUsed).toBe(sc.gpu.signoffsPerQuarter);
    const quarterEnd = fold(s, [{ type: 'gpu.monthClosed', data: { month: 2, used: 0, reserved: 0 } }]);
    expect(quarterEnd.gpu.signoffsUsed).toBe(0);
    expect(quarterEnd.gpu.signedOff).toEqual(['training']);
  });
});

describe('inference.setMode', () => {
  it('only applies to shipped features and to a real change', () => {
    const s = fresh();
    expect(rejected(s, { type: 'inference.setMode', data: { feature: gpuFeature.id, mode: 'batch' } }).code).toBe('prerequisite');
    const shipped = given(s, (d) => {
      d.features = [gpuFeature.id];
      d.realtime = [gpuFeature.id];
    });
    expect(rejected(shipped, { type: 'inference.setMode', data: { feature: gpuFeature.id, mode: 'realtime' } }).code).toBe('invalid');
    const batch = after(shipped, { type: 'inference.setMode', data: { feature: gpuFeature.id, mode: 'batch' } });
    expect(batch.realtime).toEqual([]);
    expect(batch.features).toEqual([gpuFeature.id]);
  });

  it('needs sign-off to put a heavy feature back in real time', () => {
    const line = signoffThresholdHours(sc);
    // Enough customers that the feature passes the line in real time.
    const customers = Math.ceil(line / (gpuFeature.gpuHoursPerCustomerMonth * sc.gpu.realtimeFactor)) + 1;
    const s = given(fresh(), (d) => {
      d.features = [gpuFeature.id];
      d.realtime = [];
      d.market.customers = customers;
    });
    expect(featureGpuHoursPerMonth(s, sc, gpuFeature.id)).toBeGreaterThan(line);
    expect(rejected(s, { type: 'inference.setMode', data: { feature: gpuFeature.id, mode: 'realtime' } }).code).toBe('gpu');
    const signed = given(s, (d) => {
      d.gpu.signedOff = [gpuFeature.id];
    });
    expect(after(signed, { type: 'inference.setMode', data: { feature: gpuFeature.id, mode: 'realtime' } }).realtime).toEqual([gpuFeature.id]);
  });
});

describe('inference hours, utilisation and latency', () => {
  it('costs the real-time factor more in real time and less with batching', () => {
    const s = given(fresh(), (d) => {
      d.features = [gpuFeature.id];
      d.realtime = [gpuFeature.id];
      d.market.customers = 40;
    });
    const rt = featureGpuHoursPerWeek(s, sc, gpuFeature.id);
    const batch = featureGpuHoursPerWeek(
      given(s, (d) => {
        d.realtime = [];
      }),
      sc,
      gpuFeature.id,
    );
    const batched = featureGpuHoursPerWeek(
      given(s, (d) => {
        d.capabilities.push('batching');
      }),
      sc,
      gpuFeature.id,
    );
    expect(rt).toBeGreaterThan(batch);
    expect(Math.abs(rt - batch * sc.gpu.realtimeFactor)).toBeLessThanOrEqual(sc.gpu.realtimeFactor);
    expect(batched).toBeLessThan(rt);
    expect(inferenceHours(s, ctx)).toEqual({ [gpuFeature.id]: rt });
  });

  it('raises p95 latency as real-time load fills the reservation', () => {
    const base = given(fresh(), (d) => {
      d.features = [gpuFeature.id];
      d.realtime = [gpuFeature.id];
      d.market.customers = 30;
    });
    const roomy = given(base, (d) => {
      d.gpu.reservedHoursPerMonth = 100_000;
    });
    const tight = given(base, (d) => {
      d.gpu.reservedHoursPerMonth = sc.gpu.reservationStepHours;
    });
    expect(utilisation(tight, ctx)).toBeGreaterThan(utilisation(roomy, ctx));
    expect(p95(tight, ctx)).toBeGreaterThan(p95(roomy, ctx));
    expect(p95(fresh(), ctx)).toBe(sc.reliability.p95BaseMs);
    const none = given(base, (d) => {
      d.gpu.reservedHoursPerMonth = 0;
    });
    expect(utilisation(none, ctx)).toBeGreaterThan(1);
  });
});

describe('the GPU bill', () => {
  it("charges the reservation's weekly share plus on-demand hours past it", () => {
    const s = given(fresh(), (d) => {
      d.gpu.reservedHoursPerMonth = 400;
      d.gpu.monthUsed = 350;
    });
    const reservedWeekly = (400 * sc.gpu.reservedPricePerHour) / sc.weeksPerMonth;
    expect(gpuBill(s, ctx, 0)).toBe(Math.round(reservedWeekly));
    expect(gpuBill(s, ctx, 50)).toBe(Math.round(reservedWeekly));
    expect(gpuBill(s, ctx, 80)).toBe(Math.round(reservedWeekly + 30 * sc.gpu.onDemandPricePerHour));
    const over = given(s, (d) => {
      d.gpu.monthUsed = 500;
    });
    expect(gpuBill(over, ctx, 10)).toBe(Math.round(reservedWeekly + 10 * sc.gpu.onDemandPricePerHour));
  });

  it('bills GPU-hours that decisions take past the reservation at the on-demand price', () => {
    // The decision pays on demand for its hours past the reservation when it is committed; the
    // week's bill then adds only the reservation's share (the hours are already paid for).
    const reserved = sc.gpu.reservationStepHours;
    const hours = sc.gpu.trainingHoursPerRetrain;
    expect(hours).toBeGreaterThan(0);
    const s = given(fresh(), (d) => {
      d.gpu.reservedHoursPerMonth = reserved;
      d.gpu.monthUsed = reserved;
      d.week = midMonthWeek();
    });
    const retrained = after(s, { type: 'model.retrain', data: {} });
    expect(retrained.gpu.monthUsed).toBe(reserved + hours);
    const booked = only(resolve(retrained).events, 'finance.booked');
    const expected = Math.round((reserved * sc.gpu.reservedPricePerHour) / sc.weeksPerMonth + hours * sc.gpu.onDemandPricePerHour);
    expect(retrained.finance.spent.gpu + booked.data.gpu).toBe(expected);
    expect(s.cash - retrained.cash).toBe(Math.round(hours * sc.gpu.onDemandPricePerHour));
  });
});

describe('month close', () => {
  it('closes the GPU ledger and the downtime budget on the last week of a month only', () => {
    const mid = midMonthWeek();
    const end = monthEndWeek(mid);
    const busy = (week: number) =>
      given(fresh(), (d) => {
        d.week = week;
        d.gpu.monthUsed = 321;
        d.gpu.ledger = { training: 321 };
        d.reliability.downtimeMonth = 2;
      });
    expect(monthClose(busy(mid), ctx)).toEqual([]);
    const e = only(monthClose(busy(end), ctx), 'gpu.monthClosed');
    expect(e.data).toEqual({ month: monthOf(end, sc), used: 321, reserved: busy(end).gpu.reservedHoursPerMonth });
    const closed = fold(busy(end), [e]);
    expect(closed.gpu.monthUsed).toBe(0);
    expect(closed.gpu.ledger).toEqual({});
    expect(closed.reliability.downtimeMonth).toBe(0);
  });
});
