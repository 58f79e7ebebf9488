import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerBundle } from './balance-bundle.js';
import type { BalanceJob, Outcome } from '../analysis/balance.js';
import { playChunk, type ToPool, type ToWorker } from './balance-worker.js';

export type { ToPool, ToWorker } from './balance-worker.js';
export { workerBundle } from './balance-bundle.js';

/* A pool of worker threads for balance runs: the jobs are cut into chunks, each idle worker
 * takes the next chunk, and every outcome lands at its job's index — so the result (and any
 * aggregate of it) is the same for one worker or many, whatever order the chunks finish in.
 *
 * Start-up is what made small runs slower than one thread, so: a worker runs one plain ES
 * module bundled by esbuild (no tsx, no TypeScript loader in the thread), built on first use and
 * kept under the OS temp folder, named by a hash of every source it was built from; and the
 * main thread plays chunks itself beside the workers (from the first moment, while they start)
 * and, once none is left to hand out, re-plays those a worker still holds, so no run waits on a
 * worker that is still warming up. Games are pure functions of their job, so a chunk played
 * twice gives the same outcomes and the first copy in counts. */

/** How many threads, and whom to tell about progress and (for the bench) how the run went. */
export interface PoolOptions {
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  onStats?: (stats: PoolStats) => void;
  /** false: only the worker threads play (tests use it to exercise them). Default true. */
  mainThread?: boolean;
}

/** How a run went: time to the worker bundle and to each worker's start, and who played what. */
export interface PoolStats {
  bundleMs: number;
  readyMs: number[];
  mainThreadGames: number;
}

// ---- the pool -------------------------------------------------------------------------------

/** The default number of workers: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Chunk size: small enough to balance the load, move the progress bar and keep the main
 * thread's turns short, big enough that messages cost nothing next to the games (a game takes
 * milliseconds). */
export function chunkSize(jobs: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(jobs / (workers * 16))));
}

/** The jobs cut into chunks of `size`, each carrying only what a worker needs. */
export function chunksOf(jobs: readonly BalanceJob[], size: number): ToWorker[] {
  const chunks: ToWorker[] = [];
  for (let start = 0; start < jobs.length; start += size) {
    chunks.push({ start, jobs: jobs.slice(start, start + size).map(({ scenario, bot, seed }) => ({ scenario, bot, seed })) });
  }
  return chunks;
}

interface Run {
  chunks: ToWorker[];
  next: number;
  threads: number;
  /** Starts of the chunks whose outcomes are in (a chunk may be played twice; the first counts). */
  landed: Set<number>;
  /** Chunks handed to a worker, in order, and those the main thread has re-played already. */
  handed: ToWorker[];
  replayed: Set<number>;
  results: Outcome[];
  done: number;
  workers: Worker[];
  settled: boolean;
  started: number;
  stats: PoolStats;
  options: PoolOptions;
  promise: Promise<Outcome[]>;
  settle: (error: Error | null) => void;
}

function newRun(chunks: ToWorker[], threads: number, total: number, options: PoolOptions): Run {
  let settle: Run['settle'] = () => undefined;
  const promise = new Promise<Outcome[]>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve(run.results));
  });
  const run: Run = {
    chunks,
    next: 0,
    threads,
    landed: new Set(),
    handed: [],
    replayed: new Set(),
    results: new Array<Outcome>(total),
    done: 0,
    workers: [],
    settled: false,
    started: performance.now(),
    stats: { bundleMs: 0, readyMs: [], mainThreadGames: 0 },
    options,
    promise,
    settle,
  };
  return run;
}

// Settles once: every outcome in place, or the first error; then every worker is terminated.
function finish(run: Run, error: Error | null): void {
  if (run.settled) return;
  run.settled = true;
  for (const w of run.workers) void w.terminate();
  run.options.onStats?.(run.stats);
  run.settle(error);
}

// Puts a chunk's outcomes at their jobs' indexes, unless they are in already; true if they were new.
function land(run: Run, start: number, outcomes: Outcome[]): boolean {
  if (run.settled || run.landed.has(start)) return false;
  run.landed.add(start);
  outcomes.forEach((o, i) => (run.results[start + i] = o));
  run.done += outcomes.length;
  run.options.onProgress?.(run.done, run.results.length);
  if (run.done >= run.results.length) finish(run, null);
  return true;
}

function feed(run: Run, w: Worker): void {
  const chunk = run.chunks[run.next++];
  if (!chunk) return;
  run.handed.push(chunk);
  w.postMessage(chunk);
}

