import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/* Spawning the real phase-shift CLI as a user would, shared by the CLI tests. Each start costs
 * about a second of CPU (tsx loads the sources), so at most two run at a time per test file. */

/** The CLI entry point. */
export const CLI = fileURLToPath(new URL('../../src/cli/phase-shift.mjs', import.meta.url));

/** What a CLI run printed and how it exited. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs the CLI with arguments; never rejects on a non-zero exit (the code is in the result). */
export async function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running += 1;
  try {
    return await spawnOnce(args, options.cwd, options.timeoutMs ?? 40_000);
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function spawnOnce(args: string[], cwd: string | undefined, timeout: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A hung engine must fail the test, not leave a process behind.
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
