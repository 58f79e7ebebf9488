import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseLog } from '../../src/engine/log/parse.js';
import { getScenario } from '../../src/scenarios/registry.js';
import type { Scenario } from '../../src/scenarios/schema.js';
import type { GameLog } from '../../src/engine/log/format.js';
import { isDecisionLine } from '../../src/engine/log/format.js';
import { finalState, foldLog, weekStates } from '../../src/engine/log/fold.js';
import { replay } from '../../src/engine/log/replay.js';
import { initialState } from '../../src/engine/state.js';
import { createWorldTable } from '../../src/engine/rng.js';
import { evolve } from '../../src/engine/evolve.js';
import { timelineOf, timelineProjection } from '../../src/analysis/timeline.js';
import { weekSnapshots } from '../../src/analysis/snapshots.js';
import { scoreCard, scoreProjection } from '../../src/analysis/score.js';
import { pathOf, pathProjection } from '../../src/analysis/path.js';
import { alignmentFlags, flagsProjection } from '../../src/analysis/alignment.js';
import { foldedParts } from '../../src/analysis/debrief.js';
import { recordedLog, sc } from '../helpers.js';

/* Every projection of the one fold, folded together in a single pass, must give exactly what it
 * gives folded alone (and `replay` what a plain evolve loop gives), on the golden logs and on a
 * few bot games — a finished one, a short one and one that stops in the middle of a week. */

const DIR = fileURLToPath(new URL('../fixtures/logs/', import.meta.url));

function goldenCases(): { name: string; log: GameLog; sc: Scenario }[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((file) => {
      const parsed = parseLog(readFileSync(join(DIR, file), 'utf8'));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
      const loaded = getScenario(parsed.log.header.scenario.id);
      if (!loaded) throw new Error(`${file}: no scenario`);
      return { name: file, log: parsed.log, sc: loaded.scenario };
    });
}

const botLog = (seed: string, bot: string, weeks?: number): GameLog => {
  const r = recordedLog(seed, weeks, bot);
  return { header: r.header, entries: r.entries };
};

/** A log cut right after the events of a decision in the middle of week 5. */
function midWeekLog(): GameLog {
  const full = botLog('proj-mid', 'phase-aware', 8);
  const i = full.entries.findIndex((e) => e.kind === 'event' && e.week === 5 && isDecisionLine(e) && e.type !== 'week.end');
  expect(i).toBeGreaterThan(0);
  const next = full.entries.findIndex((e, j) => j > i && e.kind === 'event' && isDecisionLine(e));
  return { header: full.header, entries: full.entries.slice(0, next) };
}

function cases(): { name: string; log: GameLog; sc: Scenario }[] {
  return [
    ...goldenCases(),
    { name: 'phase-aware, whole game', log: botLog('proj-a', 'phase-aware'), sc },
    { name: 'random, whole game', log: botLog('proj-b', 'random'), sc },
    { name: 'forever-scientist, whole game', log: botLog('proj-c', 'forever-scientist'), sc },
    { name: 'roadmap-driver, 6 weeks', log: botLog('proj-d', 'roadmap-driver', 6), sc },
    { name: 'stops mid-week', log: midWeekLog(), sc },
  ];
}

/** The fold written out by hand, as `replay` was before the one fold. */
function plainFold(log: GameLog, s: Scenario): ReturnType<typeof replay> {
  const state = initialState(s, log.header.seed, createWorldTable(log.header.seed, 0));
  for (const e of log.entries) if (e.kind === 'event' && !isDecisionLine(e)) evolve(state, e);
  return state;
}

describe('projections of one fold', () => {
  const all = cases();

  it('covers golden logs and bot games', () => {
    expect(all.filter((c) => c.name.endsWith('.jsonl')).length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThanOrEqual(6);
  });

  for (const c of all) {
    it(`${c.name}: folded together equals each computed alone`, () => {
      const together = foldLog(c.log, c.sc, {
        timeline: timelineProjection(c.sc),
        snapshots: weekStates(),
        score: scoreProjection(c.sc),
        path: pathProjection(c.sc),
        flags: flagsProjection(c.sc),
        final: finalState(),
      });
      expect(together.timeline.length).toBeGreaterThan(0);
      expect(together.timeline).toEqual(timelineOf(c.log, c.sc));
      expect(together.snapshots).toEqual(weekSnapshots(c.log, c.sc));
      expect(together.score).toEqual(scoreCard(c.log, c.sc));
      expect(together.path).toEqual(pathOf(c.log, c.sc));
      expect(together.flags).toEqual(alignmentFlags(c.log, c.sc));
      expect(together.final).toEqual(replay(c.log, c.sc));
      expect(together.final).toEqual(plainFold(c.log, c.sc));
      const parts = foldedParts(c.log, c.sc);
      expect(parts).toEqual({ score: together.score, path: together.path, timeline: together.timeline, final: together.final });
    });
  }

  it('replay to a week equals the snapshot of that week', () => {
    const log = botLog('proj-e', 'random', 10);
    const snaps = weekSnapshots(log, sc);
    expect(snaps.length).toBe(11);
    expect.assertions(1 + snaps.length);
    for (let w = 0; w < snaps.length; w++) expect(replay(log, sc, w), `week ${w}`).toEqual(snaps[w]);
  });
});
