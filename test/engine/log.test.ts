import { beforeAll, describe, expect, it } from 'vitest';
import { parseLog, serializeLog, type ParsedLog } from '../../src/engine/log/parse.js';
import { makeHeader, replay, scenarioMismatch, verify } from '../../src/engine/log/replay.js';
import { isDecisionLine, type LogEntry } from '../../src/engine/log/format.js';
import { hashOf } from '../../src/engine/hash.js';
import { loaded, recordedLog, sc } from '../helpers.js';

/* The log: JSON Lines round trip, verify naming the first differing line, and clear errors for
 * damaged files. Line numbers are 1-based file lines: the header is line 1. */

let full: ReturnType<typeof recordedLog>;
let short: ReturnType<typeof recordedLog>;
beforeAll(() => {
  full = recordedLog('log-1');
  short = recordedLog('log-2', 6);
});

function parsed(text: string): ParsedLog {
  const r = parseLog(text);
  if (!r.ok) throw new Error(`parse failed at line ${r.error.line}: ${r.error.message}`);
  return r.log;
}
const linesOf = (text: string) => text.replace(/\n$/, '').split('\n');
const joinLines = (lines: string[]) => `${lines.join('\n')}\n`;
/** The file line of the first entry matching a predicate (entries start at line 2). */
function lineWhere(entries: readonly LogEntry[], pred: (e: LogEntry, i: number) => boolean, from = 0): number {
  const i = entries.findIndex((e, k) => k >= from && pred(e, k));
  if (i < 0) throw new Error('no such entry');
  return i + 2;
}
/** Renumbers event seqs after lines were removed or inserted. */
function renumber(lines: string[]): string[] {
  let seq = 0;
  return lines.map((l, i) => {
    if (i === 0) return l;
    const o = JSON.parse(l) as Record<string, unknown>;
    if (o['kind'] === 'event') {
      seq += 1;
      o['seq'] = seq;
    }
    return JSON.stringify(o);
  });
}
const edit = (text: string, line: number, f: (o: Record<string, unknown>) => void): string => {
  const lines = linesOf(text);
  const o = JSON.parse(lines[line - 1] as string) as Record<string, unknown>;
  f(o);
  lines[line - 1] = JSON.stringify(o);
  return joinLines(lines);
};

describe('parse and serialize', () => {
  it('round-trips a recorded game byte for byte', () => {
    const log = parsed(full.text);
    expect(log.header).toEqual(full.header);
    expect(log.entries).toEqual(full.entries);
    expect(log.lineOf).toEqual(full.entries.map((_, i) => i + 2));
    expect(serializeLog(log)).toBe(full.text);
    expect(full.text.endsWith('\n')).toBe(true);
    expect(full.text.endsWith('\n\n')).toBe(false);
  });

  it('writes a self-describing header without wall-clock metadata unless given', () => {
    expect(full.header).toEqual({
      kind: 'header',
      format: 'phase-shift-log',
      version: 1,
      engine: full.header.engine,
      scenario: { id: sc.id, version: sc.version, hash: loaded().hash },
      seed: 'log-1',
    });
    expect('createdAt' in full.header).toBe(false);
    const withMeta = makeHeader(sc, loaded().hash, 's', { player: 'Ada', createdAt: '2024-01-01T00:00:00Z' });
    expect(withMeta).toMatchObject({ player: 'Ada', createdAt: '2024-01-01T00:00:00Z' });
    expect(parsed(serializeLog({ header: withMeta, entries: [] })).header).toEqual(withMeta);
  });

  it('reads CRLF line endings and trailing blank lines, and every entry carries its kind', () => {
    const crlf = `${full.text.replace(/\n/g, '\r\n')}\r\n\r\n`;
    const log = parsed(crlf);
    expect(log.entries).toEqual(full.entries);
    for (const e of log.entries) expect(['event', 'checkpoint', 'annotation']).toContain(e.kind);
  });

  it('marks decisions as player lines and events caused by them or the world as events', () => {
    const events = full.entries.filter((e): e is Extract<LogEntry, { kind: 'event' }> => e.kind === 'event');
    for (const e of events) if (isDecisionLine(e)) expect(e.by).toBe('player');
    expect(events.some((e) => e.by === 'world')).toBe(true);
  });
});

