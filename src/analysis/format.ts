import type { EndReason } from '../engine/state.js';

/* The one place numbers and untrusted text become display text: money in short units at any
 * size (never exponent form), whole and decimal numbers likewise, control characters escaped,
 * and text made safe in Markdown. The reports, the CLI (src/cli/format.ts) and the browser
 * (src/ui/format.ts) all call these, so "$-40k" or a player's name never reads two ways. */

/** Beyond this magnitude a figure is shown as a floor ("$1,000T+"): no game reaches it, and
 * exact digits of a corrupt 1e293 would help no one. */
export const DISPLAY_CAP = 1e15;

/** How one caller writes short money: the minus sign, the thousands letter, and the digits of a
 * scaled value (`unit` 1 = thousands, 2 = millions, 3 = billions, 4 = trillions). */
export interface MoneyStyle {
  minus: string;
  thousand: string;
  digits(scaled: number, unit: number): string;
}

/** The reports' style: "-$40k", "$350k", "$1.2M", "$3B". */
export const REPORT_MONEY: MoneyStyle = { minus: '-', thousand: 'k', digits: (x, unit) => String(unit === 1 ? Math.round(x) : Math.round(x * 10) / 10) };

const UNITS = [1, 1e3, 1e6, 1e9, 1e12] as const;
const LETTERS = ['', '', 'M', 'B', 'T'] as const;

/** Money in short units, e.g. "$1.2M", in `style` (reports by default). Any size reads in
 * units: from DISPLAY_CAP (and for ±Infinity) the floor "$1,000T+"; NaN reads "n/a". */
export function moneyText(n: number, style: MoneyStyle = REPORT_MONEY): string {
  if (Number.isNaN(n)) return 'n/a';
  const a = Math.abs(n);
  const sign = n < 0 && Math.round(a) > 0 ? style.minus : '';
  const cap = `${sign}$1,000T+`;
  if (a >= DISPLAY_CAP) return cap;
  let unit = 0;
  while (unit < 4 && a >= (UNITS[unit + 1] ?? Infinity)) unit++;
  for (;;) {
    const text = unit === 0 ? String(Math.round(a)) : style.digits(a / (UNITS[unit] ?? 1), unit);
    if (Number(text) < 1000) return `${sign}$${text}${unit === 1 ? style.thousand : (LETTERS[unit] ?? '')}`;
    if (unit === 4) return cap;
    unit++;
  }
}

const groups = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A whole number with thousands separators ("-12,345"); from DISPLAY_CAP "1,000,000,000,000,000+",
 * NaN "n/a". */
export function wholeText(n: number): string {
  if (Number.isNaN(n)) return 'n/a';
  const a = Math.abs(n);
  const sign = n < 0 && Math.round(a) > 0 ? '-' : '';
  if (a >= DISPLAY_CAP) return `${sign}${groups(String(DISPLAY_CAP))}+`;
  return `${sign}${groups(String(Math.round(a)))}`;
}

/** A number with a fixed count of decimals (toFixed, which turns to exponent form from 1e21),
 * capped like wholeText. */
export function fixedText(n: number, digits: number): string {
  if (Number.isNaN(n)) return 'n/a';
  if (Math.abs(n) >= DISPLAY_CAP) return wholeText(n);
  return n.toFixed(digits);
}

/** Money for reports: "$1.2M", "$350k", "$800", "$0", and a negative sign before the dollar: "-$40k". */
export function money(n: number): string {
  return moneyText(n, REPORT_MONEY);
}

/** A number rounded to at most `digits` decimals, without trailing zeros, capped like wholeText. */
export function roundedText(x: number, digits = 2): string {
  if (Number.isNaN(x)) return 'n/a';
  if (Math.abs(x) >= DISPLAY_CAP) return wholeText(x);
  const f = [1, 10, 100, 1000][Math.min(3, Math.max(0, digits))] ?? 100;
  return `${Math.round(x * f) / f}`;
}

/** A 0–1 share as a percentage with at most one decimal, e.g. "57.1%". */
export const pct = (x: number): string => (Number.isFinite(x) && Math.abs(x) < DISPLAY_CAP ? `${Math.round(x * 1000) / 10}%` : `${roundedText(x * 100, 1)}%`);

/** A number rounded to at most two decimals. */
export const num = (x: number): string => roundedText(x, 2);

// C0 controls but tab and line feed, DEL, C1 controls, and the invisible bidi and line-breaking
// marks that can make a terminal or an editor show text other than what is there.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal or write into a report: every control character (C0 but
 * "\n" and "\t", DEL, C1, so every ESC sequence) and bidi mark is written as a visible "\u001b"
 * escape. The one helper every CLI output and Markdown report goes through. */
export function safeText(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text from a log made safe for one Markdown line or table cell: control characters escaped
 * (safeText), every character Markdown could read as markup (emphasis, code, links, raw HTML,
 * table pipes, headings, entities) backslash-escaped, and runs of whitespace, line breaks
 * included, become one space. */
export function mdEscape(text: string): string {
  return safeText(text.replace(/\s+/g, ' ')).replace(/[\\`*_[\]<>|#&]/g, (c) => `\\${c}`);
}

/** An ending in a word or two, for headings and tables ("no fit", "book lost"). */
export const ENDING_SHORT: Record<EndReason | 'playing', string> = {
  won: 'won',
  bankrupt: 'bankrupt',
  noFit: 'no fit',
  bookLost: 'book lost',
  timeUp: 'time up',
  playing: 'still playing',
};
