import { z } from 'zod';
import { DecisionSchema } from '../decisions.js';
import { EventSchema } from '../events.js';
import { formatPath } from '../../scenarios/load.js';
import {
  AnnotationSchema,
  CheckpointSchema,
  EventLineSchema,
  HeaderSchema,
  LOG_FORMAT,
  LOG_VERSION,
  isDecisionLine,
  type GameLog,
  type LogEntry,
  type LogHeader,
} from './format.js';

/* Reading a log: every line is parsed and validated before anything is used, so a bad file
 * is rejected whole with the first bad line named — never half-loaded. */

/** Why a log was rejected: the 1-based line, the field inside it (if any), and a message. */
export interface LogError {
  line: number;
  field?: string;
  message: string;
}

/** A parsed log plus the file line number of each body entry (for error messages). */
export interface ParsedLog extends GameLog {
  lineOf: number[];
}

/** The largest log accepted (a 104-week game is well under 1 MB). */
export const MAX_LOG_BYTES = 32 * 1024 * 1024;
const MAX_LINE_CHARS = 256 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/* Upcasters turn an older version's lines into the current shape; version 1 is current. */
const UPCASTERS: Record<number, (line: Record<string, unknown>) => Record<string, unknown>> = {};

type Parsed<T> = { ok: true; value: T } | { ok: false; error: LogError };
const fail = (line: number, message: string, field?: string): { ok: false; error: LogError } => ({
  ok: false,
  error: field === undefined ? { line, message } : { line, field, message },
});

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
    j = q + 1;
  }
}

/** The first key that appears twice in one object of a valid JSON text, or null. JSON.parse keeps
 * the last of two equal keys without a word (and a reviver sees only that one), so the keys are
 * read from the text: a key spelled with escapes ("\u0061") counts as the key it spells. */
export function duplicateKey(text: string): string | null {
  const stack: (Set<string> | null)[] = [];
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const keys = stack[stack.length - 1];
      if (keyNext && keys) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return key;
        keys.add(key);
      }
      keyNext = false;
      i = end;
    } else if (c === 0x7b /* { */) {
      stack.push(new Set());
      keyNext = true;
    } else if (c === 0x5b /* [ */) stack.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) keyNext = stack[stack.length - 1] instanceof Set;
  }
  return null;
}

