import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BalanceJob, Outcome } from '../analysis/balance.js';

/* A pool of worker threads for balance runs: the jobs are cut into chunks, each idle worker
 * takes the next chunk, and every outcome lands at its job's index — so the result (and any
 * aggregate of it) is the same for one worker or many, whatever order the chunks finish in. */

/** A chunk of games for a worker; `start` is the index of its first job. */
export interface ToWorker {
  start: number;
  jobs: { scenario: string; bot: string; seed: string }[];
}

/** A worker's answer: the chunk's outcomes in order, or what went wrong. */
export type ToPool = { type: 'done'; start: number; outcomes: Outcome[] } | { type: 'error'; message: string };

/** How many threads, and whom to tell about progress. */
export interface PoolOptions {
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

const WORKER_URL = new URL('./balance-worker.mjs', import.meta.url);

/** The default number of workers: every core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Chunk size: small enough to balance the load and move the progress bar, big enough that
 * messages cost nothing next to the games (a game takes milliseconds). */
export function chunkSize(jobs: number, workers: number): number {
  return Math.max(1, Math.min(50, Math.ceil(jobs / (workers * 16))));
}

/** The jobs cut into chunks of `size`, each carrying only what a worker needs. */
export function chunksOf(jobs: readonly BalanceJob[], size: number): ToWorker[] {
  const chunks: ToWorker[] = [];
  for (let start = 0; start < jobs.length; start += size) {
    chunks.push({ start, jobs: jobs.slice(start, start + size).map(({ scenario, bot, seed }) => ({ scenario, bot, seed })) });
  }
  return chunks;
}

/** Plays every job on worker threads; outcomes come back in job order. */
export function runPool(jobs: readonly BalanceJob[], options: PoolOptions = {}): Promise<Outcome[]> {
  const wanted = options.workers ?? defaultWorkers();
  const chunks = chunksOf(jobs, chunkSize(jobs.length, wanted));
  const threads = Math.max(1, Math.min(wanted, chunks.length));
  if (jobs.length === 0) return Promise.resolve([]);
  return drive(chunks, threads, jobs.length, options.onProgress);
}

// Starts the threads, hands out chunks as workers go idle, and settles once: every outcome in
// place, or the first error (after which every worker is terminated).
function drive(chunks: ToWorker[], threads: number, total: number, onProgress: PoolOptions['onProgress']): Promise<Outcome[]> {
  const { promise, resolve, reject } = deferred<Outcome[]>();
  const results = new Array<Outcome>(total);
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  let settled = false;
  const finish = (error: Error | null) => {
    if (settled) return;
    settled = true;
    for (const w of workers) void w.terminate();
    if (error) reject(error);
    else resolve(results);
  };
  const feed = (w: Worker) => {
    const chunk = chunks[next++];
    if (chunk) w.postMessage(chunk);
  };
  const onMessage = (w: Worker, msg: ToPool) => {
    if (msg.type === 'error') return finish(new Error(`balance worker: ${msg.message}`));
    msg.outcomes.forEach((o, i) => (results[msg.start + i] = o));
    done += msg.outcomes.length;
    onProgress?.(done, total);
    if (done >= total) return finish(null);
    feed(w);
  };
  for (let i = 0; i < threads; i++) {
    const w = new Worker(WORKER_URL);
    workers.push(w);
    w.on('message', (msg: ToPool) => onMessage(w, msg));
    w.on('error', (e) => finish(e instanceof Error ? e : new Error(String(e))));
    w.on('exit', (code) => finish(new Error(`balance worker stopped early (exit code ${code})`)));
    feed(w);
  }
  return promise;
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: Error) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
