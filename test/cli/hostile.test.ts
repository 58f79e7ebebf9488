import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli } from './in-process.js';
import { cutAfterWeek, gameLog, linesOf, RAW_CONTROL, spawnWithInput } from '../hostile/logs.js';

/* A small hostile-input generator for the CLI (issue 10), independent of the log fuzz test: it
 * builds attacks of seven kinds, runs the real CLI on each, and classifies what happened as
 * refused (exit 1 or 2 with a message), reported (exit 0, and the output says what is wrong or
 * unproven) or passed (exit 0, nothing to say). Every case also checks that no input file
 * changed and that no raw control character reached stdout or stderr. The table it prints is the
 * one the issue's closing note asks for. */

type Outcome = 'refused' | 'reported' | 'passed';
interface Result {
  code: number | null;
  out: string;
}
interface Case {
  attack: string;
  label: string;
  allowed: readonly Outcome[];
  inputs: string[];
  run: () => Promise<Result>;
  /** Words that make an exit-0 run "reported". */
  reportWords?: RegExp;
  /** Words a refusal must give (so a case is not refused for some other reason). */
  why?: RegExp;
}

const { io, run } = inProcessCli();
let dir = '';
const cases: Case[] = [];
const results: { c: Case; outcome: Outcome; destroyed: number; raw: boolean; out: string }[] = [];

const sha = (p: string): string => {
  try {
    return createHash('sha256').update(readFileSync(p)).digest('hex');
  } catch {
    return 'missing';
  }
};
const inProc = async (...args: string[]): Promise<Result> => ({ code: await run(...args), out: io.out + io.err });
const spawned = async (args: string[], stdin: number | 'endless'): Promise<Result> => {
  const r = await spawnWithInput(args, stdin, dir);
  return { code: r.code, out: r.stdout + r.stderr };
};
const withFd = async (path: string, args: string[]): Promise<Result> => {
  const fd = openSync(path, 'r');
  try {
    return await spawned(args, fd);
  } finally {
    closeSync(fd);
  }
};

const REPORTED = /without an ending: incomplete|not verified|metadata, not proven|recorded by engine/;
const IS_INPUT = /is the input .*would destroy it/;

function outAttacks(won: string, lost: string): void {
  const link = join(dir, 'link.jsonl');
  const link2 = join(dir, 'link2.jsonl');
  const hard = join(dir, 'hard.jsonl');
  symlinkSync(won, link);
  symlinkSync(link, link2);
  linkSync(won, hard);
  const rel = relative(process.cwd(), won);
  const spellings: [string, string][] = [
    ['absolute', won],
    ['relative', rel],
    ['./relative', `./${rel}`],
    ['double slash', won.replace('/won.jsonl', '//won.jsonl')],
    ['dot-dot', join(dir, 'sub', '..', 'won.jsonl')],
    ['symlink', link],
    ['symlink to symlink', link2],
    ['hard link', hard],
  ];
  mkdirSync(join(dir, 'sub'));
  for (const [name, out] of spellings) {
    cases.push({ attack: 'out = input', label: `debrief, ${name}`, allowed: ['refused'], inputs: [won, lost], run: () => inProc('debrief', won, '--out', out), why: IS_INPUT });
    cases.push({
      attack: 'out = input',
      label: `compare first, ${name}`,
      allowed: ['refused'],
      inputs: [won, lost],
      run: () => inProc('compare', won, lost, '--out', out),
      why: IS_INPUT,
    });
    cases.push({
      attack: 'out = input',
      label: `compare second, ${name}`,
      allowed: ['refused'],
      inputs: [won, lost],
      run: () => inProc('compare', lost, won, '--out', out),
      why: IS_INPUT,
    });
  }
  cases.push({
    attack: 'out = input',
    label: 'debrief - < input --out input',
    allowed: ['refused'],
    inputs: [won],
    run: () => withFd(won, ['debrief', '-', '--out', won]),
    why: IS_INPUT,
  });
  cases.push({
    attack: 'out = input',
    label: 'compare, input via symlink, --out the file',
    allowed: ['refused'],
    inputs: [won, lost],
    run: () => inProc('compare', link, lost, '--out', won),
    why: IS_INPUT,
  });
}

