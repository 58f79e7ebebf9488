import { emit, setup, type SnapshotFrom } from 'xstate';
import type { Scenario } from '../scenarios/schema.js';
import type { Decision, DecisionType } from './decisions.js';
import type { Rejection } from './rules.js';
import type { GameEvent } from './events.js';
import type { EndReason, GameState } from './state.js';
import { arr, openIncidents } from './derive.js';
import { CHECK_ORDER, GUARDS, type GuardName } from './guards.js';

/* The statechart: pre-fit → post-fit → ended, the weekly turn loop and the crisis interrupt.
 * It is the only place that knows when a phase flips, when a week may end and when the game is
 * over. It decides nothing else: `decide` turns a decision into events, the driver applies them,
 * and the machine is told when a week has resolved or a response has been made. It then checks
 * its guards on the state it is shown, moves, and emits the events only it can cause (the phase
 * switch, the week's close, the game's end). Its context is plain data. */

/** The machine's context: the scenario its guards read thresholds from (plain data). */
export interface MachineContext {
  readonly sc: Scenario;
}

/** What the machine is told: where a game starts, that a week resolved, that a response was made. */
export type MachineEvent = { type: 'START'; state: GameState } | { type: 'WEEK_RESOLVED'; state: GameState } | { type: 'RESPONDED'; state: GameState };

/** What the machine emits: an event for the log that only the machine can cause (or, when a
 * game resumes in an ending, that nothing new happened). */
export type MachineEmitted = { type: 'event'; event: GameEvent } | { type: 'resumed' };

/** Which decisions a stable state takes: every one, only some, or none. */
export interface StateMeta {
  accepts: 'all' | readonly DecisionType[];
}

/** The machine event a decision leads to once its events are applied (others leave the machine as it is). */
export const MACHINE_EVENT_OF: Partial<Record<DecisionType, 'WEEK_RESOLVED' | 'RESPONDED'>> = {
  'week.end': 'WEEK_RESOLVED',
  'incident.respond': 'RESPONDED',
};

const END_REASONS: readonly EndReason[] = ['won', 'bankrupt', 'noFit', 'bookLost', 'timeUp'];
/** What each stable state's tag says it takes: planning every decision, a crisis only
 * responses, an ended game nothing. */
export const ACCEPTS: Readonly<Record<'planning' | 'crisis' | 'ended', StateMeta['accepts']>> = {
  planning: 'all',
  crisis: ['incident.respond'],
  ended: [],
};

type Transition = { guard?: { type: 'holds'; params: { guard: GuardName } } | 'crisisOpen'; target?: string; actions?: readonly ('switchPhase' | 'closeWeek')[] };

/* The transitions after a week resolves, in the one guard order guards.ts gives for the phase. */
function afterWeek(phase: 'preFit' | 'postFit'): Transition[] {
  const out: Transition[] = CHECK_ORDER[phase].map((name) =>
    name === 'fitConfirmed'
      ? { guard: { type: 'holds', params: { guard: name } }, target: '#game.postFit', actions: ['switchPhase', 'closeWeek'] }
      : { guard: { type: 'holds', params: { guard: name } }, target: `#game.ended.${name}` },
  );
  if (phase === 'postFit') out.push({ guard: 'crisisOpen', target: 'crisis', actions: ['closeWeek'] });
  // An ordinary week: the next one is planned in the same state (no exit, no re-entry).
  out.push({ actions: ['closeWeek'] });
  return out;
}

const ended = (reason: EndReason) => ({ tags: ['ended'], entry: { type: 'endGame' as const, params: { reason } } });

