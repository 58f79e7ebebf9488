import { z } from 'zod';

/* The ranges scenario numbers may take, so that a file that validates can always be played.
 * The engine keeps money in whole dollars, and every total must stay a safe integer for the
 * longest game (156 weeks). With every number at its bound, the worst totals are:
 *   revenue    100,000 customers × $100,000 a customer-week × 156 weeks        ≈ 1.6e12
 *   contracts  156 contracts (one offer a week at most) × $1 billion ARR        ≈ 1.6e11 a year
 *   payroll    2,000 people × $10 million a week × 156 weeks                   ≈ 3.1e12
 *   GPU        20 features × 10,000 GPU-hours a customer-month × 101,000 users × 10 (real time)
 *              ÷ 4 weeks a month × $100 a GPU-hour × 156 weeks                  ≈ 7.9e14
 *   labels     1,000,000 labels a week × $1,000 a label × 156 weeks            ≈ 1.6e11
 *   funding    $1 billion at the start + 10 rounds × $1 billion               = 1.1e10
 *   error cost 101,000 users × 100,000 cases × $10,000 an error, a week        ≈ 1.0e14
 * all far below Number.MAX_SAFE_INTEGER (≈ 9.0e15). Divisors are kept away from zero and every
 * multiplier finite, so no figure the engine derives can become Infinity or NaN. */

/** The largest one-off sum of money in a scenario (cash, a round, a project, a contract's ARR). */
export const MAX_MONEY = 1_000_000_000;
/** The largest weekly amount of money per head or per item (a salary, tooling, a customer's price). */
export const MAX_WEEKLY_MONEY = 10_000_000;
/** The longest game any scenario may last, in weeks. */
export const MAX_WEEKS = 156;
/** The largest count of units a scenario may name (labels, GPU-hours, cases). */
export const MAX_UNITS = 1_000_000;
/** The largest count of people, focus points or engineer-weeks a scenario may name. */
export const MAX_PEOPLE = 1000;
/** The largest market a segment may have, in customers. */
export const MAX_CUSTOMERS = 100_000;

const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Whole dollars from 0 up to a bound (`per` names the period, e.g. " a week"). */
export function dollars(max: number, per = ''): z.ZodNumber {
  return z
    .number()
    .int()
    .min(0)
    .max(max, `at most $${grouped(max)}${per}, so money totals stay exact over the longest game`);
}

/** A whole count from `min` up to a bound, named in the message by its unit. */
export function whole(max: number, unit: string, min = 0): z.ZodNumber {
  return z
    .number()
    .int()
    .min(min)
    .max(max, `at most ${grouped(max)} ${unit}`);
}

/** A number (fractions allowed) from `min` up to a bound, named in the message by its unit. */
export function upTo(max: number, unit: string, min = 0): z.ZodNumber {
  return z
    .number()
    .min(min)
    .max(max, `at most ${grouped(max)} ${unit}`);
}

/** A positive number up to a bound (zero excluded: something multiplies or spends it). */
export function positiveUpTo(max: number, unit: string): z.ZodNumber {
  return z
    .number()
    .positive()
    .max(max, `at most ${grouped(max)} ${unit}`);
}

/** A number the engine divides by: at least `min` (never near zero) and at most `max`. */
export function divisor(min: number, max: number): z.ZodNumber {
  return z
    .number()
    .min(min, `at least ${min}: the engine divides by it`)
    .max(max, `at most ${grouped(max)}`);
}
