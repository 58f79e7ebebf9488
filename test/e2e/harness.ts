import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Decision } from '../../src/engine/decisions.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

/* Shared end-to-end harness: the run's one production build (served by vite preview from the
 * global setup) and a Chromium per test file. */

export { CHROMIUM };
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where screenshots go (gitignored). */
export const OUTPUT = join(ROOT, 'test/.output');
const ARGS = CHROMIUM_ARGS;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });

/** A built, served game and a browser to play it in. */
export interface E2E {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the game into a temporary folder and serves it (used only when no shared server was provided). */
async function ownServer(): Promise<{ base: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'phase-shift-e2e-'));
  let server: PreviewServer | undefined;
  const close = async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    const config = { configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' as const, build: { outDir, emptyOutDir: true } };
    await build(config);
    const port = await freePort();
    server = await preview({ ...config, preview: { port, strictPort: true, host: '127.0.0.1' } });
    return { base: `http://127.0.0.1:${port}/`, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The shared build's address from the global setup (test/e2e/global-setup.ts), or '' when none. */
function sharedBase(): string {
  try {
    return inject('e2eBase') ?? '';
  } catch {
    return '';
  }
}

/** Launches Chromium on the run's shared production build (or, without one, on a build of its own). */
export async function startE2E(): Promise<E2E> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install it from Debian with: apt-get install -y chromium   (run apt-get update first; use sudo if you are not root)`,
    );
  }
  const shared = sharedBase();
  const served = shared ? { base: shared, close: async () => {} } : await ownServer();
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await served.close();
  };
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    return { base: served.base, browser, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The save a browser game keeps in localStorage (the format of src/ui/session.ts). */
export interface SaveData {
  scenario: string;
  seed: string;
  player: string;
  createdAt: string;
  decisions: Decision[];
}

/** Writes a save for the game into the page's origin, then opens the game so it replays it. */
export async function openWithSave(page: Page, base: string, save: SaveData): Promise<void> {
  await page.goto(base);
  await page.evaluate((s) => localStorage.setItem(`phase-shift:save:${s.scenario}:${s.seed}`, JSON.stringify(s)), save);
  const q = new URLSearchParams({ scenario: save.scenario, seed: save.seed });
  if (save.player) q.set('player', save.player);
  await page.goto(`${base}?${q.toString()}`);
  await page.waitForFunction(() => window.__phaseShift !== undefined);
}

/** Makes sure the screenshot folder exists and returns the path of a screenshot in it. */
export function shot(name: string): string {
  mkdirSync(OUTPUT, { recursive: true });
  return join(OUTPUT, name);
}

/** Starts one browser for a test file on the shared build (closed after it); call at file level. */
export function useE2E(): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
  });
  return () => {
    if (!e2e) throw new Error('the end-to-end harness did not start');
    return e2e;
  };
}