function parseJson(text: string, line: number): Parsed<Record<string, unknown>> {
  if (text.length > MAX_LINE_CHARS) return fail(line, `line is ${text.length} characters long; the limit is ${MAX_LINE_CHARS}`);
  let bad: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) bad = key;
      return v;
    });
  } catch (e) {
    return fail(line, `not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
  }
  if (bad !== null) return fail(line, `the key "${bad}" is not allowed`, bad);
  const twice = duplicateKey(text);
  if (twice !== null) return fail(line, `the key ${JSON.stringify(twice)} appears twice in one object (JSON would silently keep the last); each key must appear once`, twice);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(line, 'each line must be a JSON object');
  return { ok: true, value: value as Record<string, unknown> };
}

function zodFail(line: number, error: z.ZodError, prefix = ''): { ok: false; error: LogError } {
  const issue = error.issues[0];
  const path = issue ? formatPath(issue.path) : '(root)';
  const field = prefix === '' ? path : path === '(root)' ? prefix : `${prefix}.${path}`;
  return fail(line, issue?.message ?? 'invalid', field);
}

function parseHeader(text: string | undefined): Parsed<LogHeader> {
  if (text === undefined || text.trim() === '') return fail(1, 'the log is empty: line 1 must be the header');
  const json = parseJson(text, 1);
  if (!json.ok) return json;
  const v = json.value;
  if (v['kind'] !== 'header' || v['format'] !== LOG_FORMAT) return fail(1, `line 1 is not a ${LOG_FORMAT} header`, 'format');
  if (typeof v['version'] === 'number' && v['version'] !== LOG_VERSION && !UPCASTERS[v['version']]) {
    return fail(1, `log version ${v['version']} is not supported (this engine reads version ${LOG_VERSION})`, 'version');
  }
  const h = HeaderSchema.safeParse(v);
  return h.success ? { ok: true, value: h.data } : zodFail(1, h.error);
}

function parseBodyLine(v: Record<string, unknown>, line: number): Parsed<LogEntry> {
  switch (v['kind']) {
    case 'event': {
      const env = EventLineSchema.safeParse(v);
      if (!env.success) return zodFail(line, env.error);
      const inner = { type: env.data.type, data: env.data.data };
      const isDecision = isDecisionLine(env.data as never);
      if (isDecision && env.data.by !== 'player') return fail(line, `"${env.data.type}" is a decision, so "by" must be "player"`, 'by');
      const body = isDecision ? DecisionSchema.safeParse(inner) : EventSchema.safeParse(inner);
      if (!body.success) return zodFail(line, body.error);
      return { ok: true, value: { kind: 'event', seq: env.data.seq, week: env.data.week, by: env.data.by, ...body.data } as LogEntry };
    }
    case 'checkpoint': {
      const c = CheckpointSchema.safeParse(v);
      return c.success ? { ok: true, value: c.data } : zodFail(line, c.error);
    }
    case 'annotation': {
      const a = AnnotationSchema.safeParse(v);
      return a.success ? { ok: true, value: a.data } : zodFail(line, a.error);
    }
    default:
      return fail(line, `unknown line kind ${JSON.stringify(v['kind'] ?? null)} (expected event, checkpoint or annotation)`, 'kind');
  }
}

/* Weeks run in order: a line never goes back a week, and a new week starts only right after
 * the previous one closed, one week later. (Annotations may sit anywhere.) */
function orderProblem(e: LogEntry, week: number, closed: boolean): string | null {
  if (e.kind === 'annotation' || e.week === week) return null;
  if (e.week < week) return `week ${e.week} comes after week ${week}: lines are out of order`;
  if (!closed) return `week ${e.week} starts before week ${week} has closed`;
  return e.week === week + 1 ? null : `week ${e.week} follows week ${week}: weeks cannot be skipped`;
}

/** Parses and validates a whole JSON Lines log; the first problem rejects it. */
export function parseLog(text: string): { ok: true; log: ParsedLog } | { ok: false; error: LogError } {
  if (text.length > MAX_LOG_BYTES) return fail(1, `the log is ${text.length} bytes; the limit is ${MAX_LOG_BYTES}`);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  const header = parseHeader(lines[0]?.replace(/\r$/, ''));
  if (!header.ok) return header;
  const upcast = UPCASTERS[header.value.version];
  const entries: LogEntry[] = [];
  const lineOf: number[] = [];
  let seq = 0;
  let week = 1;
  let closed = false;
  for (let i = 1; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '') {
      if (lines.slice(i + 1).some((l) => l.trim() !== '')) return fail(i + 1, 'blank line inside the log');
      break;
    }
    const json = parseJson(raw, i + 1);
    if (!json.ok) return json;
    const entry = parseBodyLine(upcast ? upcast(json.value) : json.value, i + 1);
    if (!entry.ok) return entry;
    const e = entry.value;
    const order = orderProblem(e, week, closed);
    if (order) return fail(i + 1, order, 'week');
    if (e.kind !== 'annotation' && e.week > week) closed = false;
    if (e.kind === 'event' && e.type === 'week.closed') closed = true;
    if (e.kind === 'event') {
      if (e.seq !== seq + 1) return fail(i + 1, `sequence number ${e.seq} should be ${seq + 1}`, 'seq');
      seq = e.seq;
    }
    if (e.kind !== 'annotation') week = e.week;
    entries.push(e);
    lineOf.push(i + 1);
  }
  return { ok: true, log: { header: header.value, entries, lineOf } };
}

/** Serialises a log to JSON Lines (one trailing newline). */
export function serializeLog(log: GameLog): string {
  const out = [JSON.stringify(log.header)];
  for (const e of log.entries) out.push(JSON.stringify(e));
  return `${out.join('\n')}\n`;
}
