/// <reference lib="webworker" />
import { z } from 'zod';
import { parseLog } from '../engine/log/parse.js';
import { getScenario, scenarioIds } from '../scenarios/registry.js';
import { debriefOf } from '../analysis/debrief.js';
import type { Progress } from '../analysis/types.js';
import type { WorkerReply } from './viewer/analysis.js';

/* The replay viewer's analysis thread: the whole-game counterfactual debrief takes around a
 * second, so it runs here while the board stays usable, reporting progress as it goes. */

const RequestSchema = z.strictObject({ text: z.string(), reference: z.string().max(64).optional() });

const post = (reply: WorkerReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

function analyse(data: unknown): WorkerReply {
  const req = RequestSchema.safeParse(data);
  if (!req.success) return { kind: 'error', message: 'the analysis was asked for something that is not a log' };
  const parsed = parseLog(req.data.text);
  if (!parsed.ok) return { kind: 'error', message: `line ${parsed.error.line}: ${parsed.error.message}` };
  const id = parsed.log.header.scenario.id;
  const loaded = scenarioIds().includes(id) ? getScenario(id) : undefined;
  if (!loaded) return { kind: 'error', message: `this build has no scenario "${id}"` };
  let last = 0;
  const onProgress = (p: Progress) => {
    // A message per unit would flood the page; a few per second is plenty for a bar.
    if (p.done === p.total || p.done - last >= Math.max(1, Math.floor(p.total / 50))) {
      last = p.done;
      post({ kind: 'progress', progress: { done: p.done, total: p.total, stage: p.stage } });
    }
  };
  const debrief = debriefOf(parsed.log, loaded.scenario, { ...(req.data.reference ? { reference: req.data.reference } : {}), onProgress });
  return { kind: 'done', debrief };
}

self.addEventListener('message', (ev: MessageEvent<unknown>) => {
  try {
    post(analyse(ev.data));
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
