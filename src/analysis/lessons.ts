import type { BalanceJob, Outcome } from './balance.js';
import { balanceJobs } from './balance.js';
import { mean, Z95 } from './stats.js';

/* Lesson costs (issue 11, point 2): each lesson variant plays the same seeds as phase-aware, and
 * its cost is phase-aware's win rate minus its own, as a paired difference with a 95% interval,
 * per scenario and pooled. A lesson is taught when breaking it costs at least five points pooled
 * and is never a gain in any scenario. Pure: the CLI plays the games, this file reads them. */

/** A paired difference of win rates: the mean of per-seed differences with its 95% interval. */
export interface PairedDiff {
  n: number;
  /** Mean difference (reference minus variant), in [-1, 1]. */
  mean: number;
  lo: number;
  hi: number;
}

/** The mean of paired differences with a normal 95% interval (sample sd; the whole range when n < 2). */
export function pairedDifference(diffs: readonly number[], z = Z95): PairedDiff {
  const n = diffs.length;
  const m = mean(diffs);
  if (n < 2) return { n, mean: m, lo: -1, hi: 1 };
  let ss = 0;
  for (const d of diffs) ss += (d - m) * (d - m);
  const half = z * Math.sqrt(ss / (n - 1) / n);
  return { n, mean: m, lo: Math.max(-1, m - half), hi: Math.min(1, m + half) };
}

/** The cost of one broken lesson in one scenario (or pooled, scenario "all"). */
export interface LessonCell {
  scenario: string;
  referenceWin: number;
  variantWin: number;
  cost: PairedDiff;
}

/** One lesson variant's costs, and whether the lesson is taught by the rules. */
export interface LessonCost {
  variant: string;
  pooled: LessonCell;
  scenarios: LessonCell[];
  /** The pooled cost is at least the threshold (point estimate). */
  costsEnough: boolean;
  /** No scenario shows the variant ahead (point estimate). */
  neverGains: boolean;
  taught: boolean;
}

/** The threshold a lesson's pooled cost must reach: five win points. */
export const LESSON_MIN_COST = 0.05;

/** Every game a lesson run plays: the reference and each variant on the same seeds. */
export function lessonJobs(scenarios: readonly string[], reference: string, variants: readonly string[], runs: number, prefix: string): BalanceJob[] {
  return balanceJobs(scenarios, [reference, ...variants], runs, prefix);
}

function cell(scenario: string, pairs: readonly [boolean, boolean][]): LessonCell {
  const won = (b: boolean) => (b ? 1 : 0);
  return {
    scenario,
    referenceWin: mean(pairs.map(([r]) => won(r))),
    variantWin: mean(pairs.map(([, v]) => won(v))),
    cost: pairedDifference(pairs.map(([r, v]) => won(r) - won(v))),
  };
}

/** Each variant's paired cost against the reference, from jobs and their outcomes (same order). */
export function lessonCosts(jobs: readonly BalanceJob[], outcomes: readonly Outcome[], reference: string): LessonCost[] {
  if (jobs.length !== outcomes.length) throw new RangeError(`lessonCosts: ${jobs.length} jobs but ${outcomes.length} outcomes`);
  const won = new Map<string, boolean>();
  const scenarios: string[] = [];
  const variants: string[] = [];
  jobs.forEach((j, i) => {
    won.set(`${j.scenario}\u0000${j.bot}\u0000${j.seed}`, outcomes[i]?.won === true);
    if (!scenarios.includes(j.scenario)) scenarios.push(j.scenario);
    if (j.bot !== reference && !variants.includes(j.bot)) variants.push(j.bot);
  });
  const pairsOf = (variant: string, scenario: string): [boolean, boolean][] =>
    jobs
      .filter((j) => j.scenario === scenario && j.bot === reference)
      .flatMap((j) => {
        const v = won.get(`${scenario}\u0000${variant}\u0000${j.seed}`);
        return v === undefined ? [] : [[won.get(`${scenario}\u0000${reference}\u0000${j.seed}`) === true, v] as [boolean, boolean]];
      });
  return variants.map((variant) => {
    const per = scenarios.map((s) => cell(s, pairsOf(variant, s)));
    const pooled = cell(
      'all',
      scenarios.flatMap((s) => pairsOf(variant, s)),
    );
    const costsEnough = pooled.cost.mean >= LESSON_MIN_COST - 1e-12;
    const neverGains = per.every((c) => c.cost.mean >= 0);
    return { variant, pooled, scenarios: per, costsEnough, neverGains, taught: costsEnough && neverGains };
  });
}
