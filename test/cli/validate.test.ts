import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, type Run } from './spawn-cli.js';
import { main } from '../../src/cli/main.js';
import { reportLines, validateExitCode, validateText, type FileReport } from '../../src/cli/commands/validate.js';
import { loadScenario } from '../../src/scenarios/load.js';

/* `phase-shift validate`: the bundled scenario passes; planted problems (wrong type, unknown
 * key, missing key, broken cross-references, not JSON) are each listed at the line and column
 * where they are in the file. Temp files are the bundled scenario re-printed with 2-space
 * indentation and then damaged, so expected positions are found by searching their text. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLED = 'scenarios/devtools-codegen.json';

const cli = (args: string[]) => runCli(['validate', ...args], { cwd: ROOT, timeoutMs: 30_000 });

/** Runs the CLI in this process (no spawn), capturing what it writes. */
async function inProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((x) => ((stdout += String(x)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((x) => ((stderr += String(x)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

type Json = Record<string, unknown>;
const at = (o: unknown, ...keys: (string | number)[]): Json => keys.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], o) as Json;

/** `line:column` where `needle` (which must occur exactly once) starts, shifted by `skip` characters. */
function where(text: string, needle: string, skip = 0): string {
  const i = text.indexOf(needle);
  expect(i, `${needle} should be in the file`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, i + 1), `${needle} should be in the file once`).toBe(-1);
  const before = text.slice(0, i + skip).split('\n');
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
}

function damaged(recipe: (s: Json) => void): string {
  const copy = JSON.parse(readFileSync(join(ROOT, BUNDLED), 'utf8')) as Json;
  recipe(copy);
  return `${JSON.stringify(copy, null, 2)}\n`;
}

// Wrong types, unknown keys, a missing key, a value out of range: all schema problems.
const shape = damaged((s) => {
  s['weeks'] = 'many';
  at(s, 'gpu')['colour'] = 'blue';
  s['extraNotes'] = 'x';
  delete at(s, 'fit')['deadlineWeek'];
  at(s, 'model')['positiveRate'] = 2;
});
// Cross-references only the loader checks (the schema alone accepts this file).
const refs = damaged((s) => {
  at(s, 'segments', 1)['pullMin'] = 0.99;
  at(s, 'hypotheses', 0, 'about')['segment'] = 'nobody-at-all';
  at(s, 'fit')['deadlineWeek'] = 999;
});
// Not JSON: the comma after the top-level "id" is gone, so line 4 ("version") is unexpected.
const broken = damaged(() => undefined).replace(/^( {2}"id": "[^"]*"),$/m, '$1');

const expectedShape = [
  `${where(shape, '"weeks": "many"', 9)}: weeks: Invalid input: expected number, received string`,
  `${where(shape, '"positiveRate": 2', 16)}: model.positiveRate: `,
  `${where(shape, '"fit": {', 7)}: fit.deadlineWeek: missing required key "deadlineWeek" (expected number)`,
  `${where(shape, '"colour"')}: gpu.colour: unknown key "colour"`,
  `${where(shape, '"extraNotes"')}: extraNotes: unknown key "extraNotes"`,
].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]));
const expectedRefs = [
  `${where(refs, '"pullMin": 0.99', 11)}: segments[1].pullMin: pullMin is above pullMax`,
  `${where(refs, '"segment": "nobody-at-all"', 11)}: hypotheses[0].about.segment: no segment "nobody-at-all"`,
  `${where(refs, '"deadlineWeek": 999', 16)}: fit.deadlineWeek: after the last week`,
].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]));

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-shift-validate-'));
  writeFileSync(file('shape.json'), shape);
  writeFileSync(file('refs.json'), refs);
  writeFileSync(file('broken.json'), broken);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('phase-shift validate, spawned', () => {
  it('passes the bundled scenario with its id, version and hash', async () => {
    const r = await cli([BUNDLED]);
    const loaded = loadScenario(JSON.parse(readFileSync(join(ROOT, BUNDLED), 'utf8')));
    if (!loaded.ok) throw new Error('the bundled scenario should load');
    const { id, version } = loaded.value.scenario;
    expect(r.stdout).toBe(`ok: ${BUNDLED} (${id} v${version}, hash ${loaded.value.hash.slice(0, 12)})\n`);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('lists every planted problem at its line and column, and exits 1', async () => {
    const r = await cli([file('shape.json'), file('refs.json'), file('broken.json'), BUNDLED]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const expected = [
      ...expectedShape.map((e) => `${file('shape.json')}:${e}`),
      ...expectedRefs.map((e) => `${file('refs.json')}:${e}`),
      `${file('broken.json')}:${where(broken, '"version"')}: not valid JSON: unexpected`,
      `ok: ${BUNDLED} (`,
    ];
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => expect(line.startsWith(expected[i] ?? '?'), `line ${i + 1}: ${line}\nshould start with ${expected[i]}`).toBe(true));
  });

  it('prints one JSON array under --json; an unreadable file means exit 2, the others still checked', async () => {
    const r = await cli(['--json', file('refs.json'), file('no-such.json'), BUNDLED]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`phase-shift: cannot read ${file('no-such.json')}: no such file or directory\n`);
    const reports = JSON.parse(r.stdout) as FileReport[];
    expect(reports.map((x) => [x.file, x.ok])).toEqual([
      [file('refs.json'), false],
      [file('no-such.json'), false],
      [BUNDLED, true],
    ]);
    expect(reports[0]?.issues.map((i) => `${i.line}:${i.column}: ${i.path}: ${i.message}`)).toEqual(expectedRefs.map((e) => expect.stringContaining(e)));
    for (const i of reports[0]?.issues ?? []) expect(Object.keys(i).sort()).toEqual(['column', 'line', 'message', 'path']);
    expect(reports[1]?.error).toMatch(/^cannot read /);
  });
});

describe('phase-shift validate, in process', () => {
  it('exits 2 without a file or with an unknown option', async () => {
    const none = await inProcess(['validate']);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/missing required argument/)]);
    const bad = await inProcess(['validate', '--strict', BUNDLED]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/unknown option/)]);
  });

  it('lists every scenario rule with its default and description under --rules, as text or JSON', async () => {
    const text = await inProcess(['validate', '--rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^model: \S/m);
    expect(text.stdout).toMatch(/^ {2}rules\.model\.regressionChance = 0\.2 {2}\S/m);
    expect(text.stdout).toMatch(/^ {2}rules\.reliability\.defaultUptime = 0\.999 {2}\S/m);
    expect(text.stdout).toMatch(/^ {2}rules\.decisions\.focus\.gpuSignoff = 2 {2}\S/m);
    const json = await inProcess(['validate', '--rules', '--json']);
    const groups = JSON.parse(json.stdout) as { group: string; description: string; rules: { path: string; default: unknown; description: string }[] }[];
    const all = groups.flatMap((g) => g.rules);
    expect(groups.map((g) => g.group)).toEqual(expect.arrayContaining(['model', 'market', 'reliability', 'decisions.focus']));
    expect(all.length).toBeGreaterThan(40);
    for (const r of all) expect([typeof r.default, r.description.length > 0, r.path.startsWith('rules.')]).toEqual(['number', true, true]);
    expect(all.find((r) => r.path === 'rules.market.surveyPullShare')?.default).toBe(0.75);
    const both = await inProcess(['validate', '--rules', BUNDLED]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/either files or --rules/)]);
  });

  it('exits 1 for a file with problems, 0 once it is fixed', async () => {
    expect((await inProcess(['validate', file('refs.json')])).code).toBe(1);
    const fine = await inProcess(['validate', join(ROOT, BUNDLED)]);
    expect([fine.code, fine.stdout]).toEqual([0, expect.stringMatching(/^ok: /)]);
  });
});

