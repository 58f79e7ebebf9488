import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/* Count every evolve call: the one fold must apply each event exactly once, however many
 * projections watch it. */
const evolveCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/engine/evolve.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/engine/evolve.js')>();
  return {
    ...real,
    evolve: (...args: Parameters<typeof real.evolve>) => {
      evolveCalls.n += 1;
      return real.evolve(...args);
    },
  };
});

import { finalState, foldLog, frozenCopy, weekStates, type Projection } from '../../src/engine/log/fold.js';
import { isDecisionLine, type EventLine, type GameLog, type LogEntry } from '../../src/engine/log/format.js';
import { parseLog } from '../../src/engine/log/parse.js';
import { replay, verify } from '../../src/engine/log/replay.js';
import { hashOf } from '../../src/engine/hash.js';
import { scenarioFor } from '../../src/scenarios/registry.js';
import { timelineProjection } from '../../src/analysis/timeline.js';
import { scoreProjection } from '../../src/analysis/score.js';
import { pathProjection } from '../../src/analysis/path.js';
import { lastLoggedWeek, weekSnapshots } from '../../src/analysis/snapshots.js';
import { recordedLog, sc } from '../helpers.js';

/* The one fold: each line read once, each event applied once, the hooks called in order with
 * typed lines; and verify's kept week states equal to the fold's. */

const logOf = (seed: string, weeks?: number, bot?: string): GameLog => {
  const r = recordedLog(seed, weeks, bot);
  return { header: r.header, entries: r.entries };
};

/** The log with its entries behind a proxy that counts how often each index is read. */
function counted(log: GameLog): { log: GameLog; reads: Map<number, number> } {
  const reads = new Map<number, number>();
  const entries = new Proxy(log.entries, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.set(Number(key), (reads.get(Number(key)) ?? 0) + 1);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { log: { header: log.header, entries }, reads };
}

/** A projection that counts every hook call. */
function counter() {
  const n = { start: 0, decision: 0, before: 0, event: 0, week: 0, end: 0 };
  const p: Projection<typeof n> = {
    onStart: () => void (n.start += 1),
    onDecision: () => void (n.decision += 1),
    beforeEvent: () => void (n.before += 1),
    onEvent: () => void (n.event += 1),
    onWeekClosed: () => void (n.week += 1),
    onEnd: () => void (n.end += 1),
    result: () => n,
  };
  return p;
}

describe('foldLog', () => {
  it('reads each line once and applies each event once, for any number of projections', () => {
    const plain = logOf('fold-a', undefined, 'phase-aware');
    const note: LogEntry = { kind: 'annotation', week: 3, text: 'a note' };
    const { log, reads } = counted({ header: plain.header, entries: [...plain.entries, note] });
    evolveCalls.n = 0;
    const r = foldLog(log, sc, {
      a: counter(),
      b: counter(),
      timeline: timelineProjection(sc),
      score: scoreProjection(sc),
      path: pathProjection(sc),
      weeks: weekStates(),
      final: finalState(),
    });
    const events = plain.entries.filter((e) => e.kind === 'event');
    const decisions = events.filter((e) => e.kind === 'event' && isDecisionLine(e)).length;
    expect(reads.size).toBe(plain.entries.length + 1);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(evolveCalls.n).toBe(events.length - decisions);
    expect(r.a).toEqual({ start: 1, decision: decisions, before: events.length - decisions, event: events.length - decisions, week: lastLoggedWeek(plain), end: 1 });
    expect(r.b).toEqual(r.a);
  });

  it('calls beforeEvent on the state before the event and onEvent on the state after it', () => {
    const log = logOf('fold-b', 6);
    const seen: string[] = [];
    const p: Projection<null> = {
      beforeEvent: (s, e) => seen.push(`before ${e.seq} ${hashOf(s)}`),
      onEvent: (s, e) => seen.push(`after ${e.seq} ${hashOf(s)}`),
      result: () => null,
    };
    foldLog(log, sc, { p });
    expect(seen.length).toBeGreaterThan(10);
    expect.hasAssertions();
    // The state after one event is the state before the next.
    for (let i = 1; i + 1 < seen.length; i += 2) expect(seen[i]?.split(' ')[2]).toBe(seen[i + 1]?.split(' ')[2]);
  });

  it('hands projections typed lines: an event narrows by its type', () => {
    const log = logOf('fold-c', 4);
    let uptime = -1;
    const p: Projection<number> = {
      onEvent: (_s, e) => {
        expectTypeOf(e).toEqualTypeOf<EventLine>();
        if (e.type === 'reliability.measured') uptime = e.data.uptime;
      },
      result: () => uptime,
    };
    expect(foldLog(log, sc, { p }).p).toBeGreaterThanOrEqual(0);
  });

  it('stops after the week asked for, as replay does', () => {
    const log = logOf('fold-d', 8);
    const at = foldLog(log, sc, { s: finalState(), w: weekStates() }, { toWeek: 4 });
    expect(at.w).toHaveLength(5);
    expect(at.s).toEqual(at.w[4]);
    expect(at.s).toEqual(replay(log, sc, 4));
  });

  it("copies nothing unless asked: the final state is the fold's own, the week states frozen copies", () => {
    const log = logOf('fold-e', 3);
    const r = foldLog(log, sc, { a: finalState(), b: finalState(), w: weekStates() });
    expect(r.a).toBe(r.b);
    expect(Object.isFrozen(r.a)).toBe(false);
    expect(Object.isFrozen(r.w[1])).toBe(true);
    expect(frozenCopy(r.a)).toEqual(r.a);
  });
});

describe('verify keeps its week states', () => {
  const golden = fileURLToPath(new URL('../fixtures/logs/devtools-codegen-golden-1.jsonl', import.meta.url));

  it("equal to the fold's week snapshots, for the golden log and bot games", () => {
    const parsed = parseLog(readFileSync(golden, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const loaded = scenarioFor(parsed.log.header.scenario.id, parsed.log.header.scenario.hash);
    if (!loaded) throw new Error('no scenario');
    const logs = [{ log: parsed.log, sc: loaded.scenario }];
    for (const [seed, bot, weeks] of [
      ['ver-a', 'phase-aware', undefined],
      ['ver-b', 'random', undefined],
      ['ver-c', 'gpu-blind', 7],
    ] as const) {
      const r = recordedLog(seed, weeks, bot);
      const p = parseLog(r.text);
      if (!p.ok) throw new Error(p.error.message);
      logs.push({ log: p.log, sc });
    }
    expect.assertions(logs.length * 3);
    for (const { log, sc: s } of logs) {
      const v = verify(log, s, { keepWeeks: true });
      if (!v.ok) throw new Error(v.message);
      expect(v.states).toEqual(weekSnapshots(log, s));
      expect(v.states?.every((x) => Object.isFrozen(x))).toBe(true);
      expect(v).toMatchObject(verify(log, s));
    }
  });

  it('returns no states unless asked, and none for a log that fails', () => {
    const r = recordedLog('ver-d', 3);
    const p = parseLog(r.text);
    if (!p.ok) throw new Error(p.error.message);
    expect('states' in verify(p.log, sc)).toBe(false);
    const bad = { ...p.log, entries: p.log.entries.slice(0, -1), lineOf: p.log.lineOf.slice(0, -1) };
    const v = verify(bad, sc, { keepWeeks: true });
    expect(v.ok).toBe(false);
    expect('states' in v).toBe(false);
  });
});
