import alea from 'seedrandom/lib/alea';
import type { Scenario } from '../scenarios/schema.js';
import type { Bot } from '../bots/types.js';
import { phaseAwareBot } from '../bots/phase-aware.js';
import { KINDS, LEVELS, PHASE_AWARE_LIKE, parametricBot, policyCode, policyWords, type Kind, type Policy } from '../bots/parametric.js';
import { playOutcome } from './balance.js';
import { wilson, type Proportion } from './stats.js';
import { pairedDifference, type PairedDiff } from './lessons.js';

/* The exploit search (issue 11, point 3): random search, then hill climbing, over parametric
 * policies on training seeds; the best is then judged against phase-aware on separate test
 * seeds. Every game counts against a budget, so the run is bounded. Pure and deterministic
 * for its seed: the same options give the same policy and the same figures. */

/** What to search: the scenarios, the game budget, the search's seed and seeds per scenario. */
export interface SearchOptions {
  scenarios: readonly { id: string; scenario: Scenario }[];
  budget: number;
  seed: string;
  /** Training seeds per scenario for each candidate (default 6). */
  trainRuns?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One scenario's test verdict: the best policy's and phase-aware's win rates and their paired difference. */
export interface SearchCell {
  scenario: string;
  best: Proportion;
  reference: Proportion;
  /** Best minus phase-aware, per test seed. */
  gain: PairedDiff;
}

/** What the search found. */
export interface SearchResult {
  budget: number;
  gamesPlayed: number;
  candidates: number;
  trainRuns: number;
  testRuns: number;
  best: { code: string; words: string; policy: Policy; trainWin: Proportion };
  pooled: SearchCell;
  byScenario: SearchCell[];
  /** The best policy beats phase-aware by more than five points pooled (point estimate). */
  exploit: boolean;
}

/** The margin above phase-aware that counts as an exploit: five win points. */
export const EXPLOIT_MARGIN = 0.05;

/** The fewest games a search over `scenarios` can run with: one test seed each and two candidates. */
export function minimumBudget(scenarios: number, trainRuns = 6): number {
  return scenarios * (2 + 2 * trainRuns);
}

/** How a budget is split: a third for the test seeds (two bots), the rest for candidates. */
export function searchPlan(budget: number, scenarios: number, trainRuns: number): { testRuns: number; candidates: number } {
  if (budget < minimumBudget(scenarios, trainRuns)) throw new RangeError(`search: a budget of ${budget} games is below the minimum ${minimumBudget(scenarios, trainRuns)}`);
  const testRuns = Math.max(1, Math.floor(budget / 3 / (2 * scenarios)));
  const candidates = Math.floor((budget - 2 * scenarios * testRuns) / (scenarios * trainRuns));
  return { testRuns, candidates };
}

type Random = () => number;

const tweak = (phase: 'preFit' | 'postFit', w: Partial<Record<Kind, number>>): Policy => ({ ...PHASE_AWARE_LIKE, [phase]: { ...PHASE_AWARE_LIKE[phase], ...w } });

/** Where the search starts: phase-aware's likeness, then each broken lesson on top of it (so a
 * lesson that pays is found even on a small budget), before any random policy. */
export const STARTS: readonly Policy[] = [
  PHASE_AWARE_LIKE,
  tweak('preFit', { capabilities: LEVELS }),
  tweak('postFit', { sign: LEVELS }),
  tweak('preFit', { labels: LEVELS, ship: 0 }),
  tweak('postFit', { debt: 0 }),
];

function randomPolicy(r: Random): Policy {
  const draw = () => Object.fromEntries(KINDS.map((k) => [k, Math.floor(r() * (LEVELS + 1))])) as Record<Kind, number>;
  return { preFit: draw(), postFit: draw() };
}

/** A neighbour: one weight of one phase moved a step up or down. */
export function neighbour(p: Policy, r: Random): Policy {
  const phase = r() < 0.5 ? 'preFit' : 'postFit';
  const kind = KINDS[Math.floor(r() * KINDS.length)] ?? 'experiments';
  const now = p[phase][kind];
  const up = r() < 0.5;
  const next = up ? (now < LEVELS ? now + 1 : now - 1) : now > 0 ? now - 1 : now + 1;
  return { ...p, [phase]: { ...p[phase], [kind]: next } };
}

interface Runner {
  played: number;
  total: number;
  onProgress: ((done: number, total: number) => void) | undefined;
}

function wins(run: Runner, bot: Bot, sc: Scenario, seeds: readonly string[]): boolean[] {
  return seeds.map((seed) => {
    const won = playOutcome(sc, bot, seed).won;
    run.played++;
    run.onProgress?.(run.played, run.total);
    return won;
  });
}

const seedList = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function trainScore(run: Runner, o: SearchOptions, p: Policy, seeds: readonly string[]): number {
  const bot = parametricBot(p);
  let k = 0;
  for (const s of o.scenarios) k += wins(run, bot, s.scenario, seeds).filter(Boolean).length;
  return k;
}

function testCell(scenario: string, best: readonly boolean[], ref: readonly boolean[]): SearchCell {
  const count = (xs: readonly boolean[]) => xs.filter(Boolean).length;
  return {
    scenario,
    best: wilson(count(best), best.length),
    reference: wilson(count(ref), ref.length),
    gain: pairedDifference(best.map((b, i) => (b ? 1 : 0) - (ref[i] ? 1 : 0))),
  };
}

/** Runs the search: half the candidates from STARTS then drawn at random, half by hill climbing from the best so far. */
export function exploitSearch(o: SearchOptions): SearchResult {
  const trainRuns = o.trainRuns ?? 6;
  const S = o.scenarios.length;
  const { testRuns, candidates } = searchPlan(o.budget, S, trainRuns);
  const run: Runner = { played: 0, total: candidates * S * trainRuns + 2 * S * testRuns, onProgress: o.onProgress };
  const r = alea(`search:${o.seed}`);
  const train = seedList(`search-train-${o.seed}-`, trainRuns);
  let best = PHASE_AWARE_LIKE;
  let bestScore = trainScore(run, o, best, train);
  const randomCount = Math.ceil(candidates / 2);
  for (let i = 1; i < candidates; i++) {
    const p = i < randomCount ? (STARTS[i] ?? randomPolicy(r)) : neighbour(best, r);
    const score = trainScore(run, o, p, train);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  const test = seedList(`search-test-${o.seed}-`, testRuns);
  const bot = parametricBot(best);
  const games = o.scenarios.map((s) => ({ id: s.id, best: wins(run, bot, s.scenario, test), ref: wins(run, phaseAwareBot, s.scenario, test) }));
  const cells = games.map((g) => testCell(g.id, g.best, g.ref));
  const pooled = testCell(
    'all',
    games.flatMap((g) => g.best),
    games.flatMap((g) => g.ref),
  );
  return {
    budget: o.budget,
    gamesPlayed: run.played,
    candidates,
    trainRuns,
    testRuns,
    best: { code: policyCode(best), words: policyWords(best), policy: best, trainWin: wilson(bestScore, S * trainRuns) },
    pooled,
    byScenario: cells,
    exploit: pooled.gain.mean > EXPLOIT_MARGIN,
  };
}
