import { lessonCosts, lessonJobs, type LessonCost, type LessonCell } from '../../analysis/lessons.js';
import { exploitSearch, type SearchCell } from '../../analysis/search.js';
import { LESSON_BOTS } from '../../bots/lessons.js';
import { int, table } from '../format.js';
import type { BalanceOptions } from './balance.js';
import { LESSON_RUNS, SEARCH_BUDGET, pctCI, progressBar, scenariosOf } from './balance-common.js';
import { DEFAULT_CRITERIA, seedOf } from '../../analysis/balance.js';
import { getScenario } from '../../index.js';
import { CliError } from '../errors.js';
import { defaultWorkers, runPool } from '../balance-pool.js';

/* The two measuring modes of `phase-shift balance`: --lessons (what each broken lesson costs
 * against phase-aware on the same seeds) and --search (the exploit search), each with its text. */

export async function runLessons(opts: BalanceOptions, showProgress = false) {
  const scenarios = scenariosOf(opts);
  const runs = opts.runs ?? LESSON_RUNS;
  const reference = DEFAULT_CRITERIA.reference;
  const variants = Object.keys(LESSON_BOTS);
  const jobs = lessonJobs(scenarios, reference, variants, runs, opts.seedPrefix);
  const bar = showProgress ? progressBar(jobs.length) : null;
  const outcomes = await runPool(jobs, { workers: opts.workers ?? defaultWorkers(), ...(bar ? { onProgress: bar.update } : {}) });
  bar?.end();
  const seeds = { first: seedOf(opts.seedPrefix, 0), last: seedOf(opts.seedPrefix, runs - 1) };
  return { ok: true as const, mode: 'lessons' as const, scenarios, runs, seedPrefix: opts.seedPrefix, seeds, reference, costs: lessonCosts(jobs, outcomes, reference) };
}

/** The report --lessons returns. */
export type LessonsReport = Awaited<ReturnType<typeof runLessons>>;

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

function lessonRow(variant: string, c: LessonCell): string[] {
  return [variant, c.scenario, int(c.cost.n), pct1(c.referenceWin), pct1(c.variantWin), `${pts(c.cost.mean)} [${pts(c.cost.lo)} … ${pts(c.cost.hi)}]`];
}

function lessonVerdict(c: LessonCost): string {
  const gains = c.scenarios.filter((x) => x.cost.mean < 0).map((x) => x.scenario);
  const why = [c.costsEnough ? 'costs ≥ 5 points pooled' : 'costs < 5 points pooled', c.neverGains ? 'never a gain' : `a gain in ${gains.join(', ')}`];
  return `  ${c.taught ? 'taught    ' : 'NOT taught'}  ${c.variant}: ${why.join('; ')}`;
}

/** The --lessons text: one table of costs (pooled first, then per scenario) and a verdict per lesson. */
export function lessonsText(r: LessonsReport): string {
  const headers = ['variant', 'scenario', '>games', `>${r.reference} win`, '>variant win', '>cost, win points [95% CI]'];
  const rows = r.costs.flatMap((c) => [c.pooled, ...c.scenarios].map((cell) => lessonRow(c.variant, cell)));
  return [
    `Lesson costs: ${r.costs.length} variant(s) against ${r.reference} on ${r.scenarios.length} scenario(s) × ${int(r.runs)} seeds ("${r.seeds.first}" … "${r.seeds.last}"), paired by seed.`,
    '',
    table(headers, rows),
    '',
    `Cost = ${r.reference}'s win rate minus the variant's (positive: breaking the lesson loses); 95% intervals of the paired difference.`,
    'A lesson is taught when breaking it costs at least 5 win points pooled and is a gain in no scenario (point estimates):',
    ...r.costs.map(lessonVerdict),
  ].join('\n');
}

/** Runs the exploit search on this thread (what --search --json prints). */
export function runSearch(opts: BalanceOptions, showProgress = false) {
  const scenarios = scenariosOf(opts).map((id) => {
    const loaded = getScenario(id);
    if (!loaded) throw new CliError(`unknown scenario "${id}"`);
    return { id, scenario: loaded.scenario };
  });
  const budget = opts.budget ?? SEARCH_BUDGET;
  const shown: { bar: ReturnType<typeof progressBar> | null } = { bar: null };
  const onProgress = (done: number, total: number) => (shown.bar ??= progressBar(total)).update(done, total);
  const result = exploitSearch({ scenarios, budget, seed: opts.seedPrefix, ...(showProgress ? { onProgress } : {}) });
  shown.bar?.end();
  return { ok: true as const, mode: 'search' as const, scenarios: scenarios.map((s) => s.id), seed: opts.seedPrefix, ...result };
}

/** The report --search returns. */
export type SearchReport = ReturnType<typeof runSearch>;

function searchRow(c: SearchCell): string[] {
  return [c.scenario, int(c.best.n), pctCI(c.best), pctCI(c.reference), `${pts(c.gain.mean)} [${pts(c.gain.lo)} … ${pts(c.gain.hi)}]`];
}

/** The --search text: the best policy in words, then its test-seed record beside phase-aware's. */
export function searchText(r: SearchReport): string {
  const words = r.best.words.split('; ').map((line) => `  ${line}`);
  const verdict = r.exploit
    ? `EXPLOIT: the best policy beats ${DEFAULT_CRITERIA.reference} by more than 5 points pooled on the test seeds.`
    : `no exploit: the best policy does not beat ${DEFAULT_CRITERIA.reference} by more than 5 points pooled on the test seeds.`;
  return [
    `Exploit search (seed "${r.seed}"): ${int(r.gamesPlayed)} of ${int(r.budget)} games; ${int(r.candidates)} policies tried on ${int(r.trainRuns)} training seeds per scenario, the best judged on ${int(r.testRuns)} test seeds per scenario.`,
    '',
    `Best policy ${r.best.code} (training win ${pctCI(r.best.trainWin)}):`,
    ...words,
    '',
    table(
      ['scenario', '>test games', '>best win [95% CI]', `>${DEFAULT_CRITERIA.reference} win [95% CI]`, '>gain, win points [95% CI]'],
      [r.pooled, ...r.byScenario].map(searchRow),
    ),
    '',
    verdict,
  ].join('\n');
}