function truncationAttacks(lost: string): void {
  const text = readFileSync(lost, 'utf8');
  const lines = linesOf(text);
  for (const week of [1, 5, 10, 20, 30, 40, 44]) {
    const cut = join(dir, `cut-w${week}.jsonl`);
    writeFileSync(cut, cutAfterWeek(text, week));
    cases.push({
      attack: 'truncated finished log',
      label: `verify, cut after week ${week}`,
      allowed: ['reported'],
      inputs: [cut],
      run: () => inProc('verify', cut),
      reportWords: REPORTED,
    });
    cases.push({
      attack: 'truncated finished log',
      label: `replay, cut after week ${week}`,
      allowed: ['reported'],
      inputs: [cut],
      run: () => inProc('replay', cut),
      reportWords: REPORTED,
    });
    cases.push({
      attack: 'truncated finished log',
      label: `compare with the whole log, cut after week ${week}`,
      allowed: ['refused'],
      inputs: [cut, lost],
      run: () => inProc('compare', cut, lost),
      why: /a truncated copy of/,
    });
  }
  for (let n = 2; n < lines.length; n += Math.floor(lines.length / 9)) {
    const cut = join(dir, `cut-l${n}.jsonl`);
    writeFileSync(cut, `${lines.slice(0, n).join('\n')}\n`);
    cases.push({
      attack: 'truncated finished log',
      label: `verify, first ${n} lines`,
      allowed: ['refused', 'reported'],
      inputs: [cut],
      run: () => inProc('verify', cut),
      reportWords: REPORTED,
    });
    const half = join(dir, `cut-c${n}.jsonl`);
    writeFileSync(half, text.slice(0, text.indexOf(lines[n] ?? '') + 17));
    cases.push({ attack: 'truncated finished log', label: `verify, cut inside line ${n + 1}`, allowed: ['refused'], inputs: [half], run: () => inProc('verify', half) });
  }
}

const EVIL: [string, string][] = [
  ['ESC clear screen', '\u001b[2J\u001b[H'],
  ['OSC window title', '\u001b]0;pwned\u0007'],
  ['BEL', '\u0007\u0007'],
  ['C1 CSI', '\u009b31m'],
  ['bidi override', 'abc\u202edef'],
  ['DEL and backspace', 'x\u007f\u0008y'],
  ['NUL', 'a\u0000b'],
  ['carriage return', 'ok\rFORGED'],
];

function controlAttacks(won: string, lost: string): void {
  const text = readFileSync(won, 'utf8');
  const header = linesOf(text)[0] ?? '';
  EVIL.forEach(([name, evil], i) => {
    const named = join(dir, `evil-name-${i}.jsonl`);
    writeFileSync(named, text.replace('"player":"Ada"', `"player":${JSON.stringify(`Ada${evil}`)}`));
    const noted = join(dir, `evil-note-${i}.jsonl`);
    writeFileSync(noted, `${text}${JSON.stringify({ kind: 'annotation', week: 3, author: evil, text: `see ${evil}` })}\n`);
    const typed = join(dir, `evil-type-${i}.jsonl`);
    writeFileSync(typed, `${header}\n${JSON.stringify({ kind: 'event', seq: 1, week: 1, by: 'world', type: `t${evil}`, data: {} })}\n`);
    const keyed = join(dir, `evil-key-${i}.jsonl`);
    writeFileSync(keyed, `${header}\n${JSON.stringify({ kind: 'checkpoint', week: 1, [`k${evil}`]: 1 })}\n`);
    const c = (label: string, allowed: Outcome[], inputs: string[], f: () => Promise<Result>) =>
      cases.push({ attack: 'control characters', label: `${name}: ${label}`, allowed, inputs, run: f, reportWords: REPORTED });
    c('player name, verify', ['reported'], [named], () => inProc('verify', named));
    c('player name, compare --format md', ['passed'], [named, lost], () => inProc('compare', named, lost, '--format', 'md'));
    c('note author and text, replay', ['passed'], [noted], () => inProc('replay', noted));
    c('note, compare --format json', ['passed'], [noted, lost], () => inProc('compare', noted, lost, '--format', 'json'));
    c('event type, verify', ['refused'], [typed], () => inProc('verify', typed));
    c('unknown key, verify --json', ['refused'], [keyed], () => inProc('verify', keyed, '--json'));
    c('file name, verify', ['refused'], [], () => inProc('verify', join(dir, `no${evil}.jsonl`)));
  });
}

function readAttacks(): void {
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const sparse = join(dir, 'sparse.jsonl');
  writeFileSync(sparse, '');
  truncateSync(sparse, 33 * 1024 * 1024);
  const r = (label: string, f: () => Promise<Result>) =>
    cases.push({ attack: '/dev/zero and huge pipes', label, allowed: ['refused'], inputs: [], run: f, why: /not a regular file|larger than|the limit is|is a directory/ });
  r('verify /dev/zero', () => inProc('verify', '/dev/zero'));
  r('verify /dev/urandom', () => inProc('verify', '/dev/urandom'));
  r('verify /dev/null', () => inProc('verify', '/dev/null'));
  r('verify a FIFO', () => inProc('verify', fifo));
  r('verify a folder', () => inProc('verify', dir));
  r('verify a 33 MB sparse file', () => inProc('verify', sparse));
  r('debrief /dev/zero', () => inProc('debrief', '/dev/zero'));
  r('validate /dev/zero', () => inProc('validate', '/dev/zero'));
  r('verify - < /dev/zero', () => withFd('/dev/zero', ['verify', '-']));
  r('replay - < /dev/zero', () => withFd('/dev/zero', ['replay', '-']));
  r('validate - < /dev/zero (4 MB limit)', () => withFd('/dev/zero', ['validate', '-']));
  r('verify - < /dev/urandom', () => withFd('/dev/urandom', ['verify', '-']));
  r('verify - < endless pipe', () => spawned(['verify', '-'], 'endless'));
  r('debrief - < endless pipe', () => spawned(['debrief', '-'], 'endless'));
}

