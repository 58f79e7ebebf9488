import type { Scenario } from '../scenarios/schema.js';
import type { GameLog } from '../engine/log/format.js';
import { finalState, foldLog } from '../engine/log/fold.js';
import { scoreProjection, type ScoreCard } from './score.js';
import { pathProjection } from './path.js';
import { timelineProjection } from './timeline.js';
import { evaluateGame, type GameEvaluation } from './counterfactual.js';
import { luckOf } from './luck.js';
import { outcomeOf } from './value.js';
import { MARKS, type Debrief, type DecisionEvaluation, type Mark, type PathStep, type Progress, type WeekMetrics } from './types.js';
import type { GameState } from '../engine/state.js';

/* The debrief of one log, assembled from the analysis parts: the score card, the machine path,
 * the metric timelines with the engine's evaluation of each week, every decision's regret and
 * flags, luck against skill, and the coach's annotations. The CLI, reports and viewer read it. */

/** Options of debriefOf: the reference bot for counterfactuals and a progress hook. */
export interface DebriefOptions {
  reference?: string;
  onProgress?: (p: Progress) => void;
  /** The counterfactual evaluation when it was already computed (e.g. in parallel shards). */
  evaluation?: GameEvaluation;
}

/** How many of the player's decisions earned each mark. */
export function markCounts(decisions: readonly DecisionEvaluation[]): Record<Mark, number> {
  const marks = Object.fromEntries(MARKS.map((m) => [m, 0])) as Record<Mark, number>;
  for (const d of decisions) marks[d.mark] += 1;
  return marks;
}

/** The parts of a debrief that come from folding the log: score (with its flags), path,
 * timeline and the final state, all from one pass over the log. */
export function foldedParts(log: GameLog, sc: Scenario): { score: ScoreCard; path: PathStep[]; timeline: WeekMetrics[]; final: GameState } {
  return foldLog(log, sc, { score: scoreProjection(sc), path: pathProjection(sc), timeline: timelineProjection(sc), final: finalState() });
}

/** Everything the debrief says about one log. */
export function debriefOf(log: GameLog, sc: Scenario, options: DebriefOptions = {}): Debrief {
  const { score, path, timeline: rows, final } = foldedParts(log, sc);
  const evaluated =
    options.evaluation ??
    evaluateGame(log, sc, {
      ...(options.reference ? { reference: options.reference } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  const byWeek = new Map(evaluated.evaluation.map((e) => [e.week, e.value]));
  const timeline = rows.map((row) => {
    const value = byWeek.get(row.week);
    return value === undefined ? row : { ...row, evaluation: value };
  });
  const player = outcomeOf(final, sc);
  return {
    header: log.header,
    scenario: { id: sc.id, name: sc.name, company: sc.company },
    score,
    path,
    timeline,
    decisions: evaluated.decisions,
    flags: score.flags,
    luck: luckOf(log, sc, player),
    annotations: log.entries.filter((e) => e.kind === 'annotation'),
    marks: markCounts(evaluated.decisions),
  };
}
