import { describe, expect, it } from 'vitest';
import { BOTS, getBot } from '../../src/bots/index.js';
import { playGame } from '../../src/bots/play.js';
import { getScenario } from '../../src/scenarios/registry.js';
import type { LogEntry } from '../../src/engine/log/format.js';

/* Each archetype must play the way its name promises, seen in its own log. */

const sc = getScenario('devtools-codegen')!.scenario;
const SEEDS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

type Line = Extract<LogEntry, { kind: 'event' }>;
function lines(bot: string, seed: string): { events: Line[]; fitWeek: number | null; status: string } {
  const game = playGame(sc, seed, getBot(bot)!, { mode: 'bulk' });
  const events = game.entries().filter((e): e is Line => e.kind === 'event');
  return { events, fitWeek: game.state().fitWeek, status: game.status() };
}
const decisions = (events: Line[], type: string) => events.filter((e) => e.by === 'player' && e.type === type);

describe('the bot registry', () => {
  it('has the reference policy, five archetypes and random, each with a description', () => {
    expect(Object.keys(BOTS).sort()).toEqual(['data-hoarder', 'forever-scientist', 'gpu-blind', 'phase-aware', 'premature-regulator', 'random', 'roadmap-driver']);
    for (const b of Object.values(BOTS)) expect(b.description.length).toBeGreaterThan(20);
    expect(getBot('__proto__')).toBeUndefined();
  });

  it('every bot finishes every game it starts', () => {
    for (const name of Object.keys(BOTS)) for (const seed of SEEDS.slice(0, 3)) expect(lines(name, seed).status).toMatch(/^ended\./);
  });
});

describe('archetypes behave as named', () => {
  it('forever-scientist keeps experimenting after fit and never builds a capability', () => {
    const played = SEEDS.map((s) => lines('forever-scientist', s)).filter((g) => g.fitWeek !== null);
    expect(played.length).toBeGreaterThan(0);
    for (const g of played) {
      expect(decisions(g.events, 'experiment.run').some((e) => e.week > (g.fitWeek ?? 0))).toBe(true);
      expect(decisions(g.events, 'capability.build')).toEqual([]);
    }
  });

  it('premature-regulator builds capabilities before it has fit', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const g = lines('premature-regulator', seed);
      const early = decisions(g.events, 'capability.build').filter((e) => g.fitWeek === null || e.week < g.fitWeek);
      expect(early.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('roadmap-driver ships features and never runs an experiment', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const g = lines('roadmap-driver', seed);
      expect(decisions(g.events, 'experiment.run')).toEqual([]);
      expect(decisions(g.events, 'feature.ship').length).toBeGreaterThan(0);
    }
  });

  it('data-hoarder buys labels from week one and tests nothing until the model looks good', () => {
    const g = lines('data-hoarder', SEEDS[0]!);
    expect(decisions(g.events, 'labels.buy')[0]?.week).toBe(1);
    const firstExperiment = decisions(g.events, 'experiment.run')[0]?.week ?? Infinity;
    expect(firstExperiment).toBeGreaterThan(4);
  });

  it('gpu-blind retrains every week and reserves more GPU than the reference policy', () => {
    const blind = lines('gpu-blind', SEEDS[0]!);
    expect(decisions(blind.events, 'model.setCadence').map((e) => (e.data as { everyWeeks: number }).everyWeeks)).toContain(1);
    const peak = (g: { events: Line[] }) => Math.max(0, ...decisions(g.events, 'gpu.reserve').map((e) => (e.data as { hoursPerMonth: number }).hoursPerMonth));
    expect(peak(blind)).toBeGreaterThan(peak(lines('phase-aware', SEEDS[0]!)));
  });
});
