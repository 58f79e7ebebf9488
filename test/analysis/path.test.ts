import { describe, expect, it } from 'vitest';
import { FIGURE_GUARD, figureRows, pathOf } from '../../src/analysis/path.js';
import { replay } from '../../src/engine/log/replay.js';
import { fitSignal, GUARDS } from '../../src/engine/guards.js';
import { recordedLog, sc, fresh, given } from '../helpers.js';
import type { PathStep } from '../../src/analysis/types.js';

/* The machine path explained: the switch week and streak come from the same guard functions the
 * machine decides with, a game without fit explains its deadline, and an ending names the guard
 * that fired while the guards checked before it did not hold. */

const named = (step: PathStep | undefined, name: string) => step?.figures.find((f) => f.name === name);
const roles = (step: PathStep | undefined) => (step ? figureRows(step).map((r) => `${r.figure.name} → ${r.role}`) : []);

describe('pathOf', () => {
  it('explains the switch at the week the machine recorded, with the streak at the required length', () => {
    const { header, entries, game } = recordedLog('b');
    const final = game.state();
    expect(final.fitWeek).not.toBeNull();
    const [sw] = pathOf({ header, entries }, sc);
    expect(sw?.kind).toBe('switch');
    expect(sw?.transition).toBe('pre-fit → post-fit');
    expect(roles(sw)).toContain('fit streak (weeks) → fit confirmation: fired');
    expect(roles(sw)).toContain(`retention → weekly fit signal, week ${final.fitWeek}: held`);
    expect(sw?.week).toBe(final.fitWeek);
    const streak = named(sw, 'fit streak (weeks)');
    expect(streak).toMatchObject({ value: sc.fit.weeksRequired, threshold: sc.fit.weeksRequired, holds: true });
    // The signal that fed the streak held in the switch week.
    for (const name of ['survey "very disappointed"', 'retention', 'paying customers']) expect(named(sw, name)?.holds).toBe(true);
    expect(sw?.why).toContain(`week ${final.fitWeek}`);
  });

  it('explains a game that never fit by its best streak, and leaves the deadline to the ending', () => {
    const { header, entries, game } = recordedLog('s1');
    expect(game.state().ended?.reason).toBe('noFit');
    const [none, end] = pathOf({ header, entries }, sc);
    expect(none?.kind).toBe('noSwitch');
    expect(named(none, 'fit streak (weeks)')?.holds).toBe(false);
    // The deadline is not a fit figure: it sits with the ending, where it fired.
    expect(named(none, 'week (fit deadline)')).toBeUndefined();
    expect(roles(none)).toContain('fit streak (weeks) → fit confirmation: checked, not met');
    expect(none?.why).toContain(`The fit deadline, week ${sc.fit.deadlineWeek}, came first.`);
    expect(end).toMatchObject({ kind: 'ending', transition: 'pre-fit → ended: no fit', week: sc.fit.deadlineWeek });
    expect(named(end, 'week (fit deadline)')).toMatchObject({ value: sc.fit.deadlineWeek, holds: true });
    expect(roles(end)).toEqual(['cash → bankruptcy: checked, not met', 'fit streak (weeks) → fit confirmation: checked, not met', 'week (fit deadline) → fit deadline: fired']);
  });

  it('names the ending guard that fired and the guards checked before it, not the ones after (a win)', () => {
    const { header, entries, game } = recordedLog('b');
    expect(game.state().ended?.reason).toBe('won');
    const end = pathOf({ header, entries }, sc)[1];
    expect(end?.transition).toBe('post-fit → ended: won');
    expect(end?.week).toBe(game.state().ended?.week);
    for (const name of ['ARR', 'downtime this month (hours)', 'p95 latency (ms)', 'most breaches on one contract']) expect(named(end, name)?.holds).toBe(true);
    for (const name of ['cash', 'contracts churned']) expect(named(end, name)?.holds).toBe(false);
    expect(named(end, 'week (last week)')).toBeUndefined();
    expect(roles(end)).toContain('cash → bankruptcy: checked, not met');
    expect(roles(end)).toContain('ARR → win: fired');
  });

  it('explains a bankruptcy before fit, with the cash figure below zero', () => {
    const { header, entries, game } = recordedLog('s1', Number.MAX_SAFE_INTEGER, 'data-hoarder');
    expect(game.state().ended?.reason).toBe('bankrupt');
    const end = pathOf({ header, entries }, sc)[1];
    expect(end?.transition).toBe('pre-fit → ended: bankrupt');
    const cash = named(end, 'cash');
    expect(cash?.holds).toBe(true);
    expect(cash?.value).toBeLessThan(0);
    // Bankruptcy is checked first, so no other guard was looked at.
    expect(roles(end)).toEqual(['cash → bankruptcy: fired']);
  });

  it('says a game that went bankrupt in the deadline week ended bankrupt, not at the deadline', () => {
    const { header, entries, game } = recordedLog('s1', Number.MAX_SAFE_INTEGER, 'premature-regulator');
    expect(game.state().ended).toEqual({ reason: 'bankrupt', week: sc.fit.deadlineWeek });
    const [none, end] = pathOf({ header, entries }, sc);
    expect(none?.why).not.toContain('came first');
    expect(none?.why).toContain(`The cash ran out in week ${sc.fit.deadlineWeek}, the fit deadline week itself`);
    expect(end?.transition).toBe('pre-fit → ended: bankrupt');
    expect(roles(end)).toEqual(['cash → bankruptcy: fired']);
  });

  it('says the log stops mid-game when it ends before the game did', () => {
    const { header, entries } = recordedLog('b', 5);
    const steps = pathOf({ header, entries }, sc);
    expect(steps[0]?.kind).toBe('noSwitch');
    expect(steps[0]?.why).toContain('before the fit deadline');
    expect(steps[1]?.transition).toBe('pre-fit → (log stops)');
    expect(figureRows(steps[1] as PathStep).every((r) => r.role.endsWith('checked, not met'))).toBe(true);
    expect(steps[1]?.figures.every((f) => !f.holds)).toBe(true);
    expect(replay({ header, entries }, sc).ended).toBeNull();
  });
});

