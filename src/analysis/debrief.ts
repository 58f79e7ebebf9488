import type { Scenario } from '../scenarios/schema.js';
import type { GameLog } from '../engine/log/format.js';
import { replay } from '../engine/log/replay.js';
import { scoreCard } from './score.js';
import { pathOf } from './path.js';
import { timelineOf } from './timeline.js';
import { evaluateGame, type GameEvaluation } from './counterfactual.js';
import { luckOf } from './luck.js';
import { outcomeOf } from './value.js';
import { MARKS, type Debrief, type DecisionEvaluation, type Mark, type Progress } from './types.js';

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

/** Everything the debrief says about one log. */
export function debriefOf(log: GameLog, sc: Scenario, options: DebriefOptions = {}): Debrief {
  const score = scoreCard(log, sc);
  const evaluated = options.evaluation ?? evaluateGame(log, sc, {
    ...(options.reference ? { reference: options.reference } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const byWeek = new Map(evaluated.evaluation.map((e) => [e.week, e.value]));
  const timeline = timelineOf(log, sc).map((row) => {
    const value = byWeek.get(row.week);
    return value === undefined ? row : { ...row, evaluation: value };
  });
  const player = outcomeOf(replay(log, sc), sc);
  return {
    header: log.header,
    scenario: { id: sc.id, name: sc.name, company: sc.company },
    score,
    path: pathOf(log, sc),
    timeline,
    decisions: evaluated.decisions,
    flags: score.flags,
    luck: luckOf(log, sc, player),
    annotations: log.entries.filter((e) => e.kind === 'annotation'),
    marks: markCounts(evaluated.decisions),
  };
}
