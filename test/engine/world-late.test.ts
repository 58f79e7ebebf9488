import { describe, expect, it } from 'vitest';
import { decide } from '../../src/engine/decide.js';
import { draw } from '../../src/engine/rng.js';
import { monthOf } from '../../src/engine/derive.js';
import { hazard } from '../../src/engine/systems/reliability.js';
import { HOURS_PER_WEEK, MONTHS_PER_YEAR, WEEKS_PER_YEAR } from '../../src/engine/units.js';
import type { Decision } from '../../src/engine/decisions.js';
import type { GameEvent } from '../../src/engine/events.js';
import type { GameState } from '../../src/engine/state.js';
import { clone, ctxFor, findWeek, fold, fresh, given, midMonthWeek, monthEndWeek, ofType, only, postFit, sc, tableFor } from '../helpers.js';

/* The world step, second half: measuring reliability, the signed book's monthly review,
 * offers, incidents, the weekly books, debt, funding and the month's GPU close. Each spec:
 * GIVEN a state, WHEN decide ends the week, THEN the stage's events (and the input untouched). */

const SEED = 'world-late';
const ctx = ctxFor(SEED);
const weekEnd: Decision = { type: 'week.end', data: {} };

/** WHEN the week ends: decide's events, after checking that decide did not touch the state. */
function whenWeekEnds(s: GameState): GameEvent[] {
  const before = clone(s);
  const r = decide(s, weekEnd, ctx);
  if (!r.ok) throw new Error(`week.end was refused: ${r.rejection.reason}`);
  expect(s, 'decide must leave its input state unchanged').toEqual(before);
  return r.events;
}
const types = (events: readonly GameEvent[]) => events.map((e) => e.type);
const at = (base: GameState, week: number, recipe: (d: GameState) => void = () => undefined) =>
  given(base, (d) => {
    d.week = week;
    recipe(d as GameState);
  });
const u = (stream: Parameters<typeof draw>[1], w: number, slot: number) => draw(tableFor(SEED), stream, w, slot);

describe('stage measure', () => {
  it("reports latency, load and the week's uptime, right after the market moves", () => {
    expect(fresh(SEED).realtime, 'nothing runs in real time yet, so nothing loads the reservation').toEqual([]);
    const down = HOURS_PER_WEEK / 4;
    const events = whenWeekEnds(given(fresh(SEED), (d) => void ((d.reliability.downtimeWeek = down), (d.reliability.downtimeMonth = 1))));
    expect(ofType(events, 'reliability.measured')).toEqual([
      { type: 'reliability.measured', data: { p95Ms: sc.reliability.p95BaseMs, utilisation: 0, uptime: 1 - down / HOURS_PER_WEEK, downtimeWeek: down, downtimeMonth: 1 + down } },
    ]);
    expect(types(events)[types(events).indexOf('reliability.measured') - 1]).toBe('market.moved');
  });
});

/* A signed contract on a template that demands no capability, folded from its offer and signing. */
const template = sc.contracts.templates.find((t) => t.demands.capabilities.length === 0);
function signed(): GameState {
  if (!template) throw new Error('the scenario has no contract template without capability demands');
  const base = postFit(fresh(SEED));
  const id = base.contracts.nextId;
  const t = template;
  const offer = {
    id,
    buyer: t.buyer,
    arr: t.arrMin,
    termWeeks: t.termWeeks,
    graceWeeks: t.graceWeeks,
    uptime: t.demands.uptime,
    p95Ms: t.demands.p95Ms,
    capabilities: [],
    expiresWeek: base.week + sc.contracts.offerValidWeeks,
  };
  return fold(base, [
    { type: 'contract.offered', data: { offer } },
    { type: 'contract.signed', data: { offer: id, graceEndsWeek: base.week + t.graceWeeks, endsWeek: base.week + t.termWeeks } },
  ]);
}
const monthHours = HOURS_PER_WEEK * sc.weeksPerMonth;

