import { describe, expect, test } from 'vitest';
import type { Decision } from '../../src/engine/decisions.js';
import { labelOf } from '../../src/analysis/candidates.js';
import { divergenceTree, MAX_BRANCHES, MAX_DEPTH, weeklyDecisions, type TreePlayer } from '../../src/analysis/divergence.js';
import type { Branch, DivergenceTree } from '../../src/analysis/compare-types.js';
import { recordedLog, sc } from '../helpers.js';

const retrain: Decision = { type: 'model.retrain', data: {} };
const hire: Decision = { type: 'team.hire', data: { role: 'engineer' } };
const labels = (n: number): Decision => ({ type: 'labels.buy', data: { batches: n } });
const respond = (action: 'rollback' | 'hotfix'): Decision => ({ type: 'incident.respond', data: { incident: 1, action, communicate: false, postmortem: false } });

/** A player who decides nothing for `weeks` weeks except what `at` says. */
function player(index: number, weeks: number, at: Record<number, Decision[]>, value = 50): TreePlayer {
  return { index, weeks: Array.from({ length: weeks }, (_, i) => at[i + 1] ?? []), value, ending: 'playing' };
}

const words = (d: Decision): string => {
  const l = labelOf(d, sc);
  return l.charAt(0).toLowerCase() + l.slice(1);
};
const byId = (t: DivergenceTree, id: string): Branch => {
  const b = t.branches.find((x) => x.id === id);
  if (!b) throw new Error(`no branch ${id}`);
  return b;
};
const kids = (t: DivergenceTree, id: string) => byId(t, id).children.map((c) => byId(t, c));
const holding = (t: DivergenceTree, players: number[]): Branch => {
  const b = t.branches.find((x) => x.players.join() === players.join() && x.parent !== null);
  if (!b) throw new Error(`no branch holds exactly ${players.join()}`);
  return b;
};

