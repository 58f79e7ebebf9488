import type { Decision, DecisionType } from '../engine/decisions.js';
import type { EndReason, Phase } from '../engine/state.js';
import type { Annotation, LogHeader } from '../engine/log/format.js';
import type { Flag } from './alignment.js';
import type { ScoreCard } from './score.js';
import type { GuardFigure } from '../engine/guards.js';

/* The debrief's vocabulary, shared by the pure analysis, the CLI reports and the browser's
 * replay viewer and comparison view, so every surface shows the same figures. */

/** A chess-style judgement of one decision, by its regret against the best alternative. */
export type Mark = 'good' | 'inaccuracy' | 'mistake' | 'blunder';

/** How a game (or a counterfactual branch of it) ended, and its value on one 0–100 scale. */
export interface Outcome {
  /** The ending, or 'playing' for a log that stops before the game ended. */
  ending: EndReason | 'playing';
  /** Outcome value, 0–100 (see `outcomeValue`): the scale regret is measured on. */
  value: number;
  arr: number;
  cash: number;
  week: number;
  fitWeek: number | null;
}

/** One option at a decision point, played to the end by the reference bot on the same seed. */
export interface Alternative {
  /** A short human label, e.g. "Run interviews on startups-pay" or "Do nothing". */
  label: string;
  /** The decision tried instead; null means doing nothing in its place. */
  decision: Decision | null;
  /** Whether this is what the player actually did. */
  actual: boolean;
  outcome: Outcome;
}

/** The engine's evaluation of one player decision. */
export interface DecisionEvaluation {
  /** The decision's log sequence number and week (its identity for annotations and seeking). */
  seq: number;
  week: number;
  phase: Phase;
  type: DecisionType;
  decision: Decision;
  label: string;
  /** The player's choice first, then at least four alternatives (one of them doing nothing). */
  alternatives: Alternative[];
  /** Index into `alternatives` of the best outcome. */
  best: number;
  /** Best alternative's value minus the player's (≥ 0), in outcome points. */
  regret: number;
  mark: Mark;
  /** Phase-alignment flags raised by this decision. */
  flags: Flag[];
}

/** The headline figures at the end of one week: one row of the metric timelines. */
export interface WeekMetrics {
  week: number;
  phase: Phase;
  cash: number;
  burnPerWeek: number;
  runwayWeeks: number;
  arr: number;
  customers: number;
  trust: number;
  perceivedAccuracy: number;
  modelQuality: number;
  retention: number;
  survey: number;
  fitStreak: number;
  p95Ms: number;
  uptime: number;
  errorBudgetHoursLeft: number;
  debt: number;
  gpuHoursUsedThisMonth: number;
  openIncidents: number;
  activeContracts: number;
  /** The engine's estimate of the outcome from the start of this week (reference bot), if computed. */
  evaluation?: number;
}

/** A figure a machine guard compared against its threshold (defined with the guards). */
export type { GuardFigure } from '../engine/guards.js';

/** One step of the state-machine path, explained: a phase switch or the ending (or why none came). */
export interface PathStep {
  week: number;
  kind: 'switch' | 'noSwitch' | 'ending';
  /** In people's words, e.g. 'pre-fit → post-fit' or 'post-fit → ended: won'. */
  transition: string;
  why: string;
  figures: GuardFigure[];
}

/** The player's outcome against reference bots on the same seed: luck versus skill. */
export interface Luck {
  player: Outcome;
  references: { bot: string; outcome: Outcome }[];
  /** Share of reference bots the player did at least as well as (0–1). */
  beat: number;
  /** How generous the seed is: the mean of the reference outcomes' values. */
  seedValue: number;
  /** The player's value minus the best-play reference (phase-aware) on this seed. */
  againstPhaseAware: number;
  verdict: string;
}

/** Everything the debrief says about one log (CLI, Markdown, HTML and the viewer read this). */
export interface Debrief {
  header: LogHeader;
  scenario: { id: string; name: string; company: string };
  score: ScoreCard;
  path: PathStep[];
  timeline: WeekMetrics[];
  decisions: DecisionEvaluation[];
  flags: Flag[];
  luck: Luck;
  annotations: Annotation[];
  /** Counts of each mark over the player's decisions. */
  marks: Record<Mark, number>;
}

/** Progress of a long analysis: done of total units, with what is being worked on. */
export interface Progress {
  done: number;
  total: number;
  stage: string;
}

/** The chess-style glyph shown beside a mark (colour is never the only signal). */
export const MARK_GLYPH: Record<Mark, string> = { good: '✓', inaccuracy: '?!', mistake: '?', blunder: '??' };

/** Every mark, best first (for legends, counts and sorting). */
export const MARKS: readonly Mark[] = ['good', 'inaccuracy', 'mistake', 'blunder'];
