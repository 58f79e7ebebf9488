import type { Command } from 'commander';
import { z } from 'zod';
import { aggregate, balanceJobs, checkCriteria, DEFAULT_CRITERIA, seedOf, type BalanceRow, type Check, type Criteria } from '../../analysis/balance.js';
import type { MedianCI } from '../../analysis/stats.js';
import { BOTS, getBot, scenarioIds } from '../../index.js';
import { minimumBudget } from '../../analysis/search.js';
import { lessonsText, runLessons, runSearch, searchText } from './balance-modes.js';
import { LESSON_RUNS, SEARCH_BUDGET, pctCI, progressBar, scenariosOf } from './balance-common.js';
import { LESSON_BOTS } from '../../bots/lessons.js';
import { CliError } from '../errors.js';
import { defaultWorkers, runPool } from '../balance-pool.js';
import { validate } from '../errors.js';
import { int, money, table } from '../format.js';
import { say, sayJson } from '../io.js';
import { json, text, wholeNumber } from '../options.js';
import type { Finish } from './types.js';

/* `phase-shift balance`: every chosen bot plays the same N seeds of each scenario on worker
 * threads; the report gives each rate and median with its 95% interval and checks the balance
 * criteria of GAME_MODEL §8. Stdout depends only on the options, never on the worker count. */

const MAX_RUNS = 100_000;
const MAX_WORKERS = 256;
const MAX_BUDGET = 10_000_000;

const botList = () =>
  z.string().transform((v, ctx) => {
    const names = [
      ...new Set(
        v
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      ),
    ];
    const known = [...Object.keys(BOTS), ...Object.keys(LESSON_BOTS)];
    const bad = names.find((n) => !known.includes(n) && getBot(n) === undefined);
    if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'name at least one bot' });
    else if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `unknown bot "${bad}" (choose from: ${known.join(', ')})` });
    return names;
  });

const scenarioChoice = () =>
  z.string().superRefine((v, ctx) => {
    if (v !== 'all' && !scenarioIds().includes(v)) ctx.addIssue({ code: 'custom', message: `unknown scenario "${v}" (choose all or one of: ${scenarioIds().join(', ')})` });
  });

const atMost = (schema: z.ZodType<number>, max: number, what: string) => schema.refine((n) => n <= max, { message: `the ${what} must be at most ${int(max)}` });

const optionsSchema = () =>
  z.strictObject({
    scenario: scenarioChoice().optional(),
    runs: atMost(wholeNumber('number of runs', 1), MAX_RUNS, 'number of runs').optional(),
    lessons: z.boolean().default(false),
    search: z.boolean().default(false),
    budget: atMost(wholeNumber('budget', 1), MAX_BUDGET, 'budget').optional(),
    bots: botList().optional(),
    seedPrefix: text('seed prefix', 200).default('balance-'),
    workers: atMost(wholeNumber('number of workers', 1), MAX_WORKERS, 'number of workers').optional(),
    progress: z.boolean().default(false),
    strict: z.boolean().default(false),
    json,
  });

/** Validated balance options: what to play and how to show it. */
export type BalanceOptions = z.infer<ReturnType<typeof optionsSchema>>;

/** Registers the `balance` command. */
export function registerBalance(program: Command, finish: Finish): void {
  program
    .command('balance')
    .description('play many seeded games per scenario and bot; report win, fit, bankruptcy and SLA rates with 95% intervals')
    .option('--scenario <id|all>', 'scenario id, or all (see `phase-shift scenarios`); required, except with --lessons or --search (default all)')
    .option('--runs <n>', `seeds per scenario and bot (1..${int(MAX_RUNS)}); every bot plays the same seeds; required, except with --lessons (default ${LESSON_RUNS})`)
    .option('--lessons', `price each lesson: every lesson variant (${Object.keys(LESSON_BOTS).join(', ')}) against phase-aware on the same seeds`)
    .option('--search', 'exploit search: tune a parametric policy on training seeds, judge it against phase-aware on test seeds')
    .option('--budget <n>', `with --search: games the search may play in all (default ${int(SEARCH_BUDGET)})`)
    .option('--bots <a,b,…>', `bots to compare (default: all — ${Object.keys(BOTS).join(', ')}; also the lesson variants ${Object.keys(LESSON_BOTS).join(', ')})`)
    .option('--seed-prefix <s>', "seeds are <s>0, <s>1, … (default: balance-); with --search, the search's own seed")
    .option('--workers <k>', `worker threads (default: ${defaultWorkers()}, the cores available)`)
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .option('--strict', 'exit 1 when a balance criterion is not met, a lesson is not taught (--lessons) or the search finds an exploit (--search)')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText(
      'after',
      '\nExit codes: 0 done (with --strict: and every criterion met), 1 --strict and a criterion failed, 2 bad options.\n\nExamples:\n  phase-shift balance --scenario all --runs 200\n  phase-shift balance --scenario devtools-codegen --runs 1000 --bots phase-aware,random --json\n  phase-shift balance --lessons --scenario all --runs 100\n  phase-shift balance --search --scenario all --budget 8000',
    )
    .action(async (raw: unknown) => {
      const opts = checkMode(validate(optionsSchema(), raw));
      const progress = opts.progress || process.stderr.isTTY === true;
      if (opts.lessons) {
        const report = await runLessons(opts, progress);
        if (opts.json) sayJson(report);
        else say(lessonsText(report));
        return finish(opts.strict && report.costs.some((c) => !c.taught) ? 1 : 0);
      }
      if (opts.search) {
        const report = runSearch(opts, progress);
        if (opts.json) sayJson(report);
        else say(searchText(report));
        return finish(opts.strict && report.exploit ? 1 : 0);
      }
      const report = await runBalance(opts, progress);
      if (opts.json) sayJson(report);
      else say(balanceText(report));
      finish(opts.strict && report.criteria.pass === false ? 1 : 0);
    });
}

