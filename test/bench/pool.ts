import { performance } from 'node:perf_hooks';
import { balanceJobs, playOutcome, type BalanceJob, type Outcome } from '../../src/analysis/balance.js';
import { runPool, workerBundle, type PoolStats } from '../../src/cli/balance-pool.js';
import { BOTS, getBot, getScenario, type Scenario } from '../../src/index.js';
import { duration, median, times } from './harness.js';

/* (d) The balance pool against one thread, wall time with start-up included, at 100, 300 and
 * 1,000 games (every bot on the same seeds, as `phase-shift balance` plays them) on two
 * workers. Each sample plays the same jobs three ways, one after another: on this thread (warm:
 * it has played the whole bench so far), through the pool (two fresh workers plus this thread),
 * and on one fresh worker thread alone (what a new single-threaded process would pay). The CPU
 * the process got (all threads, in cores) is printed too: on a shared machine where the kernel
 * shares CPU between sessions (autogroup), more threads need not mean more CPU. */

type Row = [string, string, string, string, string];
interface Target {
  name: string;
  met: boolean;
  figure: string;
}

const WORKERS = 2;

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`bench: ${what} not found`);
  return x;
}

/** Plays the jobs one after another on this thread, as the pool's baseline. */
function playInThread(jobs: readonly BalanceJob[]): Outcome[] {
  return jobs.map((j) => playOutcome(need(getScenario(j.scenario), `scenario ${j.scenario}`).scenario, need(getBot(j.bot), `bot ${j.bot}`), j.seed));
}

// Wall time, and the CPU the whole process (every thread) used meanwhile, in cores.
async function wall<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cores: number; value: T }> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - t;
  return { ms, cores: (used.user + used.system) / 1000 / ms, value };
}

const rate = (games: number, ms: number) => `${Math.round((games * 1000) / ms).toLocaleString('en-US')} games/s`;

interface Sizes {
  single: number[];
  pool: number[];
  fresh: number[];
  ready: number[];
  mainGames: number[];
  singleCores: number[];
  poolCores: number[];
}

// One size: `samples` rounds of this thread, the pool and a fresh thread on the same jobs.
async function measureSize(sc: Scenario, games: number, samples: number): Promise<Sizes> {
  const bots = Object.keys(BOTS);
  const jobs = balanceJobs([sc.id], bots, Math.ceil(games / bots.length), `bench-pool-${games}-`).slice(0, games);
  const m: Sizes = { single: [], pool: [], fresh: [], ready: [], mainGames: [], singleCores: [], poolCores: [] };
  for (let i = 0; i < samples; i++) {
    const single = await wall(() => playInThread(jobs));
    let stats: PoolStats | null = null;
    const pooled = await wall(() => runPool(jobs, { workers: WORKERS, onStats: (s) => (stats = s) }));
    const fresh = await wall(() => runPool(jobs, { workers: 1, mainThread: false }));
    const reference = JSON.stringify(single.value);
    if (JSON.stringify(pooled.value) !== reference || JSON.stringify(fresh.value) !== reference) throw new Error('bench: the worker pool disagrees with single-thread play');
    const s = stats as PoolStats | null;
    m.single.push(single.ms);
    m.pool.push(pooled.ms);
    m.fresh.push(fresh.ms);
    m.mainGames.push(s?.mainThreadGames ?? 0);
    m.singleCores.push(single.cores);
    m.poolCores.push(pooled.cores);
    if (s && s.readyMs.length > 0) m.ready.push(Math.max(...s.readyMs));
  }
  return m;
}

/** The pool rows and the target "faster than one thread from 100 games up". */
export async function poolBench(sc: Scenario, quick: boolean): Promise<{ rows: Row[]; targets: Target[] }> {
  const rows: Row[] = [];
  const bundle = await wall(() => workerBundle());
  rows.push([`(d) worker bundle on first use (esbuild, or the cached file if its sources are unchanged)`, duration(bundle.ms), '', '', 'once per process']);
  const verdicts: string[] = [];
  let allFaster = true;
  for (const games of [100, 300, 1000]) {
    const m = await measureSize(sc, games, quick ? 1 : 3);
    const [pool, single, fresh] = [median(m.pool), median(m.single), median(m.fresh)];
    const ready = m.ready.length > 0 ? `workers ready after ${duration(median(m.ready))}` : 'run over before the workers started';
    rows.push([
      `    balance pool of ${WORKERS} threads (this one and ${WORKERS - 1} worker started when worth it), ${games} games (start-up included)`,
      `${duration(pool)} (${rate(games, pool)})`,
      `this thread: ${duration(single)}`,
      `${times(single / pool)} faster`,
      '> 1×',
    ]);
    rows.push([
      `      ${ready}; this thread played ${Math.round(median(m.mainGames))} of the ${games} games`,
      '',
      `one new thread: ${duration(fresh)}`,
      `${times(fresh / pool)} faster`,
      '',
    ]);
    rows.push([`      CPU this process got: ${median(m.singleCores).toFixed(2)} cores alone, ${median(m.poolCores).toFixed(2)} cores with the pool`, '', '', '', '']);
    allFaster &&= pool < single;
    verdicts.push(`${games}: ${times(single / pool)}`);
  }
  rows.push(await headroomRow(sc, quick));
  const targets = [{ name: `balance pool (${WORKERS} workers) faster than one thread from 100 games up, start-up included`, met: allFaster, figure: verdicts.join(', ') }];
  return { rows, targets };
}

/* What parallel threads can gain here at all: the same 1,000 games on two worker threads at once
 * against one worker thread alone (both from a cold start). Near 1× means the machine gives this
 * process no more CPU for a second thread (a shared or hyper-threaded host), and no pool can win. */
async function headroomRow(sc: Scenario, quick: boolean): Promise<Row> {
  const bots = Object.keys(BOTS);
  const jobs = balanceJobs([sc.id], bots, Math.ceil(1000 / bots.length), 'bench-headroom-').slice(0, 1000);
  const one: number[] = [];
  const two: number[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    one.push((await wall(() => runPool(jobs, { workers: 1, mainThread: false }))).ms);
    two.push((await wall(() => runPool(jobs, { workers: 2, mainThread: false }))).ms);
  }
  const [a, b] = [median(one), median(two)];
  return [`    parallel headroom: 1,000 games on 2 worker threads at once`, duration(b), `on 1 worker thread: ${duration(a)}`, `${times(a / b)} faster`, '(machine)'];
}
