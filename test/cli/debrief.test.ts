import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './spawn-cli.js';
import { recordedLog } from '../helpers.js';
import { isDecisionLine } from '../../src/engine/log/format.js';

/* `phase-shift debrief`, spawned as a user would run it: a short recorded game with a coach's
 * note, reported as JSON and as one HTML file, and refused (exit 1 or 2, naming the line) when
 * the log is tampered with, malformed or the options are wrong. Few spawns: each costs ~1 s. */

let dir = '';
let good = '';
let seq = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phase-shift-debrief-'));
  const { header, entries, text } = recordedLog('b', 4);
  const decision = entries.find((e) => e.kind === 'event' && isDecisionLine(e) && e.type !== 'week.end');
  if (decision?.kind !== 'event') throw new Error('the four-week game should contain a player decision to annotate');
  seq = decision.seq;
  const note = { kind: 'annotation', week: 2, seq, author: 'Coach', mark: 'mistake', text: 'Careful <script>alert(1)</script>' };
  const named = text.replace(JSON.stringify(header), JSON.stringify({ ...header, player: 'Tess <b>' }));
  good = join(dir, 'game.jsonl');
  writeFileSync(good, `${named.trimEnd()}\n${JSON.stringify(note)}\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('phase-shift debrief, spawned', () => {
  it('prints the debrief as indented JSON, with the coach note and every decision marked', async () => {
    const r = await runCli(['debrief', good, '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as {
      header: { player: string };
      annotations: { seq: number }[];
      decisions: { mark: string }[];
      timeline: { week: number; evaluation: number }[];
      path: unknown[];
    };
    expect(r.stdout.startsWith('{\n  "header"')).toBe(true);
    expect(d.header.player).toBe('Tess <b>');
    expect(d.annotations[0]?.seq).toBe(seq);
    expect(d.decisions.length).toBeGreaterThan(0);
    expect(d.timeline.map((w) => w.week)).toEqual([1, 2, 3, 4]);
    expect(d.timeline.every((w) => typeof w.evaluation === 'number')).toBe(true);
    expect(d.path).toHaveLength(2);
  });

  it('writes one self-contained HTML file with --out, escaping the log’s text', async () => {
    const out = join(dir, 'debrief.html');
    const r = await runCli(['debrief', good, '--format', 'html', '--out', out, '--reference', 'forever-scientist'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Tess &lt;b&gt;');
    expect(html).toContain('Careful &lt;script&gt;');
    expect(html).not.toMatch(/<script|http/i);
  });

  it('refuses a tampered log with exit 1, naming the first differing line', async () => {
    const lines = readFileSync(good, 'utf8').split('\n');
    const i = lines.findIndex((l) => /"type":"finance.booked".*"payroll":\d+/.test(l));
    lines[i] = (lines[i] ?? '').replace(/"payroll":(\d+)/, (_, n: string) => `"payroll":${Number(n) + 1}`);
    const bad = join(dir, 'tampered.jsonl');
    writeFileSync(bad, lines.join('\n'));
    const r = await runCli(['debrief', bad], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:${i + 1}:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses with exit 2 a malformed line (naming file, line and field), a bad option and an --out it cannot write', async () => {
    const lines = readFileSync(good, 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').replace(/"week":\d+/, '"week":"two"');
    const bad = join(dir, 'malformed.jsonl');
    writeFileSync(bad, lines.join('\n'));
    const [r, opt, folder] = await Promise.all([
      runCli(['debrief', bad], { cwd: dir }),
      runCli(['debrief', good, '--format', 'pdf'], { cwd: dir }),
      // An --out that cannot be written is refused before the analysis runs.
      runCli(['debrief', good, '--out', join(dir, 'missing', 'report.md')], { cwd: dir }),
    ]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`option --out: cannot write ${join(dir, 'missing', 'report.md')}: the folder ${join(dir, 'missing')} does not exist`);
    expect(folder.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: week`));
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain('option --format: unknown format "pdf"');
  });
});
