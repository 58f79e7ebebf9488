#!/usr/bin/env node
// The `phase-shift` command: registers tsx so Node can load the TypeScript sources, then runs
// src/cli/main.ts. Exit codes: 0 ok, 1 verify mismatch, 2 bad usage or input, 3 internal error.
import { register } from 'tsx/esm/api';

register();

// A closed pipe (`phase-shift scenarios | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`phase-shift: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.PHASE_SHIFT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 3;
}
