import type { Scenario } from '../scenarios/schema.js';
import type { GameLog } from '../engine/log/format.js';
import type { GameState } from '../engine/state.js';
import { arr, runwayWeeks } from '../engine/derive.js';
import { foldLog, type Projection } from '../engine/log/fold.js';
import { flagsProjection, type Flag } from './alignment.js';
import { money, pct } from './format.js';

/* The score card: several numbers, never one opaque figure. Each carries a sentence saying
 * what it measures, so the game, the debrief and the reports explain it the same way. */

/** One line of the score card. */
export interface ScoreLine {
  id: 'outcome' | 'arr' | 'runway' | 'learning' | 'costPerInsight' | 'uptime' | 'breaches' | 'alignment';
  label: string;
  value: number;
  display: string;
  why: string;
}

/** The whole score card plus the flags behind the alignment figure. */
export interface ScoreCard {
  ended: string;
  lines: ScoreLine[];
  flags: Flag[];
}

/** How each ending reads to a person: one vocabulary for the game, the CLI and reports. */
export const ENDINGS: Record<string, string> = {
  won: 'won: the scaling target reached with SLOs held',
  bankrupt: 'bankrupt: the cash ran out',
  noFit: 'no product–market fit by the deadline',
  bookLost: 'enterprise book lost to breaches and churn',
  timeUp: 'time up: the last week came without a win',
};

/** The runway as it reads: out of cash, not burning, or weeks left. */
function runwayDisplay(cash: number, weeks: number): string {
  if (cash < 0) return 'out of cash';
  return weeks >= 999 ? 'not burning cash' : `${weeks} wk`;
}

interface Tally {
  uptimeSum: number;
  postFitWeeks: number;
  spentAtFit: number;
  invalidatedAtFit: number;
  resolvedAtFit: number;
  /** The player's decisions other than ending a week. */
  decisions: number;
}

/** The discovery figures as they stood at fit (or at the end, when fit never came). */
function atFit(t: Tally, s: GameState): void {
  t.spentAtFit = s.discovery.spent;
  t.invalidatedAtFit = s.discovery.invalidated;
  t.resolvedAtFit = s.discovery.beliefs.filter((b) => b.status !== 'open').length;
}

/** The running sums the score card needs, as a projection of the one fold. */
function tallyProjection(): Projection<{ t: Tally; final: GameState }> {
  const t: Tally = { uptimeSum: 0, postFitWeeks: 0, spentAtFit: -1, invalidatedAtFit: 0, resolvedAtFit: 0, decisions: 0 };
  let final: GameState | null = null;
  return {
    onDecision: (_s, d) => {
      if (d.type !== 'week.end') t.decisions += 1;
    },
    onEvent: (s, e) => {
      if (e.type === 'reliability.measured' && s.phase === 'postFit') {
        t.uptimeSum += e.data.uptime;
        t.postFitWeeks += 1;
      }
      if (e.type === 'phase.switched' && t.spentAtFit < 0) atFit(t, s);
    },
    onEnd: (s) => {
      final = s;
      if (t.spentAtFit < 0) atFit(t, s);
    },
    result: () => {
      if (!final) throw new Error('score: the fold has not ended');
      return { t, final };
    },
  };
}

/** The score card as a projection of the one fold (its alignment flags included). */
export function scoreProjection(sc: Scenario): Projection<ScoreCard> {
  const tally = tallyProjection();
  const flags = flagsProjection(sc);
  return {
    onDecision: (s, d) => {
      tally.onDecision?.(s, d);
      flags.onDecision?.(s, d);
    },
    onEvent: (s, e) => tally.onEvent?.(s, e),
    onEnd: (s) => tally.onEnd?.(s),
    result: () => {
      const { t, final } = tally.result();
      return cardOf(t, final, flags.result(), sc);
    },
  };
}

/** Scores a finished (or unfinished) game from its log. */
export function scoreCard(log: GameLog, sc: Scenario): ScoreCard {
  return foldLog(log, sc, { score: scoreProjection(sc) }).score;
}

/** The score card from the fold's tally, its final state and the flags. */
function cardOf(t: Tally, final: GameState, flags: Flag[], sc: Scenario): ScoreCard {
  const preFitWeeks = Math.max(1, (final.fitWeek ?? final.week) - 1);
  const learning = t.invalidatedAtFit / preFitWeeks;
  const perInsight = t.resolvedAtFit > 0 ? Math.round(t.spentAtFit / t.resolvedAtFit) : 0;
  const uptime = t.postFitWeeks > 0 ? t.uptimeSum / t.postFitWeeks : 0;
  const decisions = t.decisions;
  const aligned = decisions > 0 ? 1 - Math.min(1, flags.length / decisions) : 1;
  const ARR = arr(final, sc);
  const lines: ScoreLine[] = [
    {
      id: 'outcome',
      label: 'Outcome',
      value: final.ended?.reason === 'won' ? 1 : 0,
      display: final.ended ? (ENDINGS[final.ended.reason] ?? final.ended.reason) : 'still playing',
      why: 'How the company ended: won, out of cash, no fit by the deadline, the enterprise book lost, or out of time.',
    },
    { id: 'arr', label: 'ARR', value: ARR, display: money(ARR), why: `Annual recurring revenue at the end, against a target of ${money(sc.win.arr)}.` },
    {
      id: 'runway',
      label: 'Runway',
      value: runwayWeeks(final),
      display: runwayDisplay(final.cash, runwayWeeks(final)),
      why: 'Weeks of cash left at the last week’s burn (revenue covering costs means no limit).',
    },
    {
      id: 'learning',
      label: 'Assumptions invalidated per week',
      value: Math.round(learning * 1000) / 1000,
      display: (Math.round(learning * 100) / 100).toString(),
      why: 'Before fit, how fast wrong guesses were killed: the pre-fit job’s key figure.',
    },
    {
      id: 'costPerInsight',
      label: 'Cost per insight',
      value: perInsight,
      display: perInsight > 0 ? money(perInsight) : 'n/a',
      why: 'Experiment spend before fit divided by the hypotheses it settled.',
    },
    {
      id: 'uptime',
      label: 'Uptime after fit',
      value: Math.round(uptime * 1e6) / 1e6,
      display: t.postFitWeeks > 0 ? pct(uptime) : 'n/a',
      why: 'Average weekly uptime once customers depended on the product.',
    },
    {
      id: 'breaches',
      label: 'Contract breaches',
      value: final.contracts.breaches,
      display: `${final.contracts.breaches} (${final.contracts.churned} churned)`,
      why: 'Monthly SLA reviews failed; each costs service credits, three lose the customer.',
    },
    {
      id: 'alignment',
      label: 'Phase alignment',
      value: Math.round(aligned * 1000) / 1000,
      display: `${pct(aligned)} (${flags.length} ${flags.length === 1 ? 'flag' : 'flags'})`,
      why: 'Share of decisions that played the right phase’s game; each flag names a decision that did not.',
    },
  ];
  return { ended: final.ended?.reason ?? 'playing', lines, flags };
}
