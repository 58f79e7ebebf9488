import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { verify } from '../../index.js';
import { compareChecked, dropDuplicates, type CheckedLog } from '../../analysis/compare.js';
import { COMPARE_FORMATS, compareJson, compareMarkdown } from '../../analysis/compare-report.js';
import { compareHtml } from '../../analysis/compare-html.js';
import type { Comparison } from '../../analysis/compare-types.js';
import { CliError, EXIT, fsReason, validate } from '../errors.js';
import { checkOut, emit, loadLog, writeText, type LoadedLog } from '../io.js';
import { oneOf, text } from '../options.js';
import type { Finish } from './types.js';

/* `phase-shift compare <logs…|dir>`: a workshop's logs side by side. Every log is parsed and
 * verified before anything is compared, so a bad log fails the whole command (exit 2 when it
 * cannot be read or parsed or repeats another log's game, 1 when it does not reproduce) and no
 * half comparison is printed. */

const Options = z.strictObject({
  format: oneOf(COMPARE_FORMATS, 'format').default('md'),
  out: text('output file name', 4096).optional(),
});

/** The log files named by the arguments: files as given, directories as their sorted *.jsonl. */
export function logFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    let dir: boolean;
    try {
      dir = statSync(p).isDirectory();
    } catch (e) {
      throw new CliError(`cannot read ${p}: ${fsReason(e)}`);
    }
    if (!dir) return [p];
    const names = readdirSync(p)
      .filter((n) => n.endsWith('.jsonl'))
      .sort();
    if (names.length === 0) throw new CliError(`${p}: the directory holds no *.jsonl logs`);
    return names.map((n) => join(p, n));
  });
}

/** Loads (exit 2 on the first bad file), refuses a repeated game (exit 2, both files named), then
 * verifies every log (exit 1 on the first mismatch). */
export function checkedLogs(files: readonly string[]): CheckedLog[] {
  const loaded: LoadedLog[] = files.map(loadLog);
  const repeat = dropDuplicates(loaded.map((l) => ({ name: l.file, log: l.log }))).duplicates[0];
  if (repeat) throw new CliError(`${repeat.name}: ${repeat.message}`);
  for (const l of loaded) {
    const r = verify(l.log, l.loaded.scenario);
    if (!r.ok) throw new CliError(`${l.file}:${r.line}: ${r.message} (run phase-shift verify ${l.file} for the difference)`, EXIT.mismatch);
  }
  return loaded.map((l) => ({ name: basename(l.file), log: l.log, scenario: l.loaded.scenario, hash: l.loaded.hash }));
}

function render(c: Comparison, format: (typeof COMPARE_FORMATS)[number]): string {
  switch (format) {
    case 'md':
      return compareMarkdown(c);
    case 'html':
      return compareHtml(c);
    case 'json':
      return compareJson(c);
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** Registers the `compare` command. */
export function registerCompare(program: Command, finish: Finish): void {
  program
    .command('compare')
    .description('compare a workshop’s logs: leaderboards, distribution, and where decisions diverged')
    .argument('<logs...>', 'log files, or directories whose *.jsonl files are all taken (in name order)')
    .option('--format <format>', `report format: ${COMPARE_FORMATS.join(', ')}`, 'md')
    .option('--out <file>', 'write the report to a file instead of standard output (never one of the inputs; written to a temporary file, then renamed into place)')
    .addHelpText(
      'after',
      '\nLogs of different scenarios or seeds are compared in separate groups, and the report says so.\nExit codes: 0 compared · 1 a log does not reproduce (file and line named) · 2 bad usage, a log cannot be read or parsed, or the same game is given twice',
    )
    .action((paths: string[], raw: unknown) => {
      const opts = validate(Options, raw);
      const files = logFiles(paths);
      if (files.length < 2) throw new CliError(`compare needs at least 2 logs (got ${files.length}: ${files.join(', ')})`);
      if (opts.out) checkOut(opts.out, files);
      const report = render(compareChecked(checkedLogs(files)), opts.format as (typeof COMPARE_FORMATS)[number]);
      if (opts.out) writeText(opts.out, report);
      else emit(report);
      finish(EXIT.ok);
    });
}
