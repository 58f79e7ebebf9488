import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../../src/scenarios/hash.js';
import { loadScenario, type LoadedScenario } from '../../src/scenarios/load.js';
import { getScenario, olderVersionNote, scenarioFor, scenarioForLog, scenarioIds, type CurrentLookup } from '../../src/scenarios/registry.js';
import { RELEASED } from '../../src/scenarios/released.js';
import { RELEASED_DIR, RELEASED_INDEX, releasedFile, releasedModuleText, type ReleasedIndex } from '../../src/cli/released-index.js';
import { parseLog } from '../../src/engine/log/parse.js';
import { scenarioMismatch, verify } from '../../src/engine/log/replay.js';
import type { ParsedLog } from '../../src/engine/log/parse.js';
import { checkLog } from '../../src/analysis/compare.js';

/* Released scenario versions: every version that shipped is kept byte for byte beside the
 * current files, so a log recorded with it (golden logs included) still verifies after a
 * scenario's numbers change. The copies never change, the index pins them, and a simulated
 * version bump shows the golden logs resolving to their released version. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const index = JSON.parse(readFileSync(`${ROOT}${RELEASED_INDEX}`, 'utf8')) as ReleasedIndex;
const LOGS = `${ROOT}test/fixtures/logs/`;
const goldens = readdirSync(LOGS)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .map((file) => {
    const p = parseLog(readFileSync(`${LOGS}${file}`, 'utf8'));
    if (!p.ok) throw new Error(`${file} does not parse`);
    return { file, text: readFileSync(`${LOGS}${file}`, 'utf8'), log: p.log };
  });

describe('the released-versions store', () => {
  it('keeps every released copy unchanged (bytes and content hash as the index records them)', () => {
    expect(index.released.length).toBeGreaterThanOrEqual(8);
    for (const r of index.released) {
      expect(r.file).toBe(releasedFile(r.id, r.version));
      const text = readFileSync(`${ROOT}${r.file}`, 'utf8');
      expect(sha256Hex(text), `${r.file} was edited after its release; released copies are never changed (restore it from git)`).toBe(r.sha256);
      const loaded = loadScenario(JSON.parse(text));
      if (!loaded.ok) throw new Error(`${r.file} no longer validates: ${loaded.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      expect(loaded.value.scenario.id).toBe(r.id);
      expect(loaded.value.scenario.version).toBe(r.version);
      expect(loaded.value.hash, `${r.file}: its content hash changed (a schema default or the hash rules moved?)`).toBe(r.hash);
    }
  });

  it('lists every copy in the index, once, and nothing else lives there', () => {
    const onDisk = readdirSync(`${ROOT}${RELEASED_DIR}`).filter((f) => f.endsWith('.json') && f !== 'index.json' && !f.startsWith('.'));
    expect(onDisk.map((f) => `${RELEASED_DIR}/${f}`).sort()).toEqual(index.released.map((r) => r.file).sort());
    expect(new Set(index.released.map((r) => r.hash)).size).toBe(index.released.length);
  });

  it('bundles exactly the indexed copies (src/scenarios/released.ts is the generated list)', () => {
    expect(readFileSync(`${ROOT}src/scenarios/released.ts`, 'utf8'), 'src/scenarios/released.ts is out of date: run npm run release-scenarios').toBe(
      releasedModuleText(index.released, Object.fromEntries(scenarioIds().map((id) => [id, sha256Hex(readFileSync(`${ROOT}scenarios/${id}.json`, 'utf8'))]))),
    );
    expect(RELEASED.map((r) => `${r.id}@${r.version}`)).toEqual(index.released.map((r) => `${r.id}@${r.version}`));
  });

  it('has released the current version of every scenario (a changed scenario needs a new version)', () => {
    for (const id of scenarioIds()) {
      const cur = getScenario(id);
      if (!cur) throw new Error(`no scenario ${id}`);
      const same = index.released.find((r) => r.id === id && r.version === cur.scenario.version);
      expect(same, `${id} ${cur.scenario.version} is not released: run npm run release-scenarios`).toBeDefined();
      expect(same?.hash, `scenarios/${id}.json changed under released version ${cur.scenario.version}: bump its "version", then run npm run release-scenarios`).toBe(cur.hash);
    }
  });

  it('today: the eight bundled files are the released 1.0.0 of each scenario', () => {
    for (const id of scenarioIds()) expect(existsSync(`${ROOT}${releasedFile(id, '1.0.0')}`), id).toBe(true);
  });
});

describe('scenarioForLog', () => {
  it('gives the current version when the hash is the current one', () => {
    const cur = getScenario('devtools-codegen');
    const r = scenarioForLog('devtools-codegen', cur?.hash ?? '');
    expect(r.ok && r.loaded).toBe(cur);
    expect(cur && olderVersionNote(cur)).toBeNull();
  });

  it('says why when the id or the hash is not kept', () => {
    expect(scenarioForLog('mars-colony', '0'.repeat(64))).toEqual({ ok: false, reason: 'this build has no scenario "mars-colony"' });
    expect(scenarioForLog('__proto__', '0'.repeat(64)).ok).toBe(false);
    expect(scenarioFor('constructor', '0'.repeat(64))).toBeUndefined();
    const r = scenarioForLog('devtools-codegen', 'f'.repeat(64));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^this build keeps no version of devtools-codegen with hash f{12}…: its current version is 1\.0\.0 .*; released: 1\.0\.0$/);
    expect(scenarioFor('devtools-codegen', 'f'.repeat(64))).toBe(getScenario('devtools-codegen'));
  });
});

/** A modified copy of a scenario as the "current" one: one number changed, version 1.1.0. */
function bumped(id: string): { current: CurrentLookup; next: LoadedScenario } {
  const base = getScenario(id);
  if (!base) throw new Error(`no scenario ${id}`);
  const copy = structuredClone(base.scenario);
  copy.toolingPerWeek += 500;
  copy.version = '1.1.0';
  const r = loadScenario(copy);
  if (!r.ok) throw new Error('the bumped copy does not load');
  const next = r.value;
  return { next, current: (x) => (x === id ? next : getScenario(x)) };
}