/** Plays the balance run the options describe and returns the report (what --json prints). */
export async function runBalance(opts: BalanceOptions, showProgress = false) {
  const scenarios = scenariosOf(opts);
  const runs = opts.runs ?? 1;
  const bots = opts.bots ?? Object.keys(BOTS);
  const jobs = balanceJobs(scenarios, bots, runs, opts.seedPrefix);
  const bar = showProgress ? progressBar(jobs.length) : null;
  const outcomes = await runPool(jobs, { workers: opts.workers ?? defaultWorkers(), ...(bar ? { onProgress: bar.update } : {}) });
  bar?.end();
  const rows = aggregate(jobs, outcomes);
  const seeds = { first: seedOf(opts.seedPrefix, 0), last: seedOf(opts.seedPrefix, runs - 1) };
  return { ok: true as const, scenarios, bots, runs, seedPrefix: opts.seedPrefix, seeds, rows, criteria: checkCriteria(rows) };
}

/** The report a balance run returns. */
export type BalanceReport = Awaited<ReturnType<typeof runBalance>>;

const weekCI = (m: MedianCI | null) => (m ? `${m.median} [${m.lo}–${m.hi}]` : '–');
const moneyCI = (m: MedianCI | null) => (m ? `${money(m.median)} [${money(m.lo)}–${money(m.hi)}]` : '–');

/** One table row of text cells for a report row. */
export function rowCells(r: BalanceRow): string[] {
  return [r.scenario, r.bot, int(r.runs), pctCI(r.win), pctCI(r.fit), weekCI(r.fitWeek), pctCI(r.bankrupt), pctCI(r.slaBreach), moneyCI(r.arrEnd)];
}

const CRITERION: Record<Check['criterion'], string> = {
  'reference-dominates': `${DEFAULT_CRITERIA.reference} wins more than every other non-random bot (95% intervals apart)`,
  'random-rarely-wins': `${DEFAULT_CRITERIA.random} wins under ${(DEFAULT_CRITERIA.randomMaxWinRate * 100).toFixed(0)}%`,
};

function verdict(pass: boolean | null): string {
  return pass === true ? 'pass' : pass === false ? 'FAIL' : 'n/a ';
}

/** The criteria as text: one line per check, then the overall verdict. */
export function criteriaText(c: Criteria): string {
  const lines = c.checks.map((k) => `  ${verdict(k.pass)}  ${k.scenario}: ${CRITERION[k.criterion]}\n        ${k.detail}`);
  const overall = c.pass === true ? 'all criteria met' : c.pass === false ? 'some criteria NOT met' : 'not every criterion could be checked with these bots';
  return [...lines, `verdict: ${overall}`].join('\n');
}

/** The whole text report. */
export function balanceText(r: BalanceReport): string {
  const headers = ['scenario', 'bot', '>runs', '>win% [95% CI]', '>fit% [95% CI]', '>median fit wk [CI]', '>bankrupt% [CI]', '>SLA-breach% [CI]', '>median ARR at end [CI]'];
  return [
    `Balance: ${r.scenarios.length} scenario(s) × ${r.bots.length} bot(s) × ${int(r.runs)} seeds ("${r.seeds.first}" … "${r.seeds.last}"); every bot plays the same seeds.`,
    '',
    table(headers, r.rows.map(rowCells)),
    '',
    'Intervals are 95%: Wilson score for rates, binomial order statistics for medians; fit week is over games that reached fit.',
    '',
    'Balance criteria (GAME_MODEL §8):',
    criteriaText(r.criteria),
  ].join('\n');
}

// ---- --lessons and --search -----------------------------------------------------------------

/** The options checked across flags: one mode at a time, and what each mode needs. */
export function checkMode(opts: BalanceOptions): BalanceOptions {
  if (opts.lessons && opts.search) throw new CliError('options --lessons and --search cannot be combined; run one at a time');
  if ((opts.lessons || opts.search) && opts.bots) throw new CliError(`option --bots does not go with --${opts.lessons ? 'lessons' : 'search'}: those modes choose their own bots`);
  if (opts.budget !== undefined && !opts.search) throw new CliError('option --budget goes only with --search');
  if (opts.search && opts.runs !== undefined) throw new CliError('option --runs does not go with --search: the budget sets the seeds');
  if (!opts.lessons && !opts.search) {
    if (opts.scenario === undefined) throw new CliError("required option '--scenario <id|all>' not specified (try --help)");
    if (opts.runs === undefined) throw new CliError("required option '--runs <n>' not specified (try --help)");
  }
  if (opts.search) {
    const need = minimumBudget(scenariosOf(opts).length);
    const budget = opts.budget ?? SEARCH_BUDGET;
    if (budget < need) throw new CliError(`option --budget: a search over ${scenariosOf(opts).length} scenario(s) needs at least ${int(need)} games (got ${int(budget)})`);
  }
  return opts;
}

/** Plays every lesson variant and phase-aware on the same seeds and prices each lesson (what --lessons --json prints). */
