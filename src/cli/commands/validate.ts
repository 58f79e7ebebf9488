import type { Command } from 'commander';
import { z } from 'zod';
import { loadScenario } from '../../index.js';
import { keysAt, locate, parseJsonPath, scanJson, type JsonDocument } from '../../scenarios/locate.js';
import { rulesReference, type RuleGroupDoc } from '../../scenarios/rules.js';
import { CliError, EXIT, validate } from '../errors.js';
import { readText, say, sayJson, warn } from '../io.js';
import { json } from '../options.js';
import type { Finish } from './types.js';

/* `phase-shift validate <file...>`: checks scenario files with the same loader the game uses and
 * lists every problem as `file:line:column: path: message`, the way compilers do, so an editor
 * or CI log can jump to it. Exit 0 all valid, 1 a file has problems, 2 a file cannot be read. */

const Options = z.strictObject({ json, rules: z.boolean().default(false) });

/** Scenario files are a few kilobytes; anything this large is a mistake, not a scenario. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** One problem, placed in the file. `path` is empty for a syntax error. */
export interface PlacedIssue {
  path: string;
  line: number;
  column: number;
  message: string;
}

/** What `validate` found in one file (the `--json` output is an array of these). */
export interface FileReport {
  file: string;
  ok: boolean;
  issues: PlacedIssue[];
  /** When valid: what the file declares and the content hash logs would pin it by. */
  scenario?: { id: string; version: string; hash: string };
  /** When the file could not be read at all. */
  error?: string;
}

// zod's English messages (zod is pinned; test/cli/validate.test.ts breaks if their wording moves).
const UNKNOWN_KEYS = /^Unrecognized keys?: /;
const MISSING = /^Invalid input: expected (.+), received undefined$/;

// zod names unknown keys in one issue on the object that holds them; give each its own line.
function placeUnknownKeys(doc: JsonDocument, path: string, message: string): PlacedIssue[] {
  const keys = keysAt(doc, path).filter((k) => message.includes(JSON.stringify(k.key)));
  return keys.map(({ key, at }) => ({
    path: path === '(root)' ? key : `${path}.${key}`,
    line: at.line,
    column: at.column,
    message: `unknown key ${JSON.stringify(key)} (not part of the scenario format; check the spelling)`,
  }));
}

function place(doc: JsonDocument, path: string, message: string): PlacedIssue[] {
  if (UNKNOWN_KEYS.test(message)) {
    const placed = placeUnknownKeys(doc, path, message);
    if (placed.length > 0) return placed;
  }
  const at = locate(doc, path);
  const missing = !at.exact && MISSING.exec(message);
  const key = parseJsonPath(path).at(-1);
  const text = missing && typeof key === 'string' ? `missing required key ${JSON.stringify(key)} (expected ${missing[1]})` : message;
  return [{ path, line: at.line, column: at.column, message: text }];
}

/** Validates the text of one scenario file: every problem with its place, or what it declares. */
export function validateText(file: string, text: string): FileReport {
  const scanned = scanJson(text);
  if (!scanned.ok) {
    const { line, column } = scanned.at;
    return { file, ok: false, issues: [{ path: '', line, column, message: `not valid JSON: ${scanned.message}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // The scanner accepts only what JSON.parse accepts; this is a safety net, placed at 1:1.
    return { file, ok: false, issues: [{ path: '', line: 1, column: 1, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const r = loadScenario(raw);
  if (r.ok) {
    const { id, version } = r.value.scenario;
    return { file, ok: true, issues: [], scenario: { id, version, hash: r.value.hash } };
  }
  const issues = r.issues.flatMap((i) => place(scanned.doc, i.path, i.message));
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, ok: false, issues };
}

/** Reads and validates one file; an unreadable file becomes a report with `error` set. */
export function validateFile(file: string): FileReport {
  let text: string;
  try {
    text = readText(file, MAX_SCENARIO_BYTES);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { file, ok: false, issues: [], error: e.message };
  }
  return validateText(file, text);
}

/** The exit code for a set of reports: 2 if any file was unreadable, 1 if any had problems. */
export function validateExitCode(reports: readonly FileReport[]): number {
  if (reports.some((r) => r.error !== undefined)) return EXIT.usage;
  return reports.some((r) => !r.ok) ? EXIT.mismatch : EXIT.ok;
}

/** The text lines for one report: an "ok" line, or one line per problem. */
export function reportLines(r: FileReport): string[] {
  if (r.scenario) return [`ok: ${r.file} (${r.scenario.id} v${r.scenario.version}, hash ${r.scenario.hash.slice(0, 12)})`];
  return r.issues.map((i) => `${r.file}:${i.line}:${i.column}: ${i.path === '' ? '' : `${i.path}: `}${i.message}`);
}

/** The rules reference as text: each group with its description, then each rule's path, default and meaning. */
export function rulesLines(groups: readonly RuleGroupDoc[]): string[] {
  return groups.flatMap((g) => [`${g.group}: ${g.description}`, ...g.rules.map((r) => `  ${r.path} = ${JSON.stringify(r.default)}  ${r.description}`), '']);
}

/** Registers the `validate` command. */
export function registerValidate(program: Command, finish: Finish): void {
  program
    .command('validate')
    .description('check scenario files and list every problem as file:line:column: path: message')
    .argument('[file...]', 'scenario JSON files ("-" reads standard input)')
    .option('--rules', 'list every scenario rule (the optional "rules" block) with its default and meaning')
    .option(
      '--json',
      'print one JSON array: [{ file, ok, issues: [{ path, line, column, message }] }]; with --rules: [{ group, description, rules: [{ path, default, description }] }]',
    )
    .addHelpText('after', '\nExit codes: 0 every file is valid · 1 a file has problems (each one listed) · 2 a file cannot be read, or bad usage')
    .action((files: string[], raw: unknown) => {
      const opts = validate(Options, raw);
      if (opts.rules) {
        if (files.length > 0) throw new CliError('--rules lists the scenario rules and checks no file: give either files or --rules');
        const groups = rulesReference();
        if (opts.json) sayJson(groups);
        else say(rulesLines(groups).join('\n').trimEnd());
        return finish(EXIT.ok);
      }
      if (files.length === 0) throw new CliError("missing required argument 'file' (or --rules to list the scenario rules)");
      const reports = files.map(validateFile);
      for (const r of reports) if (r.error !== undefined) warn(`phase-shift: ${r.error}`);
      if (opts.json) sayJson(reports);
      else {
        const lines = reports.flatMap(reportLines);
        if (lines.length > 0) say(lines.join('\n'));
      }
      finish(validateExitCode(reports));
    });
}
