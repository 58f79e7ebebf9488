/* Charts as plain SVG strings (no DOM), so a debrief page is one self-contained file that prints.
 * Every label passes through `escapeXml`; numbers are rounded so the same data gives the same bytes. */

/** Escapes text for HTML or SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One line of a chart: points as [x, y] in data units. */
export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** A CSS colour; the dash pattern, when set, tells lines apart without colour. */
  color: string;
  dash?: string;
  /** Fill the area between the line and this y value (an advantage chart fills around its midline). */
  fillTo?: number;
}

/** A marked point on a chart, e.g. a decision with its mark glyph. */
export interface Marker {
  x: number;
  y: number;
  glyph: string;
  color: string;
  title: string;
}

/** A horizontal or vertical reference line (a threshold, a target, the fit week). */
export interface Rule {
  axis: 'x' | 'y';
  at: number;
  label: string;
}

/** What a line chart shows and how its axes read. */
export interface ChartSpec {
  title: string;
  series: Series[];
  markers?: Marker[];
  rules?: Rule[];
  /** Fixed y range; otherwise taken from the data (and the rules). */
  yMin?: number;
  yMax?: number;
  yFormat: (y: number) => string;
  width?: number;
  height?: number;
}

const PAD = { left: 64, right: 16, top: 28, bottom: 34 };
const r1 = (x: number) => (Math.round(x * 10) / 10).toString();

interface Frame {
  x: (v: number) => number;
  y: (v: number) => number;
  w: number;
  h: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function frameOf(spec: ChartSpec): Frame {
  const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...spec.series.flatMap((s) => s.points.map((p) => p[1])), ...(spec.rules ?? []).filter((r) => r.axis === 'y').map((r) => r.at)];
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length ? Math.max(...xs, x0 + 1) : 1;
  const y0 = spec.yMin ?? (ys.length ? Math.min(...ys, 0) : 0);
  let y1 = spec.yMax ?? (ys.length ? Math.max(...ys) : 1);
  if (y1 <= y0) y1 = y0 + 1;
  const w = spec.width ?? 640;
  const h = spec.height ?? 200;
  const pw = w - PAD.left - PAD.right;
  const ph = h - PAD.top - PAD.bottom;
  return {
    x: (v) => PAD.left + ((v - x0) / (x1 - x0)) * pw,
    y: (v) => PAD.top + ph - ((Math.min(y1, Math.max(y0, v)) - y0) / (y1 - y0)) * ph,
    w,
    h,
    x0,
    x1,
    y0,
    y1,
  };
}

function axes(f: Frame, spec: ChartSpec): string {
  const ticks = [f.y0, (f.y0 + f.y1) / 2, f.y1].map(
    (v) =>
      `<line class="grid" x1="${PAD.left}" x2="${r1(f.w - PAD.right)}" y1="${r1(f.y(v))}" y2="${r1(f.y(v))}"/><text class="tick" x="${PAD.left - 6}" y="${r1(f.y(v) + 4)}" text-anchor="end">${escapeXml(spec.yFormat(v))}</text>`,
  );
  const step = Math.max(1, Math.ceil((f.x1 - f.x0) / 8));
  const xt: string[] = [];
  for (let x = f.x0; x <= f.x1; x += step) xt.push(`<text class="tick" x="${r1(f.x(x))}" y="${r1(f.h - PAD.bottom + 16)}" text-anchor="middle">${x}</text>`);
  return `${ticks.join('')}${xt.join('')}<text class="tick" x="${r1(f.w - PAD.right)}" y="${r1(f.h - 4)}" text-anchor="end">week</text>`;
}

function path(f: Frame, s: Series): string {
  if (s.points.length === 0) return '';
  const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${r1(f.x(p[0]))},${r1(f.y(p[1]))}`).join('');
  const first = s.points[0] as readonly [number, number];
  const last = s.points[s.points.length - 1] as readonly [number, number];
  const fill =
    s.fillTo === undefined
      ? ''
      : `<path d="${d}L${r1(f.x(last[0]))},${r1(f.y(s.fillTo))}L${r1(f.x(first[0]))},${r1(f.y(s.fillTo))}Z" fill="${s.color}" fill-opacity="0.15" stroke="none"/>`;
  return `${fill}<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
}

function rule(f: Frame, r: Rule): string {
  const label = escapeXml(r.label);
  if (r.axis === 'y')
    return `<line class="rule" x1="${PAD.left}" x2="${r1(f.w - PAD.right)}" y1="${r1(f.y(r.at))}" y2="${r1(f.y(r.at))}"/><text class="rulelabel" x="${r1(f.w - PAD.right - 4)}" y="${r1(f.y(r.at) - 4)}" text-anchor="end">${label}</text>`;
  return `<line class="rule" x1="${r1(f.x(r.at))}" x2="${r1(f.x(r.at))}" y1="${PAD.top}" y2="${r1(f.h - PAD.bottom)}"/><text class="rulelabel" x="${r1(f.x(r.at) + 4)}" y="${PAD.top + 10}">${label}</text>`;
}

function marker(f: Frame, m: Marker): string {
  const x = r1(f.x(m.x));
  const y = r1(f.y(m.y));
  return `<g class="marker"><title>${escapeXml(m.title)}</title><circle cx="${x}" cy="${y}" r="7" fill="#fff" stroke="${m.color}" stroke-width="2"/><text x="${x}" y="${r1(f.y(m.y) + 3.5)}" text-anchor="middle" fill="${m.color}">${escapeXml(m.glyph)}</text></g>`;
}

function legend(spec: ChartSpec): string {
  return spec.series
    .map(
      (s, i) =>
        `<g transform="translate(${PAD.left + i * 150},12)"><line x1="0" x2="22" y1="0" y2="0" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text class="tick" x="28" y="4">${escapeXml(s.name)}</text></g>`,
    )
    .join('');
}

/** A line chart over weeks, with optional filled areas, reference lines and marked points. */
export function lineChart(spec: ChartSpec): string {
  const f = frameOf(spec);
  const body = [axes(f, spec), ...(spec.rules ?? []).map((r) => rule(f, r)), ...spec.series.map((s) => path(f, s)), ...(spec.markers ?? []).map((m) => marker(f, m)), legend(spec)];
  return `<svg class="chart" viewBox="0 0 ${f.w} ${f.h}" width="100%" role="img" aria-label="${escapeXml(spec.title)}"><title>${escapeXml(spec.title)}</title>${body.join('')}</svg>`;
}
