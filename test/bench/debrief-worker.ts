import { parentPort } from 'node:worker_threads';
import { parseLog } from '../../src/engine/log/parse.js';
import { getScenario } from '../../src/scenarios/registry.js';
import { evaluateGame, type GameEvaluation } from '../../src/analysis/counterfactual.js';

/* A bench thread: evaluates the range of weeks it is sent and posts the evaluation back. */

/** What the bench sends: a log's text and the weeks to evaluate. */
export interface ShardJob {
  text: string;
  weeks: { from: number; to: number };
}

const port = parentPort;
if (!port) throw new Error('debrief-worker.ts must run in a worker thread');
port.on('message', (job: ShardJob) => {
  const parsed = parseLog(job.text);
  const loaded = parsed.ok ? getScenario(parsed.log.header.scenario.id) : undefined;
  if (!parsed.ok || !loaded) throw new Error('bench worker: the log did not parse');
  const evaluation: GameEvaluation = evaluateGame(parsed.log, loaded.scenario, { weeks: job.weeks });
  port.postMessage(evaluation);
});
