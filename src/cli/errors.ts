import { z } from 'zod';

/* The CLI's stable exit codes and the one error type commands throw; main.ts turns it into a
 * message on stderr (and a JSON object on stdout under --json), never a stack trace. */

/** Exit codes: documented in `phase-shift --help`, stable across versions. */
export const EXIT = {
  ok: 0,
  /** verify: the log does not reproduce. */
  mismatch: 1,
  /** Bad usage or bad input: unknown command or option, unreadable or invalid file. */
  usage: 2,
  /** A bug: something the CLI did not expect. */
  internal: 3,
} as const;

/** An error with a message meant for the user and the exit code to leave with. */
export class CliError extends Error {
  /** Creates an error that exits with `code` (default 2, bad input). */
  constructor(
    message: string,
    readonly code: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Validates parsed options with zod; the first problem becomes "option --name: message". */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue?.path[0];
  const where = typeof key === 'string' ? `option --${flagName(key)}` : 'options';
  throw new CliError(`${where}: ${issue?.message ?? 'invalid'}`);
}

/** camelCase option key → its kebab-case flag. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A short human reason for a file-system error (ENOENT → "no such file or directory"). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  if (typeof code === 'string' && known[code]) return known[code];
  return e instanceof Error ? e.message : String(e);
}
