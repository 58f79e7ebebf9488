import { describe, expect, it } from 'vitest';
import { getBot, getScenario, playGame, type Decision } from '../../src/index.js';
import { isDecisionLine, type Checkpoint } from '../../src/engine/log/format.js';
import { openWithSave, useE2E } from './harness.js';

/* Determinism across engines: the same scenario, seed and decisions give the same weekly
 * state hashes in Chromium (the production build, resuming a save) as in Node. */

const SCENARIO = 'devtools-codegen';
/** A seed on which the phase-aware bot reaches fit (week 37), with crises after it. */
const SEED = 'det-1';

const e2e = useE2E();

describe('determinism across engines', () => {
  it('replays a whole phase-aware game in Chromium to the same weekly hashes as Node', async () => {
    const loaded = getScenario(SCENARIO);
    if (!loaded) throw new Error(`no scenario ${SCENARIO}`);
    const game = playGame(loaded.scenario, SEED, getBot('phase-aware')!, { mode: 'live' });
    const fitWeek = game.state().fitWeek;
    expect(fitWeek, 'the phase-aware bot should reach fit on this seed').not.toBeNull();
    const decisions: Decision[] = [];
    const expected: { week: number; hash: string; phase: string }[] = [];
    for (const e of game.entries()) {
      if (e.kind === 'event' && isDecisionLine(e)) decisions.push({ type: e.type, data: e.data } as Decision);
      else if (e.kind === 'checkpoint') expected.push({ week: (e as Checkpoint).week, hash: e.hash, phase: e.phase });
    }
    expect(
      decisions.some((d) => d.type === 'incident.respond'),
      'the game should include crisis responses',
    ).toBe(true);
    expect(expected.filter((c) => c.week > (fitWeek ?? Infinity)).length).toBeGreaterThan(10);

    const page = await e2e().browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openWithSave(page, e2e().base, { scenario: SCENARIO, seed: SEED, player: 'Determinism', createdAt: '2026-01-01T00:00:00.000Z', decisions });
    const got = await page.evaluate(() => ({
      decisions: window.__phaseShift?.decisions(),
      status: window.__phaseShift?.status(),
      checkpoints: window.__phaseShift?.checkpoints() ?? [],
    }));
    expect(got.decisions, 'every saved decision should replay in the browser').toBe(decisions.length);
    expect(got.status).toBe(game.status());
    // Week by week, so a divergence names its first week.
    for (const [i, want] of expected.entries()) expect(got.checkpoints[i], `checkpoint of week ${want.week}`).toEqual(want);
    expect(got.checkpoints).toHaveLength(expected.length);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
