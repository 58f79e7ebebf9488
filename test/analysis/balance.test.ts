import { describe, expect, it } from 'vitest';
import { aggregate, aggregateRow, balanceJobs, checkCriteria, playOutcome, seedOf, type BalanceRow, type Outcome } from '../../src/analysis/balance.js';
import { wilson } from '../../src/analysis/stats.js';
import { getBot, getScenario } from '../../src/index.js';

/* Balance aggregation on hand-built outcomes, the criteria verdicts, the job list, and one
 * real game boiled down to an outcome. */

const base: Outcome = { won: false, fit: false, fitWeek: null, bankrupt: false, slaBreached: false, arrEnd: 0, endReason: 'noFit', endWeek: 64 };
const won = (fitWeek: number, arrEnd: number, slaBreached = false): Outcome => ({ ...base, won: true, fit: true, fitWeek, arrEnd, slaBreached, endReason: 'won', endWeek: 80 });
const broke = (arrEnd = 0): Outcome => ({ ...base, bankrupt: true, arrEnd, endReason: 'bankrupt', endWeek: 30 });

/** A row whose only interesting figure is `wins` out of `n`. */
function winsRow(scenario: string, bot: string, wins: number, n: number): BalanceRow {
  return aggregateRow(
    scenario,
    bot,
    Array.from({ length: n }, (_, i) => (i < wins ? won(20, 1000) : base)),
  );
}

describe('aggregateRow', () => {
  const outcomes = [won(20, 2_000_000), won(30, 1_500_000, true), broke(), base, { ...base, fit: true, fitWeek: 50, arrEnd: 300_000, endReason: 'timeUp' as const }];
  const row = aggregateRow('sc', 'bot', outcomes);

  it('counts each rate with its Wilson interval', () => {
    expect(row.runs).toBe(5);
    expect(row.win).toEqual(wilson(2, 5));
    expect(row.fit).toEqual(wilson(3, 5));
    expect(row.bankrupt).toEqual(wilson(1, 5));
    expect(row.slaBreach).toEqual(wilson(1, 5));
  });

  it('takes the fit week over the games that fit, ARR over all games', () => {
    expect(row.fitWeek?.median).toBe(30);
    expect(row.fitWeek?.n).toBe(3);
    expect(row.arrEnd?.median).toBe(300_000);
    expect(row.arrEnd?.n).toBe(5);
  });

  it('tallies end reasons', () => {
    expect(row.ends).toEqual({ won: 2, bankrupt: 1, noFit: 1, timeUp: 1 });
    expect(aggregateRow('sc', 'b', [{ ...base, endReason: null }]).ends).toEqual({ running: 1 });
  });

  it('has no fit week when nothing fit, and does not depend on order', () => {
    expect(aggregateRow('sc', 'b', [base, broke()]).fitWeek).toBeNull();
    expect(aggregateRow('sc', 'bot', [...outcomes].reverse())).toEqual(row);
  });
});

describe('jobs and aggregate', () => {
  it('lists scenario-major, then bot, then seed, with the same seeds for every bot', () => {
    const jobs = balanceJobs(['a', 'b'], ['x', 'y'], 3, 'p-');
    expect(jobs).toHaveLength(12);
    expect(jobs.slice(0, 4).map((j) => `${j.scenario}/${j.bot}/${j.seed}`)).toEqual(['a/x/p-0', 'a/x/p-1', 'a/x/p-2', 'a/y/p-0']);
    expect(jobs.filter((j) => j.bot === 'y').map((j) => j.seed)).toEqual(jobs.filter((j) => j.bot === 'x').map((j) => j.seed));
    expect(seedOf('s', 7)).toBe('s7');
  });

  it('groups outcomes by scenario × bot in job order', () => {
    const jobs = balanceJobs(['a', 'b'], ['x', 'y'], 2, 's');
    const outcomes = jobs.map((j) => (j.bot === 'x' && j.scenario === 'b' ? won(10, 5) : base));
    const rows = aggregate(jobs, outcomes);
    expect(rows.map((r) => `${r.scenario}/${r.bot}`)).toEqual(['a/x', 'a/y', 'b/x', 'b/y']);
    expect(rows.map((r) => r.win.successes)).toEqual([0, 0, 2, 0]);
    expect(() => aggregate(jobs, outcomes.slice(1))).toThrow(RangeError);
  });
});

