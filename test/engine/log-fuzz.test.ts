import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import alea from 'seedrandom/lib/alea';
import { parseLog } from '../../src/engine/log/parse.js';
import { scenarioMismatch, verify } from '../../src/engine/log/replay.js';
import { DECISION_TYPES } from '../../src/engine/decisions.js';
import { EventSchema } from '../../src/engine/events.js';
import type { GameLog } from '../../src/engine/log/format.js';
import { FULL, loaded, recordedLog, sc } from '../helpers.js';

/* Fuzzing the log reader: damaged logs (seeded, so every failure reproduces) go through
 * parseLog and then verify. Each must either parse and verify-or-fail cleanly, or be rejected
 * with a 1-based line and a message — never throw, never hang, never pollute; a damaged log
 * that still verifies must say what the original said (or the start of it). npm test runs a
 * dozen cases per kind of damage; PHASE_SHIFT_FULL=1 runs 3,000. */

type Rng = () => number;
type Mutator = (text: string, r: Rng) => string;

const EVENT_TYPES = EventSchema.options.map((o) => o.shape.type.value as string);
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)] as T;
const splitLines = (t: string) => t.split('\n');

const WEIRD_NUMBERS = [
  '0',
  '-1',
  '1e400',
  '-1e400',
  '1e-400',
  '9007199254740993',
  '0.30000000000000004',
  '1.5',
  '-0',
  '2147483648',
  '"7"',
  'null',
  'true',
  '[]',
  '{}',
  '99999999999999999999999',
];
const WEIRD_TEXT = ['\u0000', '\ufffd', '\ud800', '"', '\\', '{', '}', ',', ':', '\r', '\t', 'é', '💥', '\u2028', 'null'];

