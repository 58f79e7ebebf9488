import type { Decision } from '../../engine/decisions.js';
import { isDecisionLine, type GameLog } from '../../engine/log/format.js';
import type { Debrief, DecisionEvaluation } from '../../analysis/types.js';
import type { Scenario } from '../../scenarios/schema.js';
import { labelOf } from '../../analysis/candidates.js';

/* The decisions the viewer lists: read from the log at once (so the board works before the
 * analysis ends), then joined by seq with the debrief's evaluations when they arrive. */

/** One listed decision. */
export interface Item {
  seq: number;
  week: number;
  decision: Decision;
  label: string;
  evaluation?: DecisionEvaluation;
}

/** The player's decisions (ending a week is not listed unless the debrief evaluated it), named
 *  as the debrief names them even before it arrives. */
export function itemsOf(facts: GameLog, sc: Scenario, debrief: Debrief | null): Item[] {
  const evaluations = new Map<number, DecisionEvaluation>();
  for (const e of debrief?.decisions ?? []) evaluations.set(e.seq, e);
  const items: Item[] = [];
  for (const e of facts.entries) {
    if (e.kind !== 'event' || !isDecisionLine(e)) continue;
    const evaluation = evaluations.get(e.seq);
    if (e.type === 'week.end' && !evaluation) continue;
    const decision = { type: e.type, data: e.data } as Decision;
    items.push({ seq: e.seq, week: e.week, decision, label: evaluation?.label ?? labelOf(decision, sc), ...(evaluation ? { evaluation } : {}) });
  }
  return items;
}

/** The item a step from the current one lands on: ← → move by one, Home/End to the ends. */
export function stepItem(items: readonly Item[], current: number | null, key: 'prev' | 'next' | 'first' | 'last', week: number): Item | undefined {
  if (items.length === 0) return undefined;
  if (key === 'first') return items[0];
  if (key === 'last') return items[items.length - 1];
  const i = current === null ? -1 : items.findIndex((it) => it.seq === current);
  if (i < 0) {
    // Nothing selected: step from the selected week.
    return key === 'next' ? (items.find((it) => it.week > week) ?? items[items.length - 1]) : ([...items].reverse().find((it) => it.week < week) ?? items[0]);
  }
  return items[Math.max(0, Math.min(items.length - 1, i + (key === 'next' ? 1 : -1)))];
}
