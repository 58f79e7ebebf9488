/* Display formatting for the CLI: money, percentages, durations, tables. Presentation only —
 * nothing here is stored or hashed, so locale-free toFixed is fine. */

/** Dollars in short form: $950, $12.3K, $1.2M, -$1.6K. */
export function money(dollars: number): string {
  const sign = dollars < 0 ? '-' : '';
  const a = Math.abs(dollars);
  if (a >= 1e9) return `${sign}$${trim(a / 1e9)}B`;
  if (a >= 1e6) return `${sign}$${trim(a / 1e6)}M`;
  if (a >= 1e3) return `${sign}$${trim(a / 1e3)}K`;
  return `${sign}$${Math.round(a)}`;
}

// One decimal, with a trailing ".0" dropped only at two digits or more ($12K, $1.5M, $1.0M).
function trim(x: number): string {
  const s = x.toFixed(1);
  return x >= 10 && s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** A rate in [0, 1] as a percentage: 0.9993 → "99.93%". */
export function pct(rate: number, digits = 2): string {
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Milliseconds: "292.7 ms". */
export function ms(x: number): string {
  return `${x.toFixed(1)} ms`;
}

/** Months with one decimal: "9.5 mo". */
export function months(x: number): string {
  return `${x.toFixed(1)} mo`;
}

/** An integer with thousands separators: 12,345 (locale-free). */
export function int(x: number): string {
  const s = String(Math.round(Math.abs(x)));
  return `${x < 0 ? '-' : ''}${s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
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
