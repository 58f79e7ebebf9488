import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioFor } from '../../src/scenarios/registry.js';
import { parseLog } from '../../src/engine/log/parse.js';
import { replay, scenarioMismatch, verify } from '../../src/engine/log/replay.js';
import { hashOf } from '../../src/engine/hash.js';
import { LOG_VERSION, type GameLog } from '../../src/engine/log/format.js';
import { factsHash } from '../../src/engine/log/fork.js';

/* Golden logs: every released log in test/fixtures/logs must keep parsing, verifying and
 * replaying to its own last checkpoint. (Regenerate with `npx tsx test/fixtures/make-golden.ts`
 * when the rules change on purpose.) */

const DIR = fileURLToPath(new URL('../fixtures/logs/', import.meta.url));
const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
  : [];

describe('golden logs', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} parses, verifies and replays to its last checkpoint`, () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const parsed = parseLog(text);
      if (!parsed.ok) throw new Error(`${file} line ${parsed.error.line}${parsed.error.field ? ` (${parsed.error.field})` : ''}: ${parsed.error.message}`);
      const log = parsed.log;
      expect(log.header.version).toBe(LOG_VERSION);
      expect('createdAt' in log.header).toBe(false);
      // A golden log verifies against the version it was recorded with (current or released).
      const loaded = scenarioFor(log.header.scenario.id, log.header.scenario.hash);
      if (!loaded) throw new Error(`${file} is for unknown scenario ${log.header.scenario.id}`);
      const mismatch = scenarioMismatch(log.header, loaded.scenario, loaded.hash);
      expect(mismatch, `${file}: ${mismatch} — a released version must stay in scenarios/released`).toBeNull();
      const v = verify(log, loaded.scenario);
      if (!v.ok) throw new Error(`${file}: ${v.message}\n expected: ${v.expected.slice(0, 400)}\n actual:   ${v.actual.slice(0, 400)}`);
      const checkpoints = log.entries.filter((e) => e.kind === 'checkpoint');
      const last = checkpoints[checkpoints.length - 1];
      if (!last) throw new Error(`${file} has no checkpoint`);
      const final = replay(log, loaded.scenario);
      expect(hashOf(final)).toBe(last.hash);
      expect(v.finalHash).toBe(last.hash);
      expect(final.cash).toBe(last.cash);
      expect(final.phase).toBe(last.phase);
    });
  }
});

describe('golden forks', () => {
  const parsedFiles = files.map((file) => {
    const p = parseLog(readFileSync(join(DIR, file), 'utf8'));
    if (!p.ok) throw new Error(`${file} does not parse`);
    return { file, log: p.log };
  });
  const forks = parsedFiles.filter((f) => f.log.header.fork !== undefined);

  it('include at least one fork with coach annotations', () => {
    expect(forks.length).toBeGreaterThan(0);
    expect(forks.some((f) => f.log.entries.some((e) => e.kind === 'annotation'))).toBe(true);
  });

  for (const { file, log } of forks) {
    it(`${file} names a parent golden log and repeats it line for line before the fork week`, () => {
      const link = log.header.fork;
      const parent = parsedFiles.find((p) => factsHash(p.log) === link?.parent);
      if (!parent || !link) throw new Error(`${file}: no golden log has the facts hash ${link?.parent}`);
      const before = (l: GameLog) => l.entries.filter((e) => e.kind !== 'annotation' && e.week < link.week);
      expect(before(log)).toEqual(before(parent.log));
      expect(log.entries.filter((e) => e.kind !== 'annotation' && e.week >= link.week)).not.toEqual(
        parent.log.entries.filter((e) => e.kind !== 'annotation' && e.week >= link.week),
      );
    });
  }
});
