import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPool, workerBundle } from '../../src/cli/balance-pool.js';
import { playChunk } from '../../src/cli/balance-worker.js';
import { balanceJobs } from '../../src/analysis/balance.js';
import { scenarioIds } from '../../src/index.js';

/* The balance pool's worker threads themselves: the main thread normally plays beside them (and
 * a small run may end before they start), so these runs switch it off to make the bundled
 * workers play every game, and compare with the same games played here. */

const SCENARIO = scenarioIds()[0] ?? 'devtools-codegen';

describe('the balance pool, workers only', () => {
  const jobs = balanceJobs([SCENARIO], ['random', 'phase-aware'], 6, 'pool-');

  it('gives the outcomes of in-thread play, in job order, with one worker or two', async () => {
    expect(jobs).toHaveLength(12);
    const here = playChunk(jobs);
    let stats: { readyMs: number[]; mainThreadGames: number } = { readyMs: [], mainThreadGames: -1 };
    const two = await runPool(jobs, { workers: 2, mainThread: false, onStats: (s) => (stats = s) });
    expect(stats.mainThreadGames).toBe(0);
    // At least one worker started (a second one may still be starting when the first has played all 12).
    expect(stats.readyMs.length).toBeGreaterThanOrEqual(1);
    expect(stats.readyMs.length).toBeLessThanOrEqual(2);
    expect(two).toEqual(here);
    expect(await runPool(jobs, { workers: 1, mainThread: false })).toEqual(here);
    expect(await runPool(jobs, { workers: 2 })).toEqual(here);
  });

  it("rejects with a worker's message", async () => {
    const bad = [...jobs.slice(0, 2), { scenario: SCENARIO, bot: 'nobody', seed: 's', index: 2 }];
    await expect(runPool(bad, { workers: 2, mainThread: false })).rejects.toThrow('balance worker: unknown bot "nobody"');
  });

  it('runs one plain JavaScript bundle, kept between runs', async () => {
    const file = await workerBundle();
    expect(await workerBundle()).toBe(file);
    expect(existsSync(file)).toBe(true);
    expect(file.endsWith('.mjs')).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('tsx/esm');
  });
});
