import type { GameEvent } from '../events.js';
import type { Contract, GameState, Offer } from '../state.js';
import type { Scenario } from '../../scenarios/schema.js';
import { charge, refuse, type RuleContext, type RuleTable } from '../rules.js';
import { draw } from '../rng.js';
import { monthOf, type Visible } from '../derive.js';
import { HOURS_PER_WEEK, MONTHS_PER_YEAR } from '../units.js';

/* Enterprise contracts after fit: offers with demands, signing into a grace period, SLA
 * breaches with service credits, churn, renewal — and declining as a legitimate move. */

/** The rules of signing and declining enterprise offers. */
export const contractRules: RuleTable<'contract.sign' | 'contract.decline'> = {
  'contract.sign': {
    check: (s, d) => (s.contracts.offers.some((x) => x.id === d.data.offer) ? null : refuse('invalid', `Offer #${d.data.offer} is not on the table.`)),
    cost: (_s, _d, ctx) => charge('tooling', 'contracts', { focus: ctx.sc.rules.decisions.focus.sign }),
    effects: (s, d) => {
      const o = s.contracts.offers.find((x) => x.id === d.data.offer);
      return o ? [{ type: 'contract.signed', data: { offer: o.id, graceEndsWeek: s.week + o.graceWeeks, endsWeek: s.week + o.termWeeks } }] : [];
    },
  },
  'contract.decline': {
    check: (s, d) => (s.contracts.offers.some((x) => x.id === d.data.offer) ? null : refuse('invalid', `Offer #${d.data.offer} is not on the table.`)),
    cost: (_s, _d, ctx) => charge('tooling', 'contracts', { focus: ctx.sc.rules.decisions.focus.decline }),
    effects: (_s, d) => [{ type: 'contract.declined', data: { offer: d.data.offer } }],
  },
};

/** Percent to two decimals: round in hundredths of a percent, then divide back. */
const HUNDREDTHS_OF_PERCENT = 100 * 100;
const pct = (x: number) => Math.round(x * HUNDREDTHS_OF_PERCENT) / 100;

/** Weeks of building an offer's demanded capabilities still needs: a capability under way
 * counts its remaining weeks, one not started its full build time. */
export function weeksToMeet(v: Visible, offer: Offer, sc: Scenario): number {
  let weeks = 0;
  for (const c of offer.capabilities) {
    if (v.capabilities.includes(c)) continue;
    const running = v.projects.find((p) => p.item === c);
    weeks += running ? running.doneWeek - v.week + 1 : (sc.capabilities.find((x) => x.id === c)?.weeks ?? Number.POSITIVE_INFINITY);
  }
  return weeks;
}

/** Whether an offer can be kept: its capabilities built within the grace period and today's
 * p95 inside its promise with the scenario's headroom (bots and the alignment flags share it). */
export function keepable(v: Visible, offer: Offer, sc: Scenario): boolean {
  return weeksToMeet(v, offer, sc) <= offer.graceWeeks && v.reliability.p95Ms * sc.rules.contracts.keepableP95Headroom <= offer.p95Ms;
}

/** Why a contract is in breach at this month's review, or null when its demands hold. */
export function breachReason(s: GameState, c: Contract, ctx: RuleContext): string | null {
  const monthHours = HOURS_PER_WEEK * ctx.sc.weeksPerMonth;
  const uptime = 1 - s.reliability.downtimeMonth / monthHours;
  const p95Ms = s.reliability.p95Ms;
  if (uptime < c.uptime) return `monthly uptime ${pct(uptime)}% below the promised ${pct(c.uptime)}%`;
  if (p95Ms > c.p95Ms) return `p95 latency ${Math.round(p95Ms)} ms above the promised ${c.p95Ms} ms`;
  if (s.week >= c.graceEndsWeek) {
    const missing = c.capabilities.filter((x) => !s.capabilities.includes(x));
    if (missing.length > 0) return `grace period over without ${missing.join(', ')}`;
  }
  return null;
}

/** The monthly SLA review (on the month's last week), renewals and churn for the signed book. */
export function serviceBook(s: GameState, ctx: RuleContext): GameEvent[] {
  const out: GameEvent[] = [];
  const review = monthOf(s.week + 1, ctx.sc) !== monthOf(s.week, ctx.sc);
  for (const c of s.contracts.active) {
    const why = review ? breachReason(s, c, ctx) : null;
    if (why) {
      // The credit is a share of one month's fee.
      const credit = Math.round((c.arr / MONTHS_PER_YEAR) * ctx.sc.contracts.creditShare);
      out.push({ type: 'contract.breached', data: { contract: c.id, reason: why, credit } });
      if (c.breaches + 1 >= ctx.sc.contracts.breachesToChurn) {
        out.push({ type: 'contract.churned', data: { contract: c.id, reason: `${c.breaches + 1} breaches` } });
        continue;
      }
    }
    if (c.endsWeek <= s.week) {
      if (c.breaches + (why ? 1 : 0) <= ctx.sc.rules.contracts.renewalMaxBreaches) out.push({ type: 'contract.renewed', data: { contract: c.id, endsWeek: s.week + c.termWeeks } });
      else out.push({ type: 'contract.churned', data: { contract: c.id, reason: 'did not renew after breaches' } });
    }
  }
  return out;
}

/** Offers that lapse and the new offer the week may bring (after fit only). */
export function offers(s: GameState, ctx: RuleContext): GameEvent[] {
  const out: GameEvent[] = s.contracts.offers.filter((o) => o.expiresWeek <= s.week).map((o) => ({ type: 'contract.expired', data: { offer: o.id } }) as GameEvent);
  if (s.phase !== 'postFit') return out;
  const cc = ctx.sc.contracts;
  if (draw(ctx.table, 'contract', s.week, 0) >= cc.offerChancePerWeek) return out;
  const t = cc.templates[Math.floor(draw(ctx.table, 'contract', s.week, 1) * cc.templates.length)];
  if (!t) return out;
  const step = ctx.sc.rules.contracts.offerArrRounding;
  const value = Math.round((t.arrMin + (t.arrMax - t.arrMin) * draw(ctx.table, 'contract', s.week, 2)) / step) * step;
  out.push({
    type: 'contract.offered',
    data: {
      offer: {
        id: s.contracts.nextId,
        buyer: t.buyer,
        arr: value,
        termWeeks: t.termWeeks,
        graceWeeks: t.graceWeeks,
        uptime: t.demands.uptime,
        p95Ms: t.demands.p95Ms,
        capabilities: [...t.demands.capabilities],
        expiresWeek: s.week + cc.offerValidWeeks,
      },
    },
  });
  return out;
}
