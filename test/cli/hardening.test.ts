import { closeSync, linkSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../src/cli/format.js';
import { inProcessCli } from './in-process.js';
import { cutAfterWeek, gameLog, linesOf, RAW_CONTROL, spawnWithInput } from '../hostile/logs.js';

/* Regression tests for the CLI defects of issue 10 ("nothing lost, nothing forged"), one or more
 * per numbered defect, named after it. Most run the CLI in process; the ones about standard input
 * spawn it with a real file descriptor or pipe. */

const { io, run } = inProcessCli();
let dir = '';
let won = ''; // a finished game that was won
let lost = ''; // a finished game that went bankrupt

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-shift-hard-'));
  won = join(dir, 'won.jsonl');
  lost = join(dir, 'lost.jsonl');
  writeFileSync(won, gameLog('demo', 'phase-aware', 'Ada'));
  writeFileSync(lost, gameLog('k2', 'random', 'Bo'));
  expect(readFileSync(won, 'utf8')).toContain('"reason":"won"');
  expect(readFileSync(lost, 'utf8')).toContain('"reason":"bankrupt"');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('defect 4: an --out that is an input is refused, and reports are renamed into place', () => {
  it('defect 4: debrief --out equal to the input is refused (same path, ./, relative, symlink, hard link)', async () => {
    const before = readFileSync(won, 'utf8');
    const link = join(dir, 'won-link.jsonl');
    const hard = join(dir, 'won-hard.jsonl');
    symlinkSync(won, link);
    linkSync(won, hard);
    const rel = relative(process.cwd(), won);
    for (const out of [won, rel, `./${rel}`, `${dir}//won.jsonl`, join(dir, 'x', '..', 'won.jsonl'), link, hard]) {
      expect(await run('debrief', won, '--out', out), out).toBe(2);
      expect(io.err).toMatch(/option --out: .* is the input .*would destroy it/);
    }
    expect(await run('debrief', link, '--out', won)).toBe(2);
    expect(readFileSync(won, 'utf8')).toBe(before);
  });

  it('defect 4: compare --out equal to any input is refused before any work', async () => {
    const before = [readFileSync(won, 'utf8'), readFileSync(lost, 'utf8')];
    expect(await run('compare', won, lost, '--out', won)).toBe(2);
    expect(await run('compare', won, lost, '--out', lost)).toBe(2);
    expect(io.err).toContain('is the input');
    expect([readFileSync(won, 'utf8'), readFileSync(lost, 'utf8')]).toEqual(before);
  });

  it('defect 4: debrief - --out <the file standard input comes from> is refused', async () => {
    const fd = openSync(won, 'r');
    try {
      const r = await spawnWithInput(['debrief', '-', '--out', won], fd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is the input (standard input)');
    } finally {
      closeSync(fd);
    }
  });

  it('defect 4: a report replaces an old one by rename, leaving no temporary file', async () => {
    const out = join(dir, 'room.md');
    writeFileSync(out, 'old report');
    expect(await run('compare', won, lost, '--out', out)).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Workshop comparison/);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('defect 7: replay never prints forged facts as real', () => {
  it('defect 7: replay of a log whose ending was edited to "won" is refused with exit 1', async () => {
    const forged = file('forged.jsonl', readFileSync(lost, 'utf8').replace('"reason":"bankrupt"', '"reason":"won"'));
    expect(await run('replay', forged)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toMatch(/forged\.jsonl:\d+: line \d+ differs/);
  });

  it('defect 7: replay --no-verify says "not verified" in text and JSON', async () => {
    const forged = file('forged2.jsonl', readFileSync(lost, 'utf8').replace('"reason":"bankrupt"', '"reason":"won"'));
    expect(await run('replay', forged, '--no-verify')).toBe(0);
    expect(io.out).toContain('not verified');
    expect(await run('replay', forged, '--no-verify', '--json')).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ verified: false, warning: expect.stringContaining('not verified') });
    expect(await run('replay', won)).toBe(0);
    expect(io.out).toContain('verified: the log reproduces line for line');
  });
});

describe('defect 8: a truncated finished log is said to be incomplete and never outranks the complete game', () => {
  it('defect 8: verify and replay say the game stops without an ending', async () => {
    const cut = file('cut.jsonl', cutAfterWeek(readFileSync(lost, 'utf8'), 20));
    expect(await run('verify', cut)).toBe(0);
    expect(io.out).toContain('the game stops at week 20 without an ending: incomplete');
    expect(await run('verify', cut, '--json')).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ ok: true, complete: false, ended: null, lastWeek: 20 });
    expect(await run('replay', cut)).toBe(0);
    expect(io.out).toContain('the game stops at week 20 without an ending: incomplete');
    expect(await run('verify', lost)).toBe(0);
    expect(io.out).toContain('the game ended: bankrupt');
  });

  it('defect 8: compare recognises a truncated copy as the same game, in either order', async () => {
    const cut = file('cut-copy.jsonl', cutAfterWeek(readFileSync(lost, 'utf8'), 20));
    for (const args of [
      [lost, cut],
      [cut, lost],
    ]) {
      expect(await run('compare', ...args)).toBe(2);
      expect(io.err).toContain('cut-copy.jsonl: a truncated copy of');
      expect(io.err).toContain('the same game');
    }
  });

  it('defect 8: an unfinished game of another player ranks below the finished one and is said incomplete', async () => {
    const other = file('other-cut.jsonl', cutAfterWeek(gameLog('k2', 'random', 'Cy'), 20));
    expect(await run('compare', lost, other, '--format', 'json')).toBe(0);
    const c = JSON.parse(io.out) as { groups: { incomplete: string[]; players: { name: string }[]; rankings: { dimension: string; rows: { player: number }[] }[] }[] };
    const g = c.groups[0];
    const outcome = g?.rankings.find((r) => r.dimension === 'outcome');
    expect(outcome?.rows.map((r) => g?.players[r.player]?.name)).toEqual(['Bo', 'Cy']);
    expect(c.groups[0]?.incomplete.join(' ')).toContain('Cy: the game stops at week 20 without an ending: incomplete');
  });
});

describe('defect 9: control characters from a log never reach the terminal', () => {
  it('defect 9: names, notes and bad types are escaped in verify, replay, compare --format md and errors', async () => {
    const evil = 'Ev\u001b[2J\u009b31m\u202eil\u0007';
    const text = readFileSync(won, 'utf8').replace('"player":"Ada"', `"player":${JSON.stringify(evil)}`);
    const note = JSON.stringify({ kind: 'annotation', week: 2, author: evil, text: `note ${evil}` });
    const log = file('evil.jsonl', `${text}${note}\n`);
    const bad = file('evil-type.jsonl', `${linesOf(text)[0]}\n${JSON.stringify({ kind: 'event', seq: 1, week: 1, by: 'world', type: `x${evil}`, data: {} })}\n`);
    const outputs: string[] = [];
    for (const args of [
      ['verify', log],
      ['replay', log],
      ['compare', log, lost, '--format', 'md'],
      ['verify', bad],
      ['verify', join(dir, `missing${evil}.jsonl`)],
    ]) {
      await run(...args);
      outputs.push(io.out + io.err);
    }
    for (const o of outputs) expect(o).not.toMatch(RAW_CONTROL);
    expect(outputs[0]).toContain('\\u001b[2J');
    expect(outputs[2]).toContain('\\u009b');
  });
});

describe('defect 10: every read is bounded', () => {
  it('defect 10: verify /dev/zero and a directory are refused', async () => {
    expect(await run('verify', '/dev/zero')).toBe(2);
    expect(io.err).toContain('not a regular file');
    expect(await run('verify', dir)).toBe(2);
  });

  it('defect 10: verify - < /dev/zero stops at the 32 MB limit with exit 2', async () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const r = await spawnWithInput(['verify', '-'], fd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('larger than 33554432 bytes');
      expect(r.ms).toBeLessThan(20_000);
    } finally {
      closeSync(fd);
    }
  });

  it('defect 10: an endless pipe on standard input stops at the limit', async () => {
    const r = await spawnWithInput(['verify', '-'], 'endless');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the limit');
  });
});

describe('defect 11: header metadata is checked', () => {
  it('defect 11: a forged scenario.version is refused', async () => {
    const forged = file('version.jsonl', readFileSync(won, 'utf8').replace('"version":"1.0.0"', '"version":"9.9.9"'));
    expect(await run('verify', forged)).toBe(2);
    expect(io.err).toContain('version "9.9.9"');
  });

  it('defect 11: a fork outside the game is refused', async () => {
    const parent = '0'.repeat(64);
    for (const week of [99_999, 95]) {
      const forged = file(`fork-${week}.jsonl`, readFileSync(won, 'utf8').replace('"player":"Ada"', `"player":"Ada","fork":{"parent":"${parent}","week":${week}}`));
      expect(await run('verify', forged), String(week)).toBe(1);
      expect(io.out).toContain(`fork starts at week ${week}, outside this game`);
    }
  });

  it('defect 11: verify says it proves the facts, not who played', async () => {
    expect(await run('verify', won)).toBe(0);
    expect(io.out).toContain('not who played it');
    expect(io.out).toContain('the player name "Ada"');
  });
});

describe('defect 12: repeated flags, duplicate keys and huge numbers', () => {
  it('defect 12: --seed a --seed b is refused with exit 2 (and every other repeated option)', async () => {
    expect(await run('play', '--scenario', 'devtools-codegen', '--seed', 'a', '--seed', 'b', '--bot', 'random')).toBe(2);
    expect(io.err).toContain('option --seed is given more than once');
    expect(await run('verify', won, '--json', '--json')).toBe(2);
    expect(await run('replay', won, '--week=1', '--week', '2')).toBe(2);
  });

  it('defect 12: a log line with a duplicate key is refused, naming line and key', async () => {
    const lines = linesOf(readFileSync(won, 'utf8'));
    lines[2] = (lines[2] ?? '').replace('"week":1,', '"week":1,"w\\u0065ek":1,');
    const dup = file('dup.jsonl', `${lines.join('\n')}\n`);
    expect(await run('verify', dup)).toBe(2);
    expect(io.err).toContain('dup.jsonl:3: week: the key "week" appears twice');
  });

  it('defect 12: huge money prints in units, never in exponent form', () => {
    expect(money(-1.0000000000000001e302)).toBe('-$1,000T+');
    expect(money(2_500_000_000)).toBe('$2.5B');
    expect(money(Number.NaN)).toBe('n/a');
  });
});
