import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli } from './in-process.js';
import { runCli, type Run } from './spawn-cli.js';

/* End-to-end tests of the phase-shift command: each test spawns the real CLI with Node, as a
 * user would, and checks exit codes, stdout/stderr and the files it writes. */

const SCENARIO = 'devtools-codegen';

/** Runs the CLI with arguments in `cwd`; never rejects (the exit code is part of the result). */
const cli = (args: string[], cwd: string) => runCli(args, { cwd });

/** Parses stdout as exactly one JSON object. */
function json(run: Run): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

let dir = '';
let log = '';
let played: Run;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phase-shift-cli-'));
  log = join(dir, 'game.jsonl');
  played = await cli(['play', '--scenario', SCENARIO, '--seed', 'cli-test', '--bot', 'phase-aware', '--out', log, '--player', 'Tess', '--json'], dir);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('phase-shift CLI, spawned', () => {
  it('lists the bundled scenarios as JSON', async () => {
    const r = await cli(['scenarios', '--json'], dir);
    expect(r.code).toBe(0);
    const ids = (json(r)['scenarios'] as { id: string }[]).map((s) => s.id);
    expect(ids).toContain(SCENARIO);
  });

  it('plays a game and writes a log that verify accepts', async () => {
    expect(played.stderr).toBe('');
    expect(played.code).toBe(0);
    const summary = json(played);
    expect(summary).toMatchObject({ ok: true, scenario: SCENARIO, seed: 'cli-test', bot: 'phase-aware' });
    expect(String(summary['status'])).toMatch(/^ended\./);
    const header = JSON.parse(readFileSync(log, 'utf8').split('\n')[0] ?? '') as Record<string, unknown>;
    expect(header).toMatchObject({ kind: 'header', seed: 'cli-test', player: 'Tess' });
    const r = await cli(['verify', log, '--json'], dir);
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ ok: true, lines: readFileSync(log, 'utf8').trimEnd().split('\n').length });
  });

  it('rejects a tampered log with exit 1, naming the first differing line', async () => {
    const lines = readFileSync(log, 'utf8').split('\n');
    const index = lines.findIndex((l) => l.includes('"type":"finance.booked"') && /"payroll":\d+/.test(l));
    expect(index).toBeGreaterThan(0);
    lines[index] = (lines[index] ?? '').replace(/"payroll":(\d+)/, (_, n: string) => `"payroll":${Number(n) + 1}`);
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, lines.join('\n'));
    const r = await cli(['verify', tampered], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${tampered}:${index + 1}:`);
    expect(r.stdout).toMatch(/expected \(log\):.*\n.*actual \(engine\):/);
  });

  it('rejects a garbage line with exit 2, naming the file and line', async () => {
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${readFileSync(log, 'utf8').split('\n').slice(0, 2).join('\n')}\nthis is not JSON\n`);
    const r = await cli(['verify', broken, '--json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}:3:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(json(r)).toMatchObject({ ok: false, exitCode: 2 });
  });

  it('refuses an unknown bot with exit 2 and a clear message', async () => {
    const r = await cli(['play', '--scenario', SCENARIO, '--seed', 's', '--bot', 'nobody'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --bot: unknown bot "nobody"');
    expect(r.stderr).toContain('phase-aware');
  });

  it('replays to a given week; the state matches the recorded checkpoint', async () => {
    const r = await cli(['replay', log, '--week', '5', '--json'], dir);
    expect(r.code).toBe(0);
    const state = json(r);
    expect(state).toMatchObject({ ok: true, afterWeek: 5, week: 6 });
    const checkpoint = readFileSync(log, 'utf8')
      .split('\n')
      .map((l) => (l ? (JSON.parse(l) as Record<string, unknown>) : {}))
      .find((l) => l['kind'] === 'checkpoint' && l['week'] === 5);
    expect(state['hash']).toBe(checkpoint?.['hash']);
  });
});

/* The same entry point called in process: fast, so it covers the many small paths. */
describe('phase-shift CLI, in process', () => {
  const { io, run } = inProcessCli();

  it('lists scenarios as a table', async () => {
    expect(await run('scenarios')).toBe(0);
    expect(io.out).toMatch(/^id\s+name\s+tagline/);
    expect(io.out).toContain(SCENARIO);
  });

  it('prints a human summary of a game', async () => {
    expect(await run('play', '--scenario', SCENARIO, '--seed', 'in-process', '--bot', 'random')).toBe(0);
    expect(io.out).toMatch(/outcome:/);
    expect(io.out).toMatch(/phase switch:\s+(never|week \d+)/);
    expect(io.out).toMatch(/uptime:\s+\d+\.\d\d%/);
  });

  it('verifies a log in text', async () => {
    expect(await run('verify', log)).toBe(0);
    expect(io.out).toMatch(/^verified: [\d,]+ lines, \d+ weeks, final hash [0-9a-f]{64}$/m);
  });

  it('replays to a week in text', async () => {
    expect(await run('replay', log, '--week', '5')).toBe(0);
    expect(io.out).toContain('after week 5');
    expect(io.out).toMatch(/week:\s+6 \(planning\)/);
    expect(io.out).toContain('Beliefs');
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['scenarios', '--frob'], "unknown option '--frob'"],
    [['play', '--seed', 's', '--bot', 'random'], "required option '--scenario <id>'"],
    [['play', '--scenario', 'nope', '--seed', 's', '--bot', 'random'], 'option --scenario: unknown scenario "nope"'],
    [['play', '--scenario', SCENARIO, '--seed', '', '--bot', 'random'], 'option --seed: the seed must not be empty'],
    [['verify'], "missing required argument 'log'"],
    [['verify', '/definitely/not/here.jsonl'], 'cannot read /definitely/not/here.jsonl: no such file or directory'],
    [['replay', '/definitely/not/here.jsonl'], 'cannot read /definitely/not/here.jsonl'],
  ])('exits 2 on %j with a one-line message', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with the usage when no command is given', async () => {
    expect(await run()).toBe(2);
    expect(io.err).toContain('Usage: phase-shift');
    expect(io.err).toContain('a command is required');
  });

  it('rejects a bad --week', async () => {
    expect(await run('replay', log, '--week', 'soon')).toBe(2);
    expect(io.err).toContain('option --week: the week must be a whole number ≥ 0 (got "soon")');
    expect(await run('replay', log, '--week', '9999')).toBe(2);
    expect(io.err).toContain('option --week: the log covers weeks 1–');
  });

  it('answers --help for every command with exit 0', async () => {
    for (const c of ['scenarios', 'play', 'verify', 'replay']) {
      expect(await run(c, '--help')).toBe(0);
      expect(io.out).toContain(`Usage: phase-shift ${c}`);
    }
  });
});
