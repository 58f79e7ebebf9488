import { parentPort } from 'node:worker_threads';
import { playOutcome, type Outcome } from '../analysis/balance.js';
import { getBot } from '../bots/index.js';
import { getScenario } from '../scenarios/registry.js';
import type { ToPool, ToWorker } from './balance-pool.js';

/* A balance worker thread: plays the chunks of games the pool sends and posts back how each
 * ended, in the order received. Started through balance-worker.mjs (which registers tsx); it
 * imports only what a game needs, not the whole library, because every module costs start-up. */

function playChunk(jobs: ToWorker['jobs']): Outcome[] {
  return jobs.map((j) => {
    const loaded = getScenario(j.scenario);
    if (!loaded) throw new Error(`unknown scenario "${j.scenario}"`);
    const bot = getBot(j.bot);
    if (!bot) throw new Error(`unknown bot "${j.bot}"`);
    return playOutcome(loaded.scenario, bot, j.seed);
  });
}

const port = parentPort;
if (!port) throw new Error('balance-worker.ts must run in a worker thread');
port.on('message', (msg: ToWorker) => {
  let reply: ToPool;
  try {
    reply = { type: 'done', start: msg.start, outcomes: playChunk(msg.jobs) };
  } catch (e) {
    reply = { type: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
