import { describe, expect, it } from 'vitest';
import { debtAccrual, fundingClose, joins } from '../../../src/engine/systems/company.js';
import { engCapacity } from '../../../src/engine/derive.js';
import { accepted, after, ctxFor, fold, fresh, given, only, postFit, rejected, resolve, sc } from '../../helpers.js';

/* The company: hiring, releasing, fundraising and tech debt. */

const ctx = ctxFor();
const preRound = sc.rounds.find((r) => r.phase === 'preFit');
const postRound = sc.rounds.find((r) => r.phase === 'postFit');

describe('team', () => {
  it('hires for a fee; the hire joins after the hiring weeks and is paid from then on', () => {
    const s = fresh();
    const events = accepted(s, { type: 'team.hire', data: { role: 'mlEngineer' } });
    expect(only(events, 'resources.committed').data).toMatchObject({ cash: sc.team.hireCost, category: 'hiring' });
    expect(only(events, 'team.hiringStarted').data).toEqual({ role: 'mlEngineer', readyWeek: s.week + sc.team.hireWeeks });
    const hiring = fold(s, events);
    expect(
      joins(
        given(hiring, (d) => {
          d.week = s.week + sc.team.hireWeeks - 1;
        }),
      ),
    ).toEqual([]);
    const ready = given(hiring, (d) => {
      d.week = s.week + sc.team.hireWeeks;
    });
    expect(joins(ready)).toEqual([{ type: 'team.joined', data: { role: 'mlEngineer' } }]);
    const { state, events: world } = resolve(ready, ctx);
    expect(state.team.mlEngineers).toBe(s.team.mlEngineers + 1);
    expect(state.team.hiring).toEqual([]);
    expect(only(world, 'finance.booked').data.payroll).toBe(s.team.engineers * sc.team.engineerPerWeek + (s.team.mlEngineers + 1) * sc.team.mlEngineerPerWeek);
  });

  it('caps headcount, counting people still being hired', () => {
    const s = given(fresh(), (d) => {
      d.team.engineers = sc.team.maxHeadcount - d.team.mlEngineers - 1;
      d.team.hiring = [{ role: 'engineer', readyWeek: 5 }];
    });
    expect(rejected(s, { type: 'team.hire', data: { role: 'engineer' } }).code).toBe('invalid');
  });

  it('cannot release the last person in a role, nor someone committed to work', () => {
    const lone = given(fresh(), (d) => {
      d.team.mlEngineers = 1;
    });
    expect(rejected(lone, { type: 'team.release', data: { role: 'mlEngineer' } }).code).toBe('invalid');
    const busy = given(fresh(), (d) => {
      d.used.eng = engCapacity(d, sc);
    });
    expect(rejected(busy, { type: 'team.release', data: { role: 'engineer' } }).code).toBe('capacity');
    const s = fresh();
    expect(after(s, { type: 'team.release', data: { role: 'engineer' } }).team.engineers).toBe(s.team.engineers - 1);
  });
});

describe('funding.raise', () => {
  it('needs settled hypotheses for the pre-fit round, then closes after its weeks and adds the cash', () => {
    if (!preRound) throw new Error('no pre-fit round');
    const s = fresh();
    if (preRound.minResolvedHypotheses > 0) {
      expect(rejected(s, { type: 'funding.raise', data: { round: preRound.id } }).code).toBe('prerequisite');
    }
    const evidence = given(s, (d) => {
      for (const b of d.discovery.beliefs.slice(0, preRound.minResolvedHypotheses)) b.status = 'validated';
    });
    const events = accepted(evidence, { type: 'funding.raise', data: { round: preRound.id } });
    expect(only(events, 'funding.started').data).toEqual({ round: preRound.id, amount: preRound.amount, closesWeek: s.week + preRound.weeksToClose });
    const raising = fold(evidence, events);
    expect(rejected(raising, { type: 'funding.raise', data: { round: preRound.id } }).code).toBe('invalid');
    expect(
      fundingClose(
        given(raising, (d) => {
          d.week = s.week + preRound.weeksToClose - 1;
        }),
      ),
    ).toEqual([]);
    const closing = given(raising, (d) => {
      d.week = s.week + preRound.weeksToClose;
    });
    const closed = only(fundingClose(closing), 'funding.closed');
    expect(closed.data).toEqual({ round: preRound.id, amount: preRound.amount });
    const after1 = fold(closing, [closed]);
    expect(after1.cash).toBe(closing.cash + preRound.amount);
    expect(after1.finance.raised).toBe(preRound.amount);
    expect(after1.rounds).toEqual({ open: null, closed: [preRound.id] });
    expect(rejected(after1, { type: 'funding.raise', data: { round: preRound.id } }).code).toBe('invalid');
  });

  it('refuses a round of the other phase, and a post-fit round below its ARR', () => {
    if (!postRound || !preRound) throw new Error('need both rounds');
    expect(rejected(fresh(), { type: 'funding.raise', data: { round: postRound.id } }).code).toBe('phase');
    const after2 = postFit(fresh());
    expect(rejected(after2, { type: 'funding.raise', data: { round: preRound.id } }).code).toBe('phase');
    if (postRound.minArr > 0) expect(rejected(after2, { type: 'funding.raise', data: { round: postRound.id } }).code).toBe('prerequisite');
    expect(rejected(fresh(), { type: 'funding.raise', data: { round: 'angel-from-nowhere' } }).code).toBe('invalid');
  });
});

describe('tech debt', () => {
  it('pays down debt with engineer-weeks, never below zero', () => {
    expect(rejected(fresh(), { type: 'debt.paydown', data: { engWeeks: 1 } }).code).toBe('invalid');
    const s = given(fresh(), (d) => {
      d.debt = 3;
    });
    const events = accepted(s, { type: 'debt.paydown', data: { engWeeks: 1 } });
    expect(only(events, 'debt.paidDown').data.amount).toBe(Math.min(3, sc.debt.paydownPerEngWeek));
    expect(only(events, 'resources.committed').data).toMatchObject({ eng: 1, focus: sc.debt.paydownFocus, affinity: 'governance' });
    const big = accepted(s, { type: 'debt.paydown', data: { engWeeks: 2 } });
    expect(fold(s, big).debt).toBe(Math.max(0, 3 - 2 * sc.debt.paydownPerEngWeek));
    expect(rejected(s, { type: 'debt.paydown', data: { engWeeks: 20 } }).code).toBe('capacity');
  });

  it('accrues debt for each open feature flag and drags engineering capacity', () => {
    const s = given(fresh(), (d) => {
      d.flags = 2;
    });
    expect(debtAccrual(fresh(), ctx)).toEqual([]);
    const e = only(debtAccrual(s, ctx), 'debt.accrued');
    expect(e.data.amount).toBeCloseTo(2 * sc.debt.flagDebtPerWeek, 6);
    const indebted = given(fresh(), (d) => {
      d.debt = 10;
    });
    if (sc.debt.capacityDragPerPoint > 0) expect(engCapacity(indebted, sc)).toBeLessThan(engCapacity(fresh(), sc));
    // The drag never takes more than 70% of the team.
    const crushed = given(fresh(), (d) => {
      d.debt = 1e6;
    });
    expect(engCapacity(crushed, sc)).toBeCloseTo(crushed.team.engineers * 0.3, 6);
  });
});
