import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { Decision } from '../engine/decisions.js';
import { isDecisionLine, type DecisionLine, type GameLog } from '../engine/log/format.js';
import { createWorldTable, type WorldTable } from '../engine/rng.js';
import { startGame } from '../engine/game.js';
import { getBot } from '../bots/index.js';
import { botRandom, playOn } from '../bots/play.js';
import type { Bot } from '../bots/types.js';
import type { Alternative, DecisionEvaluation, Outcome, Progress } from './types.js';
import { alignmentFlags, type Flag } from './alignment.js';
import { walkDecisions } from './walk.js';
import { ALTERNATIVES, alternativesFor, labelOf, omissionsAt, type Option } from './candidates.js';
import { MARK_THRESHOLDS, markOf, outcomeOf } from './value.js';

/* Counterfactual regret: every player decision is weighed against its alternatives, each
 * played to the end on the same seed. A branch starts from the state just before the decision,
 * takes the option instead of the player's choice, then the player's remaining decisions of
 * that week (any the option made illegal are skipped) and the end of the week; from there the
 * reference bot plays on. All branches of one week share the world's draws (one table per
 * seed) and the bot's stream for that week, so only the option differs between them.
 *
 * Shared work is done once. The player's own option at any decision of week w is the same
 * branch — the week as the player played it, then the bot — so it is played once per week.
 * That same branch is the evaluation of the start of week w + 1 (the bot playing on from
 * there), which makes the advantage chart cost one extra game (week 1) on top of the weeks.
 *
 * What a player leaves undone costs as much as what they do. When the week as played ends at
 * least an inaccuracy below the reference bot's own week from the same start, the week's end
 * is judged too: ending it as played (doing nothing more) against doing one more thing first. */

/** A decision point: the state the player faced and the rest of that week's decisions. */
interface Point {
  line: DecisionLine;
  before: GameState;
  rest: Decision[];
}

/** One week of the log: the state at its start, its decision lines and its decision points. */
interface Week {
  week: number;
  start: GameState;
  decisions: Decision[];
  points: Point[];
  /** The week's own end: the state after its last decision (absent if the log stops first). */
  end?: Point;
}

/** Everything evaluateGame returns: per-decision regret and the per-week evaluation. */
export interface GameEvaluation {
  decisions: DecisionEvaluation[];
  evaluation: { week: number; value: number }[];
}

/** Options of evaluateGame: the reference bot's name (default 'phase-aware') and a progress hook. */
export interface EvaluateOptions {
  reference?: string;
  onProgress?: (p: Progress) => void;
  /** Evaluate only the log's weeks in this range (inclusive): one shard of a parallel run. */
  weeks?: { from: number; to: number };
}

const cloneState = (s: GameState): GameState => JSON.parse(JSON.stringify(s)) as GameState;
const asDecision = (line: DecisionLine): Decision => ({ type: line.type, data: line.data }) as Decision;

/** Walks the log once, keeping a copy of the state at each week's start and each decision. */
function collectWeeks(log: GameLog, sc: Scenario): Week[] {
  const weeks: Week[] = [];
  const restFrom = new Map<Point, number>();
  walkDecisions(log, sc, (state, line) => {
    let current = weeks[weeks.length - 1];
    if (!current || current.week !== line.week) {
      current = { week: line.week, start: cloneState(state), decisions: [], points: [] };
      weeks.push(current);
    }
    current.decisions.push(asDecision(line));
    if (line.type === 'week.end') {
      current.end = { line, before: cloneState(state), rest: [] };
      return;
    }
    const point: Point = { line, before: cloneState(state), rest: [] };
    restFrom.set(point, current.decisions.length);
    current.points.push(point);
  });
  for (const w of weeks) for (const p of w.points) p.rest = w.decisions.slice(restFrom.get(p));
  return weeks;
}

/** Lets the bot play a game to its end on the stream of `streamWeek`, and values the end. */
function playOut(sc: Scenario, bot: Bot, game: ReturnType<typeof startGame>, streamWeek: number): Outcome {
  playOn(game, bot, botRandom(`${game.seed}#w${streamWeek}`, bot.name));
  return outcomeOf(game.state(), sc);
}

