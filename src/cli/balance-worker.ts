import type { MessagePort } from 'node:worker_threads';
import { playOutcome, type Outcome } from '../analysis/balance.js';
import { getBot } from '../bots/index.js';
import { getScenario } from '../scenarios/registry.js';

/* What a balance worker thread does: play the chunks of games the pool sends and post back how
 * each ended, in the order received. The pool's main thread plays chunks with the same
 * `playChunk` while its workers start. This module has no side effects: the worker's entry is
 * a two-line stub the pool bundles (with esbuild) together with this file and what it imports
 * — only what a game needs, not the whole library, because every module costs start-up. */

/** A chunk of games for a worker; `start` is the index of its first job. */
export interface ToWorker {
  start: number;
  jobs: { scenario: string; bot: string; seed: string }[];
}

/** A worker's messages: started and waiting for work, a chunk's outcomes in order, or what went wrong. */
export type ToPool = { type: 'ready' } | { type: 'done'; start: number; outcomes: Outcome[] } | { type: 'error'; message: string };

/** Plays a chunk's games one after another; throws on an unknown scenario or bot. */
export function playChunk(jobs: ToWorker['jobs']): Outcome[] {
  return jobs.map((j) => {
    const loaded = getScenario(j.scenario);
    if (!loaded) throw new Error(`unknown scenario "${j.scenario}"`);
    const bot = getBot(j.bot);
    if (!bot) throw new Error(`unknown bot "${j.bot}"`);
    return playOutcome(loaded.scenario, bot, j.seed);
  });
}

/** What a worker is told when it starts: the scenarios of the run, loaded before it says it is ready. */
export interface WorkerStart {
  scenarios: string[];
}

/** Answers the pool on a worker's port: loads the run's scenarios, says it is ready, then plays every chunk it is sent. */
export function serveWorker(port: MessagePort, start: WorkerStart | undefined): void {
  for (const id of start?.scenarios ?? []) getScenario(id); // an unknown id is reported by the chunk that names it
  port.on('message', (msg: ToWorker) => {
    let reply: ToPool;
    try {
      reply = { type: 'done', start: msg.start, outcomes: playChunk(msg.jobs) };
    } catch (e) {
      reply = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
  const ready: ToPool = { type: 'ready' };
  port.postMessage(ready);
}
