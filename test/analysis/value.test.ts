import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arr } from '../../src/engine/derive.js';
import type { EndReason, GameState } from '../../src/engine/state.js';
import { markOf, MARK_THRESHOLDS, outcomeOf, outcomeValue, WIN_FLOOR } from '../../src/analysis/value.js';
import { MARKS } from '../../src/analysis/types.js';
import { fresh, given, sc } from '../helpers.js';

/* Outcome value: a win beats every non-win, ARR never hurts a non-win, survival counts, and
 * the mark thresholds split regret into the four marks in order. */

const first = sc.segments[0];
if (!first) throw new Error('the scenario has no segment');
const segment: NonNullable<typeof first> = first;

/** A state with a given ending, paying customers, fit week and end week. */
function stateWith(ending: EndReason | null, customers: number, fitWeek: number | null, week = 40): GameState {
  return given(fresh('value'), (d) => {
    d.week = week;
    d.ended = ending === null ? null : { reason: ending, week };
    d.phase = ending === null ? (fitWeek === null ? 'preFit' : 'postFit') : 'ended';
    d.fitWeek = fitWeek;
    d.strategy.segment = segment.id;
    d.market.customers = customers;
  });
}

const NON_WINS: (EndReason | null)[] = ['bankrupt', 'noFit', 'bookLost', 'timeUp', null];
// Enough customers to pass the ARR target three times over, so the cap is exercised too.
const maxCustomers = Math.ceil((3 * sc.win.arr) / (segment.pricePerCustomerWeek * 52));

describe('outcomeOf', () => {
  it('reports the ending, ARR, cash, week and fit week of the state', () => {
    const s = stateWith('timeUp', 100, 30, sc.weeks);
    const o = outcomeOf(s, sc);
    expect(o).toMatchObject({ ending: 'timeUp', arr: arr(s, sc), cash: s.cash, week: sc.weeks, fitWeek: 30 });
    expect(outcomeOf(stateWith(null, 0, null, 12), sc)).toMatchObject({ ending: 'playing', week: 12 });
  });

  it('values a win above every non-win, and a faster win above a slower one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: sc.weeks }),
        fc.constantFrom(...NON_WINS),
        fc.integer({ min: 0, max: maxCustomers }),
        fc.option(fc.integer({ min: 1, max: sc.weeks }), { nil: null }),
        fc.integer({ min: 1, max: sc.weeks }),
        (winWeek, ending, customers, fitWeek, week) => {
          const win = outcomeOf(stateWith('won', 0, 10, winWeek), sc).value;
          const other = outcomeOf(stateWith(ending, customers, fitWeek, week), sc).value;
          expect(win).toBeGreaterThanOrEqual(WIN_FLOOR);
          expect(win).toBeLessThanOrEqual(100);
          expect(other).toBeLessThan(win);
          expect(other).toBeGreaterThanOrEqual(0);
        },
      ),
    );
    expect(outcomeOf(stateWith('won', 0, 10, 40), sc).value).toBeGreaterThan(outcomeOf(stateWith('won', 0, 10, 80), sc).value);
  });

  it('never lowers a non-win for more ARR, and rewards reaching fit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NON_WINS),
        fc.integer({ min: 0, max: maxCustomers }),
        fc.integer({ min: 0, max: maxCustomers }),
        fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
        (ending, a, b, fitWeek) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(outcomeOf(stateWith(ending, hi, fitWeek), sc).value).toBeGreaterThanOrEqual(outcomeOf(stateWith(ending, lo, fitWeek), sc).value);
          expect(outcomeOf(stateWith(ending, lo, 20), sc).value).toBeGreaterThan(outcomeOf(stateWith(ending, lo, null), sc).value);
        },
      ),
    );
    // Strictly more below the target: the ARR share is not flat.
    expect(arr(stateWith('timeUp', 40, 20), sc), '40 paying customers must stay below the ARR target').toBeLessThan(sc.win.arr);
    expect(outcomeOf(stateWith('timeUp', 40, 20), sc).value).toBeGreaterThan(outcomeOf(stateWith('timeUp', 10, 20), sc).value);
  });

  it('values going bankrupt or losing the book below surviving with the same ARR', () => {
    expect(maxCustomers, 'the customer cap must lie above 50').toBeGreaterThan(50);
    for (const customers of [0, 50, maxCustomers]) {
      for (const fitWeek of [null, 25]) {
        const survived = outcomeOf(stateWith('timeUp', customers, fitWeek), sc).value;
        expect(outcomeOf(stateWith('bankrupt', customers, fitWeek), sc).value).toBeLessThan(survived);
        expect(outcomeOf(stateWith('bookLost', customers, fitWeek), sc).value).toBeLessThan(survived);
        expect(outcomeOf(stateWith('noFit', customers, fitWeek), sc).value).toBe(survived);
      }
    }
  });

  it('is rounded to one decimal and deterministic', () => {
    const s = stateWith('timeUp', 37, 21);
    const v = outcomeOf(s, sc).value;
    expect(Math.round(v * 10) / 10).toBe(v);
    expect(outcomeOf(s, sc)).toEqual(outcomeOf(structuredClone(s), sc));
    expect(outcomeValue(s, sc)).toBe(v);
  });
});

describe('markOf', () => {
  it('marks by the thresholds, in order of growing regret', () => {
    expect(markOf(0)).toBe('good');
    expect(markOf(MARK_THRESHOLDS.inaccuracy - 0.1)).toBe('good');
    expect(markOf(MARK_THRESHOLDS.inaccuracy)).toBe('inaccuracy');
    expect(markOf(MARK_THRESHOLDS.mistake)).toBe('mistake');
    expect(markOf(MARK_THRESHOLDS.blunder)).toBe('blunder');
    expect(markOf(100)).toBe('blunder');
    expect(MARK_THRESHOLDS.inaccuracy).toBeLessThan(MARK_THRESHOLDS.mistake);
    expect(MARK_THRESHOLDS.mistake).toBeLessThan(MARK_THRESHOLDS.blunder);
    const seen = [0, 1, 2.9, 3, 5, 8, 12, 20, 50].map((r) => MARKS.indexOf(markOf(r)));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
