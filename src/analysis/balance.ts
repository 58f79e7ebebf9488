import type { Scenario } from '../scenarios/schema.js';
import type { EndReason } from '../engine/state.js';
import type { Bot } from '../bots/types.js';
import { playGame } from '../bots/play.js';
import { arr } from '../engine/derive.js';
import { proportion, medianCI, type MedianCI, type Proportion } from './stats.js';

/* Balance runs (GAME_MODEL §8): many seeded bot games per scenario, boiled down to rates and
 * medians with 95% intervals, and the balance criteria checked on those intervals. Pure: the
 * CLI spreads the games over threads, this file plays one and aggregates many. Every bot plays
 * the same seeds (common random numbers), so differences between bots are differences of play. */

/** How one game ended, in the few figures a balance report needs (small enough to post). */
export interface Outcome {
  won: boolean;
  fit: boolean;
  fitWeek: number | null;
  bankrupt: boolean;
  slaBreached: boolean;
  arrEnd: number;
  endReason: EndReason | null;
  endWeek: number;
}

/** One game to play: which scenario, which bot, which seed (and the seed's index). */
export interface BalanceJob {
  scenario: string;
  bot: string;
  seed: string;
  index: number;
}

/** One scenario × bot line of a balance report: every figure with its 95% interval. */
export interface BalanceRow {
  scenario: string;
  bot: string;
  runs: number;
  win: Proportion;
  fit: Proportion;
  /** Median week of the phase switch over the games that reached fit (null if none did). */
  fitWeek: MedianCI | null;
  bankrupt: Proportion;
  slaBreach: Proportion;
  /** Median ARR at the end of the game, over all games. */
  arrEnd: MedianCI | null;
  /** How many games ended each way ('running' if the guard stopped a game first). */
  ends: Record<string, number>;
}

/** The seed of run `i`: the same list for every bot and scenario, so runs are comparable. */
export function seedOf(prefix: string, i: number): string {
  return `${prefix}${i}`;
}

/** Every (scenario, bot, seed) game of a balance run, scenario-major, then bot, then seed. */
export function balanceJobs(scenarios: readonly string[], bots: readonly string[], runs: number, prefix: string): BalanceJob[] {
  const jobs: BalanceJob[] = [];
  for (const scenario of scenarios) {
    for (const bot of bots) {
      for (let index = 0; index < runs; index++) jobs.push({ scenario, bot, seed: seedOf(prefix, index), index });
    }
  }
  return jobs;
}

/** Plays one game without recording a log and keeps only how it ended. */
export function playOutcome(sc: Scenario, bot: Bot, seed: string): Outcome {
  const s = playGame(sc, seed, bot, { record: false }).state();
  return {
    won: s.ended?.reason === 'won',
    fit: s.fitWeek !== null,
    fitWeek: s.fitWeek,
    bankrupt: s.ended?.reason === 'bankrupt',
    slaBreached: s.contracts.breaches > 0 || s.contracts.active.some((c) => c.breaches > 0),
    arrEnd: arr(s, sc),
    endReason: s.ended?.reason ?? null,
    endWeek: s.ended?.week ?? s.week,
  };
}

/** One report row from the outcomes of one scenario × bot (order does not matter). */
export function aggregateRow(scenario: string, bot: string, outcomes: readonly Outcome[]): BalanceRow {
  const ends: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.endReason ?? 'running';
    ends[key] = (ends[key] ?? 0) + 1;
  }
  const fitWeeks: number[] = [];
  for (const o of outcomes) if (o.fit && o.fitWeek !== null) fitWeeks.push(o.fitWeek);
  return {
    scenario,
    bot,
    runs: outcomes.length,
    win: proportion(outcomes, (o) => o.won),
    fit: proportion(outcomes, (o) => o.fit),
    fitWeek: medianCI(fitWeeks),
    bankrupt: proportion(outcomes, (o) => o.bankrupt),
    slaBreach: proportion(outcomes, (o) => o.slaBreached),
    arrEnd: medianCI(outcomes.map((o) => o.arrEnd)),
    ends,
  };
}

