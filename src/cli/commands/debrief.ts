import type { Command } from 'commander';
import { z } from 'zod';
import { BOTS, verify } from '../../index.js';
import { debriefOf } from '../../analysis/debrief.js';
import { debriefMarkdown } from '../../analysis/report-md.js';
import { debriefHtml } from '../../analysis/report-html.js';
import type { Debrief, Progress } from '../../analysis/types.js';
import { CliError, EXIT, validate } from '../errors.js';
import { checkOut, emit, loadLog, writeText } from '../io.js';
import { oneOf, text } from '../options.js';
import type { Finish } from './types.js';

/* `phase-shift debrief <log>`: the coach's report on one game. The log is parsed and verified
 * before any analysis (exit 2 for a bad line or foreign scenario, 1 when it does not reproduce),
 * then every decision is weighed against its alternatives and the report is written. */

/** The report formats `debrief` writes. */
export const DEBRIEF_FORMATS = ['md', 'html', 'json'] as const;
type Format = (typeof DEBRIEF_FORMATS)[number];

const Options = z.strictObject({
  format: oneOf(DEBRIEF_FORMATS, 'format').default('md'),
  out: text('output file name', 4096).optional(),
  reference: oneOf(Object.keys(BOTS), 'bot').default('phase-aware'),
});

function render(d: Debrief, format: Format): string {
  switch (format) {
    case 'md':
      return `${debriefMarkdown(d)}\n`;
    case 'html':
      return debriefHtml(d);
    case 'json':
      return `${JSON.stringify(d, null, 2)}\n`;
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** A progress bar on stderr, only when stderr is a terminal (never in pipes, files or tests). */
function progressBar(): { update?: (p: Progress) => void; done: () => void } {
  if (!process.stderr.isTTY) return { done: () => undefined };
  let shown = -1;
  const update = (p: Progress) => {
    const share = p.total > 0 ? p.done / p.total : 1;
    const percent = Math.floor(share * 100);
    if (percent === shown) return;
    shown = percent;
    const filled = Math.round(share * 30);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${String(percent).padStart(3)}% weighing decisions`);
  };
  return { update, done: () => process.stderr.write('\r\x1b[K') };
}

/** Registers the `debrief` command. */
export function registerDebrief(program: Command, finish: Finish): void {
  program
    .command('debrief')
    .description('a coach’s debrief of one game: path, luck versus skill, and every decision weighed against its alternatives')
    .argument('<log>', 'a JSON Lines game log ("-" reads standard input)')
    .option('--format <format>', `report format: ${DEBRIEF_FORMATS.join(', ')}`, 'md')
    .option('--out <file>', 'write the report to a file instead of standard output (never one of the inputs; written to a temporary file, then renamed into place)')
    .option('--reference <bot>', `the bot that plays each alternative to the end: ${Object.keys(BOTS).join(', ')}`, 'phase-aware')
    .addHelpText(
      'after',
      '\nExample:\n  phase-shift debrief demo.jsonl --format html --out demo-debrief.html\n\nExit codes: 0 written · 1 the log does not reproduce (file and line named) · 2 bad usage, or the log cannot be read or parsed',
    )
    .action((file: string, raw: unknown) => {
      const opts = validate(Options, raw);
      if (opts.out) checkOut(opts.out, [file]);
      const { log, loaded } = loadLog(file);
      const checked = verify(log, loaded.scenario);
      if (!checked.ok) throw new CliError(`${file}:${checked.line}: ${checked.message} (run phase-shift verify ${file} for the difference)`, EXIT.mismatch);
      const bar = progressBar();
      const debrief = debriefOf(log, loaded.scenario, { reference: opts.reference, ...(bar.update ? { onProgress: bar.update } : {}) });
      bar.done();
      const report = render(debrief, opts.format as Format);
      if (opts.out) writeText(opts.out, report);
      else emit(report);
      finish(EXIT.ok);
    });
}
