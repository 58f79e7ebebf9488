import { BOTS, getBot, makeHeader, playGame, type GameLog, type Scenario } from '../../src/index.js';
import { evaluateGame } from '../../src/analysis/counterfactual.js';
import { luckOf } from '../../src/analysis/luck.js';
import { outcomeOf } from '../../src/analysis/value.js';
import { MARKS, type Mark } from '../../src/analysis/types.js';
import { isDecisionLine } from '../../src/engine/log/format.js';
import { compare, duration, times, type BenchConfig } from './harness.js';
import { startShardPool, timeParallel } from './debrief-parallel.js';

/* The debrief's budget: the counterfactual analysis of a whole recorded game (every decision
 * against its alternatives, each played to the end, plus the evaluation of each week's start)
 * must take under a second on one core. It is printed beside one full phase-aware game on the
 * same seed, measured in the same run, so the ratio says how many games' worth of work it is.
 * Two games are analysed: the bench's recorded phase-aware game and the busiest other bot game
 * on a dozen seeds (the most decisions), each on one core and on every core the way the
 * replay viewer runs it (balanced ranges of weeks on warm worker threads). */

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

/** A long, busy game to analyse: of every other bot's games on a dozen seeds, the one with the
 * most decisions (a player who decides often costs the analysis the most). */
function busyGame(sc: Scenario, hash: string): { log: GameLog; bot: string } {
  let best: { log: GameLog; bot: string; decisions: number } | null = null;
  for (const name of Object.keys(BOTS).filter((b) => b !== 'phase-aware')) {
    const bot = getBot(name);
    for (let i = 0; bot && i < 12; i++) {
      const seed = `bench-${i}`;
      const entries = [...playGame(sc, seed, bot).entries()];
      const decisions = entries.filter((e) => e.kind === 'event' && isDecisionLine(e)).length;
      if (!best || decisions > best.decisions) best = { log: { header: makeHeader(sc, hash, seed), entries }, bot: `${name}, seed ${seed}`, decisions };
    }
  }
  if (!best) throw new Error('bench: no bots');
  return best;
}

/** (e) evaluateGame on one core and on all cores, for the recorded game and a busy one, and luckOf. */
export async function debriefBench(sc: Scenario, hash: string, log: GameLog, cfg: BenchConfig): Promise<{ rows: DebriefRow[]; targets: DebriefTarget[] }> {
  const first = debriefOneCore(sc, log, cfg);
  const { log: busy, bot: busyBot } = busyGame(sc, hash);
  const second = debriefOneCore(sc, busy, cfg);
  const pool = startShardPool();
  try {
    const samples = Math.max(3, cfg.samples);
    const parallel = [await timeParallel(pool, log, sc, samples), await timeParallel(pool, busy, sc, samples)];
    const rows: DebriefRow[] = [...first.rows];
    rows.splice(1, 0, [
      `    on ${pool.size} worker threads (balanced ranges of weeks, merged)`,
      duration(parallel[0] ?? 0),
      `one core: ${duration(first.ms)}`,
      times((parallel[0] ?? 0) / first.ms),
      '< 1 s',
    ]);
    const busyRow = second.rows[0] ?? ['', '', '', '', ''];
    rows.push([busyRow[0].replace('(e) counterfactual debrief of a whole game', `(e) the same for the busiest bot's game (${busyBot})`), ...busyRow.slice(1)] as DebriefRow);
    rows.push([`    on ${pool.size} worker threads`, duration(parallel[1] ?? 0), `one core: ${duration(second.ms)}`, times((parallel[1] ?? 0) / second.ms), '< 1 s']);
    const worst = Math.max(...parallel);
    const targets: DebriefTarget[] = [
      { name: 'counterfactual debrief of a whole game < 1 s (one core, recorded game)', met: first.ms < DEBRIEF_BUDGET_MS, figure: duration(first.ms) },
      { name: `counterfactual debrief of a whole game < 1 s (${pool.size} threads, both games)`, met: worst < DEBRIEF_BUDGET_MS, figure: duration(worst) },
    ];
    return { rows, targets };
  } finally {
    await pool.close();
  }
}

/** The one-core figures of one log's analysis. */
function debriefOneCore(sc: Scenario, log: GameLog, cfg: BenchConfig): { rows: DebriefRow[]; ms: number } {
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('bench: bot phase-aware not found');
  const seed = log.header.seed;
  const game = () => playGame(sc, seed, bot, { record: false });
  const s = shape(log, sc);
  const e = compare(() => evaluateGame(log, sc), game, cfg);
  const player = outcomeOf(game().state(), sc);
  const l = compare(() => luckOf(log, sc, player), game, cfg);
  const rows: DebriefRow[] = [
    [
      `(e) counterfactual debrief of a whole game (${s.decisions} decisions, ${s.weeks} weeks)`,
      duration(e.ms),
      `one phase-aware game: ${duration(e.baseMs)}`,
      times(e.ratio),
      '< 1 s',
    ],
    [`    rollouts played to the end: ${s.rollouts} (${duration(e.ms / Math.max(1, s.rollouts))} each)`, '', '', '', ''],
    [`    marks given: ${s.marks}`, '', '', '', ''],
    ['    luck vs skill: every reference bot on the seed', duration(l.ms), `one phase-aware game: ${duration(l.baseMs)}`, times(l.ratio), ''],
  ];
  return { rows, ms: e.ms };
}