describe('verify', () => {
  it('passes on an untouched log, reproducing the final state', () => {
    const r = verify(parsed(full.text), sc);
    const s = full.game.state();
    const lastWeek = full.entries.reduce((w, e) => (e.kind === 'annotation' ? w : Math.max(w, e.week)), 0);
    expect(r).toEqual({ ok: true, lines: full.entries.length + 1, weeks: s.week, finalHash: hashOf(s), ended: s.ended, lastWeek });
  });

  it('ignores annotations anywhere, and they never change state', () => {
    const lines = linesOf(short.text);
    const note = (week: number, text: string) => JSON.stringify({ kind: 'annotation', week, author: 'coach', mark: 'mistake', text });
    lines.splice(5, 0, note(1, 'why this experiment?'));
    lines.push(note(2, 'late note about week 2'));
    const log = parsed(joinLines(lines));
    expect(log.entries.filter((e) => e.kind === 'annotation')).toHaveLength(2);
    const r = verify(log, sc);
    expect(r.ok).toBe(true);
    expect(hashOf(replay(log, sc))).toBe(hashOf(replay(parsed(short.text), sc)));
  });

  it("fails naming the line when a world event's data is tampered with", () => {
    const line = lineWhere(full.entries, (e) => e.kind === 'event' && e.type === 'finance.booked' && e.week === 3);
    const text = edit(full.text, line, (o) => {
      (o['data'] as { revenue: number }).revenue += 1;
    });
    const r = verify(parsed(text), sc);
    expect(r).toMatchObject({ ok: false, line });
    if (!r.ok) {
      expect(r.message).toContain(String(line));
      expect(r.expected).toContain('"revenue"');
      expect(r.expected).not.toBe(r.actual);
    }
  });

  it('fails at the first tampered line when several are changed', () => {
    const first = lineWhere(full.entries, (e) => e.kind === 'event' && e.type === 'market.moved' && e.week === 2);
    const second = lineWhere(full.entries, (e) => e.kind === 'event' && e.type === 'market.moved' && e.week === 5);
    let text = edit(full.text, second, (o) => {
      (o['data'] as { trust: number }).trust = 0.999;
    });
    text = edit(text, first, (o) => {
      (o['data'] as { trust: number }).trust = 0.001;
    });
    expect(verify(parsed(text), sc)).toMatchObject({ ok: false, line: first });
  });

  it('fails at the first event a changed decision changes', () => {
    const line = lineWhere(full.entries, (e) => e.kind === 'event' && e.type === 'model.setThreshold');
    const entry = full.entries[line - 2] as { data: { threshold: number } };
    const other = entry.data.threshold === 0.5 ? 0.55 : 0.5;
    const text = edit(full.text, line, (o) => {
      (o['data'] as { threshold: number }).threshold = other;
    });
    // The decision line itself replays; its resources line is the same; thresholdSet differs.
    expect(full.entries[line - 1]).toMatchObject({ type: 'resources.committed' });
    expect(full.entries[line]).toMatchObject({ type: 'model.thresholdSet' });
    expect(verify(parsed(text), sc)).toMatchObject({ ok: false, line: line + 2 });
  });

  it('fails at a changed decision the rules refuse, saying so', () => {
    const line = lineWhere(full.entries, (e) => e.kind === 'event' && e.type === 'feature.ship');
    const text = edit(full.text, line, (o) => {
      (o['data'] as { feature: string }).feature = 'no-such-feature';
    });
    const r = verify(parsed(text), sc);
    expect(r).toMatchObject({ ok: false, line });
    if (!r.ok) expect(r.message).toMatch(/rejected/);
  });

  it('fails at the line where an event was removed (seqs renumbered)', () => {
    const line = lineWhere(full.entries, (e) => e.kind === 'event' && e.by === 'world' && e.week === 4);
    const lines = linesOf(full.text);
    lines.splice(line - 1, 1);
    const r = verify(parsed(joinLines(renumber(lines))), sc);
    expect(r).toMatchObject({ ok: false, line });
  });

  it('fails at the line where a decision was removed with its events left behind', () => {
    const line = lineWhere(full.entries, (e) => e.kind === 'event' && e.type === 'experiment.run', 20);
    const lines = linesOf(full.text);
    lines.splice(line - 1, 1);
    expect(verify(parsed(joinLines(renumber(lines))), sc)).toMatchObject({ ok: false, line });
  });

  it('fails past the end when the final checkpoint is cut off, and a log cut at a week boundary is a valid shorter game', () => {
    const lines = linesOf(full.text);
    const cut = joinLines(lines.slice(0, -1));
    const r = verify(parsed(cut), sc);
    expect(r).toMatchObject({ ok: false, line: lines.length });
    if (!r.ok) expect(r.message).toMatch(/ends early/);
    const week3 = lineWhere(full.entries, (e) => e.kind === 'checkpoint' && e.week === 3);
    const saved = verify(parsed(joinLines(lines.slice(0, week3))), sc);
    expect(saved).toMatchObject({ ok: true, weeks: 4 });
  });

  it('rejects a log whose lines were removed without renumbering, naming the line and field', () => {
    const line = lineWhere(full.entries, (e) => e.kind === 'event' && e.week === 2);
    const lines = linesOf(full.text);
    lines.splice(line - 1, 1);
    const r = parseLog(joinLines(lines));
    expect(r).toMatchObject({ ok: false, error: { line, field: 'seq' } });
  });
});