/** Report rows from jobs and their outcomes (same order), grouped in the jobs' order. */
export function aggregate(jobs: readonly BalanceJob[], outcomes: readonly Outcome[]): BalanceRow[] {
  if (jobs.length !== outcomes.length) throw new RangeError(`aggregate: ${jobs.length} jobs but ${outcomes.length} outcomes`);
  const groups = new Map<string, { scenario: string; bot: string; outcomes: Outcome[] }>();
  jobs.forEach((job, i) => {
    const key = `${job.scenario}\u0000${job.bot}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { scenario: job.scenario, bot: job.bot, outcomes: [] }));
    const o = outcomes[i];
    if (o) g.outcomes.push(o);
  });
  return [...groups.values()].map((g) => aggregateRow(g.scenario, g.bot, g.outcomes));
}

/** One balance criterion in one scenario: passed, failed, or not checkable with these bots. */
export interface Check {
  criterion: 'reference-dominates' | 'random-rarely-wins';
  scenario: string;
  pass: boolean | null;
  detail: string;
}

/** All checks, and the verdict: false if any failed, null if any could not be checked. */
export interface Criteria {
  pass: boolean | null;
  checks: Check[];
}

/** Which bot is the reference policy, which is the random baseline, and random's ceiling. */
export interface CriteriaOptions {
  reference: string;
  random: string;
  randomMaxWinRate: number;
}

/** The defaults of GAME_MODEL §8: phase-aware against everyone, random under 5%. */
export const DEFAULT_CRITERIA: CriteriaOptions = { reference: 'phase-aware', random: 'random', randomMaxWinRate: 0.05 };

/** A win rate and its interval for messages: "36.0% [29.7–42.9]". */
export function winText(p: Proportion): string {
  return `${(p.rate * 100).toFixed(1)}% [${(p.lo * 100).toFixed(1)}–${(p.hi * 100).toFixed(1)}]`;
}

function dominance(scenario: string, rows: readonly BalanceRow[], o: CriteriaOptions): Check {
  const base = { criterion: 'reference-dominates' as const, scenario };
  const ref = rows.find((r) => r.bot === o.reference);
  const others = rows.filter((r) => r.bot !== o.reference && r.bot !== o.random);
  if (!ref) return { ...base, pass: null, detail: `not checked: ${o.reference} was not run` };
  if (others.length === 0) return { ...base, pass: null, detail: `not checked: no other non-random bot was run` };
  const overlapping = others.filter((r) => !(ref.win.lo > r.win.hi));
  const best = others.reduce((a, b) => (b.win.hi > a.win.hi ? b : a));
  const head = `${o.reference} ${winText(ref.win)}`;
  if (overlapping.length === 0) return { ...base, pass: true, detail: `${head} lies above every other bot (best: ${best.bot} ${winText(best.win)})` };
  const names = overlapping.map((r) => `${r.bot} ${winText(r.win)}`).join(', ');
  return { ...base, pass: false, detail: `${head} does not lie strictly above ${names}` };
}

function randomCheck(scenario: string, rows: readonly BalanceRow[], o: CriteriaOptions): Check {
  const base = { criterion: 'random-rarely-wins' as const, scenario };
  const r = rows.find((x) => x.bot === o.random);
  if (!r) return { ...base, pass: null, detail: `not checked: ${o.random} was not run` };
  const limit = `${(o.randomMaxWinRate * 100).toFixed(0)}%`;
  const pass = r.win.rate < o.randomMaxWinRate;
  return { ...base, pass, detail: `${o.random} wins ${winText(r.win)}, ${pass ? 'under' : 'not under'} ${limit}` };
}

/** Checks the balance criteria per scenario: the reference's win interval strictly above every
 * other non-random bot's (no overlap), and random winning less than the ceiling. */
export function checkCriteria(rows: readonly BalanceRow[], options: CriteriaOptions = DEFAULT_CRITERIA): Criteria {
  const scenarios: string[] = [];
  for (const r of rows) if (!scenarios.includes(r.scenario)) scenarios.push(r.scenario);
  const checks: Check[] = [];
  for (const id of scenarios) {
    const mine = rows.filter((r) => r.scenario === id);
    checks.push(dominance(id, mine, options), randomCheck(id, mine, options));
  }
  const pass = checks.some((c) => c.pass === false) ? false : checks.length === 0 || checks.some((c) => c.pass === null) ? null : true;
  return { pass, checks };
}