describe('stage serviceBook', () => {
  const review = monthEndWeek(2);
  it('breaches a contract whose month was down at the review, credits a share of a month, books the credit', () => {
    const s = at(signed(), review, (d) => void (d.reliability.downtimeMonth = monthHours));
    const c = s.contracts.active[0];
    expect(c, 'the contract is on the book').toBeDefined();
    expect(sc.reliability.p95BaseMs, 'latency alone would keep the promise').toBeLessThanOrEqual(c?.p95Ms ?? 0);
    const events = whenWeekEnds(s);
    const credit = Math.round(((c?.arr ?? 0) / MONTHS_PER_YEAR) * sc.contracts.creditShare);
    const b = only(events, 'contract.breached');
    expect(b.data).toMatchObject({ contract: c?.id, credit });
    expect(b.data.reason).toMatch(/uptime/);
    const booked = only(events, 'finance.booked');
    expect(booked.data.credits).toBe(credit);
    expect(booked.data.revenue).toBe(Math.round((c?.arr ?? 0) / WEEKS_PER_YEAR));
    const t = types(events);
    expect(t.indexOf('reliability.measured')).toBeLessThan(t.indexOf('contract.breached'));
    expect(t.indexOf('contract.breached')).toBeLessThan(t.indexOf('finance.booked'));
  });
  it('churns the contract on the breach that reaches the limit', () => {
    const s = at(signed(), review, (d) => void ((d.reliability.downtimeMonth = monthHours), (d.contracts.active[0]!.breaches = sc.contracts.breachesToChurn - 1)));
    const events = whenWeekEnds(s);
    expect(types(events).filter((x) => x.startsWith('contract.'))).toEqual(['contract.breached', 'contract.churned']);
    expect(only(events, 'contract.churned').data.reason).toBe(`${sc.contracts.breachesToChurn} breaches`);
  });
  it('holds no review mid-month, however bad the month', () => {
    const s = at(signed(), midMonthWeek(), (d) => void (d.reliability.downtimeMonth = monthHours));
    expect(types(whenWeekEnds(s)).filter((x) => x.startsWith('contract.'))).toEqual([]);
  });
  it('renews a clean contract at its end for another term, and lets one with too many breaches go', () => {
    const s = signed();
    const c = s.contracts.active[0];
    if (!c) throw new Error('no contract on the book');
    const end = at(s, c.endsWeek);
    expect(ofType(whenWeekEnds(end), 'contract.renewed')).toEqual([{ type: 'contract.renewed', data: { contract: c.id, endsWeek: c.endsWeek + c.termWeeks } }]);
    const worn = at(s, c.endsWeek, (d) => void (d.contracts.active[0]!.breaches = sc.rules.contracts.renewalMaxBreaches + 1));
    expect(only(whenWeekEnds(worn), 'contract.churned').data.reason).toMatch(/renew/);
  });
});

