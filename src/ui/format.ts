import { fixedText, moneyText, type MoneyStyle } from '../analysis/format.js';

/* Compact, unit-bearing numbers for the screen: $1.2M, 9.5 mo, 99.93%, 412 ms. */

/** The screen's money style: a true minus sign, one decimal below ten units: −$1.6k, $12k, $1.4M. */
const SCREEN_MONEY: MoneyStyle = { minus: '−', thousand: 'k', digits: (x) => x.toFixed(x >= 10 ? 0 : 1) };

/** Dollars, compact: $950, $12.4k, $1.4M (the shared formatter: any size reads in units). */
export function money(n: number): string {
  return moneyText(n, SCREEN_MONEY);
}

/** A share as a percentage with the given decimals. */
export function pct(x: number, digits = 0): string {
  return `${fixedText(x * 100, digits)}%`;
}

/** Runway in months from weeks (999 means not burning). */
export function runway(weeks: number): string {
  if (weeks >= 999) return '∞ (profitable)';
  return `${(weeks / (52 / 12)).toFixed(1)} mo`;
}

/** Escapes text for safe insertion into HTML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
