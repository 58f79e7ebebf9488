import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordedLog } from '../helpers.js';
import { runCli } from './spawn-cli.js';

/* `phase-shift compare` as a user runs it: directories and files in, Markdown, HTML or JSON
 * out, and a bad log failing the whole command before anything is printed. */

let dir = '';
const room = () => join(dir, 'room');
const BOTS = ['phase-aware', 'premature-regulator', 'roadmap-driver'];

/** A log's text with a player name put into its header. */
function named(text: string, player: string): string {
  const [head, ...rest] = text.split('\n');
  return [JSON.stringify({ ...(JSON.parse(head ?? '{}') as object), player }), ...rest].join('\n');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-shift-compare-'));
  mkdirSync(room());
  for (const bot of BOTS) writeFileSync(join(room(), `${bot}.jsonl`), recordedLog('cli-room', 30, bot).text);
  writeFileSync(join(room(), 'notes.txt'), 'not a log');
  writeFileSync(join(dir, 'evil.jsonl'), named(recordedLog('cli-room', 30, 'data-hoarder').text, '<script>alert(1)</script> & co'));
  writeFileSync(join(dir, 'other-seed.jsonl'), recordedLog('cli-elsewhere', 10).text);
  const lines = recordedLog('cli-room', 10).text.split('\n');
  const at = lines.findIndex((l) => l.includes('"kind":"checkpoint"'));
  const tampered = lines.map((l, i) => (i === at ? l.replace(/"cash":(\d+)/, (_, c: string) => `"cash":${Number(c) + 1}`) : l));
  if (tampered[at] === undefined || tampered[at] === lines[at]) throw new Error('the ten-week log should have a checkpoint with cash to tamper with');
  writeFileSync(join(dir, 'tampered.jsonl'), tampered.join('\n'));
  writeFileSync(join(dir, 'broken.jsonl'), `${lines.slice(0, 4).join('\n')}\n{"kind":"event"\n`);
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'copy.jsonl'), recordedLog('cli-room', 30, 'phase-aware').text);
  mkdirSync(join(dir, 'twins'));
  writeFileSync(join(dir, 'twins', 'ada.jsonl'), named(recordedLog('cli-room', 30, 'phase-aware').text, 'Ada'));
  writeFileSync(join(dir, 'twins', 'ada-2.jsonl'), named(recordedLog('cli-room', 30, 'roadmap-driver').text, 'Ada'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('phase-shift compare', () => {
  test('a directory of logs gives a Markdown leaderboard and the divergence tree', async () => {
    const r = await runCli(['compare', room()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 logs in 1 group.');
    const rows = r.stdout.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(3);
    expect(r.stdout).toMatch(/The room first split in week \d+ into \d branches/);
    expect(r.stdout).not.toContain('notes.txt');
  });

  test('HTML is one self-contained page with names escaped', async () => {
    const out = join(dir, 'room.html');
    const r = await runCli(['compare', room(), join(dir, 'evil.jsonl'), '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script|https?:|<link|src=/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; co');
  });

  test('JSON is the comparison object; another seed is a separate group and that is said', async () => {
    const r = await runCli(['compare', room(), join(dir, 'other-seed.jsonl'), '--format', 'json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { logs: number; groups: { seed: string; players: { name: string }[] }[]; notes: string[] };
    expect(c.logs).toBe(4);
    expect(c.groups.map((g) => [g.seed, g.players.length])).toEqual([
      ['cli-room', 3],
      ['cli-elsewhere', 1],
    ]);
    expect(c.groups[0]?.players.map((p) => p.name)).toEqual(BOTS.map((b) => `${b}.jsonl`).sort());
    expect(c.notes[0]).toContain('compared separately');
  });

  test('a log that does not reproduce fails everything with exit 1, naming file and line', async () => {
    const out = join(dir, 'never.md');
    const r = await runCli(['compare', room(), join(dir, 'tampered.jsonl'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tampered\.jsonl:\d+: line \d+ differs/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  test('a log that does not parse fails with exit 2 and file:line: field', async () => {
    const r = await runCli(['compare', join(dir, 'broken.jsonl'), room()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.jsonl:5: /);
    expect(r.stdout).toBe('');
  });

  test('the same game twice is refused with exit 2, both files named', async () => {
    const again = await runCli(['compare', 'room/phase-aware.jsonl', 'room/phase-aware.jsonl', 'room/roadmap-driver.jsonl'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('room/phase-aware.jsonl: the same log is given twice');
    expect(again.stdout).toBe('');
    const copy = await runCli(['compare', 'room', 'copy.jsonl'], { cwd: dir });
    expect(copy.code).toBe(2);
    expect(copy.stderr).toContain('copy.jsonl: the same game as room/phase-aware.jsonl');
    expect(copy.stdout).toBe('');
  });

  test('players who share a name are told apart by their file', async () => {
    const r = await runCli(['compare', 'twins', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { groups: { players: { name: string }[] }[] };
    expect(c.groups[0]?.players.map((p) => p.name)).toEqual(['Ada (ada-2.jsonl)', 'Ada (ada.jsonl)']);
  });

  test.each([
    [['compare', 'room/phase-aware.jsonl'], /at least 2 logs \(got 1/],
    [['compare', 'empty', 'room'], /empty: the directory holds no \*\.jsonl logs/],
    [['compare', 'room', '--format', 'pdf'], /option --format: unknown format "pdf"/],
    [['compare', 'room', 'missing.jsonl'], /cannot read missing\.jsonl: no such file/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
