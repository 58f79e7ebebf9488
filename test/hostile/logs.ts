import { spawn } from 'node:child_process';
import { getBot, getScenario, makeHeader, playGame, serializeLog } from '../../src/index.js';
import { CLI } from '../cli/spawn-cli.js';

/* Shared pieces of the issue-10 hardening tests and the hostile-input generator: logs of real
 * games (played here in bulk, so no fixture can drift), their lines, and a spawned CLI whose
 * standard input is a file descriptor or an endless pipe. */

/** A finished game's log text, with an optional player name in the header. */
export function gameLog(seed: string, bot = 'phase-aware', player?: string): string {
  const loaded = getScenario('devtools-codegen');
  const b = getBot(bot);
  if (!loaded || !b) throw new Error('devtools-codegen or the bot is missing');
  const game = playGame(loaded.scenario, seed, b, { mode: 'bulk', record: true });
  const header = makeHeader(loaded.scenario, loaded.hash, seed, player === undefined ? {} : { player });
  return serializeLog({ header, entries: [...game.entries()] });
}

/** A log's lines without the final empty one. */
export const linesOf = (text: string): string[] => text.trimEnd().split('\n');

/** The log cut just after the checkpoint of `week`: a finished game's truncated copy. */
export function cutAfterWeek(text: string, week: number): string {
  const lines = linesOf(text);
  const at = lines.findIndex((l) => l.startsWith(`{"kind":"checkpoint","week":${week},`));
  if (at < 0) throw new Error(`no checkpoint for week ${week}`);
  return `${lines.slice(0, at + 1).join('\n')}\n`;
}

/** Every raw control character a terminal could act on (C0 but \n and \t, DEL, C1, bidi marks). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** What a spawned CLI printed, how it exited and how long it took. */
export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Spawns the CLI with `stdin` as a file descriptor, or (`endless`) a pipe written to until the CLI exits. */
export function spawnWithInput(args: string[], stdin: number | 'endless', cwd?: string): Promise<Spawned> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: [stdin === 'endless' ? 'pipe' : stdin, 'pipe', 'pipe'], timeout: 60_000, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    if (stdin === 'endless' && child.stdin) {
      const chunk = Buffer.from(`${'{"kind":"annotation","week":1,"text":"x"}\n'.repeat(1600)}`);
      const pump = () => {
        while (child.stdin && !child.stdin.destroyed && child.stdin.write(chunk));
      };
      child.stdin.on('drain', pump);
      child.stdin.on('error', () => undefined); // EPIPE once the CLI stops reading: expected
      pump();
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}
