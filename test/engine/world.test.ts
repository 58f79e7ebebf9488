import { describe, expect, it } from 'vitest';
import { decide } from '../../src/engine/decide.js';
import { startGame } from '../../src/engine/game.js';
import { hashOf } from '../../src/engine/hash.js';
import { openIncidents } from '../../src/engine/derive.js';
import { HOURS_PER_WEEK } from '../../src/engine/units.js';
import type { Decision } from '../../src/engine/decisions.js';
import type { EventType, GameEvent } from '../../src/engine/events.js';
import type { GameState } from '../../src/engine/state.js';
import { botNamed, clone, ctxFor, fold, fresh, given, monthEndWeek, playUntil, postFit, sc, tableFor } from '../helpers.js';

/* The world step as a whole: decide(week.end) returns the week's world events in the fixed
 * stage order, never the machine's own events, without touching its input; and they are
 * exactly the world lines the game driver records for that week. The stages one by one are
 * specified in world-early.test.ts and world-late.test.ts. */

const SEED = 'world';
const weekEnd: Decision = { type: 'week.end', data: {} };
/** What the machine adds after the world step; decide never returns these. */
const MACHINE_EVENTS: readonly string[] = ['phase.switched', 'week.closed', 'game.ended'];

/** The stages of resolveWeek in order, with the event types each one can emit. */
const STAGES: readonly (readonly [string, readonly EventType[]])[] = [
  ['completeProjects', ['project.completed']],
  ['joins', ['team.joined']],
  ['concludeExperiments', ['experiment.concluded']],
  ['collectLabels', ['labels.collected']],
  ['scheduledRetrain', ['resources.committed', 'model.retrained', 'model.retrainSkipped']],
  ['driftEvents', ['model.drifted']],
  ['shockEvents', ['shock.struck']],
  ['marketMove', ['market.moved']],
  ['measure', ['reliability.measured']],
  ['serviceBook', ['contract.breached', 'contract.churned', 'contract.renewed']],
  ['offers', ['contract.expired', 'contract.offered']],
  ['drawIncidents', ['incident.opened']],
  ['bookWeek', ['finance.booked']],
  ['debtAccrual', ['debt.accrued']],
  ['fundingClose', ['funding.closed']],
  ['monthClose', ['gpu.monthClosed']],
];
/** The stage index of an event type (throws for a type no stage emits). */
function stageOf(type: string): number {
  const i = STAGES.findIndex(([, ts]) => (ts as readonly string[]).includes(type));
  if (i < 0) throw new Error(`no world stage emits ${type}`);
  return i;
}
/** The stage names a week's events come from, in the order they came (throws if out of order). */
function stagesIn(events: readonly GameEvent[]): string[] {
  const seen: number[] = [];
  for (const e of events) {
    const i = stageOf(e.type);
    const last = seen.at(-1) ?? -1;
    if (i < last) throw new Error(`${e.type} (${STAGES[i]?.[0]}) came after an event of ${STAGES[last]?.[0]}`);
    if (i !== last) seen.push(i);
  }
  return seen.map((i) => STAGES[i]?.[0] ?? '?');
}

function weekEndEvents(s: GameState, seed = SEED): GameEvent[] {
  const before = clone(s);
  const r = decide(s, weekEnd, ctxFor(seed));
  if (!r.ok) throw new Error(`week.end was refused: ${r.rejection.reason}`);
  expect(s, 'decide must leave its input state unchanged').toEqual(before);
  return r.events;
}