/** Plays one branch: from a state, an option, the rest of the week, then the bot to the end. */
function rollout(sc: Scenario, table: WorldTable, bot: Bot, from: GameState, week: number, first: Decision | null, rest: readonly Decision[]): Outcome {
  const game = startGame(sc, from.seed, { mode: 'bulk', record: false, checkpoints: false, table, from });
  if (first) game.decide(first);
  for (const d of rest) if (game.state().phase !== 'ended') game.decide(d);
  if (game.state().phase !== 'ended' && game.state().week === week) game.decide({ type: 'week.end', data: {} });
  return playOut(sc, bot, game, week);
}

/** The bot playing on from the start of a week, by default on the previous week's stream (see above). */
function fromStart(sc: Scenario, table: WorldTable, bot: Bot, start: GameState, streamWeek = start.week - 1): Outcome {
  const game = startGame(sc, start.seed, { mode: 'bulk', record: false, checkpoints: false, table, from: start });
  return playOut(sc, bot, game, streamWeek);
}

/** Whether the week as played lost at least an inaccuracy against the bot's own week from the
 * same start. The evaluation chart's figure is on the previous week's stream, so a drop there is
 * confirmed on this week's stream before it counts (a bot that draws could differ by chance). */
function lostGround(run: Run, w: Week, start: Outcome, played: Outcome): boolean {
  if (start.value - played.value < MARK_THRESHOLDS.inaccuracy) return false;
  const own = fromStart(run.sc, run.table, run.bot, w.start, w.week);
  run.grow(1);
  run.tick(`week ${w.week}: the reference bot's own week`);
  return own.value - played.value >= MARK_THRESHOLDS.inaccuracy;
}

/** The reference bot by name; an unknown name is a programming error the CLI checks first. */
function referenceBot(name: string): Bot {
  const bot = getBot(name);
  if (!bot) throw new Error(`evaluateGame: there is no bot named "${name}"`);
  return bot;
}

/** Index of the best outcome; on a tie the earlier option (the player's first) wins. */
function bestIndex(alternatives: readonly Alternative[]): number {
  let best = 0;
  alternatives.forEach((a, i) => {
    if (a.outcome.value > (alternatives[best]?.outcome.value ?? -1)) best = i;
  });
  return best;
}

/** The evaluation of one decision from its played options (the player's first). */
function judge(point: Point, week: number, alternatives: Alternative[], flags: Flag[]): DecisionEvaluation {
  const best = bestIndex(alternatives);
  const actual = alternatives[0]?.outcome.value ?? 0;
  const regret = Math.max(0, Math.round(((alternatives[best]?.outcome.value ?? actual) - actual) * 10) / 10);
  const decision = asDecision(point.line);
  return {
    seq: point.line.seq,
    week,
    phase: point.before.phase,
    type: decision.type,
    decision,
    label: alternatives[0]?.label ?? '',
    alternatives,
    best,
    regret,
    mark: markOf(regret),
    flags,
  };
}

/** What every rollout of one game shares. */
interface Run {
  sc: Scenario;
  table: WorldTable;
  bot: Bot;
  flags: Map<number, Flag[]>;
  tick: (stage: string) => void;
  /** Adds work found on the way (a week's end that needs judging) to the progress total. */
  grow: (units: number) => void;
}

/** Plays every option at each decision point of one week; `actual` is the player's branch. */
function judgeWeek(run: Run, w: Week, plan: Option[][], actual: Outcome): DecisionEvaluation[] {
  return w.points.map((p, j) => {
    const tried = (plan[j] ?? []).map((o): Alternative => {
      const outcome = rollout(run.sc, run.table, run.bot, p.before, w.week, o.decision, p.rest);
      run.tick(`week ${w.week}: ${o.label}`);
      return { label: o.label, decision: o.decision, actual: false, outcome };
    });
    const own: Alternative = { label: labelOf(asDecision(p.line), run.sc), decision: asDecision(p.line), actual: true, outcome: actual };
    return judge(p, w.week, [own, ...tried], run.flags.get(p.line.seq) ?? []);
  });
}

/** Judges ending a week as played against one more decision first (see the file comment). */
function judgeOmissions(run: Run, w: Week, actual: Outcome, random: ReturnType<typeof botRandom>): DecisionEvaluation | null {
  const end = w.end;
  if (!end) return null;
  const options = omissionsAt(end.before, run.sc, run.table, run.bot, random);
  run.grow(options.length);
  const tried = options.map((o): Alternative => {
    const outcome = rollout(run.sc, run.table, run.bot, end.before, w.week, o.decision, []);
    run.tick(`week ${w.week}: ${o.label}`);
    return { label: o.label, decision: o.decision, actual: false, outcome };
  });
  const own: Alternative = { label: 'End the week with nothing more decided', decision: asDecision(end.line), actual: true, outcome: actual };
  return judge(end, w.week, [own, ...tried], run.flags.get(end.line.seq) ?? []);
}

