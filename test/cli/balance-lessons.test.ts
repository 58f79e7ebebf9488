import { describe, expect, it } from 'vitest';
import { scenarioIds } from '../../src/index.js';
import { LESSON_BOTS } from '../../src/bots/lessons.js';
import { inProcessCli } from './in-process.js';

/* `phase-shift balance --lessons` and `--search` in process: the text and JSON reports, the
 * help text, and every bad combination of flags exiting 2 with one line. */

const ID = scenarioIds()[0] ?? 'devtools-codegen';
const { io, run } = inProcessCli();

describe('phase-shift balance --lessons', () => {
  it('prints each lesson with its cost and verdict, and the same figures as JSON', async () => {
    const args = ['balance', '--lessons', '--scenario', ID, '--runs', '2', '--workers', '1', '--seed-prefix', 'cli-lessons-'];
    expect(await run(...args)).toBe(0);
    expect(io.out).toContain('Lesson costs: 5 variant(s) against phase-aware on 1 scenario(s) × 2 seeds');
    for (const name of Object.keys(LESSON_BOTS)) expect(io.out).toMatch(new RegExp(`${name}\\s+all\\s+2\\s+\\d+\\.\\d%`));
    expect(io.out).toMatch(/(taught|NOT taught) {2}pa-signs-all: /);
    expect(await run(...args, '--json')).toBe(0);
    const r = JSON.parse(io.out) as { ok: boolean; mode: string; costs: { variant: string; scenarios: unknown[]; pooled: { cost: { n: number } } }[] };
    expect(r).toMatchObject({ ok: true, mode: 'lessons' });
    expect(r.costs.map((c) => c.variant)).toEqual(Object.keys(LESSON_BOTS));
    expect(r.costs[0]?.pooled.cost.n).toBe(2);
  });
});

describe('phase-shift balance --search', () => {
  it('prints the best policy in words beside phase-aware, within the budget, the same each run', async () => {
    const args = ['balance', '--search', '--scenario', ID, '--budget', '40', '--seed-prefix', 'cli-search-'];
    expect(await run(...args)).toBe(0);
    expect(io.out).toMatch(/^Exploit search \(seed "cli-search-"\): \d+ of 40 games/);
    expect(io.out).toMatch(/ {2}before fit: strategy \w+, experiments \w+/);
    expect(io.out).toMatch(/ {2}after fit: strategy \w+/);
    expect(io.out).toMatch(/(no exploit|EXPLOIT): /);
    const text = io.out;
    expect(await run(...args)).toBe(0);
    expect(io.out).toBe(text);
    expect(await run(...args, '--json')).toBe(0);
    const r = JSON.parse(io.out) as { ok: boolean; mode: string; gamesPlayed: number; best: { code: string }; exploit: boolean };
    expect(r).toMatchObject({ ok: true, mode: 'search' });
    expect(r.gamesPlayed).toBeLessThanOrEqual(40);
  });
});

describe('phase-shift balance flags', () => {
  it('documents --lessons, --search and --budget in --help', async () => {
    expect(await run('balance', '--help')).toBe(0);
    for (const flag of ['--lessons', '--search', '--budget <n>']) expect(io.out).toContain(flag);
    expect(io.out).toContain('phase-shift balance --search --scenario all --budget');
  });

  it('lets --bots name a lesson variant for its full balance row', async () => {
    expect(await run('balance', '--scenario', ID, '--runs', '2', '--workers', '1', '--bots', 'phase-aware,pa-signs-all')).toBe(0);
    expect(io.out).toMatch(new RegExp(`${ID}\\s+pa-signs-all\\s+2\\s+`));
  });

  it.each([
    [['--search', '--scenario', ID, '--budget', '0'], 'option --budget: the budget must be a whole number ≥ 1 (got "0")'],
    [['--search', '--scenario', ID, '--budget', 'lots'], 'option --budget: the budget must be a whole number'],
    [['--search', '--scenario', ID, '--budget', '13'], 'option --budget: a search over 1 scenario(s) needs at least 14 games (got 13)'],
    [['--search', '--budget', '10000001'], 'option --budget: the budget must be at most 10,000,000'],
    [['--scenario', ID, '--runs', '2', '--budget', '50'], 'option --budget goes only with --search'],
    [['--lessons', '--search'], 'options --lessons and --search cannot be combined'],
    [['--lessons', '--bots', 'phase-aware'], 'option --bots does not go with --lessons'],
    [['--search', '--runs', '3'], 'option --runs does not go with --search'],
    [['--lessons', '--scenario', 'nope'], 'option --scenario: unknown scenario "nope"'],
    [['--lessons', '--runs', '0'], 'option --runs: the number of runs must be a whole number ≥ 1'],
    [['--scenario', ID], "required option '--runs <n>' not specified"],
    [['--runs', '3'], "required option '--scenario <id|all>' not specified"],
  ])('exits 2 on %j with a one-line message', async (args, message) => {
    expect(await run('balance', ...args)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });
});