/** GIVEN a busy post-fit month-end week: every stage that needs no lucky draw has something to do. */
function busyWeek(): GameState {
  const base = postFit(fresh(SEED));
  const t = sc.contracts.templates.find((x) => x.demands.capabilities.length === 0);
  const f = sc.features.find((x) => x.requires.length === 0);
  const c = sc.capabilities[0];
  const round = sc.rounds[0];
  const h = sc.hypotheses[0];
  if (!t || !f || !c || !round || !h) throw new Error('the scenario lacks a template, feature, capability, round or hypothesis');
  const w = monthEndWeek(2 * sc.weeksPerMonth);
  const offer = {
    id: base.contracts.nextId,
    buyer: t.buyer,
    arr: t.arrMin,
    termWeeks: t.termWeeks,
    graceWeeks: t.graceWeeks,
    uptime: t.demands.uptime,
    p95Ms: t.demands.p95Ms,
    capabilities: [],
    expiresWeek: w,
  };
  const folded = fold(base, [
    { type: 'contract.offered', data: { offer } },
    { type: 'contract.signed', data: { offer: offer.id, graceEndsWeek: base.week + t.graceWeeks, endsWeek: w } },
    { type: 'contract.offered', data: { offer: { ...offer, id: offer.id + 1 } } },
    { type: 'team.hiringStarted', data: { role: 'engineer', readyWeek: w } },
    { type: 'labels.ordered', data: { labels: sc.labeling.batch } },
    { type: 'model.cadenceSet', data: { everyWeeks: 1 } },
    { type: 'funding.started', data: { round: round.id, amount: round.amount, closesWeek: w } },
  ]);
  return given(folded, (d) => {
    d.week = w;
    d.projects.push({ kind: 'capability', item: c.id, engPerWeek: 0, mlPerWeek: 0, doneWeek: w });
    d.discovery.running.push({ id: d.discovery.nextId, method: 'interviews', hypothesis: h.id, isolated: false, doneWeek: w });
    d.gpu.signedOff.push('training');
    d.flags = 1;
    d.reliability.downtimeMonth = HOURS_PER_WEEK * sc.weeksPerMonth; // a whole month down: the review finds a breach
  });
}

describe('the world step as a whole', () => {
  it('runs every stage with work to do, in the fixed order', () => {
    const stages = stagesIn(weekEndEvents(busyWeek()));
    const certain = [
      'completeProjects',
      'joins',
      'concludeExperiments',
      'collectLabels',
      'scheduledRetrain',
      'marketMove',
      'measure',
      'serviceBook',
      'offers',
      'bookWeek',
      'debtAccrual',
      'fundingClose',
      'monthClose',
    ];
    expect(stages.filter((x) => certain.includes(x))).toEqual(certain);
  });
  it('an ordinary first week: the market, reliability and the books, nothing else', () => {
    expect(weekEndEvents(fresh(SEED)).map((e) => e.type)).toEqual(['market.moved', 'reliability.measured', 'finance.booked']);
  });
  it('is refused once the game has ended', () => {
    const r = decide(
      given(fresh(SEED), (d) => void (d.phase = 'ended')),
      weekEnd,
      ctxFor(SEED),
    );
    expect(r.ok).toBe(false);
  });
});

describe('decide(week.end) and the game driver', () => {
  const bot = botNamed('phase-aware');
  const seeds = ['world-a', 'world-b'];
  const weeks = [3, 12, 26, 40];
  /** Mid-game states a bot reached, each in a week's planning with no crisis open. */
  const cases = seeds.flatMap((seed) =>
    weeks.map((week) => {
      const { game, stopped } = playUntil(seed, bot, (g) => g.state().week >= week && openIncidents(g.state()).length === 0);
      return { seed, week, stopped, state: clone(game.state()) };
    }),
  );
  it('gives exactly the world lines the driver records, and the same state hash', () => {
    expect(
      cases.filter((c) => c.stopped),
      'every bot game reached its week still running',
    ).toHaveLength(seeds.length * weeks.length);
    expect(
      cases.some((c) => c.state.phase === 'postFit'),
      'some case is after fit',
    ).toBe(true);
    let compared = 0;
    for (const c of cases) {
      const events = weekEndEvents(c.state, c.seed);
      expect(stagesIn(events).length, `seed ${c.seed} week ${c.week} has world events`).toBeGreaterThan(0);
      const g = startGame(sc, c.seed, { mode: 'bulk', from: c.state, table: tableFor(c.seed) });
      const start = g.entries().length;
      expect(g.decide(weekEnd).ok, `the driver ends week ${c.week} of ${c.seed}`).toBe(true);
      const world = g
        .entries()
        .slice(start)
        .flatMap((l) => (l.kind === 'event' && l.by === 'world' ? [{ type: l.type, data: l.data }] : []));
      const machine = world.filter((l) => MACHINE_EVENTS.includes(l.type));
      expect(
        machine.map((l) => l.type),
        'the machine closes the week',
      ).toContain('week.closed');
      expect(events.map((e) => e.type).filter((t) => MACHINE_EVENTS.includes(t))).toEqual([]);
      expect(world.filter((l) => !MACHINE_EVENTS.includes(l.type))).toEqual(events.map((e) => ({ type: e.type, data: e.data })));
      expect(hashOf(fold(c.state, [...events, ...(machine as GameEvent[])]))).toBe(hashOf(g.state()));
      compared += 1;
    }
    expect(compared).toBe(seeds.length * weeks.length);
  });
});
