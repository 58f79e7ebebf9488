import type { Scenario } from '../scenarios/schema.js';
import type { EndReason, GameState } from '../engine/state.js';
import type { GameLog } from '../engine/log/format.js';
import { foldLog, type Projection } from '../engine/log/fold.js';
import { CHECK_ORDER, GUARDS, fitSignal, type GuardName, type GuardVerdict } from '../engine/guards.js';
import type { GuardFigure, PathStep } from './types.js';
import { ENDING_SHORT, money } from './format.js';

/* The machine path explained: why the pre-fit → post-fit switch came when it did (or never
 * came), and why the game ended (or that the log stops first). Every figure comes from the
 * engine's own guard functions, evaluated on the state the machine checked them on. */

/** What the machine saw when it checked its guards at the end of one week. */
interface Check {
  week: number;
  phase: 'preFit' | 'postFit';
  signal: GuardVerdict;
  streak: number;
  guards: Partial<Record<GuardName, GuardVerdict>>;
}

const CHECKED = new Set(['phase.switched', 'week.closed', 'game.ended']);

function checkOf(s: GameState, sc: Scenario): Check {
  const phase = s.phase === 'postFit' ? 'postFit' : 'preFit';
  const guards: Partial<Record<GuardName, GuardVerdict>> = {};
  for (const name of CHECK_ORDER[phase]) guards[name] = GUARDS[name](s, sc);
  return { week: s.week, phase, signal: fitSignal(s, sc), streak: s.market.fitStreak, guards };
}

/** The machine's path as a projection of the one fold: it takes the machine's check at the end
 * of each resolved week, on the state just before the week's first closing event is applied. */
export function pathProjection(sc: Scenario): Projection<PathStep[]> {
  const checks: Check[] = [];
  let final: GameState | null = null;
  return {
    beforeEvent: (s, e) => {
      const last = checks[checks.length - 1];
      if (CHECKED.has(e.type) && (!last || last.week !== e.week)) checks.push(checkOf(s, sc));
    },
    onEnd: (s) => {
      final = s;
    },
    result: () => {
      if (!final) throw new Error('path: the fold has not ended');
      return stepsOf(checks, final, sc);
    },
  };
}