const mutators: Record<string, Mutator> = {
  truncateAtByte: (t, r) => t.slice(0, int(r, t.length + 1)),
  deleteLine: (t, r) => {
    const l = splitLines(t);
    l.splice(int(r, l.length), 1);
    return l.join('\n');
  },
  duplicateLine: (t, r) => {
    const l = splitLines(t);
    const i = int(r, l.length);
    l.splice(i, 0, l[i] as string);
    return l.join('\n');
  },
  swapLines: (t, r) => {
    const l = splitLines(t);
    const i = int(r, l.length);
    const j = int(r, l.length);
    [l[i], l[j]] = [l[j] as string, l[i] as string];
    return l.join('\n');
  },
  moveLineLater: (t, r) => {
    const l = splitLines(t);
    const i = int(r, l.length);
    const [x] = l.splice(i, 1);
    l.splice(Math.min(l.length, i + 1 + int(r, 20)), 0, x as string);
    return l.join('\n');
  },
  flipCharacters: (t, r) => {
    const chars = [...t];
    const k = 1 + int(r, 4);
    for (let n = 0; n < k && chars.length > 0; n++) chars[int(r, chars.length)] = r() < 0.5 ? String.fromCharCode(32 + int(r, 95)) : pick(r, WEIRD_TEXT);
    return chars.join('');
  },
  replaceNumber: (t, r) => {
    const spots = [...t.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
    if (spots.length === 0) return t;
    const m = pick(r, spots);
    const by = r() < 0.6 ? pick(r, WEIRD_NUMBERS) : String(int(r, 2_000_000) - 1_000_000);
    return t.slice(0, m.index) + by + t.slice((m.index ?? 0) + m[0].length);
  },
  injectProto: (t, r) => {
    const l = splitLines(t);
    const i = int(r, l.length);
    const key = pick(r, ['__proto__', 'constructor', 'prototype']);
    const payload = `"${key}":{"polluted":true,"isAdmin":true}`;
    const line = l[i] ?? '';
    l[i] = line.includes('"data":{') && r() < 0.5 ? line.replace('"data":{', `"data":{${payload},`) : line.replace('{', `{${payload},`);
    return l.join('\n');
  },
  hugeLine: (t, r) => {
    const l = splitLines(t);
    const big = r() < 0.5 ? JSON.stringify({ kind: 'annotation', week: 1, text: 'x'.repeat(270_000) }) : 'y'.repeat(300_000);
    l.splice(1 + int(r, l.length), 0, big);
    return l.join('\n');
  },
  deepNesting: (t, r) => {
    const l = splitLines(t);
    const depth = pick(r, [100, 5_000, 200_000]);
    l.splice(1 + int(r, l.length), 0, `{"kind":"annotation","week":1,"text":"x","x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    return l.join('\n');
  },
  wrongVersion: (t, r) => {
    const l = splitLines(t);
    l[0] = (l[0] ?? '').replace('"version":1', `"version":${pick(r, ['0', '2', '-1', '1.5', '"1"', 'null', '1e400', '[1]'])}`);
    return l.join('\n');
  },
  notJson: (t, r) => {
    const l = splitLines(t);
    l[int(r, l.length)] = pick(r, ['not json', '{"kind":', 'undefined', 'NaN', "{'kind':'event'}", '{"kind":"event",}', '"just a string"', '42', 'null', '[]']);
    return l.join('\n');
  },
  empty: () => '',
  binaryGarbage: (_t, r) => {
    let s = '';
    const n = int(r, 3000);
    for (let i = 0; i < n; i++) s += String.fromCharCode(int(r, 256));
    return s;
  },
  garbageAfterValid: (t, r) => {
    let s = '';
    const n = 1 + int(r, 200);
    for (let i = 0; i < n; i++) s += String.fromCharCode(int(r, 65536));
    return t + s;
  },
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  blankLines: (t, r) => {
    const l = splitLines(t);
    l.splice(int(r, l.length + 1), 0, pick(r, ['', ' ', '\r', '\t']));
    return l.join('\n');
  },
  randomEventLine: (t, r) => {
    const l = splitLines(t);
    const at = 1 + int(r, Math.max(1, l.length - 1));
    const prev = l
      .slice(0, at)
      .reverse()
      .find((x) => x.includes('"kind":"event"'));
    const seq = prev ? Number(/"seq":(\d+)/.exec(prev)?.[1] ?? 0) + 1 : 1;
    const week = prev ? Number(/"week":(\d+)/.exec(prev)?.[1] ?? 1) : 1;
    const type = r() < 0.5 ? pick(r, DECISION_TYPES) : pick(r, EVENT_TYPES);
    const data = pick(r, [
      {},
      { incident: 1, action: 'hotfix', communicate: true, postmortem: false },
      { feature: 'codebase-agent' },
      { threshold: 0.3 },
      { labels: 5 },
      { revenue: 1 },
      { x: [1, 2, 3] },
    ]);
    l.splice(at, 0, JSON.stringify({ kind: 'event', seq, week, by: r() < 0.5 ? 'player' : 'world', type, data }));
    return l.join('\n');
  },
  changeKind: (t, r) => {
    const l = splitLines(t);
    const i = int(r, l.length);
    l[i] = (l[i] ?? '').replace(/"kind":"\w+"/, `"kind":"${pick(r, ['event', 'checkpoint', 'annotation', 'header', 'EVENT', ''])}"`);
    return l.join('\n');
  },
  renameKey: (t, r) => {
    const l = splitLines(t);
    const i = int(r, l.length);
    l[i] = (l[i] ?? '').replace(/"(\w+)":/, `"${pick(r, ['kind', 'seq', 'week', 'by', 'type', 'data', 'extra', 'hash'])}":`);
    return l.join('\n');
  },
  dropHeader: (t) => splitLines(t).slice(1).join('\n'),
  duplicateHeader: (t) => {
    const l = splitLines(t);
    l.splice(1, 0, l[0] as string);
    return l.join('\n');
  },
  changeSeed: (t, r) => t.replace(/"seed":"[^"]*"/, `"seed":${pick(r, ['"other"', '""', '"x".repeat', '1', 'null', JSON.stringify('s'.repeat(300))])}`),
  changeWeek: (t, r) => {
    const l = splitLines(t);
    const i = 1 + int(r, Math.max(1, l.length - 1));
    l[i] = (l[i] ?? '').replace(/"week":\d+/, `"week":${pick(r, ['0', '1', '500', '9007199254740991', '-3', '2.5'])}`);
    return l.join('\n');
  },
  changeBy: (t, r) => {
    const l = splitLines(t);
    const i = 1 + int(r, Math.max(1, l.length - 1));
    l[i] = (l[i] ?? '').replace(/"by":"\w+"/, `"by":"${pick(r, ['player', 'world', 'coach'])}"`);
    return l.join('\n');
  },
  truncateAtLine: (t, r) => {
    const l = splitLines(t);
    return l.slice(0, int(r, l.length + 1)).join('\n');
  },
};
const NAMES = Object.keys(mutators);

/** One fuzz case: a damaged log and how it was made (`first`, when given, is the first damage). */
function damage(base: string, r: Rng, first?: string): { text: string; how: string[] } {
  const how: string[] = [];
  let text = base;
  const n = r() < 0.75 ? 1 : 2 + int(r, 2);
  for (let i = 0; i < n; i++) {
    const name = i === 0 && first !== undefined ? first : pick(r, NAMES);
    how.push(name);
    text = (mutators[name] as Mutator)(text, r);
  }
  return { text, how };
}

/** The lines that are not annotations: what a log says happened. */
const body = (log: GameLog) => log.entries.filter((e) => e.kind !== 'annotation');
/** The header without its labels: verify replays the seed; the engine and scenario version are
 * labels (a differing engine is only a note, the scenario is pinned by its hash, which callers
 * check with scenarioMismatch), so a damaged label may still verify. */
const pinned = (log: GameLog) => ({ ...log.header, engine: '', scenario: { ...log.header.scenario, version: '', hash: '' } });

/** Why a verified log is not the original or a prefix of it, or null when it is. */
function notThePlayedGame(log: GameLog, original: GameLog): string | null {
  if (!isDeepStrictEqual(pinned(log), pinned(original))) return 'verified with a changed header';
  if (log.header.scenario.hash !== original.header.scenario.hash && scenarioMismatch(log.header, sc, loaded().hash) === null)
    return 'verified with a scenario hash that scenarioMismatch accepts';
  const got = body(log);
  const want = body(original);
  if (got.length > want.length) return `verified with ${got.length - want.length} lines more than the original`;
  const at = got.findIndex((e, i) => !isDeepStrictEqual(e, want[i]));
  return at < 0 ? null : `verified, but body line ${at + 1} differs from the original's`;
}

/** Checks one case against its undamaged original; returns a description of the problem, or null when it is handled cleanly. */
function check(text: string, original?: GameLog): { problem: string | null; outcome: 'rejected' | 'verified' | 'differs' } {
  const lineCount = text.split('\n').length;
  const parsed = parseLog(text);
  if (!parsed.ok) {
    const { line, message } = parsed.error;
    if (!Number.isInteger(line) || line < 1 || line > Math.max(1, lineCount)) return { problem: `parse error line ${line} out of range 1..${lineCount}`, outcome: 'rejected' };
    if (typeof message !== 'string' || message.trim() === '') return { problem: 'parse error without a message', outcome: 'rejected' };
    return { problem: null, outcome: 'rejected' };
  }
  const v = verify(parsed.log, sc);
  if (v.ok) return { problem: original ? notThePlayedGame(parsed.log, original) : null, outcome: 'verified' };
  if (!Number.isInteger(v.line) || v.line < 1 || v.line > lineCount + 1) return { problem: `verify line ${v.line} out of range 1..${lineCount + 1}`, outcome: 'differs' };
  if (typeof v.message !== 'string' || v.message.trim() === '') return { problem: 'verify failure without a message', outcome: 'differs' };
  return { problem: null, outcome: 'differs' };
}

/** How many damaged logs a run checks: a dozen per kind of damage, or 3,000 in the full run. */
const CASES = FULL ? 3000 : 12 * NAMES.length;

/** The base logs as text and parsed (parsing the undamaged text must succeed). */
function basesOf(texts: string[]): { text: string; log: GameLog }[] {
  return texts.map((text) => {
    const parsed = parseLog(text);
    if (!parsed.ok) throw new Error(`an undamaged base log does not parse: line ${parsed.error.line}: ${parsed.error.message}`);
    return { text, log: parsed.log };
  });
}

describe('log fuzz', () => {
  let short = '';
  let long = '';
  let bases: { text: string; log: GameLog }[] = [];
  const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(() => {
    short = recordedLog('fuzz-short', 4).text;
    long = recordedLog('fz-6').text; // a whole game through fit, incidents and contracts
    bases = basesOf([short, long]);
  });

  it(`handles ${CASES} damaged logs cleanly, and a damaged log that verifies is the original or a prefix of it`, () => {
    const r = alea('phase-shift-log-fuzz-1');
    const problems: string[] = [];
    const outcomes = { rejected: 0, verified: 0, differs: 0 };
    const seen = new Map<string, number>();
    let cases = 0;
    for (let i = 0; i < CASES; i++) {
      // Mostly the short log (verify is a full re-simulation); some of the whole post-fit game.
      const base = bases[i % 25 === 24 ? 1 : 0];
      if (!base) throw new Error('no base log');
      // The fast run starts every case with the next kind of damage in turn, so every kind is covered.
      const { text, how } = damage(base.text, r, FULL ? undefined : NAMES[i % NAMES.length]);
      for (const h of how) seen.set(h, (seen.get(h) ?? 0) + 1);
      cases += 1;
      try {
        const { problem, outcome } = check(text, base.log);
        outcomes[outcome] += 1;
        if (problem) problems.push(`case ${i} [${how.join(' + ')}]: ${problem}`);
      } catch (e) {
        problems.push(`case ${i} [${how.join(' + ')}] threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(cases).toBe(CASES);
    expect(outcomes.rejected + outcomes.verified + outcomes.differs).toBe(CASES);
    // The fuzz exercised every mutation and every outcome (it is not vacuous).
    expect([...seen.keys()].sort()).toEqual([...NAMES].sort());
    if (!FULL) for (const name of NAMES) expect(seen.get(name) ?? 0, `cases damaged by ${name}`).toBeGreaterThanOrEqual(12);
    expect(outcomes.rejected, 'damaged logs the parser rejected').toBeGreaterThan(CASES / 10);
    expect(outcomes.differs, 'damaged logs verify rejected').toBeGreaterThan(CASES / 60);
    expect(outcomes.verified, 'damaged logs that still verified (each checked to be the original or a prefix)').toBeGreaterThan(CASES / 300);
  });

  it('the oracle notices a verified log that is not the original or a prefix of it', () => {
    const [shortBase, longBase] = bases;
    if (!shortBase || !longBase) throw new Error('no base logs');
    expect(notThePlayedGame(shortBase.log, shortBase.log)).toBeNull();
    expect(notThePlayedGame({ ...shortBase.log, entries: shortBase.log.entries.slice(0, 5) }, shortBase.log)).toBeNull();
    expect(notThePlayedGame(longBase.log, shortBase.log)).toMatch(/header/);
    expect(notThePlayedGame({ header: shortBase.log.header, entries: longBase.log.entries }, shortBase.log)).toMatch(/lines more|differs/);
    const relabelled = { ...shortBase.log.header, engine: '9.9.9', scenario: { ...shortBase.log.header.scenario, version: '1.0.-1' } };
    expect(notThePlayedGame({ ...shortBase.log, header: relabelled }, shortBase.log), 'labels are not what happened').toBeNull();
    const swapped = [...shortBase.log.entries];
    [swapped[1], swapped[2]] = [swapped[2] as (typeof swapped)[number], swapped[1] as (typeof swapped)[number]];
    expect(notThePlayedGame({ ...shortBase.log, entries: swapped }, shortBase.log)).toMatch(/line 2 differs/);
  });

  it('never pollutes Object.prototype', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('is reproducible: the same fuzz seed gives the same damaged logs', () => {
    const a = alea('repro');
    const b = alea('repro');
    for (let i = 0; i < 50; i++) expect(damage(short, a)).toEqual(damage(short, b));
  });

  it('accepts the undamaged bases (the checker is not rejecting everything)', () => {
    expect(check(short)).toEqual({ problem: null, outcome: 'verified' });
    expect(check(long)).toEqual({ problem: null, outcome: 'verified' });
  });
});
