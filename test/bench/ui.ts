import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.js';
import { getScenario } from '../../src/scenarios/registry.js';
import { getBot } from '../../src/bots/index.js';
import { playGame } from '../../src/bots/play.js';
import { makeHeader, replay } from '../../src/engine/log/replay.js';
import { serializeLog } from '../../src/engine/log/parse.js';
import type { GameLog } from '../../src/engine/log/format.js';

/* `npm run bench:ui`: the browser budgets of ARCHITECTURE.md, reported (never asserted) beside
 * a baseline measured in the same run: first frame after navigation and idle frame rate against
 * an empty page served by the same server, and the production bundle's raw and gzip size. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = CHROMIUM_ARGS;
const RUNS = 5;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Every file under a folder with its raw and gzip-compressed size. */
function bundleSizes(dir: string): { raw: number; gzip: number; js: number; jsGzip: number } {
  const out = { raw: 0, gzip: 0, js: 0, jsGzip: 0 };
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.png')) {
        const bytes = readFileSync(p);
        const gz = gzipSync(bytes, { level: 9 }).length;
        out.raw += bytes.length;
        out.gzip += gz;
        if (name.endsWith('.js')) {
          out.js += bytes.length;
          out.jsGzip += gz;
        }
      }
    }
  };
  walk(dir);
  return out;
}

/** Milliseconds from navigation start to the first animation frame after `ready` holds. */
async function firstFrame(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(ready, undefined, { timeout: 30_000 });
  return page.evaluate('new Promise((r) => requestAnimationFrame(() => r(performance.now())))') as Promise<number>;
}

/* Scripts run in the page are strings: the TypeScript loader would otherwise wrap functions in
 * helpers the page does not have. */
const IDLE_FPS = `new Promise((resolve) => {
  let frames = 0;
  const start = performance.now();
  const tick = (t) => {
    frames += 1;
    if (t - start < 2000) requestAnimationFrame(tick);
    else resolve((frames * 1000) / (t - start));
  };
  requestAnimationFrame(tick);
})`;

