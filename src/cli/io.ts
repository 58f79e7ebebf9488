import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { getScenario, MAX_LOG_BYTES, parseLog, scenarioIds, scenarioMismatch, type LoadedScenario, type ParsedLog } from '../index.js';
import { CliError, fsReason } from './errors.js';

/* Files in and out, and loading a log with every check the library offers: readable, within
 * the size limit, parseable line by line, and recorded with a scenario this build ships. */

/** Reads a UTF-8 text file ("-" is standard input); exit 2 "cannot read <file>: …" on failure. */
export function readText(file: string, maxBytes = MAX_LOG_BYTES): string {
  try {
    if (file !== '-') {
      const st = statSync(file);
      if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (st.size > maxBytes) throw new Error(`it is ${st.size} bytes; the limit is ${maxBytes}`);
    }
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${fsReason(e)}`);
  }
}

/** Writes a text file; exit 2 "cannot write <file>: …" on failure. */
export function writeText(file: string, text: string): void {
  try {
    writeFileSync(file, text, 'utf8');
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${fsReason(e)}`);
  }
}

/** A parsed log and the bundled scenario it was recorded with. */
export interface LoadedLog {
  file: string;
  log: ParsedLog;
  loaded: LoadedScenario;
}

/** A bundled scenario by id, or exit 2 naming the ones that exist. */
export function scenarioOrFail(id: string, where: string): LoadedScenario {
  const loaded = getScenario(id);
  if (!loaded) throw new CliError(`${where}: unknown scenario "${id}" (bundled: ${scenarioIds().join(', ')})`);
  return loaded;
}

/** Reads and parses a log and checks its scenario pin; exit 2 with `file:line: field: message`. */
export function loadLog(file: string): LoadedLog {
  const parsed = parseLog(readText(file));
  if (!parsed.ok) {
    const { line, field, message } = parsed.error;
    throw new CliError(`${file}:${line}: ${field ? `${field}: ` : ''}${message}`);
  }
  const log = parsed.log;
  const loaded = scenarioOrFail(log.header.scenario.id, `${file}:1: scenario.id`);
  const mismatch = scenarioMismatch(log.header, loaded.scenario, loaded.hash);
  if (mismatch) throw new CliError(`${file}:1: scenario: ${mismatch}`);
  return { file, log, loaded };
}

/** Prints one line (or block) to stdout. */
export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Prints a value as one JSON object on one line of stdout. */
export function sayJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