describe('divergence tree', () => {
  test('players who decided alike stay in the root', () => {
    const t = divergenceTree([player(0, 8, { 2: [retrain] }), player(1, 8, { 2: [retrain] }), player(2, 8, { 2: [retrain] })], words);
    expect(t.branches).toHaveLength(1);
    expect(t.firstSplit).toBeNull();
    expect(t.summary).toContain('All 3 players made the same decisions');
    expect(byId(t, '0').untilWeek).toBe(8);
  });

  test('the room splits at the first differing week and each branch keeps splitting', () => {
    const a = player(0, 10, { 1: [labels(1)], 3: [retrain] });
    const b = player(1, 10, { 1: [labels(1)], 3: [retrain], 5: [hire] });
    const c = player(2, 10, { 1: [labels(1)], 3: [hire] });
    const t = divergenceTree([a, b, c], words);
    expect(t.firstSplit).toBe(3);
    expect(byId(t, '0').untilWeek).toBe(2);
    expect(kids(t, '0').map((k) => k.players)).toEqual([[0, 1], [2]]);
    expect(kids(t, '0').map((k) => k.week)).toEqual([3, 3]);
    expect(byId(t, '0.0').decisions).toEqual(['retrain the model']);
    expect(byId(t, '0.1').decisions).toEqual(['hire an engineer']);
    expect(byId(t, '0.0').untilWeek).toBe(4);
    expect(kids(t, '0.0').map((k) => k.week)).toEqual([5, 5]);
    expect(holding(t, [1]).decisions).toEqual(['hire an engineer']);
    expect(holding(t, [0]).decisions).toEqual(['made no decision that week']);
    expect(t.summary).toContain('week 3 into 2 branches');
    expect(t.branches.map((x) => x.id)).toEqual(['0', '0.0', '0.0.0', '0.0.1', '0.1']);
  });

  test('a branch lists only what its siblings did not also do', () => {
    const t = divergenceTree([player(0, 4, { 2: [retrain, hire] }), player(1, 4, { 2: [retrain] }), player(2, 4, {})], words);
    expect([...holding(t, [0]).decisions].sort()).toEqual(['hire an engineer', 'retrain the model']);
    expect(holding(t, [1]).decisions).toEqual(['retrain the model']);
    expect(holding(t, [2]).decisions).toEqual(['made no decision that week']);
    const t2 = divergenceTree([player(0, 4, { 2: [retrain, hire] }), player(1, 4, { 2: [retrain] })], words);
    expect(holding(t2, [0]).decisions).toEqual(['hire an engineer']);
    expect(holding(t2, [1]).decisions).toEqual(['retrain the model', 'nothing else that week']);
  });

  test('the same decisions in another order are not a split', () => {
    const t = divergenceTree([player(0, 4, { 2: [retrain, hire] }), player(1, 4, { 2: [hire, retrain] }), player(2, 4, { 2: [hire, retrain] })], words);
    expect(t.branches).toHaveLength(1);
    expect(t.firstSplit).toBeNull();
    expect(t.summary).toContain('All 3 players made the same decisions');
  });

  test('a decision made more often than the siblings made it is named with how often', () => {
    const t = divergenceTree([player(0, 4, { 2: [labels(1), hire, labels(1), labels(1)] }), player(1, 4, { 2: [labels(1), hire] })], words);
    expect(holding(t, [0]).decisions).toEqual(['buy 1 batch of labels (twice)']);
    expect(holding(t, [1]).decisions).toEqual(['buy 1 batch of labels', 'hire an engineer', 'nothing else that week']);
  });

  test('a split costs the worse branch points and credits the better one', () => {
    const t = divergenceTree(
      [player(0, 4, { 2: [retrain] }, 80), player(1, 4, { 2: [retrain] }, 60), player(2, 4, { 2: [hire] }, 40), player(3, 4, { 2: [labels(2)] }, 75)],
      words,
    );
    const [retrained, bought, hired] = kids(t, '0');
    expect(retrained?.players).toEqual([0, 1]);
    expect(retrained?.meanValue).toBe(70);
    expect(retrained?.cost).toBe(-5);
    expect(bought?.players).toEqual([3]);
    expect(bought?.cost).toBe(5);
    expect(hired?.players).toEqual([2]);
    expect(hired?.cost).toBe(-35);
    expect(byId(t, '0').cost).toBeNull();
  });

  test('crisis responses count as decisions', () => {
    const t = divergenceTree([player(0, 5, { 4: [respond('rollback')] }), player(1, 5, { 4: [respond('hotfix')] })], words);
    expect(t.firstSplit).toBe(4);
    expect(
      kids(t, '0')
        .flatMap((k) => k.decisions)
        .sort(),
    ).toEqual(['hotfix only', 'roll back only']);
  });

  test('a shorter log parts from the others where it stops', () => {
    const t = divergenceTree([player(0, 6, {}), player(1, 6, {}), player(2, 3, {})], words);
    expect(t.firstSplit).toBe(4);
    expect(holding(t, [2]).decisions).toEqual(['the log stops before this week']);
  });

  test('a big room is bounded: rare choices merge and deep chains stop', () => {
    const room = Array.from({ length: 10 }, (_, i) => player(i, 6, { 2: [labels(i + 1)] }));
    const t = divergenceTree(room, words);
    const top = kids(t, '0');
    expect(top).toHaveLength(MAX_BRANCHES);
    expect(top.at(-1)?.merged).toBe(true);
    expect(top.at(-1)?.players).toHaveLength(10 - (MAX_BRANCHES - 1));
    expect(t.branches.length).toBeLessThanOrEqual(2 * room.length - 1);
    const merged = top.at(-1) as Branch;
    expect(merged.untilWeek).toBe(1);
    expect(kids(t, merged.id).every((k) => k.week === 2 && (k.merged || k.decisions[0]?.startsWith('buy')))).toBe(true);
    expect(t.branches.filter((b) => b.children.length === 0)).toHaveLength(room.length);
    const chain = Array.from({ length: 12 }, (_, i) => player(i, 14, { [i + 1]: [hire] }));
    const deep = divergenceTree(chain, words);
    expect(Math.max(...deep.branches.map((b) => b.depth))).toBeLessThanOrEqual(MAX_DEPTH);
    expect(deep.branches.length).toBeLessThanOrEqual(2 * chain.length - 1);
  });

  test('the tree does not depend on the order players are given in', () => {
    const room = [player(0, 6, { 2: [hire] }), player(1, 6, { 2: [retrain] }), player(2, 6, { 2: [hire], 4: [retrain] }), player(3, 6, { 2: [retrain] })];
    const shape = (t: DivergenceTree) => t.branches.map((b) => `${b.id}:${b.week}:${[...b.players].sort().join(',')}`);
    expect(shape(divergenceTree([...room].reverse(), words))).toEqual(shape(divergenceTree(room, words)));
  });
});

describe('weekly decisions of a real log', () => {
  test('every week is present and "end week" is left out', () => {
    const { header, entries } = recordedLog('div-weeks', 5);
    const weeks = weeklyDecisions({ header, entries });
    expect(weeks.length).toBeGreaterThanOrEqual(5);
    expect(weeks.flat().some((d) => d.type === 'week.end')).toBe(false);
    expect(weeks.flat().length).toBeGreaterThan(0);
  });
});

describe('decisions in plain words', () => {
  test('branches use the debrief’s labels: scenario names and statements, never ids', () => {
    const h = sc.hypotheses[0];
    const run: Decision = { type: 'experiment.run', data: { method: 'interviews', hypothesis: h?.id ?? 'x', isolated: false } };
    const threshold: Decision = { type: 'model.setThreshold', data: { threshold: 0.4 } };
    const t = divergenceTree([player(0, 3, { 2: [run] }), player(1, 3, { 2: [threshold] })], words);
    const said = kids(t, '0').flatMap((k) => k.decisions);
    expect(said).toContain(words(run));
    expect(said).toContain('set the decision threshold to 0.4');
    expect(words(run)).toMatch(/^run /);
    expect(words(run)).toContain(h?.statement.replace(/\.$/, '') ?? 'missing');
    expect(said.join(' ')).not.toContain(`“${h?.id}”`);
  });
});
