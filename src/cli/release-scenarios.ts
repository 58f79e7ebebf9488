import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../scenarios/hash.js';
import { loadScenario } from '../scenarios/load.js';
import { scenarioIds } from '../scenarios/registry.js';
import { RELEASED_DIR, RELEASED_INDEX, releasedFile, releasedModuleText, type ReleasedIndex, type ReleasedRecord } from './released-index.js';

/* `npm run release-scenarios`: keeps a copy of every scenario version that ships. A scenario
 * whose (id, version) is not yet in scenarios/released/index.json is copied byte for byte to
 * scenarios/released/<id>@<version>.json and recorded there with its hashes; the list of
 * released files in src/scenarios/released.ts is rewritten to import it. Released copies are
 * never rewritten: a scenario whose content changed under an already released version is
 * refused (bump its `version`), and so is a released copy whose bytes no longer match the
 * index. `--check` writes nothing and exits 1 when a release is due. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const at = (rel: string) => `${root}${rel}`;

function readIndex(): ReleasedIndex {
  if (!existsSync(at(RELEASED_INDEX))) return { released: [] };
  return JSON.parse(readFileSync(at(RELEASED_INDEX), 'utf8')) as ReleasedIndex;
}

/** Every problem with the copies already released (edited, missing or no longer loading). */
function damaged(index: ReleasedIndex): string[] {
  const out: string[] = [];
  for (const r of index.released) {
    const file = at(r.file);
    if (!existsSync(file)) {
      out.push(`${r.file} is listed in ${RELEASED_INDEX} but missing`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    if (sha256Hex(text) !== r.sha256) out.push(`${r.file} was edited after its release (its bytes no longer match ${RELEASED_INDEX}); restore it from git`);
  }
  return out;
}

/** The scenarios whose current version is not released yet, or why one cannot be. */
function pending(index: ReleasedIndex): { add: (ReleasedRecord & { text: string })[]; problems: string[] } {
  const add: (ReleasedRecord & { text: string })[] = [];
  const problems: string[] = [];
  for (const id of scenarioIds()) {
    const source = `scenarios/${id}.json`;
    const text = readFileSync(at(source), 'utf8');
    const r = loadScenario(JSON.parse(text));
    if (!r.ok) {
      problems.push(`${source} is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      continue;
    }
    const { version } = r.value.scenario;
    const same = index.released.find((x) => x.id === id && x.version === version);
    if (same && same.hash === r.value.hash) continue;
    if (same) {
      problems.push(`${source} changed since ${id} ${version} was released (hash ${same.hash.slice(0, 12)}… → ${r.value.hash.slice(0, 12)}…): bump its "version"`);
      continue;
    }
    add.push({ id, version, file: releasedFile(id, version), hash: r.value.hash, sha256: sha256Hex(text), text });
  }
  return { add, problems };
}

function main(): number {
  const index = readIndex();
  const { add, problems } = pending(index);
  const all = [...damaged(index), ...problems];
  if (all.length > 0) {
    for (const p of all) process.stderr.write(`release-scenarios: ${p}\n`);
    return 2;
  }
  if (process.argv.includes('--check')) {
    process.stdout.write(
      add.length === 0 ? 'every scenario version is released\n' : `not released yet: ${add.map((a) => `${a.id} ${a.version}`).join(', ')} (run npm run release-scenarios)\n`,
    );
    return add.length === 0 ? 0 : 1;
  }
  mkdirSync(at(RELEASED_DIR), { recursive: true });
  for (const a of add) {
    if (existsSync(at(a.file))) throw new Error(`${a.file} exists but is not in ${RELEASED_INDEX}: remove it or add it by hand`);
    writeFileSync(at(a.file), a.text, { encoding: 'utf8', flag: 'wx' });
    process.stdout.write(`released ${a.id} ${a.version} as ${a.file}\n`);
  }
  const released = [...index.released, ...add.map(({ text: _text, ...rec }) => rec)].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  writeFileSync(at(RELEASED_INDEX), `${JSON.stringify({ released }, null, 2)}\n`, 'utf8');
  const currentSha = Object.fromEntries(scenarioIds().map((id) => [id, sha256Hex(readFileSync(at(`scenarios/${id}.json`), 'utf8'))]));
  writeFileSync(at('src/scenarios/released.ts'), releasedModuleText(released, currentSha), 'utf8');
  if (add.length === 0) process.stdout.write('every scenario version is already released\n');
  return 0;
}

process.exitCode = main();