function flagAttacks(won: string, lost: string): void {
  const sets: string[][] = [
    ['play', '--scenario', 'devtools-codegen', '--seed', 'a', '--seed', 'b', '--bot', 'random'],
    ['play', '--scenario', 'devtools-codegen', '--seed=a', '--seed=b', '--bot', 'random'],
    ['play', '--scenario', 'devtools-codegen', '--scenario', 'devtools-codegen', '--seed', 'a', '--bot', 'random'],
    ['play', '--scenario', 'devtools-codegen', '--seed', 'a', '--bot', 'random', '--bot', 'phase-aware'],
    ['play', '--scenario', 'devtools-codegen', '--seed', 'a', '--bot', 'random', '--out', 'x.jsonl', '--out', 'y.jsonl'],
    ['play', '--scenario', 'devtools-codegen', '--seed', 'a', '--bot', 'random', '--player', 'A', '--player', 'B'],
    ['verify', won, '--json', '--json'],
    ['replay', won, '--week', '1', '--week', '2'],
    ['replay', won, '--no-verify', '--no-verify'],
    ['compare', won, lost, '--format', 'md', '--format', 'html'],
    ['debrief', won, '--reference', 'random', '--reference', 'phase-aware'],
    ['code', '--scenario', 'devtools-codegen', '--seed', 'a', '--seed', 'b'],
    ['balance', '--runs', '1', '--runs', '2'],
  ];
  for (const args of sets)
    cases.push({
      attack: 'duplicate flags',
      label: args.join(' ').replace(dir, '…'),
      allowed: ['refused'],
      inputs: [won, lost],
      run: () => inProc(...args),
      why: /is given more than once/,
    });
}

function keyAttacks(won: string): void {
  const lines = linesOf(readFileSync(won, 'utf8'));
  const at = (i: number, from: string, to: string): string => {
    const copy = [...lines];
    copy[i] = (copy[i] ?? '').replace(from, to);
    if (copy[i] === lines[i]) throw new Error(`keyAttacks: "${from}" not in line ${i + 1}`);
    return `${copy.join('\n')}\n`;
  };
  const checkpoint = lines.findIndex((l) => l.startsWith('{"kind":"checkpoint"'));
  const variants: [string, string][] = [
    ['header seed twice', at(0, '"seed":"demo"', '"seed":"demo","seed":"other"')],
    ['header seed, escaped spelling', at(0, '"seed":"demo"', '"seed":"demo","s\\u0065ed":"other"')],
    ['nested scenario.id twice', at(0, '"id":"devtools-codegen"', '"id":"devtools-codegen","id":"devtools-codegen"')],
    ['event seq twice', at(1, '"seq":1,', '"seq":1,"seq":1,')],
    ['event data key twice', at(1, '"data":{', '"data":{"segment":"x",')],
    ['checkpoint hash twice', at(checkpoint, '"hash":', '"hash":"0","hash":')],
    ['checkpoint cash twice (the forged one first)', at(checkpoint, '"cash":', '"cash":999999999,"cash":')],
    ['annotation text twice', `${lines.join('\n')}\n{"kind":"annotation","week":1,"text":"a","text":"b"}\n`],
  ];
  variants.forEach(([label, text], i) => {
    const p = join(dir, `dupkey-${i}.jsonl`);
    writeFileSync(p, text);
    cases.push({ attack: 'duplicate JSON keys', label, allowed: ['refused'], inputs: [p], run: () => inProc('verify', p), why: /appears twice/ });
  });
}

