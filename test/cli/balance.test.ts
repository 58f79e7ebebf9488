import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './spawn-cli.js';
import { chunksOf, runPool } from '../../src/cli/balance-pool.js';
import { main } from '../../src/cli/main.js';
import { BOTS, scenarioIds } from '../../src/index.js';

/* `phase-shift balance` end to end: the real CLI spawned with worker threads (one and two
 * workers give byte-identical output), the text report, and bad options exiting 2. */

const SCENARIO = scenarioIds()[0] ?? 'devtools-codegen';

const cli = (args: string[]) => runCli(args);

const SMALL = ['balance', '--scenario', SCENARIO, '--runs', '4', '--seed-prefix', 'cli-bal-'];

interface Report {
  ok: boolean;
  runs: number;
  bots: string[];
  rows: { scenario: string; bot: string; runs: number; win: { rate: number; lo: number; hi: number } }[];
  criteria: { pass: boolean | null; checks: { criterion: string; pass: boolean | null }[] };
}

describe('phase-shift balance, spawned', () => {
  it('gives the same JSON with one worker and with two', async () => {
    // The real entry point with two workers, against the same command in this process with one
    // (a second spawn would only cost another tsx start-up).
    const two = await cli([...SMALL, '--workers', '2', '--json']);
    expect(two.code, two.stderr).toBe(0);
    let one = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((one += String(s)), true));
    const code = await main([...SMALL, '--workers', '1', '--json']).finally(() => vi.restoreAllMocks());
    expect(code).toBe(0);
    expect(two.stdout).toBe(one);
    expect(two.stdout.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(two.stdout) as Report;
    expect(r.ok).toBe(true);
    expect(r.bots).toEqual(Object.keys(BOTS));
    expect(r.rows.map((x) => x.bot)).toEqual(Object.keys(BOTS));
    for (const row of r.rows) {
      expect(row.runs).toBe(4);
      expect(row.win.lo).toBeLessThanOrEqual(row.win.rate);
      expect(row.win.hi).toBeGreaterThanOrEqual(row.win.rate);
    }
    expect(r.criteria.checks.map((c) => c.criterion)).toEqual(['reference-dominates', 'random-rarely-wins']);
    expect(two.stderr).toBe('');
  });
});

describe('phase-shift balance, in process', () => {
  let out = '';
  let err = '';
  afterEach(() => {
    vi.restoreAllMocks();
    out = '';
    err = '';
  });
  async function run(...args: string[]): Promise<number> {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    return await main(args);
  }

  it('prints the table and verdicts, with the progress bar on stderr only', async () => {
    expect(await run(...SMALL, '--bots', 'phase-aware,random', '--workers', '1', '--progress')).toBe(0);
    expect(out).toMatch(/scenario\s+bot\s+runs\s+win% \[95% CI\]/);
    expect(out).toMatch(new RegExp(`${SCENARIO}\\s+phase-aware\\s+4\\s+\\d+\\.\\d% \\[\\d+\\.\\d–\\d+\\.\\d\\]`));
    expect(out).toContain('Balance criteria');
    expect(out).toMatch(/verdict: /);
    expect(out).not.toContain('games/s');
    expect(err).toContain('8/8 games');
  });

  it.each([
    [['--bots', 'phase-aware,nobody'], 'option --bots: unknown bot "nobody" (choose from: '],
    [['--bots', ' , '], 'option --bots: name at least one bot'],
    [['--runs', '0'], 'option --runs: the number of runs must be a whole number ≥ 1 (got "0")'],
    [['--runs', '100001'], 'option --runs: the number of runs must be at most 100,000'],
    [['--runs', 'many'], 'option --runs: the number of runs must be a whole number'],
    [['--workers', '0'], 'option --workers: the number of workers must be a whole number ≥ 1'],
    [['--scenario', 'nope'], 'option --scenario: unknown scenario "nope" (choose all or one of: '],
    [['--seed-prefix', ''], 'option --seed-prefix: the seed prefix must not be empty'],
  ])('exits 2 on %j with a one-line message', async (extra, message) => {
    // The bad option replaces the good default of the same name: an option given twice is an error of its own.
    const base: Record<string, string> = { '--scenario': SCENARIO, '--runs': '3' };
    const [flag = '', value = ''] = extra;
    const args = ['balance', ...Object.entries({ ...base, [flag]: value }).flat()];
    expect(await run(...args)).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 under --strict when a criterion fails, and 0 without it', async () => {
    // Three seeds leave every interval wide, so phase-aware cannot be shown to dominate.
    const few = ['balance', '--scenario', SCENARIO, '--runs', '3', '--seed-prefix', 'strict-', '--workers', '1'];
    expect(await run(...few)).toBe(0);
    expect(out).toContain('verdict: some criteria NOT met');
    out = '';
    expect(await run(...few, '--strict')).toBe(1);
    expect(out).toContain('verdict: some criteria NOT met');
  });

  it('names the required options and answers --help', async () => {
    expect(await run('balance', '--runs', '3')).toBe(2);
    expect(err).toContain("required option '--scenario <id|all>'");
    expect(await run('balance', '--help')).toBe(0);
    expect(out).toContain('Usage: phase-shift balance');
  });

  it('reports bad input as JSON under --json', async () => {
    expect(await run('balance', '--scenario', 'all', '--runs', '3', '--bots', 'x', '--json')).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ ok: false, exitCode: 2 });
  });
});

describe('the balance worker pool', () => {
  it('cuts jobs into chunks that cover each job once, in order', () => {
    const jobs = Array.from({ length: 11 }, (_, i) => ({ scenario: 's', bot: 'b', seed: `x${i}`, index: i }));
    const chunks = chunksOf(jobs, 4);
    expect(chunks.map((c) => c.start)).toEqual([0, 4, 8]);
    expect(chunks.flatMap((c) => c.jobs.map((j) => j.seed))).toEqual(jobs.map((j) => j.seed));
  });

  it("returns nothing for no jobs and rejects with the worker's message", async () => {
    expect(await runPool([])).toEqual([]);
    await expect(runPool([{ scenario: SCENARIO, bot: 'nobody', seed: 's', index: 0 }], { workers: 1 })).rejects.toThrow('balance worker: unknown bot "nobody"');
  });
});