const SIGN: Record<GuardFigure['holdsWhen'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
const SHARES = new Set(['survey "very disappointed"', 'retention']);

/** A figure's value or threshold in its unit: money, a percentage or a plain number. */
export function showFigure(f: GuardFigure, x: number): string {
  return f.name === 'cash' || f.name === 'ARR' ? money(x) : SHARES.has(f.name) ? `${Math.round(x * 1000) / 10}%` : `${Math.round(x * 100) / 100}`;
}

/** A figure in words, e.g. "retention 72% (needs ≥ 80%: not met)". */
export function figureText(f: GuardFigure): string {
  const show = (x: number) => showFigure(f, x);
  return `${f.name} ${show(f.value)} (needs ${SIGN[f.holdsWhen]} ${show(f.threshold)}: ${f.holds ? 'met' : 'not met'})`;
}

const failing = (v: GuardVerdict) =>
  v.figures
    .filter((f) => !f.holds)
    .map(figureText)
    .join('; ');

function switchStep(c: Check, sc: Scenario): PathStep {
  const figures = [...(c.guards.fitConfirmed?.figures ?? []), ...c.signal.figures];
  const from = c.week - sc.fit.weeksRequired + 1;
  return {
    week: c.week,
    kind: 'switch',
    transition: 'pre-fit → post-fit',
    figures,
    why: `Fit was confirmed at the end of week ${c.week}: the fit signal (survey, retention and paying customers all at their thresholds) held every week from week ${from}, a streak of ${c.streak} against the ${sc.fit.weeksRequired} the scenario requires.`,
  };
}

/** How near a week came to confirming fit: the streak first, then signal figures held, then
 * how small the failing figures' shortfalls were (as shares of their thresholds). */
function nearness(c: Check): number {
  let held = 0;
  let short = 0;
  for (const f of c.signal.figures) {
    if (f.holds) held += 1;
    else short += f.threshold > 0 ? Math.min(1, Math.max(0, (f.threshold - f.value) / f.threshold)) : 1;
  }
  return c.streak * 10 + held + (1 - short / c.signal.figures.length) * 0.99;
}

function breakReason(c: Check, next: Check | undefined): string {
  if (!next) return '';
  if (!next.signal.holds) return ` The next week the signal failed: ${failing(next.signal)}.`;
  if (next.streak !== c.streak + 1) return ' The next week a change of strategy reset the streak.';
  return '';
}

/** Why the pre-fit phase stopped without fit: the deadline, another ending, or the log's end. */
function endSentence(last: Check, sc: Scenario, ended: EndReason | null): string {
  const deadline = sc.fit.deadlineWeek;
  const gap = deadline - last.week;
  const left = `${gap} week${gap === 1 ? '' : 's'} before the fit deadline (week ${deadline})`;
  if (ended === 'noFit') return `The fit deadline, week ${deadline}, came first.`;
  if (ended === 'bankrupt' && gap <= 0)
    return `The cash ran out in week ${last.week}, the fit deadline week itself; the machine checks cash before the deadline, so the game ended bankrupt.`;
  if (ended === 'bankrupt') return `The cash ran out in week ${last.week}, ${left}.`;
  if (ended) return `The game ended (${ENDING_SHORT[ended]}) in week ${last.week}${gap > 0 ? `, ${left}` : ''}.`;
  return `The log stops at week ${last.week}${gap > 0 ? `, ${left}` : ''}.`;
}

function noSwitchStep(checks: Check[], sc: Scenario, ended: EndReason | null): PathStep {
  const pre = checks.filter((c) => c.phase === 'preFit');
  const last = pre[pre.length - 1];
  if (!last)
    return {
      week: 1,
      kind: 'noSwitch',
      transition: 'pre-fit → post-fit (not reached)',
      why: 'The log stops before the first week resolved, so the fit signal was never measured.',
      figures: [],
    };
  let best = last;
  for (const c of pre) if (nearness(c) > nearness(best)) best = c;
  const closest = best.signal.holds
    ? `its longest streak was ${best.streak} of the ${sc.fit.weeksRequired} weeks required, reached in week ${best.week}.`
    : `the signal never held; it came closest in week ${best.week}: ${failing(best.signal)}.`;
  return {
    week: best.week,
    kind: 'noSwitch',
    transition: 'pre-fit → post-fit (not reached)',
    why: `Fit was never confirmed: ${closest}${best.signal.holds ? breakReason(best, pre[pre.indexOf(best) + 1]) : ''} ${endSentence(last, sc, ended)}`,
    // Only the fit figures of the closest week: the deadline belongs to the ending step.
    figures: [...(best.guards.fitConfirmed?.figures ?? []), ...best.signal.figures],
  };
}

const ENDING_WHY: Record<EndReason, string> = {
  bankrupt: 'cash fell below zero, so the company is bankrupt',
  noFit: 'the fit deadline came without confirmed fit',
  bookLost: 'enough enterprise contracts churned to lose the book',
  won: 'ARR reached the target with both SLOs held and no contract over its breach limit',
  timeUp: 'the last week resolved without a win',
};

const PHASE_WORDS: Record<Check['phase'], string> = { preFit: 'pre-fit', postFit: 'post-fit' };

function endingStep(c: Check, reason: EndReason): PathStep {
  const order = CHECK_ORDER[c.phase];
  // The machine stops at the first guard that holds: later guards were never checked.
  const checked = order.includes(reason) ? order.slice(0, order.indexOf(reason) + 1) : order;
  const figures = checked.flatMap((g) => c.guards[g]?.figures ?? []);
  const fired = c.guards[reason];
  const why = `The game ended at the end of week ${c.week}: ${ENDING_WHY[reason]}${fired ? ` (${fired.figures.map(figureText).join('; ')})` : ''}.`;
  const won = c.guards.won;
  const short = reason !== 'won' && won && !won.holds ? ` The win needed: ${failing(won)}.` : '';
  return { week: c.week, kind: 'ending', transition: `${PHASE_WORDS[c.phase]} → ended: ${ENDING_SHORT[reason]}`, why: why + short, figures };
}

function stopStep(c: Check | undefined, final: GameState): PathStep {
  const figures = c ? CHECK_ORDER[c.phase].flatMap((g) => c.guards[g]?.figures ?? []) : [];
  const at = c ? ` At the end of week ${c.week} no ending guard held.` : '';
  const phase = final.phase === 'postFit' ? 'post-fit' : 'pre-fit';
  return { week: final.week, kind: 'ending', transition: `${phase} → (log stops)`, why: `The log stops in week ${final.week}, before the game ended.${at}`, figures };
}

/** The guard each figure name belongs to ('signal' for the weekly fit signal), as guards.ts names them. */
export const FIGURE_GUARD: Readonly<Record<string, GuardName | 'signal'>> = {
  cash: 'bankrupt',
  'fit streak (weeks)': 'fitConfirmed',
  'week (fit deadline)': 'noFit',
  'week (last week)': 'timeUp',
  'contracts churned': 'bookLost',
  ARR: 'won',
  'downtime this month (hours)': 'won',
  'p95 latency (ms)': 'won',
  'most breaches on one contract': 'won',
  'survey "very disappointed"': 'signal',
  retention: 'signal',
  'paying customers': 'signal',
};

const GUARD_WORDS: Record<GuardName | 'signal', string> = {
  bankrupt: 'bankruptcy',
  fitConfirmed: 'fit confirmation',
  noFit: 'fit deadline',
  timeUp: 'last week',
  bookLost: 'book lost',
  won: 'win',
  signal: 'weekly fit signal',
};

/** One row of a path step's table: a figure and the part its guard played in the step. */
export interface FigureRow {
  figure: GuardFigure;
  /** e.g. "win: fired", "bankruptcy: checked, not met", "weekly fit signal, week 12: not met". */
  role: string;
}

/** A step's figures with their roles, so a table says which guard fired and which were checked
 * and did not hold (a guard holds when all its figures do; the machine checks them in order). */
export function figureRows(step: PathStep): FigureRow[] {
  const guardOf = (f: GuardFigure): string => FIGURE_GUARD[f.name] ?? f.name;
  const holds = new Map<string, boolean>();
  for (const f of step.figures) holds.set(guardOf(f), (holds.get(guardOf(f)) ?? true) && f.holds);
  return step.figures.map((figure) => {
    const g = guardOf(figure);
    const held = holds.get(g) === true;
    const words = g in GUARD_WORDS ? GUARD_WORDS[g as GuardName | 'signal'] : g;
    const role = g === 'signal' ? `${words}, week ${step.week}: ${held ? 'held' : 'not met'}` : `${words}: ${held ? 'fired' : 'checked, not met'}`;
    return { figure, role };
  });
}

/** The state machine's path through the game, each step with the guard figures behind it. */
export function pathOf(log: GameLog, sc: Scenario): PathStep[] {
  return foldLog(log, sc, { path: pathProjection(sc) }).path;
}

function stepsOf(checks: Check[], final: GameState, sc: Scenario): PathStep[] {
  const steps: PathStep[] = [];
  const switched = final.fitWeek === null ? undefined : checks.find((c) => c.week === final.fitWeek && c.phase === 'preFit');
  steps.push(switched ? switchStep(switched, sc) : noSwitchStep(checks, sc, final.ended?.reason ?? null));
  const last = checks[checks.length - 1];
  steps.push(final.ended && last ? endingStep(last, final.ended.reason) : stopStep(last, final));
  return steps;
}
