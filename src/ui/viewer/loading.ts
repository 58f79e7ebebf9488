import { scenarioFor } from '../../scenarios/registry.js';
import type { LoadedScenario } from '../../scenarios/load.js';
import { MAX_LOG_BYTES, parseLog, type ParsedLog } from '../../engine/log/parse.js';
import { scenarioMismatch, verify } from '../../engine/log/replay.js';
import { factsHash } from '../../engine/log/fork.js';
import type { Annotation, GameLog } from '../../engine/log/format.js';
import type { GameState } from '../../engine/state.js';
import type { ReplaySource } from '../params.js';
import { readStored } from './handoff.js';

/* Opening a log for the viewer: read it (file, URL or storage), then parse, match the scenario
 * and re-simulate it whole. Only a log that passes every check is shown; otherwise the first
 * bad line (and field) is named and nothing is loaded. */

/** A log that passed every check, split into its facts and its annotations. */
export interface OpenedLog {
  name: string;
  text: string;
  parsed: ParsedLog;
  /** The header and every line except annotations (what verify and snapshots read). */
  facts: GameLog;
  annotations: Annotation[];
  loaded: LoadedScenario;
  factsHash: string;
  /** The states verify passed through, frozen, by week (index 0 the start): what the board seeks in. */
  states: GameState[];
}

/** Why a log was not opened: a title and one precise reason. */
export interface OpenProblem {
  title: string;
  reason: string;
}

/** The result of checking a log's text. */
export type Checked = { ok: true; log: OpenedLog } | { ok: false; problem: OpenProblem };

const refuse = (name: string, reason: string): Checked => ({ ok: false, problem: { title: `${name} cannot be opened`, reason } });

/** The first path at which two JSON values differ (e.g. "data.cash"), or '' when only the whole differs. */
export function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b ? '' : path;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    if (JSON.stringify(va) === JSON.stringify(vb)) continue;
    return firstDifference(va, vb, path ? `${path}.${k}` : k) || (path ? `${path}.${k}` : k);
  }
  return path;
}

function fieldOfMismatch(expected: string, actual: string): string {
  try {
    return firstDifference(JSON.parse(expected), JSON.parse(actual));
  } catch {
    return '';
  }
}

/** Why a text is not a game log at all (before naming a line), or null when it starts like one. */
export function notALog(text: string): string | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return 'This file is empty: a Phase Shift game log starts with a header line.';
  const first = (body.split('\n')[0] ?? '').replace(/\r$/, '');
  let json: unknown;
  try {
    json = JSON.parse(first);
  } catch {
    json = undefined;
  }
  const header = typeof json === 'object' && json !== null && !Array.isArray(json) && (json as { kind?: unknown }).kind === 'header';
  return header ? null : 'This file is not a Phase Shift game log: its first line is not a log header.';
}

/** Parses, matches and re-simulates a log; the log is returned only when all of it checks out. */
export function checkLogText(text: string, name: string): Checked {
  const foreign = notALog(text);
  if (foreign) return refuse(name, foreign);
  const parsed = parseLog(text);
  if (!parsed.ok) {
    const e = parsed.error;
    return refuse(name, `line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}`);
  }
  const { header } = parsed.log;
  const loaded = scenarioFor(header.scenario.id, header.scenario.hash); // an older log opens with its released version
  if (!loaded) return refuse(name, `line 1 (scenario.id): this build has no scenario "${header.scenario.id}"`);
  const mismatch = scenarioMismatch(header, loaded.scenario, loaded.hash);
  if (mismatch) return refuse(name, `line 1 (scenario): ${mismatch}`);
  // Verify re-simulates every week anyway: it keeps the weeks' states, so nothing folds the log again.
  const check = verify(parsed.log, loaded.scenario, { keepWeeks: true });
  if (!check.ok) {
    const field = check.actual.startsWith('rejected') ? '' : fieldOfMismatch(check.expected, check.actual);
    return refuse(name, `line ${check.line}${field ? ` (${field})` : ''}: ${check.message} — the log was changed or made by different rules`);
  }
  const facts: GameLog = { header, entries: parsed.log.entries.filter((e) => e.kind !== 'annotation') };
  const annotations = parsed.log.entries.filter((e): e is Annotation => e.kind === 'annotation');
  const states = check.states ?? [];
  return { ok: true, log: { name, text, parsed: parsed.log, facts, annotations, loaded, factsHash: factsHash(facts), states } };
}

/** Reads a dropped or picked file, refusing one larger than any log. */
export async function readFile(file: File): Promise<{ name: string; text: string }> {
  if (file.size > MAX_LOG_BYTES) throw new Error(`This file is ${megabytes(file.size)}; a Phase Shift game log is at most ${megabytes(MAX_LOG_BYTES)}.`);
  return { name: file.name, text: await file.text() };
}

/** Reads the log a viewer URL names: fetched from an address or read from this browser's storage. */
export async function readSource(source: Exclude<ReplaySource, { kind: 'pick' }>): Promise<{ name: string; text: string }> {
  if (source.kind === 'stored') {
    const stored = readStored(source.key);
    if (!stored) throw new Error('This browser no longer holds that log (it was stored in another tab or browser, or cleared). Open the file instead.');
    return stored;
  }
  const url = new URL(source.url, window.location.href);
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new Error(`Could not reach ${url.href} (the address may be wrong, the server down, or it may not let this page read the file).`);
  }
  if (res.status === 404 || res.status === 410) throw new Error(`No log at ${url.href} (the server answered ${res.status}).`);
  if (!res.ok) throw new Error(`The server at ${url.href} answered ${`${res.status} ${res.statusText}`.trim()} instead of sending the log.`);
  const size = Number(res.headers.get('content-length') ?? '0');
  if (size > MAX_LOG_BYTES) throw new Error(`${url.href} is ${megabytes(size)}; a Phase Shift game log is at most ${megabytes(MAX_LOG_BYTES)}.`);
  const text = await res.text();
  // Many servers answer a missing file with their own web page (and 200): that is not a log either.
  if ((res.headers.get('content-type') ?? '').includes('text/html') || /^\s*<(!doctype|html)/i.test(text)) {
    throw new Error(`No log at ${url.href} (the server sent a web page instead, which usually means it has no file there).`);
  }
  return { name: fileName(url), text };
}

function fileName(url: URL): string {
  const last = url.pathname.split('/').pop() || 'log.jsonl';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1).replace(/\.0$/, '')} MB`;