/** The Phase Shift statechart (xstate v5). */
export const phaseMachine = setup({
  types: {} as { context: MachineContext; events: MachineEvent; input: MachineContext; emitted: MachineEmitted },
  guards: {
    // The phase and ending rules live in guards.ts, where the debrief reads the same figures.
    holds: ({ context, event }, params: { guard: GuardName }) => GUARDS[params.guard](event.state, context.sc).holds,
    crisisOpen: ({ event }) => openIncidents(event.state).length > 0,
    startsEnded: ({ event }, params: { reason: EndReason }) => event.state.ended?.reason === params.reason,
    startsPostFit: ({ event }, params: { crisis: boolean }) => event.state.phase === 'postFit' && openIncidents(event.state).length > 0 === params.crisis,
  },
  actions: {
    switchPhase: emit(({ event }): MachineEmitted => {
      const m = event.state.market;
      return {
        type: 'event',
        event: { type: 'phase.switched', data: { from: 'preFit', to: 'postFit', survey: m.survey, retention: m.retention, customers: m.customers, streak: m.fitStreak } },
      };
    }),
    closeWeek: emit(({ event }): MachineEmitted => ({ type: 'event', event: closeWeekEvent(event.state) })),
    endGame: emit(({ context, event }, params: { reason: EndReason }): MachineEmitted =>
      event.type === 'START'
        ? { type: 'resumed' }
        : { type: 'event', event: { type: 'game.ended', data: { reason: params.reason, arr: arr(event.state, context.sc), cash: event.state.cash } } },
    ),
  },
}).createMachine({
  id: 'game',
  context: ({ input }) => input,
  initial: 'boot',
  states: {
    // Where a game starts: a new game pre-fit; a game resumed from a saved state (a branch or a
    // fork) in the phase, crisis or ending that state is in.
    boot: {
      on: {
        START: [
          ...END_REASONS.map((reason) => ({ guard: { type: 'startsEnded' as const, params: { reason } }, target: `#game.ended.${reason}` })),
          { guard: { type: 'startsPostFit' as const, params: { crisis: true } }, target: '#game.postFit.crisis' },
          { guard: { type: 'startsPostFit' as const, params: { crisis: false } }, target: '#game.postFit.planning' },
          { target: '#game.preFit' },
        ],
      },
    },
    preFit: {
      initial: 'planning',
      states: {
        planning: { tags: ['planning'], on: { WEEK_RESOLVED: afterWeek('preFit') } },
      },
    },
    postFit: {
      initial: 'planning',
      states: {
        planning: { tags: ['planning'], on: { WEEK_RESOLVED: afterWeek('postFit') } },
        crisis: { tags: ['crisis'], on: { RESPONDED: [{ guard: 'crisisOpen', target: 'crisis' }, { target: 'planning' }] } },
      },
    },
    ended: {
      // Only ever entered at a named ending; the initial child is required by the statechart.
      initial: 'timeUp',
      states: {
        won: ended('won'),
        bankrupt: ended('bankrupt'),
        noFit: ended('noFit'),
        bookLost: ended('bookLost'),
        timeUp: ended('timeUp'),
      },
    },
  },
});

/** A snapshot of the statechart. */
export type MachineSnapshot = SnapshotFrom<typeof phaseMachine>;

/** Which decisions the machine's current state takes, read from the state's tag. */
export function acceptedIn(snapshot: MachineSnapshot): StateMeta['accepts'] {
  if (snapshot.hasTag('planning')) return ACCEPTS.planning;
  return snapshot.hasTag('crisis') ? ACCEPTS.crisis : ACCEPTS.ended;
}

/** Why the machine refuses a decision in its current state (a crisis, an ended game), or null. */
export function machineRefusal(accepts: StateMeta['accepts'], d: Decision, game: GameState): Rejection | null {
  if (accepts === 'all' || accepts.includes(d.type)) return null;
  if (game.phase === 'ended' || accepts.length === 0) return { code: 'ended', reason: `The game has ended (${game.ended?.reason ?? 'over'}).` };
  const first = openIncidents(game)[0];
  return { code: 'crisis', reason: first ? `Incident #${first.id} (${first.kind}) is open: respond to it before anything else.` : 'An incident is open.' };
}

/** The event that closes a resolved week (the machine's close action emits it). */
export function closeWeekEvent(state: GameState): GameEvent {
  return { type: 'week.closed', data: { week: state.week } };
}

/** Whether the machine's answer to this resolved week is the ordinary one: no guard of the phase
 * holds and no crisis opens, so the transition is the targetless close, which leaves the machine
 * exactly as it was and emits only `closeWeekEvent`. It reads the same guards, in the same order,
 * that the transitions are built from; a bulk driver may apply that answer without a send (live
 * play always sends, and a property test checks both give the same bytes). */
export function ordinaryWeek(phase: 'preFit' | 'postFit', state: GameState, sc: Scenario): boolean {
  for (const name of CHECK_ORDER[phase]) if (GUARDS[name](state, sc).holds) return false;
  return phase === 'preFit' || openIncidents(state).length === 0;
}
