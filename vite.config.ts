import { defineConfig } from 'vitest/config';

// One config for the dev server, the production build and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
