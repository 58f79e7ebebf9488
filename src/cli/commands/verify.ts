import type { Command } from 'commander';
import { z } from 'zod';
import { ENGINE_VERSION, verify, type VerifyResult } from '../../index.js';
import { EXIT, validate } from '../errors.js';
import { diffWindow, int } from '../format.js';
import { loadLog, say, sayJson, type LoadedLog } from '../io.js';
import { json } from '../options.js';
import type { Finish } from './types.js';

/* `phase-shift verify <log>`: re-simulates a log from its seed and decisions and demands every
 * recorded line back. Exit 0 when it reproduces, 1 naming the first differing line, 2 when the
 * file cannot be read, parsed, or belongs to a scenario this build does not ship. */

const Options = z.strictObject({ json });

/** Registers the `verify` command. */
export function registerVerify(program: Command, finish: Finish): void {
  program
    .command('verify')
    .description('re-simulate a log and check that it reproduces line for line')
    .argument('<log>', 'a JSON Lines game log ("-" reads standard input)')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExit codes: 0 verified · 1 a line differs (named) · 2 unreadable, invalid or foreign log')
    .action((file: string, raw: unknown) => {
      const opts = validate(Options, raw);
      const loaded = loadLog(file);
      const result = verify(loaded.log, loaded.loaded.scenario);
      if (opts.json) sayJson(verifyJson(loaded, result));
      else say(verifyText(loaded, result));
      finish(result.ok ? EXIT.ok : EXIT.mismatch);
    });
}

/** The JSON report of a verification. */
export function verifyJson(l: LoadedLog, r: VerifyResult) {
  const engine = { log: l.log.header.engine, current: ENGINE_VERSION };
  if (r.ok) return { ok: true, file: l.file, lines: r.lines, weeks: r.weeks, finalHash: r.finalHash, engine };
  return { ok: false, file: l.file, line: r.line, message: r.message, expected: r.expected, actual: r.actual, engine };
}

function verifyText(l: LoadedLog, r: VerifyResult): string {
  const note = l.log.header.engine === ENGINE_VERSION ? [] : [`note: the log was recorded by engine ${l.log.header.engine}; this is engine ${ENGINE_VERSION}`];
  if (r.ok) return [...note, `verified: ${int(r.lines)} lines, ${r.weeks} weeks, final hash ${r.finalHash}`].join('\n');
  const w = diffWindow(r.expected, r.actual);
  return [...note, `${l.file}:${r.line}: ${r.message}`, `  first difference at character ${w.at + 1}`, `  expected (log):    ${w.a}`, `  actual (engine):   ${w.b}`].join('\n');
}