/** Whether a week follows the one before it (so the previous branch is its evaluation). */
const follows = (weeks: readonly Week[], i: number): boolean => i > 0 && weeks[i - 1]?.week === (weeks[i]?.week ?? 0) - 1;

/** Per-decision counterfactual regret and the reference bot's evaluation at each week's start. */
export function evaluateGame(log: GameLog, sc: Scenario, options: EvaluateOptions = {}): GameEvaluation {
  const bot = referenceBot(options.reference ?? 'phase-aware');
  const table = createWorldTable(log.header.seed, sc.weeks);
  const range = options.weeks;
  const weeks = collectWeeks(log, sc).filter((w) => !range || (w.week >= range.from && w.week <= range.to));
  const flags = new Map<number, Flag[]>();
  for (const f of alignmentFlags(log, sc)) flags.set(f.seq, [...(flags.get(f.seq) ?? []), f]);
  const plans = weeks.map((w) =>
    w.points.map((p) => alternativesFor(p.before, asDecision(p.line), sc, table, bot, botRandom(`${log.header.seed}#s${p.line.seq}`, bot.name), ALTERNATIVES, p.rest)),
  );
  let done = 0;
  let total = weeks.filter((_, i) => !follows(weeks, i)).length + weeks.length + plans.flat(2).length;
  const run: Run = { sc, table, bot, flags, tick: (stage) => options.onProgress?.({ done: (done += 1), total, stage }), grow: (units) => (total += units) };
  const decisions: DecisionEvaluation[] = [];
  const evaluation: { week: number; value: number }[] = [];
  let previous: Outcome | null = null;
  weeks.forEach((w, i) => {
    let start = previous;
    if (!start || !follows(weeks, i)) {
      start = fromStart(sc, table, bot, w.start);
      run.tick(`week ${w.week}: evaluation`);
    }
    evaluation.push({ week: w.week, value: start.value });
    previous = rollout(sc, table, bot, w.start, w.week, null, w.decisions);
    run.tick(`week ${w.week}: as played`);
    decisions.push(...judgeWeek(run, w, plans[i] ?? [], previous));
    if (lostGround(run, w, start, previous)) {
      const omission = judgeOmissions(run, w, previous, botRandom(`${log.header.seed}#e${w.week}`, bot.name));
      if (omission) decisions.push(omission);
    }
  });
  if (total === 0) options.onProgress?.({ done: 0, total: 0, stage: 'nothing to evaluate' });
  return { decisions, evaluation };
}

/** Splits a log's weeks into `count` contiguous ranges of about equal work, for parallel
 * evaluation: a week's work grows with its decisions and with the weeks left to play after it. */
export function planShards(log: GameLog, sc: Scenario, count: number): { from: number; to: number }[] {
  const perWeek = new Map<number, number>();
  for (const e of log.entries) if (e.kind === 'event' && isDecisionLine(e)) perWeek.set(e.week, (perWeek.get(e.week) ?? 0) + 1);
  const weeks = [...perWeek.keys()].sort((a, b) => a - b);
  const cost = weeks.map((w) => ((perWeek.get(w) ?? 0) * (ALTERNATIVES + 1) + 1) * (sc.weeks - w + 1));
  const total = cost.reduce((a, b) => a + b, 0);
  const shards: { from: number; to: number }[] = [];
  let acc = 0;
  let from = weeks[0] ?? 1;
  weeks.forEach((w, i) => {
    acc += cost[i] ?? 0;
    const isLast = i === weeks.length - 1;
    if (isLast || (shards.length < count - 1 && acc >= (total * (shards.length + 1)) / count)) {
      shards.push({ from, to: w });
      from = weeks[i + 1] ?? w + 1;
    }
  });
  return shards;
}

/** Joins the shards of a parallel evaluation back into one, in week order. */
export function mergeEvaluations(parts: readonly GameEvaluation[]): GameEvaluation {
  const ordered = [...parts].sort((a, b) => (a.evaluation[0]?.week ?? 0) - (b.evaluation[0]?.week ?? 0));
  return { decisions: ordered.flatMap((p) => p.decisions), evaluation: ordered.flatMap((p) => p.evaluation) };
}