// Each worker keeps two chunks in hand, so it never waits while the main thread plays its own.
function onMessage(run: Run, w: Worker, msg: ToPool): void {
  if (run.settled) return;
  if (msg.type === 'error') return finish(run, new Error(`balance worker: ${msg.message}`));
  if (msg.type === 'ready') {
    run.stats.readyMs.push(performance.now() - run.started);
    feed(run, w);
  } else land(run, msg.start, msg.outcomes);
  if (!run.settled) feed(run, w);
}

function spawn(run: Run, file: string, scenarios: string[]): void {
  for (let i = 0; i < run.threads && !run.settled; i++) {
    // No inherited loader flags (tsx's --import): the bundle is plain JavaScript.
    const w = new Worker(file, { execArgv: [], workerData: { scenarios } });
    run.workers.push(w);
    w.on('message', (msg: ToPool) => onMessage(run, w, msg));
    w.on('error', (e) => finish(run, e instanceof Error ? e : new Error(String(e))));
    w.on('exit', (code) => finish(run, new Error(`balance worker stopped early (exit code ${code})`)));
  }
}

// The next chunk for the main thread: one nobody has taken, else the oldest a worker still has
// (a worker just started plays its first games slowly; the same games give the same outcomes).
function mainChunk(run: Run): ToWorker | undefined {
  const fresh = run.chunks[run.next];
  if (fresh) {
    run.next++;
    return fresh;
  }
  const late = run.handed.find((c) => !run.landed.has(c.start) && !run.replayed.has(c.start));
  if (late) run.replayed.add(late.start);
  return late;
}

// The main thread plays chunks beside the workers, one game at a time with a turn of the event
// loop after each (so the workers' messages, and their start-up, never wait on a whole chunk);
// it drops a re-played chunk as soon as its worker delivers it, and plays the whole run if that
// ends before the workers start.
async function playHere(run: Run, startWorkers: (() => void) | null): Promise<void> {
  let pending = startWorkers;
  let played = 0;
  for (let chunk = mainChunk(run); chunk && !run.settled; chunk = mainChunk(run)) {
    const outcomes: Outcome[] = [];
    for (const job of chunk.jobs) {
      if (run.settled || run.landed.has(chunk.start)) break;
      try {
        outcomes.push(...playChunk([job]));
      } catch (e) {
        return finish(run, new Error(`balance worker: ${e instanceof Error ? e.message : String(e)}`));
      }
      played += 1;
      // After a short probe, start the workers only if the games left would outlast their start-up.
      const elapsed = performance.now() - run.started;
      if (pending && elapsed >= PROBE_MS) {
        if ((elapsed / played) * (run.results.length - run.done - played) > WORTH_A_WORKER_MS) pending();
        pending = null;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (outcomes.length === chunk.jobs.length && land(run, chunk.start, outcomes)) run.stats.mainThreadGames += outcomes.length;
  }
}

/** How long the main thread plays before it judges whether workers would pay for their start. */
const PROBE_MS = 25;
/** Workers start only when the work left would keep this thread busy longer than this: a worker
 * thread costs a few hundred milliseconds of start-up (module load, a cold JIT) before it helps. */
const WORTH_A_WORKER_MS = 400;

/** Plays every job on this thread and, when the run is long enough to repay their start-up, on
 * worker threads beside it (the main thread counts as one of `workers`); outcomes come back in
 * job order, the same whoever played them. */
export function runPool(jobs: readonly BalanceJob[], options: PoolOptions = {}): Promise<Outcome[]> {
  if (jobs.length === 0) return Promise.resolve([]);
  const wanted = options.workers ?? defaultWorkers();
  const here = options.mainThread !== false;
  const chunks = chunksOf(jobs, chunkSize(jobs.length, wanted));
  const threads = Math.min(here ? wanted - 1 : Math.max(1, wanted), chunks.length);
  const run = newRun(chunks, threads, jobs.length, options);
  const start = () => startWorkers(run, [...new Set(jobs.map((j) => j.scenario))]);
  if (!here) start();
  else void playHere(run, threads > 0 ? start : null);
  return run.promise;
}

// Builds (or finds) the worker bundle, then starts the run's workers.
function startWorkers(run: Run, scenarios: string[]): void {
  if (run.threads <= 0 || run.settled) return;
  workerBundle().then(
    (file) => {
      run.stats.bundleMs = performance.now() - run.started;
      spawn(run, file, scenarios);
    },
    (e: unknown) => finish(run, new Error(`balance pool: cannot build the worker bundle: ${e instanceof Error ? e.message : String(e)}`)),
  );
}
