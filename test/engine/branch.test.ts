import { beforeAll, describe, expect, it } from 'vitest';
import { sc, recordedLog } from '../helpers.js';
import { startGame } from '../../src/engine/game.js';
import { replay } from '../../src/engine/log/replay.js';
import { hashOf } from '../../src/engine/hash.js';
import { isDecisionLine, type GameLog } from '../../src/engine/log/format.js';
import { decisionsBefore, factsHash, forkLink, forkProblem, lastWeekOf } from '../../src/engine/log/fork.js';
import type { Decision } from '../../src/engine/decisions.js';

/* Branching: a game resumed from a folded state and fed the same decisions must end in the
 * very same state as the original — the basis of counterfactual regret and of forks. */

const decisionsFrom = (log: GameLog, week: number): Decision[] =>
  log.entries.flatMap((e) => (e.kind === 'event' && isDecisionLine(e) && e.week >= week ? [{ type: e.type, data: e.data } as Decision] : []));

describe('startGame({ from })', () => {
  let rec: ReturnType<typeof recordedLog>;
  let log: GameLog;
  let finalHash = '';
  beforeAll(() => {
    rec = recordedLog('seed-0');
    log = { header: rec.header, entries: rec.entries };
    finalHash = hashOf(rec.game.state());
  });

  it('resumed before weeks 2, 10, 30 and three weeks before the end, with the same decisions, ends in the same state', () => {
    const last = lastWeekOf(log);
    expect(last, 'the recorded game should last past week 30').toBeGreaterThan(30);
    const weeks = [2, 10, 30, last - 3];
    let resumed = 0;
    for (const week of weeks) {
      const from = replay(log, sc, week - 1);
      for (const mode of ['bulk', 'live'] as const) {
        const game = startGame(sc, log.header.seed, { mode, from, record: false });
        for (const d of decisionsFrom(log, week)) expect(game.decide(d).ok, `${d.type} at week ${week}`).toBe(true);
        expect(hashOf(game.state()), `resumed before week ${week} in ${mode} mode`).toBe(finalHash);
        resumed += 1;
      }
    }
    expect(resumed).toBe(weeks.length * 2);
  });

  it('never mutates the state it starts from', () => {
    const from = replay(log, sc, 5);
    const before = hashOf(from);
    const game = startGame(sc, log.header.seed, { mode: 'bulk', from });
    game.decide({ type: 'week.end', data: {} });
    expect(hashOf(from)).toBe(before);
  });

  it('starts in the ending of a finished state and adds nothing', () => {
    const game = startGame(sc, log.header.seed, { from: rec.game.state() });
    expect(game.status()).toBe(`ended.${rec.game.state().ended?.reason}`);
    expect(game.entries()).toHaveLength(0);
    expect(game.decide({ type: 'week.end', data: {} }).ok).toBe(false);
  });

  it('starts post-fit after the switch and pre-fit before it', () => {
    const fit = rec.game.state().fitWeek;
    if (fit === null) throw new Error('the recorded game should reach fit');
    expect(startGame(sc, log.header.seed, { from: replay(log, sc, fit) }).status()).toMatch(/^postFit\.(planning|crisis)$/);
    expect(startGame(sc, log.header.seed, { from: replay(log, sc, fit - 2) }).status()).toBe('preFit.planning');
  });
});

describe('forks', () => {
  let log: GameLog;
  beforeAll(() => {
    const rec = recordedLog('fork-1', 20);
    log = { header: rec.header, entries: rec.entries };
  });

  it('re-plays the parent up to the fork week and reaches the parent’s state there', () => {
    const game = startGame(sc, log.header.seed, { mode: 'live' });
    for (const d of decisionsBefore(log, 12)) expect(game.decide(d).ok).toBe(true);
    expect(game.state().week).toBe(12);
    expect(hashOf(game.state())).toBe(hashOf(replay(log, sc, 11)));
  });

  it('names the parent by its facts, so annotations do not change the link', () => {
    const annotated: GameLog = { header: log.header, entries: [...log.entries, { kind: 'annotation', week: 3, text: 'why?' }] };
    expect(forkLink(annotated, 5)).toEqual({ parent: factsHash(log), week: 5 });
    expect(factsHash({ header: { ...log.header, seed: 'other' }, entries: log.entries })).not.toBe(factsHash(log));
  });

  it('refuses weeks the log never reached', () => {
    expect(forkProblem(log, 0)).toMatch(/from 1/);
    expect(forkProblem(log, 1.5)).toMatch(/whole number/);
    expect(forkProblem(log, lastWeekOf(log) + 1)).toMatch(/reaches week/);
    expect(forkProblem(log, lastWeekOf(log))).toBeNull();
  });
});
