import type { Bin, Comparison, Group } from './compare-types.js';
import { bandLayout, cssColor, valueColor } from './compare-layout.js';
import { arrLabel, binLabel, BOARD_COLUMNS, boardRows, branchWeeks, costWords, endingWords, rankText } from './compare-report.js';
import { ENDING_SHORT } from './compare-rank.js';

/* The comparison as one self-contained HTML page: inline CSS and inline SVG (leaderboard bars,
 * distribution and the divergence tree), no scripts and no external addresses, so it opens
 * anywhere and can be mailed as one file. Every name from a log is escaped. */

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body{font:15px/1.45 Inter,system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;background:#fff;margin:0}
main{max-width:1160px;margin:0 auto;padding:28px 24px 60px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;margin:36px 0 4px;border-bottom:2px solid #0f766e;padding-bottom:4px}
h3{font-size:16px;margin:22px 0 8px;color:#0f766e}.muted{color:#5b6b7a}
.note{background:#fff7e6;border-left:4px solid #f59e0b;padding:8px 12px}
table{border-collapse:collapse;font-size:12.5px;margin:6px 0}th,td{padding:4px 6px;border-bottom:1px solid #e3e8ee;text-align:right;white-space:nowrap}
th{background:#f4f6f8;white-space:normal;vertical-align:bottom}.wide{overflow-x:auto}td.l,th.l{text-align:left}
svg{display:block;margin:6px 0;max-width:100%;height:auto}svg text{font-family:Inter,system-ui,sans-serif}
.charts{display:flex;flex-wrap:wrap;gap:18px}ol.branches{font-size:13.5px;padding-left:22px}ol.branches li{margin:3px 0}
`;

const r1 = (x: number) => Math.round(x * 10) / 10;

function board(g: Group): string {
  const head = ['Rank', 'Player', 'Ending', ...BOARD_COLUMNS].map((h, i) => `<th scope="col"${i === 1 || i === 2 ? ' class="l"' : ''}>${esc(h)}</th>`).join('');
  const rows = boardRows(g).map(
    (r) =>
      `<tr><td>${r.rank}</td><td class="l">${esc(r.player.name)}</td><td class="l">${esc(ENDING_SHORT[r.player.ending])}</td>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
  );
  return `<div class="wide"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function valueBars(g: Group): string {
  const rows = boardRows(g);
  const h = rows.length * 24 + 10;
  const bars = rows.map((r, i) => {
    const v = r.player.outcome.value;
    const y = 5 + i * 24;
    return `<text x="190" y="${y + 15}" text-anchor="end" font-size="12">${esc(r.player.name.slice(0, 28))}</text><rect x="200" y="${y + 2}" width="${r1(Math.max(1, v * 4.4))}" height="16" rx="3" fill="${cssColor(valueColor(v))}"><title>${esc(`${r.player.name}: outcome value ${v}`)}</title></rect><text x="${r1(206 + v * 4.4)}" y="${y + 15}" font-size="12">${v}</text>`;
  });
  return `<svg width="700" height="${h}" viewBox="0 0 700 ${h}" role="img" aria-label="Outcome value of each player">${bars.join('')}</svg>`;
}

function histogramSvg(title: string, bars: { label: string; count: number }[]): string {
  const w = 320;
  const h = 170;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const bw = r1((w - 20) / Math.max(1, bars.length));
  const rects = bars.map((b, i) => {
    const bh = r1((b.count / max) * 110);
    const x = r1(10 + i * bw);
    return `<rect x="${x + 2}" y="${140 - bh}" width="${bw - 4}" height="${bh}" fill="#0f766e"><title>${esc(`${b.label}: ${b.count}`)}</title></rect>${b.count > 0 ? `<text x="${x + bw / 2}" y="${136 - bh}" text-anchor="middle" font-size="11">${b.count}</text>` : ''}<text x="${x + bw / 2}" y="156" text-anchor="middle" font-size="${bars.length > 6 || b.label.length > 9 ? 8 : 10}">${esc(b.label)}</text>`;
  });
  return `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><text x="10" y="14" font-size="12" font-weight="600">${esc(title)}</text><line x1="10" y1="140" x2="${w - 10}" y2="140" stroke="#9aa5b1"/>${rects.join('')}</svg>`;
}

const bins = (bs: Bin[], fmt: (n: number) => string) => bs.map((b) => ({ label: binLabel(b, fmt), count: b.count }));

function distribution(g: Group): string {
  const d = g.distribution;
  return `<div class="charts">${histogramSvg(
    'Endings',
    d.endings.map((e) => ({ label: e.label, count: e.count })),
  )}${histogramSvg('Outcome value', bins(d.value, String))}${histogramSvg('ARR at the end', bins(d.arr, arrLabel))}</div>`;
}

function treeSvg(g: Group): string {
  const { bands, weeks, players } = bandLayout(g.tree);
  const W = 960;
  const left = 20;
  const top = 30;
  const unit = Math.max(14, Math.min(40, Math.floor(420 / Math.max(1, players))));
  const sx = r1((W - left - 20) / Math.max(1, weeks));
  const H = top + players * unit + 20;
  const ticks: string[] = [];
  for (let w = 0; w <= weeks; w += weeks > 40 ? 10 : 5)
    ticks.push(
      `<line x1="${r1(left + w * sx)}" y1="${top - 4}" x2="${r1(left + w * sx)}" y2="${H - 18}" stroke="#e3e8ee"/><text x="${r1(left + w * sx)}" y="${top - 8}" text-anchor="middle" font-size="10" fill="#5b6b7a">wk ${w}</text>`,
    );
  const rects = bands.map((b) => {
    const x = r1(left + b.x0 * sx);
    const w = r1(Math.max(3, (b.x1 - b.x0) * sx));
    const y = top + b.y0 * unit;
    const h = b.y1 * unit - b.y0 * unit;
    const names = b.branch.players.map((i) => g.players[i]?.name ?? '?').join(', ');
    const tip = `${branchWeeks(b.branch)}: ${b.branch.decisions.join('; ') || 'everyone'} — ${names}; mean value ${b.branch.meanValue}${b.branch.cost === null ? '' : `, ${costWords(b.branch.cost)}`}`;
    const text =
      w > 46 && h >= 14 ? `<text x="${x + 4}" y="${y + Math.min(h, 28) / 2 + 4}" font-size="11" fill="#0d1117">${b.branch.meanValue} · ${b.branch.players.length}p</text>` : '';
    return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${cssColor(valueColor(b.branch.meanValue))}" stroke="#fff" stroke-width="1.5"><title>${esc(tip)}</title></rect>${text}`;
  });
  const split = g.tree.firstSplit;
  const marker =
    split === null
      ? ''
      : `<line x1="${r1(left + (split - 1) * sx)}" y1="${top}" x2="${r1(left + (split - 1) * sx)}" y2="${H - 14}" stroke="#1f2933" stroke-dasharray="4 3"/><text x="${r1(left + (split - 1) * sx + 4)}" y="${H - 4}" font-size="11">first split: week ${split}</text>`;
  return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="Divergence tree: weeks left to right, bands as tall as their number of players, coloured and labelled by mean outcome value">${ticks.join('')}${rects.join('')}${marker}</svg>`;
}

function branchList(g: Group): string {
  const items = g.tree.branches.slice(1).map((b) => {
    const names = b.players.map((i) => esc(g.players[i]?.name ?? '?')).join(', ');
    return `<li style="margin-left:${(b.depth - 1) * 18}px"><b>${esc(branchWeeks(b))}</b>: ${esc(b.decisions.join('; '))} — ${b.players.length} (${names}); mean value ${b.meanValue}, ${esc(costWords(b.cost))}; ${esc(endingWords(b.endings))}</li>`;
  });
  return items.length > 0 ? `<ol class="branches">${items.join('')}</ol>` : '';
}

function group(g: Group): string {
  const ranks = g.rankings.map(
    (r) =>
      `<tr><th scope="row" class="l">${esc(r.label)}</th><td class="l">${r.rows.map((row) => `${rankText(row.rank)} ${esc(g.players[row.player]?.name ?? '?')} (${esc(row.display)})`).join(', ')}</td></tr>`,
  );
  return `<section><h2>${esc(g.scenario.name)} · seed “${esc(g.seed)}”</h2>
<p class="muted">${g.players.length} ${g.players.length === 1 ? 'player' : 'players'}; scenario ${esc(g.scenario.id)} version ${esc(g.scenario.version)} (content ${esc(g.scenario.hash.slice(0, 12))}).</p>
<h3>Leaderboard (by outcome value)</h3>${board(g)}${g.incomplete.map((t) => `<p class="note">${esc(t)}</p>`).join('')}${valueBars(g)}
<h3>Rank on each dimension</h3><table><tbody>${ranks.join('')}</tbody></table>
<h3>Distribution</h3>${distribution(g)}
<h3>Where decisions diverged</h3><p>${esc(g.tree.summary)}</p>${g.tree.branches.length > 1 ? treeSvg(g) : ''}${branchList(g)}</section>`;
}

/** The comparison as one self-contained HTML page. */
export function compareHtml(c: Comparison): string {
  const notes = c.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Workshop comparison — Phase Shift</title><style>${CSS}</style></head>
<body><main><h1>Workshop comparison</h1><p class="muted">${c.logs} logs in ${c.groups.length} ${c.groups.length === 1 ? 'group' : 'groups'}. Colours follow the outcome value (red low, amber middle, teal high); every coloured shape also carries its number.</p>${notes}
${c.groups.map(group).join('\n')}
</main></body></html>
`;
}
