import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

/* The balance workers' code: one plain ES module bundled by esbuild from src/cli/balance-worker.ts
 * (no tsx in the threads), built on first use and cached under the OS temp folder by a hash of
 * its sources. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(tmpdir(), 'phase-shift-workers');
const ENTRY = [
  "import { parentPort, workerData } from 'node:worker_threads';",
  "import { serveWorker } from './balance-worker.js';",
  "if (!parentPort) throw new Error('the balance worker must run in a worker thread');",
  'serveWorker(parentPort, workerData);',
].join('\n');
// Bundled CommonJS packages (seedrandom) may call require; give the ES module one.
const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

interface Manifest {
  digest: string;
  inputs: string[];
  file: string;
}

const sha = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');
// One manifest per checkout and bundler set-up, so two checkouts never share a stale bundle.
const manifestPath = () => join(CACHE_DIR, `balance-${sha(`${ROOT}\n${ENTRY}\n${BANNER}`).slice(0, 16)}.json`);

// The digest of a bundle's sources (paths and contents), or null when one has gone.
function digestOf(inputs: readonly string[]): string | null {
  const h = createHash('sha256');
  for (const rel of inputs) {
    const path = join(ROOT, rel);
    if (!existsSync(path)) return null;
    h.update(`${rel}\0`).update(readFileSync(path)).update('\0');
  }
  return h.digest('hex');
}

function readManifest(): Manifest | null {
  try {
    return JSON.parse(readFileSync(manifestPath(), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

// The cached bundle, if it was built from exactly the sources on disk now.
function cachedBundle(): string | null {
  const m = readManifest();
  return m && existsSync(m.file) && digestOf(m.inputs) === m.digest ? m.file : null;
}

// Writes a file whole or not at all (other processes may read or write the same one).
function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

// Deletes bundles nobody has rebuilt for a day (not at once: another process may be starting one).
function removeStale(keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (path !== keep && /^balance-worker-[0-9a-f]+\.mjs$/.test(name) && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
}

async function buildBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: join(ROOT, 'src/cli'), loader: 'ts', sourcefile: 'balance-worker-entry.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    banner: { js: BANNER },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no worker bundle');
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith('<'))
    .sort();
  const digest = digestOf(inputs) ?? sha(code);
  const file = join(CACHE_DIR, `balance-worker-${digest.slice(0, 16)}.mjs`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeAtomically(file, code);
  removeStale(file);
  writeAtomically(manifestPath(), JSON.stringify({ digest, inputs, file } satisfies Manifest));
  return file;
}

let bundle: Promise<string> | null = null;

/** The path of the worker bundle: the cached one if its sources are unchanged, else built now (once per process). */
export function workerBundle(): Promise<string> {
  bundle ??= Promise.resolve().then(() => cachedBundle() ?? buildBundle());
  bundle.catch(() => (bundle = null));
  return bundle;
}
