import type { Scenario } from '../../scenarios/schema.js';
import type { GameState } from '../../engine/state.js';
import { arr, payingCustomers, runwayWeeks } from '../../engine/derive.js';
import { MARK_GLYPH, MARKS, type Debrief, type Progress } from '../../analysis/types.js';
import { esc, money, runway } from '../format.js';
import type { OpenedLog } from './loading.js';
import { markCss } from './marks.js';

/* The board's static HTML: the frame, the top bar, the caption above the dashboard, and the
 * analysis progress line. */

/** The board's frame; the parts are filled by the Board. */
export const BOARD_HTML = `<header class="vtop" data-testid="viewer-top"></header>
  <section class="vdash" aria-label="Dashboard at the selected week"><div class="vcaption" data-testid="viewer-week" aria-live="polite"></div><div class="vdash-host"></div></section>
  <aside class="vright" aria-label="Decisions"><div class="vprogress" data-testid="progress" role="status"></div>
    <div class="vlist" data-testid="decision-list" aria-label="Decisions by week"></div><div class="vpanel" data-testid="decision-panel"></div></aside>
  <footer class="vbottom" aria-label="Evaluation and timeline"></footer>`;

/** The top bar: who, which scenario and seed, verified, the downloads. */
export function topBarHtml(log: OpenedLog, debrief: Debrief | null, renderer: string): string {
  const h = log.facts.header;
  const sc = log.loaded.scenario;
  const marks = debrief ? MARKS.map((m) => `<span style="color:${markCss(m)}" title="${debrief.marks[m]} ${m}">${MARK_GLYPH[m]} ${debrief.marks[m]}</span>`).join(' ') : '';
  const fork = h.fork
    ? `<span class="fig fork" title="Forked from the log with facts hash ${esc(h.fork.parent)}">fork of ${esc(h.fork.parent.slice(0, 8))}… at week ${h.fork.week}</span>`
    : '';
  const wait = debrief ? '' : ' disabled title="Available when the analysis finishes"';
  const player = esc(h.player || 'Anonymous player');
  return `<span class="co" title="${player}" data-testid="viewer-player">${player}</span><span class="sep">·</span><span class="scn" title="${esc(sc.name)}">${esc(sc.name)}</span><span class="sep">·</span>
    <span class="fig seed" title="seed ${esc(h.seed)}">seed <b>${esc(h.seed)}</b></span><span class="verified" data-testid="verified" title="Every line was re-simulated from the seed and matched">verified ✓</span>${fork}
    <span class="marks" data-testid="mark-counts">${marks}</span><span class="spacer"></span><span class="renderer">${renderer === 'webgl' ? 'WebGL' : 'Canvas 2D'}</span>
    <button class="btn" data-action="annotated" data-testid="download-annotated">⤓ Download annotated</button>
    <button class="btn" data-action="md" data-testid="export-md"${wait}>Export Markdown</button>
    <button class="btn" data-action="html" data-testid="export-html"${wait}>Export HTML</button>
    <a class="btn" href="./?view=replay" title="Open another log">Open…</a>`;
}

/** The line above the dashboard: which week it shows and its headline figures. */
export function captionHtml(sc: Scenario, s: GameState, week: number, weeks: number): string {
  const post = s.phase === 'postFit' || s.fitWeek !== null;
  const left = runwayWeeks(s);
  const phase = s.phase === 'ended' ? `ENDED${s.ended ? ` (${s.ended.reason})` : ''}` : post ? 'POST-FIT: operations' : 'PRE-FIT: lab';
  return `<span>End of week <b>${week}</b>/${weeks}</span><span class="badge${post ? ' ops' : ''}">${esc(phase)}</span>
    <span class="fig">cash <b>${money(s.cash)}</b></span><span class="fig">runway <b>${week >= 1 ? runway(left) : '—'}</b></span>
    <span class="fig">ARR <b>${money(arr(s, sc))}</b></span><span class="fig">paying <b>${payingCustomers(s)}</b></span>`;
}

/** The analysis line: a progress bar while it runs, a summary or the problem after. */
export function progressHtml(p: Progress | null, done: boolean, problem: string | null): string {
  if (problem) return `<span class="bad">The analysis failed (${esc(problem)}); the board works without marks.</span>`;
  if (done) return '';
  const share = p && p.total > 0 ? p.done / p.total : 0;
  return `<span>Analysing every decision${p ? `: ${esc(p.stage)} (${p.done}/${p.total})` : '…'}</span>
    <progress max="100" value="${Math.round(share * 100)}" aria-label="Analysis progress">${Math.round(share * 100)}%</progress>`;
}
