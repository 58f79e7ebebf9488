import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serializeLog, type GameLog, type Scenario } from '../../src/index.js';
import { mergeEvaluations, planShards, type GameEvaluation } from '../../src/analysis/counterfactual.js';
import { median } from './harness.js';
import type { ShardJob } from './debrief-worker.js';

/* The debrief on every core, as the replay viewer runs it (one worker per core, each given a
 * balanced range of weeks, the shards merged): warm worker threads, wall time per analysis. */

/** A pool of warm bench threads. */
export interface ShardPool {
  size: number;
  run(log: GameLog, sc: Scenario): Promise<GameEvaluation>;
  close(): Promise<void>;
}

const ask = (w: Worker, job: ShardJob) =>
  new Promise<GameEvaluation>((resolve, reject) => {
    // The error listener goes with the answer, so a long-lived worker does not pile them up.
    const failed = (e: Error) => reject(e);
    w.once('error', failed);
    w.once('message', (answer: GameEvaluation) => {
      w.off('error', failed);
      resolve(answer);
    });
    w.postMessage(job);
  });

/** Starts one thread per core (at least two, so the figure shows what sharding gives). */
export function startShardPool(): ShardPool {
  const size = Math.max(2, Math.min(4, availableParallelism()));
  const workers = Array.from({ length: size }, () => new Worker(new URL('./debrief-worker.mjs', import.meta.url)));
  return {
    size,
    async run(log, sc) {
      const text = serializeLog(log);
      const shards = planShards(log, sc, size);
      const parts = await Promise.all(shards.map((weeks, i) => ask(workers[i] as Worker, { text, weeks })));
      return mergeEvaluations(parts);
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Median wall time of a parallel analysis over `samples` runs, after one warm-up run. */
export async function timeParallel(pool: ShardPool, log: GameLog, sc: Scenario, samples: number): Promise<number> {
  await pool.run(log, sc);
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await pool.run(log, sc);
    ms.push(performance.now() - t0);
  }
  return median(ms);
}
