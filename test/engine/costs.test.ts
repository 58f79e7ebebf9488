import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startGame, type Game } from '../../src/engine/game.js';
import { costOf } from '../../src/engine/decide.js';
import { DECISION_TYPES, type Decision, type DecisionType } from '../../src/engine/decisions.js';
import type { GameEvent } from '../../src/engine/events.js';
import type { GameState } from '../../src/engine/state.js';
import { candidateDecisions } from '../../src/bots/random.js';
import { playerView } from '../../src/bots/types.js';
import { BOTS } from '../../src/bots/index.js';
import { botRandom } from '../../src/bots/play.js';
import { openIncidents } from '../../src/engine/derive.js';
import { getScenario, scenarioIds } from '../../src/scenarios/registry.js';
import type { Scenario } from '../../src/scenarios/schema.js';

/* One cost, one legality: for states reached by real play, every decision's shown cost is what
 * decide then charges, and the legality a card or a bot is shown (the game's probe) is exactly
 * what the machine and decide do when the decision is sent. */

const ALL_BOTS = Object.values(BOTS);

/** Plays a bot on a seed until the given week (or the end), answering crises on the way; with
 * `stopInCrisis` it stops at the first crisis or enterprise offer instead. */
function reach(sc: Scenario, seed: string, botIndex: number, week: number, stopInCrisis: boolean): Game {
  const bot = ALL_BOTS[botIndex % ALL_BOTS.length];
  if (!bot) throw new Error('no bot');
  const game = startGame(sc, seed, { mode: 'bulk', record: false });
  const random = botRandom(seed, bot.name);
  while (game.state().phase !== 'ended' && game.state().week < week) {
    if (game.status() === 'postFit.crisis') {
      if (stopInCrisis) return game;
      const inc = openIncidents(game.state())[0];
      if (inc && !game.decide(bot.respond(playerView(game.state()), sc, inc.id, random)).ok) {
        game.decide({ type: 'incident.respond', data: { incident: inc.id, action: 'hotfix', communicate: false, postmortem: false } });
      }
      continue;
    }
    if (stopInCrisis && game.state().contracts.offers.length > 0) return game;
    for (const d of bot.plan(playerView(game.state()), sc, random)) game.decide(d);
    game.decide({ type: 'week.end', data: {} });
  }
  return game;
}

/** Every decision worth trying in a state: the whole menu, the week's end and a response per open incident. */
function menu(s: GameState, sc: Scenario): Decision[] {
  const out = candidateDecisions(playerView(s), sc);
  out.push({ type: 'week.end', data: {} }, { type: 'team.release', data: { role: 'engineer' } }, { type: 'labels.buy', data: { batches: 1 } });
  out.push({ type: 'contract.sign', data: { offer: 999 } }, { type: 'contract.decline', data: { offer: 999 } });
  out.push({ type: 'experiment.run', data: { method: 'abTest', hypothesis: sc.hypotheses[0]?.id ?? 'x', isolated: true } });
  for (const inc of openIncidents(s)) {
    for (const action of ['rollback', 'hotfix'] as const) {
      out.push({ type: 'incident.respond', data: { incident: inc.id, action, communicate: true, postmortem: true } });
      out.push({ type: 'incident.respond', data: { incident: inc.id, action, communicate: false, postmortem: false } });
    }
  }
  return out;
}

const committedOf = (events: readonly GameEvent[]) => events.filter((e) => e.type === 'resources.committed');

