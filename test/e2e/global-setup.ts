import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { build, preview, type PreviewServer } from 'vite';
import { CHROMIUM } from './chromium.js';

/* One production build for every end-to-end file: made once before the test workers start,
 * served by one vite preview, and handed to the e2e files as its address through `provide`.
 * A run whose files include no e2e file builds nothing. */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address of the shared preview server ('' when no e2e file is queued). */
    e2eBase: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const E2E_DIR = join(ROOT, 'test', 'e2e') + sep;

/** Whether any queued test file is an e2e file (unknown queue: assume yes, build to be safe). */
function e2eQueued(project: TestProject): boolean {
  const paths = project.vitest.state.getPaths();
  if (paths.length === 0) return true;
  return paths.some((p) => p.startsWith(E2E_DIR) || p.includes('/test/e2e/'));
}

/** Builds and serves the game once for the whole run; the returned function stops the server. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Without Chromium every e2e file fails at once with its install hint; a build would be wasted.
  if (!e2eQueued(project) || !existsSync(CHROMIUM)) {
    project.provide('e2eBase', '');
    return async () => {};
  }
  const outDir = mkdtempSync(join(tmpdir(), 'phase-shift-e2e-'));
  let server: PreviewServer | undefined;
  const teardown = async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    const config = { configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' as const, build: { outDir, emptyOutDir: true } };
    await build(config);
    server = await preview({ ...config, preview: { port: 0, host: '127.0.0.1' } });
    const address = server.httpServer.address();
    if (typeof address !== 'object' || !address) throw new Error('the e2e preview server has no address');
    project.provide('e2eBase', `http://127.0.0.1:${address.port}/`);
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
