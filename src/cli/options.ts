import { z } from 'zod';

/* Zod pieces for CLI options. Commander hands every value over as a string; these say what a
 * good value is and word the message the user sees after "option --name: ". */

/** A string that must be one of `names`; the message lists them. */
export function oneOf(names: readonly string[], what: string): z.ZodType<string> {
  return z.string().superRefine((v, ctx) => {
    if (!names.includes(v)) ctx.addIssue({ code: 'custom', message: `unknown ${what} "${v}" (choose one of: ${names.join(', ')})` });
  });
}

/** A non-empty string of at most `max` characters. */
export function text(what: string, max: number): z.ZodType<string> {
  return z.string().min(1, `the ${what} must not be empty`).max(max, `the ${what} must be at most ${max} characters`);
}

/** A whole number ≥ `min` given as a string ("12"); the message quotes what was given. */
export function wholeNumber(what: string, min: number): z.ZodType<number> {
  return z.string().transform((v, ctx) => {
    const n = /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min) {
      ctx.addIssue({ code: 'custom', message: `the ${what} must be a whole number ≥ ${min} (got "${v}")` });
      return z.NEVER;
    }
    return n;
  });
}

/** The `--json` flag every command takes. */
export const json = z.boolean().default(false);
