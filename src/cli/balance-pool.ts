import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import type { BalanceJob, Outcome } from '../analysis/balance.js';
import { playChunk, type ToPool, type ToWorker } from './balance-worker.js';

export type { ToPool, ToWorker } from './balance-worker.js';

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

// ---- the worker bundle ----------------------------------------------------------------------

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(tmpdir(), 'phase-shift-workers');
const ENTRY = [
  "import { parentPort, workerData } from 'node:worker_threads';",
  "import { serveWorker } from './balance-worker.js';",
  "if (!parentPort) throw new Error('the balance worker must run in a worker thread');",
  'serveWorker(parentPort, workerData);',
].join('\n');
// Bundled CommonJS packages (seedrandom) may call require; give the ES module one.
const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

interface Manifest {
  digest: string;
  inputs: string[];
  file: string;
}

const sha = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');
// One manifest per checkout and bundler set-up, so two checkouts never share a stale bundle.
const manifestPath = () => join(CACHE_DIR, `balance-${sha(`${ROOT}\n${ENTRY}\n${BANNER}`).slice(0, 16)}.json`);

// The digest of a bundle's sources (paths and contents), or null when one has gone.
function digestOf(inputs: readonly string[]): string | null {
  const h = createHash('sha256');
  for (const rel of inputs) {
    const path = join(ROOT, rel);
    if (!existsSync(path)) return null;
    h.update(`${rel}\0`).update(readFileSync(path)).update('\0');
  }
  return h.digest('hex');
}

function readManifest(): Manifest | null {
  try {
    return JSON.parse(readFileSync(manifestPath(), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

// The cached bundle, if it was built from exactly the sources on disk now.
function cachedBundle(): string | null {
  const m = readManifest();
  return m && existsSync(m.file) && digestOf(m.inputs) === m.digest ? m.file : null;
}

// Writes a file whole or not at all (other processes may read or write the same one).
function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

// Deletes bundles nobody has rebuilt for a day (not at once: another process may be starting one).
function removeStale(keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (path !== keep && /^balance-worker-[0-9a-f]+\.mjs$/.test(name) && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
}

async function buildBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: join(ROOT, 'src/cli'), loader: 'ts', sourcefile: 'balance-worker-entry.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    banner: { js: BANNER },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no worker bundle');
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith('<'))
    .sort();
  const digest = digestOf(inputs) ?? sha(code);
  const file = join(CACHE_DIR, `balance-worker-${digest.slice(0, 16)}.mjs`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeAtomically(file, code);
  removeStale(file);
  writeAtomically(manifestPath(), JSON.stringify({ digest, inputs, file } satisfies Manifest));
  return file;
}

let bundle: Promise<string> | null = null;

/** The path of the worker bundle: the cached one if its sources are unchanged, else built now (once per process). */
export function workerBundle(): Promise<string> {
  bundle ??= Promise.resolve().then(() => cachedBundle() ?? buildBundle());
  bundle.catch(() => (bundle = null));
  return bundle;
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

/** Plays every job on worker threads and on this one; outcomes come back in job order. */
export function runPool(jobs: readonly BalanceJob[], options: PoolOptions = {}): Promise<Outcome[]> {
  if (jobs.length === 0) return Promise.resolve([]);
  const wanted = options.workers ?? defaultWorkers();
  const chunks = chunksOf(jobs, chunkSize(jobs.length, wanted));
  const run = newRun(chunks, Math.max(1, Math.min(wanted, chunks.length)), jobs.length, options);
  workerBundle().then(
    (file) => {
      run.stats.bundleMs = performance.now() - run.started;
      spawn(run, file, [...new Set(jobs.map((j) => j.scenario))]);
    },
    (e: unknown) => finish(run, new Error(`balance pool: cannot build the worker bundle: ${e instanceof Error ? e.message : String(e)}`)),
  );
  if (options.mainThread !== false) void playHere(run);
  return run.promise;
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
async function playHere(run: Run): Promise<void> {
  for (let chunk = mainChunk(run); chunk && !run.settled; chunk = mainChunk(run)) {
    const outcomes: Outcome[] = [];
    for (const job of chunk.jobs) {
      if (run.settled || run.landed.has(chunk.start)) break;
      try {
        outcomes.push(...playChunk([job]));
      } catch (e) {
        return finish(run, new Error(`balance worker: ${e instanceof Error ? e.message : String(e)}`));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (outcomes.length === chunk.jobs.length && land(run, chunk.start, outcomes)) run.stats.mainThreadGames += outcomes.length;
  }
}