function headerAttacks(won: string, lost: string): void {
  const text = readFileSync(won, 'utf8');
  const last = Math.max(
    ...linesOf(text)
      .slice(1)
      .map((l) => (JSON.parse(l) as { week: number }).week),
  );
  const fork = (week: number, parent = 'a'.repeat(64)) => text.replace('"player":"Ada"', `"player":"Ada","fork":{"parent":"${parent}","week":${week}}`);
  const forged: [string, string, Outcome[]][] = [
    ['scenario.version forged', text.replace('"version":"1.0.0"', '"version":"1.0.1"'), ['refused']],
    ['scenario.hash forged', text.replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${'b'.repeat(64)}"`), ['refused']],
    ['scenario.id forged', text.replace('"id":"devtools-codegen"', '"id":"other-scenario"'), ['refused']],
    ['seed forged', text.replace('"seed":"demo"', '"seed":"demo2"'), ['refused']],
    ['fork week 99,999', fork(99_999), ['refused']],
    ['fork week 0', fork(0), ['refused']],
    [`fork week ${last + 1} (past the ended game)`, fork(last + 1), ['refused']],
    ['fork week 1.5', fork(1.5), ['refused']],
    ['fork parent not a hash', fork(3, 'xyz'), ['refused']],
    ['extra header key', text.replace('"player":"Ada"', '"player":"Ada","signedBy":"room"'), ['refused']],
    ['player name of 201 characters', text.replace('"player":"Ada"', `"player":"${'A'.repeat(201)}"`), ['refused']],
    ['player renamed', text.replace('"player":"Ada"', '"player":"Grace"'), ['reported']],
    ['createdAt forged', text.replace('"player":"Ada"', '"player":"Ada","createdAt":"1999-01-01T00:00:00Z"'), ['reported']],
    ['engine version changed', text.replace('"engine":"0.1.0"', '"engine":"0.0.9"'), ['reported']],
    ['ending edited to won (replay)', readFileSync(lost, 'utf8').replace('"reason":"bankrupt"', '"reason":"won"'), ['refused']],
  ];
  forged.forEach(([label, t, allowed], i) => {
    const p = join(dir, `header-${i}.jsonl`);
    writeFileSync(p, t);
    const cmd = label.includes('(replay)') ? 'replay' : 'verify';
    cases.push({ attack: 'forged header fields', label, allowed, inputs: [p], run: () => inProc(cmd, p), reportWords: REPORTED });
  });
  const forgedEnd = join(dir, 'header-noverify.jsonl');
  writeFileSync(forgedEnd, readFileSync(lost, 'utf8').replace('"reason":"bankrupt"', '"reason":"won"'));
  cases.push({
    attack: 'forged header fields',
    label: 'ending edited to won (replay --no-verify)',
    allowed: ['reported'],
    inputs: [forgedEnd],
    run: () => inProc('replay', forgedEnd, '--no-verify'),
    reportWords: REPORTED,
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-shift-hostile-'));
  const won = join(dir, 'won.jsonl');
  const lost = join(dir, 'lost.jsonl');
  writeFileSync(won, gameLog('demo', 'phase-aware', 'Ada'));
  writeFileSync(lost, gameLog('k2', 'random', 'Bo'));
  outAttacks(won, lost);
  truncationAttacks(lost);
  controlAttacks(won, lost);
  readAttacks();
  flagAttacks(won, lost);
  keyAttacks(won);
  headerAttacks(won, lost);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function classify(c: Case, r: Result): Outcome {
  if (r.code !== 0) return 'refused';
  return c.reportWords?.test(r.out) ? 'reported' : 'passed';
}

describe('hostile CLI inputs (issue 10)', () => {
  it('refuses or reports every attack, destroys no input and lets no control character through', async () => {
    for (const c of cases) {
      const before = c.inputs.map(sha);
      const r = await c.run();
      const destroyed = c.inputs.filter((p, i) => sha(p) !== before[i]).length;
      results.push({ c, outcome: classify(c, r), destroyed, raw: RAW_CONTROL.test(r.out), out: r.out });
    }
    const byAttack = new Map<string, typeof results>();
    for (const r of results) byAttack.set(r.c.attack, [...(byAttack.get(r.c.attack) ?? []), r]);
    const rows = [...byAttack].map(([attack, rs]) => {
      const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
      return `| ${attack} | ${rs.length} | ${count('refused')} refused, ${count('reported')} reported, ${count('passed')} passed | ${rs.reduce((n, r) => n + r.destroyed, 0)} | ${rs.filter((r) => r.raw).length} |`;
    });
    console.log(['| attack | cases | outcome | inputs destroyed | raw control chars out |', '|---|---|---|---|---|', ...rows].join('\n'));
    for (const r of results) {
      expect(r.c.allowed, `${r.c.attack}: ${r.c.label}`).toContain(r.outcome);
      expect(r.destroyed, `${r.c.attack}: ${r.c.label} destroyed an input`).toBe(0);
      expect(r.raw, `${r.c.attack}: ${r.c.label} printed a raw control character`).toBe(false);
      if (r.c.why && r.outcome === 'refused') expect(r.out, `${r.c.attack}: ${r.c.label}`).toMatch(r.c.why);
    }
  }, 300_000);
});
