import type { EndReason } from '../engine/state.js';

/* The analysis reports' shared number and text formats: one way to write money and one way to
 * make text from a log safe in Markdown, so the debrief, the score card and the workshop
 * comparison never disagree about how "$-40k" or a player's name reads. */

/** Money for reports: "$1.2M", "$350k", "$800", "$0", and a negative sign before the dollar: "-$40k". */
export function money(n: number): string {
  const whole = Math.round(n);
  if (whole < 0) return `-${money(-whole)}`;
  if (whole === 0) return '$0';
  if (whole >= 999_500) return `$${Math.round(whole / 1e5) / 10}M`;
  if (whole >= 1000) return `$${Math.round(whole / 1e3)}k`;
  return `$${whole}`;
}

/** A 0–1 share as a percentage with at most one decimal, e.g. "57.1%". */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** A number rounded to at most two decimals. */
export const num = (x: number): string => `${Math.round(x * 100) / 100}`;

/** Text from a log made safe for one Markdown line or table cell: every character Markdown
 * could read as markup (emphasis, code, links, raw HTML, table pipes, headings, entities) is
 * backslash-escaped, and runs of whitespace, line breaks included, become one space. */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#&]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
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
