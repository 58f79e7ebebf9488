import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fstatSync, fsyncSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { getScenario, MAX_LOG_BYTES, parseLog, scenarioIds, scenarioMismatch, type LoadedScenario, type ParsedLog } from '../index.js';
import { safeText } from '../analysis/format.js';
import { scenarioFor } from '../scenarios/registry.js';
import { CliError, EXIT, fsReason } from './errors.js';

/* Files in and out, and loading a log with every check the library offers. Every read is
 * bounded (files and pipes alike stop at the limit), only regular files and standard input are
 * read, a report never replaces one of the command's inputs, and it is written to a temporary
 * file beside its target and renamed into place, so a failed write leaves the old file whole.
 * Everything printed or written goes through safeText: no control character from a log reaches
 * a terminal. */

const CHUNK = 64 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads from `fd` until its end or until more than `maxBytes` arrived (then throws). */
function readBounded(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5); // a non-blocking pipe with nothing yet: wait, then read on
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > maxBytes) throw new Error(`it is larger than ${maxBytes} bytes, the limit (reading stopped there)`);
  }
  return Buffer.concat(chunks, total);
}

/** Opens a path for reading; only a regular file of at most `maxBytes` is accepted. */
function openRegular(file: string, maxBytes: number): number {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused.
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!st.isFile()) throw new Error('it is not a regular file (a device, pipe or socket); give a file, or "-" to read standard input');
    if (st.size > maxBytes) throw new Error(`it is ${st.size} bytes; the limit is ${maxBytes}`);
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Reads a UTF-8 text file ("-" is standard input, bounded the same way); exit 2 "cannot read <file>: …". */
export function readText(file: string, maxBytes = MAX_LOG_BYTES): string {
  let fd: number | null = null;
  try {
    fd = file === '-' ? 0 : openRegular(file, maxBytes);
    const text = readBounded(fd, maxBytes).toString('utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${fsReason(e)}`);
  } finally {
    if (fd !== null && fd !== 0) closeSync(fd);
  }
}

/** The identity of an existing file (device and inode, symlinks followed), or null. */
function identity(file: string): { st: Stats; real: string } | null {
  try {
    if (file === '-') {
      const st = fstatSync(0);
      return st.isFile() ? { st, real: '' } : null;
    }
    return { st: statSync(file), real: realpathSync(file) };
  } catch {
    return null;
  }
}

/** Refuses (exit 2), before any work, an --out that could not be written or that is one of the
 * inputs: the same path in any spelling, a symlink to it, a hard link to it (same device and
 * inode), or the file standard input is redirected from. */
export function checkOut(out: string, inputs: readonly string[]): void {
  const refuse = (why: string) => new CliError(`option --out: ${why}`, EXIT.usage);
  const target = identity(out);
  if (target?.st.isDirectory()) throw refuse(`cannot write ${out}: it is a folder; give a file name`);
  if (target) {
    for (const input of inputs) {
      const id = identity(input);
      if (!id) continue;
      const same = (id.st.dev === target.st.dev && id.st.ino === target.st.ino) || (id.real !== '' && id.real === target.real);
      if (same) throw refuse(`${out} is the input ${input === '-' ? '(standard input)' : input}; writing the report there would destroy it. Give another file name`);
    }
  }
  const folder = dirname(target ? target.real : resolve(out));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw refuse(`cannot write ${out}: the folder ${folder} does not exist`);
  try {
    accessSync(folder, constants.W_OK); // the report is written beside its target, then renamed
  } catch {
    throw refuse(`cannot write ${out}: the folder ${folder} is not writable`);
  }
}

/** Writes text to a temporary file in the target's folder and renames it into place (atomic:
 * readers see the old file or the new one, never half of one); exit 2 "cannot write <file>: …". */
export function writeText(file: string, text: string): void {
  const existing = identity(file);
  const target = existing ? existing.real : resolve(file);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', existing ? existing.st.mode & 0o777 : 0o666);
    writeSync(fd, safeText(text), null, 'utf8');
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created, or it is gone already
    }
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
  // The version the log pinned when this build keeps it (released copies too), else the current one.
  const loaded = scenarioFor(log.header.scenario.id, log.header.scenario.hash) ?? scenarioOrFail(log.header.scenario.id, `${file}:1: scenario.id`);
  const mismatch = scenarioMismatch(log.header, loaded.scenario, loaded.hash);
  if (mismatch) throw new CliError(`${file}:1: scenario: ${mismatch}`);
  return { file, log, loaded };
}

/** Writes text to stdout as it is, control characters escaped (reports that end in their own newline). */
export function emit(text: string): void {
  process.stdout.write(safeText(text));
}

/** Prints one line (or block) to stdout. */
export function say(text: string): void {
  emit(`${text}\n`);
}

/** Prints a message line to stderr, control characters escaped. */
export function warn(text: string): void {
  process.stderr.write(safeText(`${text}\n`));
}

/** Prints a value as one JSON object on one line of stdout. */
export function sayJson(value: unknown): void {
  emit(`${JSON.stringify(value)}\n`);
}
