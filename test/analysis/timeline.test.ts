import { beforeAll, describe, expect, it } from 'vitest';
import { metricsOf, timelineOf } from '../../src/analysis/timeline.js';
import { replay } from '../../src/engine/log/replay.js';
import { arr, runwayWeeks } from '../../src/engine/derive.js';
import type { GameLog } from '../../src/engine/log/format.js';
import { recordedLog, sc } from '../helpers.js';

/* Metric timelines: one row per week the log reaches, each the figures of the state replay()
 * folds to at that week's end. */

describe('timelineOf', () => {
  let game: ReturnType<typeof recordedLog>['game'];
  let log: GameLog;
  let rows: ReturnType<typeof timelineOf> = [];
  let fit = 0;
  beforeAll(() => {
    const rec = recordedLog('b');
    game = rec.game;
    log = { header: rec.header, entries: rec.entries };
    rows = timelineOf(log, sc);
    // The phase tests read the fit week: the recorded game must reach fit, after week 1.
    const fitWeek = game.state().fitWeek;
    if (fitWeek === null || fitWeek < 2) throw new Error(`the phase-aware game on seed b should reach fit after week 1 (fit week ${fitWeek})`);
    fit = fitWeek;
  });

  it('has one row per week, in order, up to the week the game ended', () => {
    const last = game.state().ended?.week;
    expect(last).toBeDefined();
    expect(rows.map((r) => r.week)).toEqual(Array.from({ length: last ?? 0 }, (_, i) => i + 1));
  });

  it('matches the state replay() folds to at the end of each week', () => {
    expect(rows.length, 'the game should last past week 7').toBeGreaterThan(7);
    for (const w of [1, 7, fit, rows.length]) {
      const s = replay(log, sc, w);
      expect(rows[w - 1]).toEqual(metricsOf(s, sc, w));
      expect(rows[w - 1]).toMatchObject({ cash: s.cash, arr: arr(s, sc), runwayWeeks: runwayWeeks(s), fitStreak: s.market.fitStreak, phase: s.phase });
    }
  });

  it('switches phase in the row of the fit week and carries the streak up to it', () => {
    expect(rows[fit - 2]?.phase).toBe('preFit');
    expect(rows[fit - 1]?.phase).toBe('postFit');
    expect(rows[fit - 1]?.fitStreak).toBe(sc.fit.weeksRequired);
  });

  it('ends with a row for a week the log stops in before it closed', () => {
    const partial = recordedLog('b', 3);
    // Drop the last week's closing events: the log stops with that week's planning only.
    const cut = partial.entries.findIndex((e) => e.kind === 'event' && e.week === 3 && e.type === 'week.end');
    const stopped = { header: partial.header, entries: partial.entries.slice(0, cut) };
    const r = timelineOf(stopped, sc);
    expect(r.map((x) => x.week)).toEqual([1, 2, 3]);
    expect(r[2]).toEqual(metricsOf(replay(stopped, sc), sc, 3));
  });
});
