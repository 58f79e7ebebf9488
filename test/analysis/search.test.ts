import { describe, expect, it } from 'vitest';
import { getBot, getScenario, scenarioIds } from '../../src/index.js';
import { playOutcome, type Outcome } from '../../src/analysis/balance.js';
import { lessonCosts, lessonJobs, pairedDifference } from '../../src/analysis/lessons.js';
import { exploitSearch, minimumBudget, neighbour, searchPlan } from '../../src/analysis/search.js';
import { KINDS, LEVELS, PHASE_AWARE_LIKE, howMany, parametricBot, parsePolicy, policyCode, policyWords } from '../../src/bots/parametric.js';

/* The balance instruments: the paired difference, lesson costs from outcomes, the parametric
 * policy's code and plan, and the exploit search — each deterministic for its seed. */

const ID = scenarioIds()[0] ?? 'devtools-codegen';
const SC = getScenario(ID)!.scenario;
const won = (w: boolean): Outcome => ({ won: w, fit: w, fitWeek: null, bankrupt: false, slaBreached: false, arrEnd: 0, endReason: null, endWeek: 0 });

describe('pairedDifference', () => {
  it('gives the mean with a normal interval, and the whole range for fewer than two pairs', () => {
    expect(pairedDifference([1])).toEqual({ n: 1, mean: 1, lo: -1, hi: 1 });
    expect(pairedDifference([0, 0, 0])).toEqual({ n: 3, mean: 0, lo: 0, hi: 0 });
    const d = pairedDifference([1, 0, 1, 0]);
    expect(d.mean).toBe(0.5);
    expect(d.lo).toBeCloseTo(0.5 - (1.959963984540054 * Math.sqrt(1 / 3)) / 2, 12);
    expect(d.hi).toBe(1);
  });
});

describe('lessonCosts', () => {
  it('pairs each variant with the reference seed by seed, per scenario and pooled', () => {
    const jobs = lessonJobs(['a', 'b'], 'ref', ['v'], 2, 's');
    // a: ref wins both, v wins one; b: ref wins none, v wins one (a gain in b).
    const wins: Record<string, boolean[]> = { 'a ref': [true, true], 'a v': [true, false], 'b ref': [false, false], 'b v': [false, true] };
    const outcomes = jobs.map((j) => won(wins[`${j.scenario} ${j.bot}`]?.[j.index] ?? false));
    const [c] = lessonCosts(jobs, outcomes, 'ref');
    expect(c?.variant).toBe('v');
    expect(c?.scenarios.map((x) => [x.scenario, x.cost.mean])).toEqual([
      ['a', 0.5],
      ['b', -0.5],
    ]);
    expect(c?.pooled).toMatchObject({ scenario: 'all', referenceWin: 0.5, variantWin: 0.5, cost: { n: 4, mean: 0 } });
    expect(c).toMatchObject({ costsEnough: false, neverGains: false, taught: false });
    expect(() => lessonCosts(jobs, outcomes.slice(1), 'ref')).toThrow(RangeError);
  });

  it('is the same for the same seeds when the real bots play', () => {
    const jobs = lessonJobs([ID], 'phase-aware', ['pa-clean-labels'], 3, 'lesson-det-');
    const play = () => jobs.map((j) => playOutcome(SC, getBot(j.bot)!, j.seed));
    expect(lessonCosts(jobs, play(), 'phase-aware')).toEqual(lessonCosts(jobs, play(), 'phase-aware'));
  });
});

describe('the parametric policy', () => {
  it('round-trips its code, and getBot rebuilds it from its name', () => {
    const code = policyCode(PHASE_AWARE_LIKE);
    expect(code).toMatch(new RegExp(`^[0-${LEVELS}]{${KINDS.length}}/[0-${LEVELS}]{${KINDS.length}}$`));
    expect(parsePolicy(code)).toEqual(PHASE_AWARE_LIKE);
    expect(getBot(`parametric:${code}`)?.name).toBe(parametricBot(PHASE_AWARE_LIKE).name);
    for (const bad of ['', '123', `${code}/1`, code.replace(/\d/, '9')]) expect(getBot(`parametric:${bad}`)).toBeUndefined();
  });

  it('tries none, all, or a random rounding of its share', () => {
    expect(howMany(0, 3, () => 0.99)).toBe(0);
    expect(howMany(LEVELS, 3, () => 0)).toBe(3);
    expect(howMany(2, 3, () => 0)).toBe(1);
    expect(howMany(2, 3, () => 0.99)).toBe(2);
    expect(howMany(2, 0, () => 0.5)).toBe(0);
  });

  it('says its weights in words, phase by phase', () => {
    expect(policyWords(PHASE_AWARE_LIKE)).toMatch(/^before fit: strategy always, experiments always, .*capabilities none.*; after fit: .*debt always$/);
  });

  it('moves one weight one step to a neighbour', () => {
    let r = 0;
    const next = neighbour(PHASE_AWARE_LIKE, () => ((r = (r + 0.37) % 1), r));
    const changed = KINDS.flatMap((k) => (['preFit', 'postFit'] as const).map((p) => Math.abs(next[p][k] - PHASE_AWARE_LIKE[p][k])));
    expect(changed.filter((x) => x !== 0)).toEqual([1]);
  });
});

describe('exploitSearch', () => {
  it('splits its budget and refuses one below the minimum', () => {
    expect(searchPlan(100, 1, 6)).toEqual({ testRuns: 16, candidates: 11 });
    expect(minimumBudget(8)).toBe(8 * 14);
    expect(() => searchPlan(13, 1, 6)).toThrow(RangeError);
  });

  it('is deterministic for its seed and stays within its budget', () => {
    const o = { scenarios: [{ id: ID, scenario: SC }], budget: 60, seed: 'unit' };
    const a = exploitSearch(o);
    expect(exploitSearch(o)).toEqual(a);
    expect(a.gamesPlayed).toBeLessThanOrEqual(60);
    expect(a.byScenario.map((c) => c.scenario)).toEqual([ID]);
    expect(a.pooled.best.n).toBe(a.testRuns);
    expect(parsePolicy(a.best.code)).toEqual(a.best.policy);
    expect(a.exploit).toBe(a.pooled.gain.mean > 0.05);
  });
});
