import { describe, expect, it } from 'vitest';
import { inProcessCli } from './in-process.js';
import { runCli } from './spawn-cli.js';
import { shellQuote } from '../../src/cli/commands/code.js';
import { encodeWorkshopCode, ENGINE_VERSION, getScenario } from '../../src/index.js';

/* `phase-shift code`: makes a workshop code and checks one against this build. A few runs spawn
 * the real CLI as a user would; the many small paths run in process. */

const SCENARIO = 'devtools-codegen';

const cli = (args: string[]) => runCli(args, { timeoutMs: 30_000 });

/** A code for devtools-codegen as another build would have written it. */
function foreignCode(over: { engineVersion?: string; scenarioVersion?: string; scenarioId?: string }): string {
  const l = getScenario(SCENARIO);
  if (!l) throw new Error(SCENARIO);
  return encodeWorkshopCode({ scenarioId: SCENARIO, scenarioVersion: l.scenario.version, scenarioHash: l.hash, seed: 'room 7', engineVersion: ENGINE_VERSION, ...over });
}

describe.concurrent('phase-shift code, spawned', () => {
  it('prints a code as JSON, and checking that code passes with exit 0', async () => {
    const made = await cli(['code', '--scenario', SCENARIO, '--seed', 'demo42', '--json']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const out = JSON.parse(made.stdout) as { code: string; query: string; pins: unknown };
    expect(out.code).toMatch(/^PS1(-[0-9A-Z]{1,5})+$/);
    expect(out.code.length).toBeLessThanOrEqual(40);
    expect(out.query).toBe(`?code=${out.code}`);
    expect(out.pins).toEqual({
      scenario: { id: SCENARIO, version: '1.0.0', hashPrefix: getScenario(SCENARIO)?.hash.slice(0, 4) },
      seed: 'demo42',
      rules: null,
      engine: ENGINE_VERSION,
    });
    const checked = await cli(['code', '--check', out.code.toLowerCase().replace(/-/g, ' ')]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`${out.code}: fits this build`);
    expect(checked.stdout).toContain('seed:      "demo42"');
  });

  it('explains a code from another engine with exit 1', async () => {
    const r = await cli(['code', '--check', foreignCode({ engineVersion: '0.9.0' })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('does not fit this build');
    expect(r.stdout).toContain(`mismatch: engine: the code says version 0.9.0, this build runs ${ENGINE_VERSION}`);
  });

  it('rejects a mistyped code with exit 2 and one line, no stack trace', async () => {
    const good = foreignCode({});
    const typo = `${good.slice(0, 6)}${good[6] === 'X' ? 'Y' : 'X'}${good.slice(7)}`;
    const r = await cli(['code', '--check', typo, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phase-shift: option --check: checksum mismatch — probably a typo: compare the code character by character\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2 });
  });
});

describe('phase-shift code, in process', () => {
  const { io, run } = inProcessCli();

  it('prints the code, the URL query and what it pins', async () => {
    expect(await run('code', '--scenario', 'voice-cloning', '--seed', 'Workshop 7')).toBe(0);
    const code = /^workshop code: (PS1\S+)$/m.exec(io.out)?.[1] ?? '';
    expect(code).not.toBe('');
    expect(io.out).toContain(`URL query:     ?code=${code}`);
    expect(io.out).toMatch(/scenario:\s+voice-cloning 1\.0\.0 \(content [0-9a-f]{4}…\)/);
    expect(io.out).toMatch(/seed:\s+"Workshop 7"/);
    expect(io.out).toMatch(/rules:\s+standard/);
    expect(io.out).toContain(`engine:    ${ENGINE_VERSION}`);
    expect(await run('code', '--check', code)).toBe(0);
    expect(io.out).toContain("phase-shift play --scenario voice-cloning --seed 'Workshop 7' --bot <name>");
  });

  it('explains every mismatch in JSON with exit 1', async () => {
    expect(await run('code', '--check', foreignCode({ scenarioId: 'mars-colony', engineVersion: '2.0.0' }), '--json')).toBe(1);
    const r = JSON.parse(io.out) as { ok: boolean; mismatches: { kind: string; message: string }[] };
    expect(r.ok).toBe(false);
    expect(r.mismatches.map((m) => m.kind)).toEqual(['scenario-unknown', 'engine-version']);
    expect(r.mismatches[0]?.message).toContain(`this build ships: `);
    expect(r.mismatches[0]?.message).toContain(SCENARIO);
  });

  it('explains a changed scenario version in text with exit 1', async () => {
    expect(await run('code', '--check', foreignCode({ scenarioVersion: '1.2.0' }))).toBe(1);
    expect(io.out).toContain('mismatch: scenario devtools-codegen: the code says version 1.2.0, this build has version 1.0.0');
  });

  it.each([
    [['code'], 'option --scenario: required (with --seed) to make a code; or give --check <code> to check one'],
    [['code', '--scenario', SCENARIO], 'option --seed: required with --scenario'],
    [['code', '--seed', 'x'], 'option --scenario: required'],
    [['code', '--scenario', 'nope', '--seed', 'x'], 'option --scenario: unknown scenario "nope"'],
    [['code', '--scenario', SCENARIO, '--seed', 'x'.repeat(33)], 'option --seed: a workshop seed has at most 32 characters (got 33)'],
    [['code', '--scenario', SCENARIO, '--seed', 'café'], 'option --seed: character 4 of the seed ("é") is not printable ASCII'],
    [['code', '--check', 'PS1-AAAA', '--seed', 'x'], 'option --check: give either --check <code>, or --scenario and --seed, not both'],
    [['code', '--check', 'PS1-1X2NZ-QKUEH'], 'option --check: bad character "U" at position 13'],
    [['code', '--check', 'PS9-1X2NZ-QKAEH'], 'option --check: unknown format version 9'],
    [['code', '--check', 'hello'], 'option --check: not a Phase Shift workshop code'],
  ])('exits 2 on %j with a one-line message', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('quotes seeds for the shell only when needed', () => {
    expect(shellQuote('demo42')).toBe('demo42');
    expect(shellQuote("it's a seed")).toBe(`'it'\\''s a seed'`);
  });
});
