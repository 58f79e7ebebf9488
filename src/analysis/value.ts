import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import { arr } from '../engine/derive.js';
import type { Mark, Outcome } from './types.js';

/* Outcome value: the single 0–100 scale on which the debrief measures regret. It is not a
 * score card (that stays several figures); it only has to rank endings sensibly.
 *
 * In plain words:
 * - A win is worth 80 plus up to 20 more for the share of the scenario's weeks still left
 *   when it came (80 for a win in the last week), so a faster win is worth more.
 * - Anything else (out of cash, no fit, book lost, out of time, or a log that stops early) is
 *   worth at most 75, from three parts:
 *     30 points for having reached product–market fit;
 *     up to 35 points for ARR, in proportion to the scenario's winning ARR target (capped there);
 *     10 points for surviving: the company is not bankrupt and has not lost its enterprise book.
 * So a win always beats every non-win, more ARR never lowers a non-win, and going bankrupt
 * costs 10 points against surviving with the same ARR. Values are rounded to one decimal. */

/** Lowest value a win can have (a win in the scenario's last week). */
export const WIN_FLOOR = 80;
/** Points a non-win earns for having reached product–market fit. */
export const FIT_POINTS = 30;
/** Points a non-win earns at the scenario's ARR target (in proportion below it). */
export const ARR_POINTS = 35;
/** Points a non-win earns for not going bankrupt and not losing its enterprise book. */
export const SURVIVAL_POINTS = 10;

const tenth = (x: number): number => Math.round(x * 10) / 10;

/** The value of a won game: faster wins are worth more, never below WIN_FLOOR. */
function winValue(week: number, sc: Scenario): number {
  const early = Math.min(1, Math.max(0, (sc.weeks - week) / sc.weeks));
  return WIN_FLOOR + (100 - WIN_FLOOR) * early;
}

/** The value of any non-win: partial credit for fit, ARR against the target, and survival. */
function partialValue(ending: Outcome['ending'], annualRevenue: number, fitWeek: number | null, sc: Scenario): number {
  const fit = fitWeek !== null ? FIT_POINTS : 0;
  const share = sc.win.arr > 0 ? Math.min(1, Math.max(0, annualRevenue) / sc.win.arr) : 0;
  const alive = ending === 'bankrupt' || ending === 'bookLost' ? 0 : SURVIVAL_POINTS;
  return fit + ARR_POINTS * share + alive;
}

/** How a game (or a branch of it) stands, with its 0–100 outcome value: the scale of regret. */
export function outcomeOf(state: GameState, sc: Scenario): Outcome {
  const ending: Outcome['ending'] = state.ended?.reason ?? 'playing';
  const week = state.ended?.week ?? state.week;
  const annualRevenue = arr(state, sc);
  const value = ending === 'won' ? winValue(week, sc) : partialValue(ending, annualRevenue, state.fitWeek, sc);
  return { ending, value: tenth(value), arr: annualRevenue, cash: state.cash, week, fitWeek: state.fitWeek };
}

/** The 0–100 outcome value of a state alone (the figure types.ts's Outcome.value refers to). */
export function outcomeValue(state: GameState, sc: Scenario): number {
  return outcomeOf(state, sc).value;
}

/** Regret (outcome points) from which a decision is marked an inaccuracy, a mistake or a
 * blunder. A blunder costs about a win or a fit; a mistake about a quarter of the ARR target
 * or going bankrupt; an inaccuracy a few points; anything under that is marked good. */
export const MARK_THRESHOLDS: Readonly<Record<Exclude<Mark, 'good'>, number>> = { inaccuracy: 3, mistake: 8, blunder: 20 };

/** The mark a decision earns for its regret. */
export function markOf(regret: number): Mark {
  if (regret >= MARK_THRESHOLDS.blunder) return 'blunder';
  if (regret >= MARK_THRESHOLDS.mistake) return 'mistake';
  if (regret >= MARK_THRESHOLDS.inaccuracy) return 'inaccuracy';
  return 'good';
}
