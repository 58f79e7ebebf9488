import { scenarioFor } from '../../scenarios/registry.js';
import { MAX_LOG_BYTES } from '../../engine/log/parse.js';
import { checkLog, type CheckedLog } from '../../analysis/compare.js';
import type { LogProblem } from '../../analysis/compare-types.js';

/* Reading the logs a coach drops or picks: each file is read, parsed and re-simulated whole by
 * the same `checkLog` the CLI uses; a file that fails is named with its first bad line and
 * nothing of it is kept. */

/** A log that passed every check, with its text (to hand to the replay viewer). */
export interface Accepted {
  checked: CheckedLog;
  text: string;
}

/** What became of a batch of files: the accepted logs and the rejected ones' problems. */
export interface Batch {
  accepted: Accepted[];
  rejected: LogProblem[];
}

function problemWhat(kind: LogProblem['kind']): string {
  switch (kind) {
    case 'mismatch':
      return 'does not reproduce';
    case 'scenario':
      return 'is for another scenario';
    case 'parse':
      return 'could not be read';
    case 'duplicate':
      return 'repeats another log';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** How a rejected file reads to the coach: its name, the first bad line (or the file it repeats) and why. */
export function problemText(p: LogProblem): string {
  if (p.kind === 'duplicate') return `${p.name} was not added: ${p.message}.`;
  const where = p.line > 0 ? `line ${p.line}${p.field ? `, ${p.field}` : ''}: ` : '';
  return `${p.name} ${problemWhat(p.kind)} (${where}${p.message}); it was not added.`;
}

async function readOne(file: File): Promise<{ ok: true; accepted: Accepted } | { ok: false; problem: LogProblem }> {
  if (file.size > MAX_LOG_BYTES)
    return { ok: false, problem: { name: file.name, kind: 'parse', line: 0, message: `the file is ${file.size} bytes; the limit is ${MAX_LOG_BYTES}` } };
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { ok: false, problem: { name: file.name, kind: 'parse', line: 0, message: `the browser could not read it (${e instanceof Error ? e.message : String(e)})` } };
  }
  const r = checkLog({ name: file.name, text }, scenarioFor);
  return r.ok ? { ok: true, accepted: { checked: r.checked, text } } : r;
}

/** Lets the page paint the progress line (a frame, or a short wait when the tab is hidden). */
const paint = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => resolve());
    setTimeout(resolve, 50);
  });

/** Checks files one by one in name order, yielding between them so the page can show progress. */
export async function readBatch(files: readonly File[], progress: (done: number, total: number, name: string) => void = () => undefined): Promise<Batch> {
  const batch: Batch = { accepted: [], rejected: [] };
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const [i, f] of sorted.entries()) {
    progress(i, sorted.length, f.name);
    await paint();
    const r = await readOne(f);
    if (r.ok) batch.accepted.push(r.accepted);
    else batch.rejected.push(r.problem);
  }
  return batch;
}