describe('validateText, in process', () => {
  it('puts each of several unknown keys on its own line, and a root-level one by name', () => {
    const text = damaged((s) => {
      Object.assign(at(s, 'win'), { bonus: 1, 'odd key': 2 });
      s['notes'] = 'x';
    });
    const r = validateText('t.json', text);
    expect(r.issues.map((i) => `${i.line}:${i.column}: ${i.path}`)).toEqual([
      `${where(text, '"bonus"')}: win.bonus`,
      `${where(text, '"odd key"')}: win.odd key`,
      `${where(text, '"notes"')}: notes`,
    ]);
  });

  it('reports an empty file and a JSON value that is not an object', () => {
    expect(reportLines(validateText('e.json', ''))).toEqual(['e.json:1:1: not valid JSON: the text is empty (expected a JSON value)']);
    expect(reportLines(validateText('a.json', '\n  [1, 2]\n'))[0]).toMatch(/^a\.json:2:3: \(root\): /);
  });

  it('picks the exit code: unreadable beats invalid beats valid', () => {
    const ok: FileReport = { file: 'a', ok: true, issues: [] };
    const bad: FileReport = { file: 'b', ok: false, issues: [{ path: 'x', line: 1, column: 1, message: 'm' }] };
    const unreadable: FileReport = { file: 'c', ok: false, issues: [], error: 'cannot read c' };
    expect([validateExitCode([ok]), validateExitCode([ok, bad]), validateExitCode([bad, unreadable, ok])]).toEqual([0, 1, 2]);
  });
});
