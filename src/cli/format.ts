import { fixedText, moneyText, wholeText, type MoneyStyle } from '../analysis/format.js';

/* Display formatting for the CLI: money, percentages, durations, tables. Presentation only —
 * nothing here is stored or hashed. Numbers go through the shared formatter
 * (src/analysis/format.ts), so any size reads in units, never in exponent form. */

/** The CLI's money style: one decimal, a trailing ".0" dropped from two digits on ($12K, $1.5M, $1.0M). */
const CLI_MONEY: MoneyStyle = {
  minus: '-',
  thousand: 'K',
  digits: (x) => {
    const s = x.toFixed(1);
    return x >= 10 && s.endsWith('.0') ? s.slice(0, -2) : s;
  },
};

/** Dollars in short form: $950, $12.3K, $1.2M, -$1.6K; from $1,000T on "$1,000T+". */
export function money(dollars: number): string {
  return moneyText(dollars, CLI_MONEY);
}

/** A rate in [0, 1] as a percentage: 0.9993 → "99.93%". */
export function pct(rate: number, digits = 2): string {
  return `${fixedText(rate * 100, digits)}%`;
}

/** Milliseconds: "292.7 ms". */
export function ms(x: number): string {
  return `${fixedText(x, 1)} ms`;
}

/** Months with one decimal: "9.5 mo". */
export function months(x: number): string {
  return `${fixedText(x, 1)} mo`;
}

/** An integer with thousands separators: 12,345 (locale-free). */
export function int(x: number): string {
  return wholeText(x);
}

/** Left-aligned columns; a column whose header starts with '>' is right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const right = headers.map((h) => h.startsWith('>'));
  const names = headers.map((h) => (h.startsWith('>') ? h.slice(1) : h));
  const widths = names.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(names), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Label/value pairs, labels padded to one width. */
export function pairs(items: [string, string][]): string {
  const width = Math.max(...items.map(([k]) => k.length));
  return items.map(([k, v]) => `${`${k}:`.padEnd(width + 1)}  ${v}`).join('\n');
}

/** Two long strings cut to the same window around their first difference. */
export function diffWindow(a: string, b: string, width = 200): { a: string; b: string; at: number } {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  if (a.length <= width && b.length <= width) return { a, b, at };
  const start = Math.max(0, at - Math.floor(width / 4));
  const cut = (s: string) => `${start > 0 ? '…' : ''}${s.slice(start, start + width)}${s.length > start + width ? '…' : ''}`;
  return { a: cut(a), b: cut(b), at };
}
