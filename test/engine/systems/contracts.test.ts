import { describe, expect, it } from 'vitest';
import { breachReason, offers, serviceBook } from '../../../src/engine/systems/contracts.js';
import { draw } from '../../../src/engine/rng.js';
import type { Contract, GameState, Offer } from '../../../src/engine/state.js';
import { accepted, ctxFor, findWeek, fold, fresh, given, midMonthWeek, monthEndWeek, ofType, only, postFit, rejected, resolve, sc } from '../../helpers.js';

/* Enterprise contracts: signing is a post-fit move; the monthly review breaches, credits and churns. */

const SEED = 'contracts';
const ctx = ctxFor(SEED);
const template = sc.contracts.templates[0];
if (!template) throw new Error('no contract template');
const monthHours = 168 * sc.weeksPerMonth;

function offer(id = 1, expiresWeek = 30): Offer {
  return {
    id,
    buyer: template!.buyer,
    arr: template!.arrMin,
    termWeeks: template!.termWeeks,
    graceWeeks: template!.graceWeeks,
    uptime: template!.demands.uptime,
    p95Ms: template!.demands.p95Ms,
    capabilities: [...template!.demands.capabilities],
    expiresWeek,
  };
}
function contract(overrides: Partial<Contract> = {}): Contract {
  return { ...offer(), signedWeek: 1, graceEndsWeek: 1 + template!.graceWeeks, endsWeek: 1 + template!.termWeeks, breaches: 0, ...overrides };
}
/** A post-fit state at a week with one signed contract whose capabilities are all built. */
function booked(week: number, recipe: (d: GameState) => void = () => undefined): GameState {
  return given(postFit(fresh(SEED)), (d) => {
    d.week = week;
    d.capabilities = [...template!.demands.capabilities];
    d.contracts.active = [contract()];
    d.contracts.signed = 1;
    recipe(d as GameState);
  });
}
/** Downtime hours in a month that break (or keep) an uptime promise. */
const breakingDowntime = (uptime: number) => (1 - uptime) * monthHours * 1.5 + 0.01;
const keepingDowntime = (uptime: number) => (1 - uptime) * monthHours * 0.5;

describe('contract.sign / contract.decline', () => {
  it('is illegal before fit', () => {
    const s = given(fresh(), (d) => {
      d.contracts.offers = [offer()];
    });
    expect(rejected(s, { type: 'contract.sign', data: { offer: 1 } }).code).toBe('phase');
    expect(rejected(s, { type: 'contract.decline', data: { offer: 1 } }).code).toBe('phase');
  });

  it('signs an offer on the table into a grace period and the book', () => {
    const s = given(postFit(fresh()), (d) => {
      d.week = 12;
      d.contracts.offers = [offer(4)];
    });
    expect(rejected(s, { type: 'contract.sign', data: { offer: 5 } }).code).toBe('invalid');
    const events = accepted(s, { type: 'contract.sign', data: { offer: 4 } });
    expect(only(events, 'contract.signed').data).toEqual({ offer: 4, graceEndsWeek: 12 + template.graceWeeks, endsWeek: 12 + template.termWeeks });
    const next = fold(s, events);
    expect(next.contracts.offers).toEqual([]);
    expect(next.contracts.active).toHaveLength(1);
    expect(next.contracts.active[0]).toMatchObject({ id: 4, signedWeek: 12, breaches: 0, arr: template.arrMin });
    expect(next.contracts.signed).toBe(1);
  });

  it('declines an offer for one focus', () => {
    const s = given(postFit(fresh()), (d) => {
      d.contracts.offers = [offer(2), offer(3)];
    });
    const next = fold(s, accepted(s, { type: 'contract.decline', data: { offer: 2 } }));
    expect(next.contracts.offers.map((o) => o.id)).toEqual([3]);
    expect(next.used.focus).toBe(1);
  });
});

describe('offers', () => {
  it("come only after fit, on the week's keyed draw, and lapse at their expiry week", () => {
    const hit = findWeek(SEED, 'contract', 0, (u) => u < sc.contracts.offerChancePerWeek, 2);
    if (hit === null) throw new Error('no offer week in the table');
    const pre = given(fresh(SEED), (d) => {
      d.week = hit;
    });
    expect(offers(pre, ctx)).toEqual([]);
    const post = given(postFit(fresh(SEED)), (d) => {
      d.week = hit;
      d.contracts.nextId = 7;
    });
    const o = only(offers(post, ctx), 'contract.offered').data.offer;
    const t = sc.contracts.templates[Math.floor(draw(ctx.table, 'contract', hit, 1) * sc.contracts.templates.length)];
    expect(o).toMatchObject({ id: 7, buyer: t?.buyer, uptime: t?.demands.uptime, p95Ms: t?.demands.p95Ms, expiresWeek: hit + sc.contracts.offerValidWeeks });
    expect(o.arr).toBeGreaterThanOrEqual(Math.floor((t?.arrMin ?? 0) / 1000) * 1000);
    expect(o.arr).toBeLessThanOrEqual(Math.ceil((t?.arrMax ?? 0) / 1000) * 1000);
    const lapsing = given(post, (d) => {
      d.contracts.offers = [offer(3, hit)];
    });
    expect(ofType(offers(lapsing, ctx), 'contract.expired').map((e) => e.data.offer)).toEqual([3]);
    const miss = findWeek(SEED, 'contract', 0, (u) => u >= sc.contracts.offerChancePerWeek, 2);
    if (miss !== null)
      expect(
        offers(
          given(postFit(fresh(SEED)), (d) => {
            d.week = miss;
          }),
          ctx,
        ),
      ).toEqual([]);
  });
});