describe('a simulated version bump', () => {
  it('leaves every golden log verifying through its released version, labelled as older', () => {
    expect(goldens.length).toBeGreaterThan(0);
    for (const g of goldens) {
      const id = g.log.header.scenario.id;
      const { current, next } = bumped(id);
      expect(next.hash).not.toBe(g.log.header.scenario.hash);
      expect(scenarioMismatch(g.log.header, next.scenario, next.hash), `${g.file} must not pass against the bumped version`).not.toBeNull();
      const r = scenarioForLog(id, g.log.header.scenario.hash, current);
      if (!r.ok) throw new Error(`${g.file}: ${r.reason}`);
      expect(r.current).toBe(next);
      expect(r.loaded.scenario.version).toBe('1.0.0');
      expect(scenarioMismatch(g.log.header, r.loaded.scenario, r.loaded.hash)).toBeNull();
      const v = verify(g.log, r.loaded.scenario);
      expect(v.ok, `${g.file}: ${v.ok ? '' : v.message}`).toBe(true);
      expect(olderVersionNote(r.loaded, current)).toBe(`recorded with ${id} 1.0.0; the current version is 1.1.0`);
    }
  });

  it('still picks the bumped version for a log pinned to it, and the comparison accepts old logs', () => {
    const g = goldens[0];
    if (!g) throw new Error('no golden log');
    const id = g.log.header.scenario.id;
    const { current, next } = bumped(id);
    const r = scenarioForLog(id, next.hash, current);
    expect(r.ok && r.loaded).toBe(next);
    const checked = checkLog({ name: g.file, text: g.text }, (x, hash) => scenarioFor(x, hash, current));
    expect(checked.ok, checked.ok ? '' : checked.problem.message).toBe(true);
    if (checked.ok) expect(checked.checked.scenario.version).toBe('1.0.0');
    const forged: ParsedLog = { ...g.log, header: { ...g.log.header, scenario: { ...g.log.header.scenario, hash: 'e'.repeat(64) } } };
    const refused = checkLog({ name: g.file, log: forged }, (x, hash) => scenarioFor(x, hash, current));
    expect(!refused.ok && refused.problem.message).toMatch(/this build has version 1\.1\.0/);
  });
});
