import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One config for the dev server, the production build and the test runner.
// The browser game lives in src/ui; tests still run from the repository root.
const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.PORT ?? process.env.VITE_PORT ?? 5173);

export default defineConfig({
  root: 'src/ui',
  base: './',
  build: { outDir: '../../dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { port, host: process.env.HOST ?? 'localhost' },
  preview: { port },
  test: {
    root: here,
    include: ['test/**/*.test.ts'],
    // One production build and preview server shared by every e2e file (built only when one runs).
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
