import type { Scenario } from '../scenarios/schema.js';
import { isDecisionLine, type GameLog } from '../engine/log/format.js';
import { arr, runwayWeeks } from '../engine/derive.js';
import { walkEvents } from './walk.js';
import { alignmentFlags, type Flag } from './alignment.js';
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
}

function tally(log: GameLog, sc: Scenario) {
  const t: Tally = { uptimeSum: 0, postFitWeeks: 0, spentAtFit: -1, invalidatedAtFit: 0, resolvedAtFit: 0 };
  const final = walkEvents(log, sc, (s, type, data) => {
    if (type === 'reliability.measured' && s.phase === 'postFit') {
      t.uptimeSum += (data as { uptime: number }).uptime;
      t.postFitWeeks += 1;
    }
    if (type === 'phase.switched' && t.spentAtFit < 0) {
      t.spentAtFit = s.discovery.spent;
      t.invalidatedAtFit = s.discovery.invalidated;
      t.resolvedAtFit = s.discovery.beliefs.filter((b) => b.status !== 'open').length;
    }
  });
  if (t.spentAtFit < 0) {
    t.spentAtFit = final.discovery.spent;
    t.invalidatedAtFit = final.discovery.invalidated;
    t.resolvedAtFit = final.discovery.beliefs.filter((b) => b.status !== 'open').length;
  }
  return { t, final };
}

/** Scores a finished (or unfinished) game from its log. */
export function scoreCard(log: GameLog, sc: Scenario): ScoreCard {
  const { t, final } = tally(log, sc);
  const flags = alignmentFlags(log, sc);
  const preFitWeeks = Math.max(1, (final.fitWeek ?? final.week) - 1);
  const learning = t.invalidatedAtFit / preFitWeeks;
  const perInsight = t.resolvedAtFit > 0 ? Math.round(t.spentAtFit / t.resolvedAtFit) : 0;
  const uptime = t.postFitWeeks > 0 ? t.uptimeSum / t.postFitWeeks : 0;
  const decisions = log.entries.filter((e) => e.kind === 'event' && isDecisionLine(e) && e.type !== 'week.end').length;
  const aligned = decisions > 0 ? 1 - Math.min(1, flags.length / decisions) : 1;
  const ARR = arr(final, sc);
  const lines: ScoreLine[] = [
    { id: 'outcome', label: 'Outcome', value: final.ended?.reason === 'won' ? 1 : 0, display: final.ended ? (ENDINGS[final.ended.reason] ?? final.ended.reason) : 'still playing', why: 'How the company ended: won, out of cash, no fit by the deadline, the enterprise book lost, or out of time.' },
    { id: 'arr', label: 'ARR', value: ARR, display: money(ARR), why: `Annual recurring revenue at the end, against a target of ${money(sc.win.arr)}.` },
    { id: 'runway', label: 'Runway', value: runwayWeeks(final), display: runwayDisplay(final.cash, runwayWeeks(final)), why: 'Weeks of cash left at the last week’s burn (revenue covering costs means no limit).' },
    { id: 'learning', label: 'Assumptions invalidated per week', value: Math.round(learning * 1000) / 1000, display: (Math.round(learning * 100) / 100).toString(), why: 'Before fit, how fast wrong guesses were killed: the pre-fit job’s key figure.' },
    { id: 'costPerInsight', label: 'Cost per insight', value: perInsight, display: perInsight > 0 ? money(perInsight) : 'n/a', why: 'Experiment spend before fit divided by the hypotheses it settled.' },
    { id: 'uptime', label: 'Uptime after fit', value: Math.round(uptime * 1e6) / 1e6, display: t.postFitWeeks > 0 ? pct(uptime) : 'n/a', why: 'Average weekly uptime once customers depended on the product.' },
    { id: 'breaches', label: 'Contract breaches', value: final.contracts.breaches, display: `${final.contracts.breaches} (${final.contracts.churned} churned)`, why: 'Monthly SLA reviews failed; each costs service credits, three lose the customer.' },
    { id: 'alignment', label: 'Phase alignment', value: Math.round(aligned * 1000) / 1000, display: `${pct(aligned)} (${flags.length} ${flags.length === 1 ? 'flag' : 'flags'})`, why: 'Share of decisions that played the right phase’s game; each flag names a decision that did not.' },
  ];
  return { ended: final.ended?.reason ?? 'playing', lines, flags };
}
