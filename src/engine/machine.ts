import { assign, setup } from 'xstate';
import type { Decision } from './decisions.js';
import type { GameEvent, Actor } from './events.js';
import type { EndReason, GameState } from './state.js';
import type { DecideResult, RuleContext } from './rules.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { resolveWeek } from './world.js';
import { arr, openIncidents } from './derive.js';
import { GUARDS } from './guards.js';

/* The statechart: pre-fit → post-fit → ended, the weekly turn loop, and the crisis interrupt.
 * This is the only place that knows when a phase flips, when a week may end and when the game
 * is over. Live play and bulk simulation run this same machine with different appliers. */

/** How events reach the state: immer drafts in live play, in-place mutation in bulk work. */
export interface Applier {
  apply(state: GameState, recipe: (draft: GameState) => void): GameState;
}

/** Receives every accepted decision and every event, in order, for the log. */
export interface Recorder {
  record(by: Actor, entry: Decision | GameEvent, week: number): void;
}

/** The machine's context: the game state plus what it needs to run rules and record them. */
export interface MachineContext {
  game: GameState;
  rules: RuleContext;
  applier: Applier;
  recorder: Recorder;
  result: DecideResult | null;
}

/** The only event the machine takes: a player decision (ending the week is one). */
export type MachineEvent = { type: 'DECIDE'; decision: Decision };

function applyAll(c: MachineContext, by: Actor, events: GameEvent[]): GameState {
  return c.applier.apply(c.game, (draft) => {
    for (const e of events) {
      c.recorder.record(by, e, draft.week);
      evolve(draft, e);
    }
  });
}

const rejected = (code: 'crisis' | 'ended', reason: string): DecideResult => ({ ok: false, rejection: { code, reason } });

function crisisReason(g: GameState): string {
  const first = openIncidents(g)[0];
  return first ? `Incident #${first.id} (${first.kind}) is open: respond to it before anything else.` : 'An incident is open.';
}

