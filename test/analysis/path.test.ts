import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/analysis/path.js';
import { replay } from '../../src/engine/log/replay.js';
import { GUARDS } from '../../src/engine/guards.js';
import { recordedLog, sc, fresh, given } from '../helpers.js';
import type { PathStep } from '../../src/analysis/types.js';

/* The machine path explained: the switch week and streak come from the same guard functions the
 * machine decides with, a game without fit explains its deadline, and an ending names the guard
 * that fired while the guards checked before it did not hold. */

const named = (step: PathStep | undefined, name: string) => step?.figures.find((f) => f.name === name);

describe('pathOf', () => {
  it('explains the switch at the week the machine recorded, with the streak at the required length', () => {
    const { header, entries, game } = recordedLog('b');
    const final = game.state();
    expect(final.fitWeek).not.toBeNull();
    const [sw] = pathOf({ header, entries }, sc);
    expect(sw?.kind).toBe('switch');
    expect(sw?.transition).toBe('preFit → postFit');
    expect(sw?.week).toBe(final.fitWeek);
    const streak = named(sw, 'fit streak (weeks)');
    expect(streak).toMatchObject({ value: sc.fit.weeksRequired, threshold: sc.fit.weeksRequired, holds: true });
    // The signal that fed the streak held in the switch week.
    for (const name of ['survey "very disappointed"', 'retention', 'paying customers']) expect(named(sw, name)?.holds).toBe(true);
    expect(sw?.why).toContain(`week ${final.fitWeek}`);
  });

  it('explains a game that never fit by its best streak and the deadline', () => {
    const { header, entries, game } = recordedLog('s1');
    expect(game.state().ended?.reason).toBe('noFit');
    const [none, end] = pathOf({ header, entries }, sc);
    expect(none?.kind).toBe('noSwitch');
    expect(named(none, 'fit streak (weeks)')?.holds).toBe(false);
    expect(named(none, 'week (fit deadline)')).toMatchObject({ value: sc.fit.deadlineWeek, holds: true });
    expect(none?.why).toContain(`week ${sc.fit.deadlineWeek}`);
    expect(end).toMatchObject({ kind: 'ending', transition: 'preFit → ended.noFit', week: sc.fit.deadlineWeek });
  });

  it('names the ending guard that held while the other ending guards did not (a win)', () => {
    const { header, entries, game } = recordedLog('b');
    expect(game.state().ended?.reason).toBe('won');
    const end = pathOf({ header, entries }, sc)[1];
    expect(end?.transition).toBe('postFit → ended.won');
    expect(end?.week).toBe(game.state().ended?.week);
    for (const name of ['ARR', 'downtime this month (hours)', 'p95 latency (ms)', 'most breaches on one contract']) expect(named(end, name)?.holds).toBe(true);
    for (const name of ['cash', 'contracts churned', 'week (last week)']) expect(named(end, name)?.holds).toBe(false);
  });

  it('explains a bankruptcy before fit, with the cash figure below zero', () => {
    const { header, entries, game } = recordedLog('s1', Number.MAX_SAFE_INTEGER, 'data-hoarder');
    expect(game.state().ended?.reason).toBe('bankrupt');
    const end = pathOf({ header, entries }, sc)[1];
    expect(end?.transition).toBe('preFit → ended.bankrupt');
    const cash = named(end, 'cash');
    expect(cash?.holds).toBe(true);
    expect(cash?.value).toBeLessThan(0);
    for (const name of ['fit streak (weeks)', 'week (fit deadline)', 'week (last week)']) expect(named(end, name)?.holds).toBe(false);
  });

  it('says the log stops mid-game when it ends before the game did', () => {
    const { header, entries } = recordedLog('b', 5);
    const steps = pathOf({ header, entries }, sc);
    expect(steps[0]?.kind).toBe('noSwitch');
    expect(steps[0]?.why).toContain('before the fit deadline');
    expect(steps[1]?.transition).toBe(`preFit → (log stops)`);
    expect(steps[1]?.figures.every((f) => !f.holds)).toBe(true);
    expect(replay({ header, entries }, sc).ended).toBeNull();
  });
});

describe('guards', () => {
  it('the win guard fails on a contract over the breach limit even with ARR and SLOs in hand', () => {
    const base = given(fresh(), (d) => { d.phase = 'postFit'; d.strategy.segment = sc.segments[0]?.id ?? null; d.market.customers = 1e6; });
    expect(GUARDS.won(base, sc).holds).toBe(true);
    const over = given(base, (d) => {
      d.contracts.active.push({ id: 1, buyer: 'x', arr: 1, termWeeks: 52, graceWeeks: 4, uptime: 0.99, p95Ms: 1e6, capabilities: [], expiresWeek: 1, signedWeek: 1, graceEndsWeek: 5, endsWeek: 60, breaches: sc.win.maxOpenBreaches + 1 });
    });
    const v = GUARDS.won(over, sc);
    expect(v.holds).toBe(false);
    expect(v.figures.find((f) => f.name === 'most breaches on one contract')).toMatchObject({ value: sc.win.maxOpenBreaches + 1, holds: false });
  });
});