describe('guards', () => {
  it('every figure the guards and the fit signal name is mapped to its guard for the path tables', () => {
    const s = fresh();
    let checked = 0;
    for (const [name, guard] of Object.entries(GUARDS)) {
      for (const f of guard(s, sc).figures) {
        expect(FIGURE_GUARD[f.name], f.name).toBe(name);
        checked += 1;
      }
    }
    const signal = fitSignal(s, sc).figures;
    for (const f of signal) expect(FIGURE_GUARD[f.name], f.name).toBe('signal');
    expect(Object.keys(GUARDS).length, 'no guards to check').toBeGreaterThan(0);
    expect(checked, 'the guards named no figures').toBeGreaterThan(0);
    expect(signal.length, 'the fit signal named no figures').toBeGreaterThan(0);
  });

  it('the win guard fails on a contract over the breach limit even with ARR and SLOs in hand', () => {
    const base = given(fresh(), (d) => {
      d.phase = 'postFit';
      d.strategy.segment = sc.segments[0]?.id ?? null;
      d.market.customers = 1e6;
    });
    expect(GUARDS.won(base, sc).holds).toBe(true);
    const over = given(base, (d) => {
      d.contracts.active.push({
        id: 1,
        buyer: 'x',
        arr: 1,
        termWeeks: 52,
        graceWeeks: 4,
        uptime: 0.99,
        p95Ms: 1e6,
        capabilities: [],
        expiresWeek: 1,
        signedWeek: 1,
        graceEndsWeek: 5,
        endsWeek: 60,
        breaches: sc.win.maxOpenBreaches + 1,
      });
    });
    const v = GUARDS.won(over, sc);
    expect(v.holds).toBe(false);
    expect(v.figures.find((f) => f.name === 'most breaches on one contract')).toMatchObject({ value: sc.win.maxOpenBreaches + 1, holds: false });
  });
});
