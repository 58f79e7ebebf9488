import type { GameLog } from '../../engine/log/format.js';
import { mergeEvaluations, planShards, type GameEvaluation } from '../../analysis/counterfactual.js';
import type { Debrief, Progress } from '../../analysis/types.js';
import type { OpenedLog } from './loading.js';

/* The page's side of the analysis workers: the weeks are split into one range per core, each
 * worker evaluates its range and reports progress (summed here into one bar), and one worker
 * then assembles the debrief from the merged evaluation. The workers get the log the page has
 * already parsed and verified (a plain object, cloned by postMessage), never its text again. */

/** What a worker posts back. */
export type WorkerReply =
  { kind: 'progress'; progress: Progress } | { kind: 'evaluated'; evaluation: GameEvaluation } | { kind: 'done'; debrief: Debrief } | { kind: 'error'; message: string };

/** A running analysis: its result, and a way to stop it. */
export interface Analysis {
  result: Promise<Debrief>;
  cancel(): void;
}

function isReply(data: unknown): data is WorkerReply {
  if (data === null || typeof data !== 'object') return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'progress' || kind === 'evaluated' || kind === 'done' || kind === 'error';
}

const spawn = () => new Worker(new URL('../analysis-worker.ts', import.meta.url), { type: 'module', name: 'phase-shift-analysis' });

/** Sends one request to a worker and resolves with its final reply (progress goes to `onProgress`). */
function ask(worker: Worker, request: object, onProgress: (p: Progress) => void): Promise<GameEvaluation | Debrief> {
  return new Promise((resolve, reject) => {
    const onMessage = (ev: MessageEvent<unknown>) => {
      const reply = ev.data;
      if (!isReply(reply)) return;
      switch (reply.kind) {
        case 'progress':
          return onProgress(reply.progress);
        case 'evaluated':
          worker.removeEventListener('message', onMessage);
          return resolve(reply.evaluation);
        case 'done':
          worker.removeEventListener('message', onMessage);
          return resolve(reply.debrief);
        case 'error':
          return reject(new Error(reply.message));
        default: {
          const never: never = reply;
          return reject(new Error(`unknown reply ${String(never)}`));
        }
      }
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (ev) => reject(new Error(ev.message || 'the analysis worker failed to start')));
    worker.postMessage(request);
  });
}

/** The week ranges to hand out: one per core (at most four), from the log's own weeks. */
function shardsOf(log: OpenedLog): { from: number; to: number }[] {
  const cores = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  const shards = planShards(log.facts, log.loaded.scenario, cores);
  return shards.length > 0 ? shards : [{ from: 1, to: Number.MAX_SAFE_INTEGER }];
}

/** Starts the debrief of an opened log on one worker per core. */
export function analyse(opened: OpenedLog, onProgress: (p: Progress) => void): Analysis {
  const shards = shardsOf(opened);
  // The evaluations need only the facts; the debrief gets the whole log, since it lists the coach's notes.
  const log: GameLog = { header: opened.parsed.header, entries: opened.parsed.entries };
  const facts = opened.facts;
  const workers = shards.map(spawn);
  const progress = shards.map(() => ({ done: 0, total: 0 }));
  const report = (i: number, p: Progress) => {
    progress[i] = { done: p.done, total: p.total };
    const done = progress.reduce((n, x) => n + x.done, 0);
    const total = progress.reduce((n, x) => n + x.total, 0);
    onProgress({ done, total, stage: p.stage });
  };
  const stop = () => workers.forEach((w) => w.terminate());
  const result = (async () => {
    try {
      const parts = await Promise.all(workers.map((w, i) => ask(w, { kind: 'evaluate', log: facts, weeks: shards[i] }, (p) => report(i, p))));
      const evaluation = mergeEvaluations(parts as GameEvaluation[]);
      return (await ask(workers[0] as Worker, { kind: 'debrief', log, evaluation }, () => undefined)) as Debrief;
    } finally {
      stop();
    }
  })();
  return { result, cancel: stop };
}