describe('stage offers', () => {
  const cc = sc.contracts;
  const offerWeek = findWeek(SEED, 'contract', 0, (x) => x < cc.offerChancePerWeek, 2);
  const quietWeek = findWeek(SEED, 'contract', 0, (x) => x >= cc.offerChancePerWeek, 2);
  it('after fit, a week that draws an offer brings one from a drawn template at a drawn ARR', () => {
    expect(offerWeek, 'a week that draws an offer').not.toBeNull();
    const w = offerWeek ?? 0;
    const s = at(postFit(fresh(SEED)), w);
    const t = cc.templates[Math.floor(u('contract', w, 1) * cc.templates.length)];
    if (!t) throw new Error('no template drawn');
    const step = sc.rules.contracts.offerArrRounding;
    const arr = Math.round((t.arrMin + (t.arrMax - t.arrMin) * u('contract', w, 2)) / step) * step;
    const events = whenWeekEnds(s);
    expect(ofType(events, 'contract.offered')).toEqual([
      {
        type: 'contract.offered',
        data: {
          offer: {
            id: s.contracts.nextId,
            buyer: t.buyer,
            arr,
            termWeeks: t.termWeeks,
            graceWeeks: t.graceWeeks,
            uptime: t.demands.uptime,
            p95Ms: t.demands.p95Ms,
            capabilities: t.demands.capabilities,
            expiresWeek: w + cc.offerValidWeeks,
          },
        },
      },
    ]);
    expect(types(events).indexOf('contract.offered')).toBeLessThan(types(events).indexOf('finance.booked'));
  });
  it('no offers before fit, even on a week that would draw one', () => {
    expect(ofType(whenWeekEnds(at(fresh(SEED), offerWeek ?? 0)), 'contract.offered')).toEqual([]);
  });
  it('an unanswered offer lapses on its expiry week', () => {
    expect(quietWeek, 'a week that draws no new offer').not.toBeNull();
    const w = quietWeek ?? 0;
    const s = at(postFit(fresh(SEED)), w);
    const id = s.contracts.nextId;
    const t = cc.templates[0];
    if (!t) throw new Error('the scenario has no contract templates');
    const offer = {
      id,
      buyer: t.buyer,
      arr: t.arrMin,
      termWeeks: t.termWeeks,
      graceWeeks: t.graceWeeks,
      uptime: t.demands.uptime,
      p95Ms: t.demands.p95Ms,
      capabilities: t.demands.capabilities,
      expiresWeek: w,
    };
    const events = whenWeekEnds(fold(s, [{ type: 'contract.offered', data: { offer } }]));
    expect(ofType(events, 'contract.expired')).toEqual([{ type: 'contract.expired', data: { offer: id } }]);
    expect(ofType(events, 'contract.offered')).toEqual([]);
  });
});

describe('stage drawIncidents', () => {
  const i = 0;
  const spec = sc.reliability.incidents[i];
  if (!spec) throw new Error('the scenario has no incident kinds');
  const base = given(postFit(fresh(SEED)), (d) => void (d.debt = sc.features.reduce((n, f) => n + f.debt, 0)));
  const h = hazard(base, ctx, spec.kind);
  const week = findWeek(SEED, 'incident', i, (x) => x < h, 2);
  it('after fit, opens an incident when the week draws under its hazard, after the offers and before the books', () => {
    expect(h, `${spec.kind} has a hazard in this state`).toBeGreaterThan(0);
    expect(week, `a week draws under the ${spec.kind} hazard`).not.toBeNull();
    const s = at(base, week ?? 0);
    const events = whenWeekEnds(s);
    const cut = types(events).indexOf('finance.booked');
    const seen = fold(
      s,
      events.slice(
        0,
        types(events).findIndex((x) => x === 'incident.opened' || x === 'finance.booked'),
      ),
    );
    expect(u('incident', week ?? 0, i), 'the draw is still under the hazard the stage sees').toBeLessThan(hazard(seen, ctx, spec.kind));
    const opened = ofType(events, 'incident.opened');
    expect(opened.map((e) => e.data.id)).toEqual(opened.map((_, k) => s.reliability.nextId + k));
    const mine = opened.find((e) => e.data.kind === spec.kind);
    expect(mine?.data.severity).toBeCloseTo(sc.rules.reliability.severityBase + u('severity', week ?? 0, i), 2);
    expect(types(events).lastIndexOf('incident.opened')).toBe(cut - 1);
  });
  it('opens no incident before fit, on the same week and hazard', () => {
    expect(week, `a week draws under the ${spec.kind} hazard`).not.toBeNull();
    const s = at(
      given(base, (d) => void (d.phase = 'preFit')),
      week ?? 0,
    );
    expect(ofType(whenWeekEnds(s), 'incident.opened')).toEqual([]);
  });
  it('a retrain that regresses this week forces a model-regression incident', () => {
    const r = sc.rules.model;
    const w = findWeek(SEED, 'retrain', 1, (x) => x < r.regressionChance, 2);
    expect(w, 'a week whose scheduled retrain regresses').not.toBeNull();
    const s = at(fold(postFit(fresh(SEED)), [{ type: 'model.cadenceSet', data: { everyWeeks: 1 } }]), w ?? 0, (d) => void d.gpu.signedOff.push('training'));
    const events = whenWeekEnds(s);
    expect(only(events, 'model.retrained').data).toMatchObject({ regressed: true, caught: false });
    expect(ofType(events, 'incident.opened').map((e) => e.data.kind)).toContain('modelRegression');
  });
});

