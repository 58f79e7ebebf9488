import { afterEach, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/* The CLI's entry point called in process, with stdout and stderr captured: fast enough for the
 * many small paths a spawned CLI (about a second each) would make slow. */

/** What the last in-process run printed. */
export interface Captured {
  out: string;
  err: string;
}

/** A runner for one describe block: `run(...args)` returns the exit code; `io` holds the output. */
export function inProcessCli(): { io: Captured; run: (...args: string[]) => Promise<number> } {
  const io: Captured = { out: '', err: '' };
  afterEach(() => vi.restoreAllMocks());
  const run = async (...args: string[]) => {
    io.out = '';
    io.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((io.out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((io.err += String(s)), true));
    try {
      return await main(args);
    } finally {
      vi.restoreAllMocks();
    }
  };
  return { io, run };
}
