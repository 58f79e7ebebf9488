import { describe, expect, it } from 'vitest';
import { BOTS, getBot, getScenario, scenarioIds } from '../../src/index.js';
import { LESSON_BOTS } from '../../src/bots/lessons.js';
import { phaseAwareBot } from '../../src/bots/phase-aware.js';
import { playOn, botRandom } from '../../src/bots/play.js';
import { startGame } from '../../src/engine/game.js';
import type { Bot, PlayerView } from '../../src/bots/types.js';
import type { Decision } from '../../src/engine/decisions.js';
import type { Scenario } from '../../src/scenarios/schema.js';

/* Each lesson variant plays like phase-aware except for its one lesson: on every view of a
 * phase-aware game (post-fit views also once more with an offer nobody could keep), the
 * decisions it adds or drops are of its lesson's kinds (and phase), and somewhere it does make
 * a decision phase-aware does not. */

const key = (d: Decision) => JSON.stringify(d);

/** What the variant's plan adds to and drops from phase-aware's, as multisets of decisions. */
function planDiff(bot: Bot, v: PlayerView, sc: Scenario): { added: Decision[]; dropped: Decision[] } {
  const mine = bot.plan(v, sc, () => 0);
  const ref = phaseAwareBot.plan(v, sc, () => 0);
  const left = ref.map(key);
  const added: Decision[] = [];
  for (const d of mine) {
    const i = left.indexOf(key(d));
    if (i >= 0) left.splice(i, 1);
    else added.push(d);
  }
  return { added, dropped: left.map((s) => JSON.parse(s) as Decision) };
}

/** The views phase-aware sees through one game (a plan's view each week). */
function viewsOf(sc: Scenario, seed: string): PlayerView[] {
  const views: PlayerView[] = [];
  const spy: Bot = { ...phaseAwareBot, plan: (v, s, r) => (views.push(v), phaseAwareBot.plan(v, s, r)) };
  playOn(startGame(sc, seed, { mode: 'bulk', record: false }), spy, botRandom(seed, phaseAwareBot.name));
  return views;
}

/** A post-fit view with one offer no team could keep (a p95 of 1 ms, due at once) beside the real ones. */
function withUnkeepableOffer(v: PlayerView): PlayerView {
  const offer = {
    id: 999,
    buyer: 'Impossible Inc.',
    arr: 100_000,
    termWeeks: 20,
    graceWeeks: 1,
    uptime: 0.9999,
    p95Ms: 1,
    capabilities: ['soc2' as const],
    expiresWeek: v.week + 4,
  };
  return { ...v, contracts: { ...v.contracts, offers: [...v.contracts.offers, offer] } };
}

const GAMES = scenarioIds().flatMap((id) => ['lesson-0', 'lesson-1'].map((seed) => ({ sc: getScenario(id)!.scenario, seed })));
const VIEWS = GAMES.flatMap((g) => viewsOf(g.sc, g.seed).flatMap((v) => [{ v, sc: g.sc }, ...(v.phase === 'postFit' ? [{ v: withUnkeepableOffer(v), sc: g.sc }] : [])]));

type Allowed = (d: Decision, v: PlayerView, side: 'added' | 'dropped') => boolean;

const LESSONS: Record<string, Allowed> = {
  'pa-hardens-early': (d, v, side) => side === 'added' && v.phase !== 'postFit' && d.type === 'capability.build',
  'pa-signs-all': (d, _v, side) => (side === 'added' ? d.type === 'contract.sign' : d.type === 'contract.decline'),
  'pa-gpu-blind': (d) => ['gpu.signoff', 'gpu.reserve', 'inference.setMode', 'model.setCadence'].includes(d.type),
  'pa-no-governance': (d, v, side) =>
    v.phase === 'postFit' && (side === 'added' ? d.type === 'capability.build' && d.data.capability !== 'flagCleanup' : d.type === 'debt.paydown' || d.type === 'capability.build'),
  'pa-clean-labels': (d, v, side) =>
    v.phase !== 'postFit' && (side === 'added' ? d.type === 'labels.buy' || d.type === 'model.retrain' : ['feature.ship', 'gpu.signoff', 'model.retrain'].includes(d.type)),
};

describe('lesson variants', () => {
  it('are found by getBot but stay out of the default BOTS list', () => {
    expect(Object.keys(LESSON_BOTS)).toEqual(Object.keys(LESSONS));
    for (const name of Object.keys(LESSON_BOTS)) {
      expect(getBot(name)?.name).toBe(name);
      expect(Object.keys(BOTS)).not.toContain(name);
      expect(LESSON_BOTS[name]?.description.length).toBeGreaterThan(20);
    }
    expect(Object.keys(BOTS)).toEqual(['phase-aware', 'forever-scientist', 'premature-regulator', 'roadmap-driver', 'data-hoarder', 'gpu-blind', 'random']);
  });

  it.each(Object.entries(LESSONS))('%s changes only its lesson, and does change it somewhere', (name, allowed) => {
    const bot = LESSON_BOTS[name]!;
    let differs = 0;
    for (const { v, sc } of VIEWS) {
      const { added, dropped } = planDiff(bot, v, sc);
      for (const d of added) expect(allowed(d, v, 'added'), `${name} adds ${key(d)} in week ${v.week}`).toBe(true);
      for (const d of dropped) expect(allowed(d, v, 'dropped'), `${name} drops ${key(d)} in week ${v.week}`).toBe(true);
      if (added.length + dropped.length > 0) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('answer incidents exactly as phase-aware does', () => {
    for (const bot of Object.values(LESSON_BOTS)) expect(bot.respond).toBe(phaseAwareBot.respond);
  });
});
