/* Compact, unit-bearing numbers for the screen: $1.2M, 9.5 mo, 99.93%, 412 ms. */

/** Dollars, compact: $950, $12.4k, $1.4M. */
export function money(n: number): string {
  const sign = n < 0 ? '−' : '';
  const a = Math.abs(n);
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(a >= 1e5 ? 0 : 1)}k`;
  return `${sign}$${Math.round(a)}`;
}

/** A share as a percentage with the given decimals. */
export function pct(x: number, digits = 0): string {
  return `${(x * 100).toFixed(digits)}%`;
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
