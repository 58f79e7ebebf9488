import { describe, expect, it } from 'vitest';
import { loadScenario, scenarioHash } from '../../src/scenarios/load.js';
import { getScenario, scenarioIds } from '../../src/scenarios/registry.js';
import { startGame } from '../../src/engine/game.js';
import type { Scenario } from '../../src/scenarios/schema.js';
import { numbersIn, sc } from '../helpers.js';

/* Scenario files: the bundled ones load, problems come back with a path, and whatever the
 * loader accepts the engine can run without producing non-finite numbers. */

const variant = (recipe: (s: Scenario) => void): unknown => {
  const copy = structuredClone(sc);
  recipe(copy);
  return copy;
};

describe('loadScenario', () => {
  it('loads every bundled scenario and pins it by content hash', () => {
    expect(scenarioIds()).toContain('devtools-codegen');
    for (const id of scenarioIds()) {
      const l = getScenario(id);
      expect(l?.scenario.id).toBe(id);
      expect(l?.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(getScenario('no-such-scenario')).toBeUndefined();
    const again = loadScenario(structuredClone(sc));
    expect(again.ok && again.value.hash).toBe(scenarioHash(sc));
  });

  it('names the path of each problem', () => {
    const r = loadScenario(
      variant((s) => {
        s.fit.deadlineWeek = s.weeks + 1;
        (s.segments[1] as { id: string }).id = s.segments[0]?.id ?? 'x';
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['fit.deadlineWeek', 'segments[1].id']));
      for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
    }
    const bad = loadScenario({ ...structuredClone(sc), weeks: 'many' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toBe('weeks');
  });

  it('either refuses a scenario or runs it with finite numbers (zero error costs)', () => {
    // Regression once fixed: with both error costs at 0 the file loaded, then derive.confusion
    // divided 0 by 0 and the first checkpoint threw on a non-finite number.
    const r = loadScenario(
      variant((s) => {
        s.model.costFalsePositive = 0;
        s.model.costFalseNegative = 0;
      }),
    );
    if (!r.ok) {
      expect(r.issues.length, 'a refusal must say why').toBeGreaterThan(0);
      return;
    }
    const game = startGame(r.value.scenario, 'zero-costs', { mode: 'bulk' });
    for (let w = 0; w < 3; w++) game.decide({ type: 'week.end', data: {} });
    const bad = numbersIn(game.state())
      .filter((n) => !Number.isFinite(n.value))
      .map((n) => n.path);
    expect(bad).toEqual([]);
  });
});
