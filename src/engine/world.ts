import type { GameEvent } from './events.js';
import type { GameState } from './state.js';
import type { RuleContext } from './rules.js';
import { completeProjects } from './systems/build.js';
import { debtAccrual, fundingClose, joins } from './systems/company.js';
import { monthClose } from './systems/compute.js';
import { serviceBook, offers } from './systems/contracts.js';
import { concludeExperiments } from './systems/discovery.js';
import { bookWeek } from './systems/finance.js';
import { marketMove } from './systems/market.js';
import { collectLabels, driftEvents, scheduledRetrain } from './systems/model.js';
import { drawIncidents, measure } from './systems/reliability.js';
import { shockEvents } from './systems/shocks.js';
import { cloneState } from './clone.js';
import { evolve } from './evolve.js';

/* The weekly world step. Each stage reads the state as the stages before it left it, so the
 * step applies its events as it emits them; the recorded events alone rebuild the same state. */

/** Receives one world event: applies it to the working state and records it. */
export type Emit = (e: GameEvent) => void;

/** Resolves the week being planned: every world event in a fixed order (the machine then
 * checks its guards and closes the week). */
export function resolveWeek(s: GameState, ctx: RuleContext, emit: Emit): void {
  const each = (events: GameEvent[]) => {
    for (const e of events) emit(e);
  };
  const labeling = s.model.pendingPaid * ctx.sc.labeling.costPerLabel;
  each(completeProjects(s, ctx));
  each(joins(s));
  each(concludeExperiments(s, ctx));
  each(collectLabels(s, ctx));
  each(scheduledRetrain(s, ctx));
  const regressed = s.model.regressedWeek === s.week;
  each(driftEvents(s, ctx));
  each(shockEvents(s, ctx));
  emit(marketMove(s, ctx));
  emit(measure(s, ctx));
  const book = serviceBook(s, ctx);
  each(book);
  let credits = 0;
  for (const e of book) if (e.type === 'contract.breached') credits += e.data.credit;
  each(offers(s, ctx));
  each(drawIncidents(s, ctx, regressed));
  emit(bookWeek(s, ctx, credits, labeling));
  each(debtAccrual(s, ctx));
  each(fundingClose(s));
  each(monthClose(s, ctx));
}

/** The week's world events for a state, without changing it (the world step on a private copy). */
export function worldEvents(s: GameState, ctx: RuleContext): GameEvent[] {
  const copy = cloneState(s);
  const out: GameEvent[] = [];
  resolveWeek(copy, ctx, (e) => {
    out.push(e);
    evolve(copy, e);
  });
  return out;
}
