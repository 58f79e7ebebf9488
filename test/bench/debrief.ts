import { getBot, playGame, type GameLog, type Scenario } from '../../src/index.js';
import { evaluateGame } from '../../src/analysis/counterfactual.js';
import { luckOf } from '../../src/analysis/luck.js';
import { outcomeOf } from '../../src/analysis/value.js';
import { MARKS, type Mark } from '../../src/analysis/types.js';
import { compare, duration, times, type BenchConfig } from './harness.js';

/* The debrief's budget: the counterfactual analysis of a whole recorded game (every decision
 * against its alternatives, each played to the end, plus the evaluation of each week's start)
 * must take under a second on one core. It is printed beside one full phase-aware game on the
 * same seed, measured in the same run, so the ratio says how many games' worth of work it is. */

/** One row of the bench table: measure, figure, baseline, ratio, target. */
export type DebriefRow = [string, string, string, string, string];

/** A budget line: its name, whether this machine meets it, and the figure. */
export interface DebriefTarget {
  name: string;
  met: boolean;
  figure: string;
}

/** The debrief budget in milliseconds (ARCHITECTURE.md: a whole game's analysis under 1 s). */
export const DEBRIEF_BUDGET_MS = 1000;

/** How the analysis is shaped: decisions, weeks, rollouts and the marks it gave. */
function shape(log: GameLog, sc: Scenario): { decisions: number; weeks: number; rollouts: number; marks: string } {
  let rollouts = 0;
  const r = evaluateGame(log, sc, { onProgress: (p) => (rollouts = p.total) });
  const count: Record<Mark, number> = { good: 0, inaccuracy: 0, mistake: 0, blunder: 0 };
  for (const d of r.decisions) count[d.mark] += 1;
  return { decisions: r.decisions.length, weeks: r.evaluation.length, rollouts, marks: MARKS.map((m) => `${count[m]} ${m}`).join(', ') };
}

/** (e) evaluateGame on the bench's recorded game against one full phase-aware game, and luckOf. */
export function debriefBench(sc: Scenario, log: GameLog, cfg: BenchConfig): { rows: DebriefRow[]; targets: DebriefTarget[] } {
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('bench: bot phase-aware not found');
  const seed = log.header.seed;
  const game = () => playGame(sc, seed, bot, { record: false });
  const s = shape(log, sc);
  const e = compare(() => evaluateGame(log, sc), game, cfg);
  const player = outcomeOf(game().state(), sc);
  const l = compare(() => luckOf(log, sc, player), game, cfg);
  const rows: DebriefRow[] = [
    [`(e) counterfactual debrief of a whole game (${s.decisions} decisions, ${s.weeks} weeks)`, duration(e.ms), `one phase-aware game: ${duration(e.baseMs)}`, times(e.ratio), '< 1 s'],
    [`    rollouts played to the end: ${s.rollouts} (${duration(e.ms / Math.max(1, s.rollouts))} each)`, '', '', '', ''],
    [`    marks given: ${s.marks}`, '', '', '', ''],
    ['    luck vs skill: every reference bot on the seed', duration(l.ms), `one phase-aware game: ${duration(l.baseMs)}`, times(l.ratio), ''],
  ];
  const targets: DebriefTarget[] = [{ name: 'counterfactual debrief of a whole game < 1 s', met: e.ms < DEBRIEF_BUDGET_MS, figure: duration(e.ms) }];
  return { rows, targets };
}