/** Frames per second over two idle seconds. */
function idleFps(page: Page): Promise<number> {
  return page.evaluate(IDLE_FPS) as Promise<number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

/** A whole game of the reference bot, as the replay viewer opens it. */
function benchLog(): GameLog {
  const loaded = getScenario('devtools-codegen');
  const bot = getBot('phase-aware');
  if (!loaded || !bot) throw new Error('the bench needs devtools-codegen and the phase-aware bot');
  const game = playGame(loaded.scenario, 'bench-ui', bot, { record: true, checkpoints: true });
  return { header: makeHeader(loaded.scenario, loaded.hash, 'bench-ui', { player: 'Bench' }), entries: [...game.entries()] };
}

/** Weeks to seek to, spread over the game in a fixed scattered order. */
const seekWeeks = (last: number) => Array.from({ length: 40 }, (_, i) => 1 + ((i * 37) % last));

/* Seek in the viewer: the board's own timing of the render (lookup, dashboard, timeline, list
 * and panel), and the time from the call to the next animation frame. */
const SEEK = (weeks: number[]) => `(async () => {
  const v = window.__phaseShiftViewer;
  const render = [], frame = [];
  for (const w of ${JSON.stringify(weeks)}) {
    const t0 = performance.now();
    v.seek(w);
    render.push(v.seekMs());
    await new Promise((r) => requestAnimationFrame(() => r()));
    frame.push(performance.now() - t0);
  }
  return { render, frame };
})()`;

/** Seek timings in the viewer, and the baseline: folding the log from week 1 for each seek. */
async function seekBench(page: Page, base: string, log: GameLog): Promise<{ render: number[]; frame: number[]; fold: number[] }> {
  const loaded = getScenario(log.header.scenario.id);
  if (!loaded) throw new Error('no scenario');
  const last = Math.max(...log.entries.map((e) => e.week));
  await page.goto(`${base}?view=replay&log=bench-log.jsonl`);
  // Measured once the analysis worker is done, so the seeks do not share the CPU with it.
  await page.waitForFunction('window.__phaseShiftViewer !== undefined && window.__phaseShiftViewer.analysed()', undefined, { timeout: 120_000 });
  const weeks = seekWeeks(last);
  await page.evaluate(SEEK(weeks.slice(0, 10)));
  const { render, frame } = (await page.evaluate(SEEK(weeks))) as { render: number[]; frame: number[] };
  const fold = weeks.map((w) => {
    const t0 = performance.now();
    replay(log, loaded.scenario, w);
    return performance.now() - t0;
  });
  return { render, frame, fold };
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  const outDir = mkdtempSync(join(tmpdir(), 'phase-shift-bench-ui-'));
  const config = { configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' as const, build: { outDir, emptyOutDir: true } };
  await build(config);
  const sizes = bundleSizes(outDir);
  writeFileSync(join(outDir, 'blank.html'), '<!doctype html><title>blank</title><canvas width="8" height="8"></canvas>');
  const log = benchLog();
  writeFileSync(join(outDir, 'bench-log.jsonl'), serializeLog(log));
  const port = await freePort();
  const server = await preview({ ...config, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const base = `http://127.0.0.1:${port}/`;
    const game = `${base}?scenario=devtools-codegen&seed=bench-ui`;
    const ready = "window.__phaseShift !== undefined && document.querySelector('canvas') !== null";
    const gameFrames: number[] = [];
    const blankFrames: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate('localStorage.clear()').catch(() => undefined);
      gameFrames.push(await firstFrame(page, game, ready));
      blankFrames.push(await firstFrame(page, `${base}blank.html`, "document.querySelector('canvas') !== null"));
    }
    await firstFrame(page, game, ready);
    const renderer = String(await page.evaluate("window.__phaseShift ? window.__phaseShift.renderer : 'unknown'"));
    const fpsGame = await idleFps(page);
    await firstFrame(page, `${base}blank.html`, "document.querySelector('canvas') !== null");
    const fpsBlank = await idleFps(page);
    const seek = await seekBench(page, base, log);
    const f = median(gameFrames);
    const b = median(blankFrames);
    console.log(`Phase Shift UI bench — Chromium at ${CHROMIUM}, renderer ${renderer}, median of ${RUNS} loads\n`);
    console.log(
      `first frame after navigation   ${f.toFixed(0)} ms     empty page: ${b.toFixed(0)} ms   (${(f / b).toFixed(1)}×; target < 1000 ms: ${f < 1000 ? 'met' : 'not met'})`,
    );
    console.log(`idle frames per second         ${fpsGame.toFixed(1)} fps   empty page: ${fpsBlank.toFixed(1)} fps   (target 60: ${fpsGame >= 58 ? 'met' : 'not met'})`);
    console.log(
      `viewer: seek to a week         ${median(seek.render).toFixed(1)} ms render (p95 ${p95(seek.render).toFixed(1)}), ${median(seek.frame).toFixed(1)} ms to the next frame (p95 ${p95(seek.frame).toFixed(1)}); target one frame (16.7 ms): ${median(seek.render) < 16.7 ? 'met' : 'not met'}`,
    );
    console.log(
      `  baseline: fold from week 1   ${median(seek.fold).toFixed(2)} ms (p95 ${p95(seek.fold).toFixed(2)}) per seek in Node before any drawing; the viewer looks the week up instead (${seek.render.length} seeks)`,
    );
    console.log(`production bundle              ${kb(sizes.raw)} raw, ${kb(sizes.gzip)} gzip (JavaScript: ${kb(sizes.js)} raw, ${kb(sizes.jsGzip)} gzip)`);
    console.log('\n(timings are reported, never asserted; headless Chromium renders WebGL through SwiftShader on the CPU)');
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench:ui failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
