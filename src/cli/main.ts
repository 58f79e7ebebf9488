import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ENGINE_VERSION } from '../index.js';
import { safeText } from '../analysis/format.js';
import { CliError, EXIT } from './errors.js';
import { registerBalance } from './commands/balance.js';
import { registerCode } from './commands/code.js';
import { registerCompare } from './commands/compare.js';
import { registerDebrief } from './commands/debrief.js';
import { registerPlay } from './commands/play.js';
import { registerReplay } from './commands/replay.js';
import { registerScenarios } from './commands/scenarios.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify } from './commands/verify.js';

/* The phase-shift command line: commander parses, each command validates its options with zod
 * and calls the library. Every failure ends here as a one-line message and a stable exit code. */

const EXIT_HELP = `
Exit codes:
  0  success
  1  verify, debrief, compare: a log does not reproduce (the first differing line is named);
     validate: a scenario file has problems (each one listed with its line and column)
  2  bad usage or bad input (unknown command or option, an option given twice, an unreadable,
     oversized or invalid file, a device instead of a file, an --out that is one of the inputs)
  3  internal error (a bug; set PHASE_SHIFT_DEBUG=1 for a stack trace)

Examples:
  phase-shift scenarios
  phase-shift play --scenario devtools-codegen --seed demo --bot phase-aware --out demo.jsonl
  phase-shift verify demo.jsonl
  phase-shift replay demo.jsonl --week 20
  phase-shift validate scenarios/devtools-codegen.json
  phase-shift compare workshop-logs/ --format html --out room.html
  phase-shift debrief demo.jsonl --format html --out demo-debrief.html`;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '?';
  } catch {
    return '?';
  }
}

/** Builds the command tree; `finish` receives the exit code a command asks for. */
export function buildProgram(finish: (code: number) => void): Command {
  const program = new Command('phase-shift')
    .description('Phase Shift, headless: list scenarios, play a bot, verify and replay game logs, validate scenario files.')
    .version(`${packageVersion()} (engine ${ENGINE_VERSION})`, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_HELP);
  registerScenarios(program, finish);
  registerPlay(program, finish);
  registerVerify(program, finish);
  registerReplay(program, finish);
  registerValidate(program, finish);
  registerBalance(program, finish);
  registerCode(program, finish);
  registerCompare(program, finish);
  registerDebrief(program, finish);
  refuseRepeats(program);
  return program;
}

/** Makes an option given twice an error (exit 2) instead of silently keeping the last value
 * (`--seed a --seed b` would play b): commander announces every occurrence of an option. */
function refuseRepeats(cmd: Command): void {
  for (const sub of cmd.commands) refuseRepeats(sub);
  const seen = new Set<string>();
  for (const opt of cmd.options) {
    if (opt.variadic) continue;
    const name = opt.name();
    cmd.on(`option:${name}`, () => {
      if (seen.has(name)) throw new CliError(`option --${name} is given more than once; give it once`);
      seen.add(name);
    });
  }
}

/** Runs the CLI on arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await buildProgram((c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return report(e, argv.includes('--json'));
  }
}

/** Prints an error as one line on stderr (and a JSON object on stdout under --json). */
export function report(e: unknown, json: boolean): number {
  let code: number = EXIT.internal;
  let message: string;
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return EXIT.ok;
    code = EXIT.usage;
    message = e.code === 'commander.help' ? 'a command is required (see the list above)' : `${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (try --help)`;
  } else if (e instanceof CliError) {
    code = e.code;
    message = e.message;
  } else {
    message = `internal error: ${e instanceof Error ? e.message : String(e)}`;
    if (process.env['PHASE_SHIFT_DEBUG'] && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  }
  process.stderr.write(safeText(`phase-shift: ${message}\n`));
  if (json) process.stdout.write(safeText(`${JSON.stringify({ ok: false, exitCode: code, error: message })}\n`));
  return code;
}
