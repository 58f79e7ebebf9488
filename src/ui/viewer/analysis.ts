import type { Debrief, Progress } from '../../analysis/types.js';

/* The page's side of the analysis worker: send the log text, hear progress, get the debrief. */

/** What the worker posts back. */
export type WorkerReply =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; debrief: Debrief }
  | { kind: 'error'; message: string };

/** A running analysis: its result, and a way to stop it. */
export interface Analysis {
  result: Promise<Debrief>;
  cancel(): void;
}

function isReply(data: unknown): data is WorkerReply {
  if (data === null || typeof data !== 'object') return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'progress' || kind === 'done' || kind === 'error';
}

/** Starts the debrief of a log's text in a module worker. */
export function analyse(text: string, onProgress: (p: Progress) => void): Analysis {
  const worker = new Worker(new URL('../analysis-worker.ts', import.meta.url), { type: 'module', name: 'phase-shift-analysis' });
  const result = new Promise<Debrief>((resolve, reject) => {
    worker.addEventListener('message', (ev: MessageEvent<unknown>) => {
      const reply = ev.data;
      if (!isReply(reply)) return;
      switch (reply.kind) {
        case 'progress':
          onProgress(reply.progress);
          return;
        case 'done':
          worker.terminate();
          resolve(reply.debrief);
          return;
        case 'error':
          worker.terminate();
          reject(new Error(reply.message));
          return;
        default: {
          const never: never = reply;
          throw new Error(`unknown reply ${String(never)}`);
        }
      }
    });
    worker.addEventListener('error', (ev) => {
      worker.terminate();
      reject(new Error(ev.message || 'the analysis worker failed to start'));
    });
  });
  worker.postMessage({ text });
  return { result, cancel: () => worker.terminate() };
}
