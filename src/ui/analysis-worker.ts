/// <reference lib="webworker" />
import { z } from 'zod';
import { HeaderSchema, type GameLog } from '../engine/log/format.js';
import { scenarioFor } from '../scenarios/registry.js';
import type { Scenario } from '../scenarios/schema.js';
import { debriefOf } from '../analysis/debrief.js';
import { evaluateGame, type GameEvaluation } from '../analysis/counterfactual.js';
import type { Progress } from '../analysis/types.js';
import type { WorkerReply } from './viewer/analysis.js';

/* The replay viewer's analysis threads: the whole-game counterfactual evaluation is split into
 * ranges of weeks, one per worker, each reporting progress; one worker then assembles the
 * debrief from the merged evaluation. The board stays usable meanwhile. The page sends the log
 * it has already parsed and verified, so nothing here parses the text again. */

const Weeks = z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) });
const Evaluation = z.strictObject({ decisions: z.array(z.unknown()), evaluation: z.array(z.strictObject({ week: z.number().int(), value: z.number() })) });
/* Only the envelope of the log is checked: its lines were validated and re-simulated by the page. */
const Entry = z.looseObject({ kind: z.enum(['event', 'checkpoint', 'annotation']), week: z.number().int().min(1) });
const Log = z.strictObject({ header: HeaderSchema, entries: z.array(Entry) });
const RequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('evaluate'), log: Log, reference: z.string().max(64).optional(), weeks: Weeks }),
  z.strictObject({ kind: z.literal('debrief'), log: Log, reference: z.string().max(64).optional(), evaluation: Evaluation }),
]);

const post = (reply: WorkerReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

function open(log: GameLog): { log: GameLog; sc: Scenario } | string {
  const id = log.header.scenario.id;
  const loaded = scenarioFor(id, log.header.scenario.hash); // the version the page verified the log with
  return loaded ? { log, sc: loaded.scenario } : `this build has no scenario "${id}"`;
}

/** Progress messages at a few per second: a message per unit would flood the page. */
function throttled(): (p: Progress) => void {
  let last = 0;
  return (p) => {
    if (p.done === p.total || p.done - last >= Math.max(1, Math.floor(p.total / 50))) {
      last = p.done;
      post({ kind: 'progress', progress: { done: p.done, total: p.total, stage: p.stage } });
    }
  };
}

function handle(data: unknown): WorkerReply {
  const req = RequestSchema.safeParse(data);
  if (!req.success) return { kind: 'error', message: 'the analysis was asked for something it does not do' };
  // The entries' shape was checked above; their contents are the page's verified lines.
  const opened = open(req.data.log as unknown as GameLog);
  if (typeof opened === 'string') return { kind: 'error', message: opened };
  const reference = req.data.reference ? { reference: req.data.reference } : {};
  if (req.data.kind === 'evaluate') {
    return { kind: 'evaluated', evaluation: evaluateGame(opened.log, opened.sc, { ...reference, weeks: req.data.weeks, onProgress: throttled() }) };
  }
  // The evaluation came from this page's own workers (checked for shape above).
  const evaluation = req.data.evaluation as GameEvaluation;
  return { kind: 'done', debrief: debriefOf(opened.log, opened.sc, { ...reference, evaluation }) };
}

self.addEventListener('message', (ev: MessageEvent<unknown>) => {
  try {
    post(handle(ev.data));
  } catch (err) {
    post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