describe('replay', () => {
  it('folds to the recorded checkpoint hash at every week', () => {
    const log = parsed(full.text);
    for (const c of log.entries) {
      if (c.kind !== 'checkpoint') continue;
      expect(hashOf(replay(log, sc, c.week)), `week ${c.week}`).toBe(c.hash);
    }
    expect(hashOf(replay(log, sc))).toBe(hashOf(full.game.state()));
  });
});

describe('damaged files', () => {
  let good: string[] = [];
  beforeAll(() => {
    good = linesOf(short.text);
  });
  const bad = (text: string) => {
    const r = parseLog(text);
    if (r.ok) throw new Error('expected a rejection');
    expect(Number.isInteger(r.error.line) && r.error.line >= 1).toBe(true);
    expect(r.error.message.length).toBeGreaterThan(0);
    return r.error;
  };

  it('empty file', () => {
    expect(bad('')).toMatchObject({ line: 1 });
    expect(bad('\n\n')).toMatchObject({ line: 1 });
  });

  it('wrong version or format', () => {
    const header = JSON.parse(good[0] as string) as Record<string, unknown>;
    expect(bad(joinLines([JSON.stringify({ ...header, version: 2 }), ...good.slice(1)]))).toMatchObject({ line: 1, field: 'version' });
    expect(bad(joinLines([JSON.stringify({ ...header, format: 'chess-pgn' }), ...good.slice(1)]))).toMatchObject({ line: 1 });
    expect(bad(joinLines([JSON.stringify({ ...header, version: '1' }), ...good.slice(1)]))).toMatchObject({ line: 1 });
  });

  it('not JSON, and a JSON value that is not an object', () => {
    const lines = [...good];
    lines[4] = '{"kind":"event", oops';
    expect(bad(joinLines(lines))).toMatchObject({ line: 5 });
    lines[4] = '[1,2,3]';
    expect(bad(joinLines(lines))).toMatchObject({ line: 5 });
    expect(bad('this is not a log')).toMatchObject({ line: 1 });
  });

  it('__proto__, constructor and prototype keys anywhere', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const lines = [...good];
      lines[3] = (lines[3] as string).replace('"data":{', `"data":{"${key}":{"polluted":true},`);
      expect(bad(joinLines(lines))).toMatchObject({ line: 4, field: key });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
    expect(bad(`{"__proto__":{"kind":"header"}}\n`)).toMatchObject({ line: 1 });
  });

  it('a huge line', () => {
    const lines = [...good];
    lines.splice(3, 0, JSON.stringify({ kind: 'annotation', week: 1, text: 'x'.repeat(300_000) }));
    expect(bad(joinLines(lines))).toMatchObject({ line: 4 });
  });

  it('lines out of order, a blank line inside, a decision claimed by the world, an unknown kind', () => {
    const swapped = [...good];
    const lastCheckpoint = swapped.length - 1;
    [swapped[2], swapped[lastCheckpoint]] = [swapped[lastCheckpoint] as string, swapped[2] as string];
    expect(bad(joinLines(swapped)).line).toBeGreaterThan(1);
    const blank = [...good];
    blank.splice(6, 0, '');
    expect(bad(joinLines(blank))).toMatchObject({ line: 7 });
    const byWorld = [...good];
    byWorld[1] = (byWorld[1] as string).replace('"by":"player"', '"by":"world"');
    expect(bad(joinLines(byWorld))).toMatchObject({ line: 2, field: 'by' });
    const unknown = [...good];
    unknown[2] = JSON.stringify({ kind: 'telemetry', week: 1 });
    expect(bad(joinLines(unknown))).toMatchObject({ line: 3, field: 'kind' });
  });

  it('an event whose data does not match its type names the field', () => {
    const line = lineWhere(short.entries, (e) => e.kind === 'event' && e.type === 'finance.booked');
    const text = edit(short.text, line, (o) => {
      (o['data'] as Record<string, unknown>)['revenue'] = 'lots';
    });
    expect(bad(text)).toMatchObject({ line, field: 'data.revenue' });
  });
});

describe('scenario pinning', () => {
  it('names the scenario a log was recorded with when the build differs', () => {
    const l = loaded();
    expect(scenarioMismatch(full.header, sc, l.hash)).toBeNull();
    expect(scenarioMismatch({ ...full.header, scenario: { ...full.header.scenario, hash: '0'.repeat(64) } }, sc, l.hash)).toMatch(/version/);
    expect(scenarioMismatch({ ...full.header, scenario: { ...full.header.scenario, id: 'other' } }, sc, l.hash)).toMatch(/other/);
  });
});
