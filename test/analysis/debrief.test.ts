import { beforeAll, describe, expect, it } from 'vitest';
import { debriefOf, markCounts } from '../../src/analysis/debrief.js';
import { evaluateGame } from '../../src/analysis/counterfactual.js';
import { outcomeOf } from '../../src/analysis/value.js';
import { pathOf } from '../../src/analysis/path.js';
import { scoreCard } from '../../src/analysis/score.js';
import { replay } from '../../src/engine/log/replay.js';
import type { Annotation, GameLog } from '../../src/engine/log/format.js';
import type { Progress } from '../../src/analysis/types.js';
import { recordedLog, sc } from '../helpers.js';

/* The debrief assembles the analysis parts of one log: each week's evaluation merged into its
 * timeline row, every evaluated decision, mark counts that add up, the player's outcome from
 * the final folded state, and the log's annotation lines in order. */

const notes: Annotation[] = [
  { kind: 'annotation', week: 2, text: 'Week two: a note on the week.' },
  { kind: 'annotation', week: 3, seq: 40, author: 'Coach', mark: 'mistake', text: 'Look again at this.' },
];
let log: GameLog;
const progress: Progress[] = [];
let d: ReturnType<typeof debriefOf>;
let evaluated: ReturnType<typeof evaluateGame>;
beforeAll(() => {
  const base = recordedLog('b', 5);
  // Annotations sit among the body lines; they never change the facts.
  log = { header: base.header, entries: [...base.entries.slice(0, 10), notes[0] as Annotation, ...base.entries.slice(10), notes[1] as Annotation] };
  d = debriefOf(log, sc, { onProgress: (p) => progress.push(p) });
  evaluated = evaluateGame(log, sc);
});

describe('debriefOf', () => {
  it('merges each week’s evaluation into its timeline row', () => {
    expect(d.timeline.map((r) => r.week)).toEqual([1, 2, 3, 4, 5]);
    expect(evaluated.evaluation.length, 'the evaluation should cover the log’s weeks').toBe(5);
    for (const e of evaluated.evaluation) expect(d.timeline[e.week - 1]?.evaluation).toBe(e.value);
    expect(d.timeline.every((r) => typeof r.evaluation === 'number')).toBe(true);
  });

  it('carries every evaluated decision, and mark counts that add up to them', () => {
    expect(d.decisions).toEqual(evaluated.decisions);
    expect(d.decisions.length).toBeGreaterThan(0);
    expect(Object.values(d.marks).reduce((a, b) => a + b, 0)).toBe(d.decisions.length);
    expect(d.marks).toEqual(markCounts(d.decisions));
    expect(markCounts([{ ...d.decisions[0], mark: 'blunder' } as (typeof d.decisions)[number]])).toEqual({ good: 0, inaccuracy: 0, mistake: 0, blunder: 1 });
  });

  it('uses the final folded state for the player’s outcome, and the score card’s flags and path', () => {
    expect(d.luck.player).toEqual(outcomeOf(replay(log, sc), sc));
    expect(d.luck.player.ending).toBe('playing');
    expect(d.score).toEqual(scoreCard(log, sc));
    expect(d.flags).toEqual(d.score.flags);
    expect(d.path).toEqual(pathOf(log, sc));
    expect(d.scenario).toEqual({ id: sc.id, name: sc.name, company: sc.company });
    expect(d.header).toEqual(log.header);
  });

  it('keeps the log’s annotation lines in order', () => {
    expect(d.annotations).toEqual(notes);
  });

  it('reports progress up to its total, and is plain data that gives the same bytes twice', () => {
    const last = progress[progress.length - 1];
    expect(last?.done).toBe(last?.total);
    expect(progress.length).toBe(last?.total);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(JSON.stringify(debriefOf(log, sc))).toBe(JSON.stringify(d));
  });
});