/** The Phase Shift statechart (xstate v5). */
export const phaseMachine = setup({
  types: {} as { context: MachineContext; events: MachineEvent; input: MachineContext },
  guards: {
    endsWeek: ({ event }) => event.decision.type === 'week.end',
    isResponse: ({ event }) => event.decision.type === 'incident.respond',
    crisisOpen: ({ context }) => openIncidents(context.game).length > 0,
    // The phase and ending rules live in guards.ts, where the debrief reads the same figures.
    bankrupt: ({ context: c }) => GUARDS.bankrupt(c.game, c.rules.sc).holds,
    won: ({ context: c }) => GUARDS.won(c.game, c.rules.sc).holds,
    bookLost: ({ context: c }) => GUARDS.bookLost(c.game, c.rules.sc).holds,
    noFit: ({ context: c }) => GUARDS.noFit(c.game, c.rules.sc).holds,
    timeUp: ({ context: c }) => GUARDS.timeUp(c.game, c.rules.sc).holds,
    fitConfirmed: ({ context: c }) => GUARDS.fitConfirmed(c.game, c.rules.sc).holds,
    startsPostFit: ({ context: c }) => c.game.phase === 'postFit',
    startsEnded: ({ context: c }, params: { reason: EndReason }) => c.game.ended?.reason === params.reason,
  },
  actions: {
    applyDecision: assign(({ context: c, event }) => {
      const result = decide(c.game, event.decision, c.rules);
      if (!result.ok) return { result };
      c.recorder.record('player', event.decision, c.game.week);
      return { result, game: applyAll(c, 'player', result.events) };
    }),
    resolveWorld: assign(({ context: c, event }) => {
      c.recorder.record('player', event.decision, c.game.week);
      const game = c.applier.apply(c.game, (draft) =>
        resolveWeek(draft, c.rules, (e) => {
          c.recorder.record('world', e, draft.week);
          evolve(draft, e);
        }),
      );
      return { game, result: { ok: true, events: [] } as DecideResult };
    }),
    switchPhase: assign(({ context: c }) => {
      const m = c.game.market;
      return { game: applyAll(c, 'world', [{ type: 'phase.switched', data: { from: 'preFit', to: 'postFit', survey: m.survey, retention: m.retention, customers: m.customers, streak: m.fitStreak } }]) };
    }),
    closeWeek: assign(({ context: c }) => ({ game: applyAll(c, 'world', [{ type: 'week.closed', data: { week: c.game.week } }]) })),
    endGame: assign(({ context: c }, params: { reason: EndReason }) =>
      c.game.ended ? {} : { game: applyAll(c, 'world', [{ type: 'game.ended', data: { reason: params.reason, arr: arr(c.game, c.rules.sc), cash: c.game.cash } }]) },
    ),
    rejectCrisis: assign(({ context: c }) => ({ result: rejected('crisis', crisisReason(c.game)) })),
    rejectEnded: assign(({ context: c }) => ({ result: rejected('ended', `The game has ended (${c.game.ended?.reason ?? 'over'}).`) })),
  },
}).createMachine({
  id: 'game',
  context: ({ input }) => input,
  initial: 'boot',
  states: {
    // Where a game starts: a new game starts pre-fit; a game resumed from a saved state (a
    // counterfactual branch) starts in the phase, crisis or ending that state is in.
    boot: {
      always: [
        { guard: { type: 'startsEnded', params: { reason: 'won' } }, target: '#game.ended.won' },
        { guard: { type: 'startsEnded', params: { reason: 'bankrupt' } }, target: '#game.ended.bankrupt' },
        { guard: { type: 'startsEnded', params: { reason: 'noFit' } }, target: '#game.ended.noFit' },
        { guard: { type: 'startsEnded', params: { reason: 'bookLost' } }, target: '#game.ended.bookLost' },
        { guard: { type: 'startsEnded', params: { reason: 'timeUp' } }, target: '#game.ended.timeUp' },
        { guard: 'startsPostFit', target: '#game.postFit.resume' },
        { target: '#game.preFit' },
      ],
    },
    preFit: {
      initial: 'planning',
      states: {
        planning: {
          on: { DECIDE: [{ guard: 'endsWeek', target: 'resolving', actions: 'resolveWorld' }, { actions: 'applyDecision' }] },
        },
        resolving: {
          always: [
            { guard: 'bankrupt', target: '#game.ended.bankrupt' },
            { guard: 'fitConfirmed', target: '#game.postFit', actions: ['switchPhase', 'closeWeek'] },
            { guard: 'noFit', target: '#game.ended.noFit' },
            { guard: 'timeUp', target: '#game.ended.timeUp' },
            { target: 'planning', actions: 'closeWeek' },
          ],
        },
      },
    },
    postFit: {
      initial: 'planning',
      states: {
        planning: {
          on: { DECIDE: [{ guard: 'endsWeek', target: 'resolving', actions: 'resolveWorld' }, { actions: 'applyDecision' }] },
        },
        resolving: {
          always: [
            { guard: 'bankrupt', target: '#game.ended.bankrupt' },
            { guard: 'bookLost', target: '#game.ended.bookLost' },
            { guard: 'won', target: '#game.ended.won' },
            { guard: 'timeUp', target: '#game.ended.timeUp' },
            { guard: 'crisisOpen', target: 'crisis', actions: 'closeWeek' },
            { target: 'planning', actions: 'closeWeek' },
          ],
        },
        crisis: {
          on: { DECIDE: [{ guard: 'isResponse', target: 'afterResponse', actions: 'applyDecision' }, { actions: 'rejectCrisis' }] },
        },
        afterResponse: {
          always: [{ guard: 'crisisOpen', target: 'crisis' }, { target: 'planning' }],
        },
        resume: {
          always: [{ guard: 'crisisOpen', target: 'crisis' }, { target: 'planning' }],
        },
      },
    },
    ended: {
      initial: 'timeUp',
      on: { DECIDE: { actions: 'rejectEnded' } },
      states: {
        won: { entry: { type: 'endGame', params: { reason: 'won' } } },
        bankrupt: { entry: { type: 'endGame', params: { reason: 'bankrupt' } } },
        noFit: { entry: { type: 'endGame', params: { reason: 'noFit' } } },
        bookLost: { entry: { type: 'endGame', params: { reason: 'bookLost' } } },
        timeUp: { entry: { type: 'endGame', params: { reason: 'timeUp' } } },
      },
    },
  },
});