describe('stage bookWeek', () => {
  it('books payroll, the reservation, tooling and the labels delivered this week, once, after the incidents', () => {
    const s = fold(fresh(SEED), [{ type: 'labels.ordered', data: { labels: sc.labeling.batch } }]);
    const events = whenWeekEnds(s);
    const g = sc.gpu;
    expect(ofType(events, 'finance.booked')).toEqual([
      {
        type: 'finance.booked',
        data: {
          revenue: 0,
          payroll: s.team.engineers * sc.team.engineerPerWeek + s.team.mlEngineers * sc.team.mlEngineerPerWeek,
          gpu: Math.round((s.gpu.reservedHoursPerMonth * g.reservedPricePerHour) / sc.weeksPerMonth),
          labeling: sc.labeling.batch * sc.labeling.costPerLabel,
          tooling: sc.toolingPerWeek,
          credits: 0,
          gpuHours: {},
        },
      },
    ]);
  });
});

describe('stage debtAccrual', () => {
  it('open feature flags add debt after the books; none without flags or with flag cleanup', () => {
    const flags = 3;
    const events = whenWeekEnds(given(fresh(SEED), (d) => void (d.flags = flags)));
    const e = only(events, 'debt.accrued');
    expect(e.data.amount).toBeCloseTo(flags * sc.debt.flagDebtPerWeek, 6);
    expect(events[events.indexOf(e) - 1]?.type).toBe('finance.booked');
    expect(ofType(whenWeekEnds(fresh(SEED)), 'debt.accrued')).toEqual([]);
    expect(ofType(whenWeekEnds(given(fresh(SEED), (d) => void ((d.flags = flags), d.capabilities.push('flagCleanup')))), 'debt.accrued')).toEqual([]);
  });
});

describe('stage fundingClose', () => {
  const round = sc.rounds[0];
  if (!round) throw new Error('the scenario has no rounds');
  const raising = (closesWeek: number) => fold(fresh(SEED), [{ type: 'funding.started', data: { round: round.id, amount: round.amount, closesWeek } }]);
  it('closes the round on its closing week, after the debt stage', () => {
    const events = whenWeekEnds(given(raising(1), (d) => void (d.flags = 1)));
    expect(ofType(events, 'funding.closed')).toEqual([{ type: 'funding.closed', data: { round: round.id, amount: round.amount } }]);
    expect(types(events).indexOf('debt.accrued')).toBeLessThan(types(events).indexOf('funding.closed'));
  });
  it('does not close a round before its week', () => {
    expect(ofType(whenWeekEnds(raising(2)), 'funding.closed')).toEqual([]);
  });
});

describe('stage monthClose', () => {
  it("closes the month's GPU ledger as the very last world event of a month's last week", () => {
    const w = monthEndWeek(1);
    const used = sc.gpu.startReservedHoursPerMonth / 2;
    const s = at(fresh(SEED), w, (d) => void (d.gpu.monthUsed = used));
    expect(s.features, 'no inference hours this week, so the month used only what it had').toEqual([]);
    const events = whenWeekEnds(s);
    expect(ofType(events, 'gpu.monthClosed')).toEqual([{ type: 'gpu.monthClosed', data: { month: monthOf(w, sc), used, reserved: s.gpu.reservedHoursPerMonth } }]);
    expect(events.at(-1)?.type).toBe('gpu.monthClosed');
  });
  it('closes nothing mid-month', () => {
    expect(ofType(whenWeekEnds(at(fresh(SEED), midMonthWeek())), 'gpu.monthClosed')).toEqual([]);
  });
});