describe('the monthly service review', () => {
  const end = monthEndWeek(midMonthWeek());

  it('breaches a contract whose month of downtime exceeds the uptime promise, with a service credit', () => {
    const s = booked(end, (d) => {
      d.reliability.downtimeMonth = breakingDowntime(template.demands.uptime);
    });
    expect(breachReason(s, s.contracts.active[0] as Contract, ctx)).toMatch(/uptime/);
    const out = serviceBook(s, ctx);
    expect(only(out, 'contract.breached').data).toMatchObject({ contract: 1, credit: Math.round((template.arrMin / 12) * sc.contracts.creditShare) });
    const next = fold(s, out);
    expect(next.contracts.active[0]?.breaches).toBe(1);
    expect(next.contracts.breaches).toBe(1);
    expect(next.cash).toBe(s.cash - only(out, 'contract.breached').data.credit);
    expect(next.finance.spent.credits).toBe(only(out, 'contract.breached').data.credit);
  });

  it('does not breach when the downtime stays within the promise, nor in the middle of a month', () => {
    expect(
      serviceBook(
        booked(end, (d) => {
          d.reliability.downtimeMonth = keepingDowntime(template.demands.uptime);
        }),
        ctx,
      ),
    ).toEqual([]);
    expect(
      serviceBook(
        booked(midMonthWeek(), (d) => {
          d.reliability.downtimeMonth = breakingDowntime(template.demands.uptime);
        }),
        ctx,
      ),
    ).toEqual([]);
  });

  it('counts the downtime of an incident answered in the review week (world step end to end)', () => {
    const s = booked(end, (d) => {
      d.reliability.downtimeWeek = breakingDowntime(template.demands.uptime);
    });
    const { events } = resolve(s, ctx);
    expect(ofType(events, 'contract.breached').map((e) => e.data.contract)).toEqual([1]);
    const booking = only(events, 'finance.booked');
    expect(booking.data.credits).toBe(only(events, 'contract.breached').data.credit);
  });

  it('breaches on latency above the promise and on promised capabilities missing after the grace period', () => {
    const slow = booked(end, (d) => {
      d.reliability.p95Ms = template.demands.p95Ms + 1;
    });
    expect(breachReason(slow, slow.contracts.active[0] as Contract, ctx)).toMatch(/p95/);
    if (template.demands.capabilities.length > 0) {
      const missing = booked(end, (d) => {
        d.capabilities = [];
        d.contracts.active = [contract({ graceEndsWeek: end })];
      });
      expect(breachReason(missing, missing.contracts.active[0] as Contract, ctx)).toMatch(/grace/);
      const inGrace = booked(end, (d) => {
        d.capabilities = [];
        d.contracts.active = [contract({ graceEndsWeek: end + 1 })];
      });
      expect(breachReason(inGrace, inGrace.contracts.active[0] as Contract, ctx)).toBeNull();
    }
  });

  it('churns a contract at its breachesToChurn-th breach', () => {
    const n = sc.contracts.breachesToChurn;
    const last = booked(end, (d) => {
      d.reliability.downtimeMonth = breakingDowntime(template.demands.uptime);
      d.contracts.active = [contract({ breaches: n - 1 })];
    });
    const out = serviceBook(last, ctx);
    expect(out.map((e) => e.type)).toEqual(['contract.breached', 'contract.churned']);
    const next = fold(last, out);
    expect(next.contracts.active).toEqual([]);
    expect(next.contracts.churned).toBe(1);
    if (n >= 2) {
      const earlier = booked(end, (d) => {
        d.reliability.downtimeMonth = breakingDowntime(template.demands.uptime);
        d.contracts.active = [contract({ breaches: n - 2 })];
      });
      expect(serviceBook(earlier, ctx).map((e) => e.type)).toEqual(['contract.breached']);
    }
  });

  it('renews a contract that reaches its end in good standing and lets a troubled one go', () => {
    const good = booked(end, (d) => {
      d.contracts.active = [contract({ endsWeek: end, breaches: 1 })];
    });
    const renewed = only(serviceBook(good, ctx), 'contract.renewed');
    expect(renewed.data.endsWeek).toBe(end + template.termWeeks);
    expect(fold(good, [renewed]).contracts.active[0]?.breaches).toBe(0);
    if (sc.contracts.breachesToChurn > 2) {
      const bad = booked(end, (d) => {
        d.contracts.active = [contract({ endsWeek: end, breaches: 2 })];
      });
      expect(serviceBook(bad, ctx).map((e) => e.type)).toEqual(['contract.churned']);
    }
  });
});