/** Sends one decision to a copy of the game and checks it against its probe and its cost. */
function checkOne(game: Game, d: Decision, seen: Map<DecisionType, { ok: number; refused: number }>): void {
  const state = game.state();
  const shown = game.probe(d);
  const cost = costOf(state, d, { sc: game.scenario, table: game.table });
  const copy = startGame(game.scenario, game.seed, { mode: 'bulk', record: false, table: game.table, from: state });
  const r = copy.decide(d);
  const tally = seen.get(d.type) ?? { ok: 0, refused: 0 };
  seen.set(d.type, tally);
  if (shown) {
    expect(r, `${d.type} was shown refused (${shown.reason}) but was accepted`).toMatchObject({ ok: false, rejection: shown });
    tally.refused += 1;
    return;
  }
  expect(r.ok, `${d.type} was shown legal but refused: ${r.ok ? '' : r.rejection.reason}`).toBe(true);
  tally.ok += 1;
  if (!r.ok || d.type === 'week.end') return;
  if (!cost) throw new Error(`${d.type} was accepted without a cost`);
  const charged = committedOf(r.events);
  expect(charged).toHaveLength(1);
  expect(charged[0]?.data).toMatchObject({
    decision: d.type,
    focus: cost.focus,
    eng: cost.engWeeks,
    ml: cost.mlWeeks,
    cash: cost.cash,
    gpuHours: cost.gpuHours,
    category: cost.category,
    item: cost.item,
  });
  const after = copy.state();
  expect(state.cash - after.cash, `${d.type}: the bank moved by the charged cash`).toBe(cost.cash);
  expect(after.used.focus - state.used.focus).toBe(cost.focus);
  const project = r.events.find((e) => e.type === 'project.started');
  if (project?.type === 'project.started')
    expect({ eng: project.data.engPerWeek, ml: project.data.mlPerWeek, weeks: project.data.doneWeek - state.week + 1 }).toEqual(cost.perWeek);
  const pivot = r.events.find((e) => e.type === 'strategy.targeted');
  if (pivot?.type === 'strategy.targeted')
    expect({ trust: 0 - pivot.data.trustDelta, customers: pivot.data.customersLost }).toEqual({ trust: cost.trust, customers: cost.customers });
}

describe('one cost, one legality', () => {
  it('shown cost equals the charge and shown legality equals the machine and decide, on reachable states', () => {
    const seen = new Map<DecisionType, { ok: number; refused: number }>();
    let states = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarioIds()),
        fc.integer({ min: 0, max: 9999 }),
        fc.nat(ALL_BOTS.length - 1),
        fc.integer({ min: 1, max: 110 }),
        fc.boolean(),
        (id, n, bot, week, crisis) => {
          const loaded = getScenario(id);
          if (!loaded) throw new Error(`no scenario ${id}`);
          const game = reach(loaded.scenario, `cost-${n}`, bot, week, crisis);
          states += 1;
          for (const d of menu(game.state(), loaded.scenario)) checkOne(game, d, seen);
        },
      ),
      { numRuns: 40, seed: 20261204 },
    );
    expect(states).toBe(40);
    // Every decision type was both tried and accepted somewhere, so no type escaped the check.
    const untried = DECISION_TYPES.filter((t) => !seen.has(t));
    expect(untried, 'decision types never tried').toEqual([]);
    const neverAccepted = DECISION_TYPES.filter((t) => (seen.get(t)?.ok ?? 0) === 0);
    expect(neverAccepted, 'decision types never accepted').toEqual([]);
  });

  it('a crisis and an ended game refuse in every face: probe, decide and the cost stays informative', () => {
    const loaded = getScenario('devtools-codegen');
    if (!loaded) throw new Error('no scenario');
    const sc = loaded.scenario;
    let crisis: Game | null = null;
    for (let i = 0; i < 60 && !crisis; i++) {
      const g = reach(sc, `crisis-${i}`, 0, sc.weeks, true);
      if (g.status() === 'postFit.crisis') crisis = g;
    }
    if (!crisis) throw new Error('no seed reached a crisis');
    const open = openIncidents(crisis.state());
    expect(open.length).toBeGreaterThan(0);
    const targets = menu(crisis.state(), sc).filter((d) => d.type !== 'incident.respond');
    expect(targets.length).toBeGreaterThan(20);
    for (const d of targets) expect(crisis.probe(d)?.code, d.type).toBe('crisis');
    const ended = reach(sc, 'ended-0', 0, sc.weeks + 1, false);
    expect(ended.state().phase).toBe('ended');
    for (const d of menu(ended.state(), sc)) expect(ended.probe(d)?.code, d.type).toBe('ended');
  });
});
