/* The public library API of Phase Shift: the engine, scenarios, logs and bots, usable from
 * Node or a browser with no UI. */

export { startGame, immerApplier, mutableApplier, checkpointOf, type Game, type GameOptions } from './engine/game.js';
export { phaseMachine, machineRefusal, acceptedIn, type MachineContext, type MachineEvent, type MachineEmitted } from './engine/machine.js';
export type { Applier } from './engine/game.js';
export { decide, costOf } from './engine/decide.js';
export { evolve } from './engine/evolve.js';
export { resolveWeek } from './engine/world.js';
export { initialState, type GameState, type Phase, type EndReason } from './engine/state.js';
export { DecisionSchema, DECISION_TYPES, AFFINITY, type Decision, type DecisionType } from './engine/decisions.js';
export { EventSchema, type GameEvent, type EventType } from './engine/events.js';
export type { DecideResult, DecisionCost, Rejection, RuleContext } from './engine/rules.js';
export { createWorldTable, draw, STREAMS, type WorldTable } from './engine/rng.js';
export * as derive from './engine/derive.js';
export { canonicalJson, hashOf } from './engine/hash.js';
export { ENGINE_VERSION } from './engine/version.js';
export { LOG_FORMAT, LOG_VERSION, type GameLog, type LogEntry, type LogHeader, type Checkpoint, type Annotation } from './engine/log/format.js';
export { parseLog, serializeLog, MAX_LOG_BYTES, type LogError, type ParsedLog } from './engine/log/parse.js';
export { replay, verify, makeHeader, scenarioMismatch, type VerifyResult } from './engine/log/replay.js';
export { foldLog, finalState, weekStates, frozenCopy, type Projection, type Projections, type Results, type FoldOptions } from './engine/log/fold.js';
export { ScenarioSchema, type Scenario } from './scenarios/schema.js';
export { loadScenario, type LoadedScenario, type ScenarioIssue } from './scenarios/load.js';
export { getScenario, scenarioIds, scenarioForLog, scenarioFor, olderVersionNote } from './scenarios/registry.js';
export { BOTS, getBot } from './bots/index.js';
export { LESSON_BOTS } from './bots/lessons.js';
export { playGame } from './bots/play.js';
export { playerView, type Bot, type PlayerView } from './bots/types.js';
export { scoreCard, type ScoreCard, type ScoreLine } from './analysis/score.js';
export { alignmentFlags, type Flag, type FlagRule } from './analysis/alignment.js';
export { repeatBot, repeatBots } from './bots/repeat.js';
export {
  encodeWorkshopCode,
  decodeWorkshopCode,
  checkWorkshopCode,
  workshopQuery,
  workshopSeedProblem,
  workshopPinProblem,
  WORKSHOP_FORMAT,
  WORKSHOP_QUERY_KEY,
  WORKSHOP_LIMITS,
  type WorkshopPin,
  type WorkshopCode,
  type WorkshopDecoded,
  type WorkshopBuild,
  type WorkshopMismatch,
  type WorkshopCheck,
} from './engine/workshop.js';
export { forecastWeek, type WeekForecast } from './engine/forecast.js';
export { factsHash, decisionsBefore, forkLink, forkProblem, lastWeekOf } from './engine/log/fork.js';
export { playOn, botRandom } from './bots/play.js';
export { debriefOf, markCounts, type DebriefOptions } from './analysis/debrief.js';
export { evaluateGame, planShards, mergeEvaluations, type GameEvaluation, type EvaluateOptions } from './analysis/counterfactual.js';
export { outcomeOf, outcomeValue, markOf, MARK_THRESHOLDS } from './analysis/value.js';
export { luckOf } from './analysis/luck.js';
export { timelineOf } from './analysis/timeline.js';
export { pathOf } from './analysis/path.js';
export { weekSnapshots } from './analysis/snapshots.js';
export { debriefMarkdown } from './analysis/report-md.js';
export { debriefHtml } from './analysis/report-html.js';
export { compareLogs, checkLog, CompareInputError, type CompareInput, type ScenarioLookup } from './analysis/compare.js';
export { compareMarkdown, compareJson } from './analysis/compare-report.js';
export { compareHtml } from './analysis/compare-html.js';
export type { Comparison } from './analysis/compare-types.js';
export {
  MARK_GLYPH,
  MARKS,
  type Mark,
  type Outcome,
  type Alternative,
  type DecisionEvaluation,
  type WeekMetrics,
  type PathStep,
  type Luck,
  type Debrief,
  type Progress,
} from './analysis/types.js';
