import { describe, expect, it } from 'vitest';
import { lastLoggedWeek, weekEnds, weekSnapshots } from '../../src/analysis/snapshots.js';
import { replay } from '../../src/engine/log/replay.js';
import { initialState } from '../../src/engine/state.js';
import { createWorldTable } from '../../src/engine/rng.js';
import type { GameLog, LogEntry } from '../../src/engine/log/format.js';
import { recordedLog, sc } from '../helpers.js';

/* Week snapshots must be exactly what a fold to that week gives, for every week, so the viewer
 * may show a lookup in place of a replay. */

const logOf = (seed: string, weeks?: number, bot?: string): GameLog => {
  const r = recordedLog(seed, weeks, bot);
  return { header: r.header, entries: r.entries };
};

describe('weekSnapshots', () => {
  it('gives, for every week, the state a fold to the end of that week gives', () => {
    for (const [seed, bot] of [
      ['snap-a', 'phase-aware'],
      ['snap-b', 'random'],
    ] as const) {
      const log = logOf(seed, undefined, bot);
      const snaps = weekSnapshots(log, sc);
      const last = lastLoggedWeek(log);
      expect(last).toBeGreaterThan(3);
      expect(snaps).toHaveLength(last + 1);
      for (let w = 1; w <= last; w++) expect(snaps[w], `${seed} week ${w}`).toEqual(replay(log, sc, w));
    }
  });

  it('starts with the initial state of the seed', () => {
    const log = logOf('snap-c', 4);
    expect(weekSnapshots(log, sc)[0]).toEqual(initialState(sc, 'snap-c', createWorldTable('snap-c', 0)));
  });

  it('keeps separate frozen copies, so one week never changes with another', () => {
    const log = logOf('snap-d', 6);
    const snaps = weekSnapshots(log, sc);
    expect(Object.isFrozen(snaps[2])).toBe(true);
    expect(Object.isFrozen(snaps[2]?.finance)).toBe(true);
    expect(snaps[2]).not.toBe(snaps[3]);
    expect(snaps[2]?.cash).not.toBe(snaps[5]?.cash);
    expect(() => {
      (snaps[2] as { cash: number }).cash = 1;
    }).toThrow();
  });

  it('ignores annotation lines', () => {
    const log = logOf('snap-e', 5);
    const note: LogEntry = { kind: 'annotation', week: 2, text: 'look here', mark: 'mistake' };
    const annotated: GameLog = { header: log.header, entries: [...log.entries, note] };
    expect(weekSnapshots(annotated, sc)).toEqual(weekSnapshots(log, sc));
  });

  it('gives only the start state for a log with no lines', () => {
    const log = logOf('snap-f', 1);
    const snaps = weekSnapshots({ header: log.header, entries: [] }, sc);
    expect(snaps).toHaveLength(1);
  });
});

describe('weekEnds', () => {
  it('splits the entries at every week boundary', () => {
    const log = logOf('snap-g', 8);
    const ends = weekEnds(log);
    expect(ends).toHaveLength(lastLoggedWeek(log) + 1);
    expect(ends[0]).toBe(0);
    expect(ends[ends.length - 1]).toBe(log.entries.length);
    for (let w = 1; w < ends.length; w++) {
      const upTo = log.entries.slice(0, ends[w]);
      expect(upTo.every((e) => e.week <= w)).toBe(true);
      expect(log.entries[ends[w] ?? 0]?.week ?? Infinity).toBeGreaterThan(w);
    }
  });
});