describe('checkCriteria', () => {
  const others = ['forever-scientist', 'premature-regulator', 'roadmap-driver', 'data-hoarder', 'gpu-blind'];

  it('passes when phase-aware is clearly ahead and random almost never wins', () => {
    const rows = [winsRow('s1', 'phase-aware', 120, 200), ...others.map((b) => winsRow('s1', b, 30, 200)), winsRow('s1', 'random', 2, 200)];
    const c = checkCriteria(rows);
    expect(c.pass).toBe(true);
    expect(c.checks.map((k) => [k.criterion, k.pass])).toEqual([
      ['reference-dominates', true],
      ['random-rarely-wins', true],
    ]);
  });

  it("fails when one archetype's interval overlaps, naming it, in any scenario", () => {
    const good = [winsRow('s1', 'phase-aware', 120, 200), winsRow('s1', 'gpu-blind', 30, 200), winsRow('s1', 'random', 0, 200)];
    const close = [winsRow('s2', 'phase-aware', 120, 200), winsRow('s2', 'gpu-blind', 100, 200), winsRow('s2', 'data-hoarder', 10, 200), winsRow('s2', 'random', 0, 200)];
    const c = checkCriteria([...good, ...close]);
    expect(c.pass).toBe(false);
    const bad = c.checks.filter((k) => k.pass === false);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.scenario).toBe('s2');
    expect(bad[0]?.detail).toContain('gpu-blind');
    expect(bad[0]?.detail).not.toContain('data-hoarder');
  });

  it('treats touching intervals as overlapping (strictly above is required)', () => {
    const ref = winsRow('s', 'phase-aware', 60, 100);
    const other = winsRow('s', 'x', 60, 100);
    expect(ref.win.lo).toBeLessThanOrEqual(other.win.hi);
    expect(checkCriteria([ref, other]).checks[0]?.pass).toBe(false);
  });

  it('fails when random wins 5% or more', () => {
    const rows = [winsRow('s', 'phase-aware', 150, 200), winsRow('s', 'gpu-blind', 10, 200), winsRow('s', 'random', 10, 200)];
    const c = checkCriteria(rows);
    expect(c.checks.find((k) => k.criterion === 'random-rarely-wins')?.pass).toBe(false);
    expect(c.pass).toBe(false);
  });

  it('says what it could not check', () => {
    const c = checkCriteria([winsRow('s', 'phase-aware', 5, 10), winsRow('s', 'random', 0, 10)]);
    expect(c.checks[0]?.pass).toBeNull();
    expect(c.checks[1]?.pass).toBe(true);
    expect(c.pass).toBeNull();
    expect(checkCriteria([winsRow('s', 'gpu-blind', 1, 10)]).checks[0]?.detail).toContain('phase-aware was not run');
    expect(checkCriteria([]).pass).toBeNull();
  });
});

describe('playOutcome', () => {
  it('boils a real game down to a reproducible outcome', () => {
    const sc = getScenario('devtools-codegen')?.scenario;
    const bot = getBot('phase-aware');
    if (!sc || !bot) throw new Error('fixture missing');
    const a = playOutcome(sc, bot, 'balance-test');
    expect(playOutcome(sc, bot, 'balance-test')).toEqual(a);
    expect(a.endReason).not.toBeNull();
    expect(a.won).toBe(a.endReason === 'won');
    expect(a.bankrupt).toBe(a.endReason === 'bankrupt');
    expect(a.fit).toBe(a.fitWeek !== null);
    expect(Number.isFinite(a.arrEnd)).toBe(true);
    expect(a.endWeek).toBeGreaterThan(0);
  });
});
