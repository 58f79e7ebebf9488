import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchConfig } from './harness.js';
import type { gamesBench } from './games.js';

/* Section (b) runs in a child process on an esbuild bundle of the engine, because the tsx loader
 * that runs the rest of the bench keeps function names (a call per closure) and costs the hot
 * loop about a quarter of its speed; bundled is how the browser and the balance workers run it. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the games bench, runs it on one scenario and returns its rows, targets and notes. */
export async function bundledGames(scenario: string, cfg: BenchConfig): Promise<Awaited<ReturnType<typeof gamesBench>>> {
  const dir = join(ROOT, 'test/.output/bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'games.mjs');
  await build({ entryPoints: [join(ROOT, 'test/bench/games-main.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  const out = execFileSync(process.execPath, [outfile, scenario, JSON.stringify(cfg)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out) as Awaited<ReturnType<typeof gamesBench>>;
}
