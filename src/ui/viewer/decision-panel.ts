import type { Annotation } from '../../engine/log/format.js';
import { evidenceLines, ruleWords, type Flag } from '../../analysis/alignment.js';
import { ENDINGS } from '../../analysis/score.js';
import { MARK_GLYPH, MARKS, type Alternative, type DecisionEvaluation } from '../../analysis/types.js';
import { esc, money } from '../format.js';
import type { Item } from './items.js';
import { markBadge } from './marks.js';

/* The panel under the list: for the selected decision, its flags with their reasons and
 * evidence and the alternatives with their outcomes (best highlighted); for a week, its note.
 * Then the coach's note form and [Play from here]. */

/** What the panel shows. */
export interface PanelState {
  week: number;
  item: Item | null;
  analysed: boolean;
  note: Annotation | undefined;
  /** Other notes on the same target (another coach's file), shown read-only above the form. */
  others?: readonly Annotation[];
  author: string;
  forkable: boolean;
}

function flagsHtml(flags: readonly Flag[]): string {
  if (flags.length === 0) return '<p class="muted">No alignment flags on this decision.</p>';
  return `<ul class="vflags">${flags
    .map(
      (f) => `<li><b>⚑ ${esc(ruleWords(f.rule).trim())}</b> — ${esc(f.reason)}
    <span class="evidence">${evidenceLines(f)
      .map((line) => `<span>${esc(line)}</span>`)
      .join('')}</span></li>`,
    )
    .join('')}</ul>`;
}

function othersHtml(notes: readonly Annotation[] | undefined): string {
  if (!notes || notes.length === 0) return '';
  const line = (a: Annotation) =>
    `<li>${a.mark ? `<b>${esc(MARK_GLYPH[a.mark])} ${esc(a.mark)}</b> ` : ''}${esc(a.text)}${a.author ? ` <span class="muted">— ${esc(a.author)}</span>` : ''}</li>`;
  return `<h4>Other notes here</h4><ul class="vothers" data-testid="other-notes">${notes.map(line).join('')}</ul>`;
}

function altRow(a: Alternative, best: boolean): string {
  const o = a.outcome;
  const ending = o.ending === 'playing' ? 'log ends mid-game' : (ENDINGS[o.ending] ?? o.ending).split(':')[0];
  return `<tr class="${best ? 'best' : ''}${a.actual ? ' actual' : ''}"><td>${best ? '★ ' : ''}${esc(a.label)}${a.actual ? ' <i>(played)</i>' : ''}</td>
    <td>${esc(ending ?? '')} · wk ${o.week}</td><td class="num">${o.value.toFixed(1)}</td><td class="num">${money(o.arr)}</td></tr>`;
}

function evaluationHtml(ev: DecisionEvaluation): string {
  const rows = ev.alternatives.map((a, i) => altRow(a, i === ev.best)).join('');
  return `<h4>Alignment flags</h4>${flagsHtml(ev.flags)}
    <h4>Alternatives, each played to the end by the reference bot</h4>
    <table class="valts" data-testid="alternatives"><thead><tr><th>Option</th><th>Ending</th><th class="num">Value</th><th class="num">ARR</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function noteForm(s: PanelState): string {
  const n = s.note;
  const target = s.item ? `decision #${s.item.seq}` : `week ${s.week}`;
  const options = ['<option value="">no mark</option>', ...MARKS.map((m) => `<option value="${m}"${n?.mark === m ? ' selected' : ''}>${MARK_GLYPH[m]} ${m}</option>`)].join('');
  return `<form class="vnote" data-testid="note-form" aria-label="Coach's note on ${target}">
    <h4>Coach's note on ${target}${n ? ' <span class="saved">saved</span>' : ''}</h4>
    <textarea name="text" rows="2" maxlength="10000" placeholder="What should the player take from this?" aria-label="Comment">${esc(n?.text ?? '')}</textarea>
    <div class="row"><label>Mark <select name="mark" aria-label="Coach's mark">${options}</select></label>
    <label>By <input name="author" maxlength="200" value="${esc(n?.author ?? s.author)}" placeholder="coach" aria-label="Author"></label>
    <button type="submit" class="btn primary" data-action="save-note">Save note</button>
    <button type="button" class="btn" data-action="delete-note"${n ? '' : ' disabled'}>Delete</button></div></form>`;
}

/** The panel's HTML for a state. */
export function decisionPanelHtml(s: PanelState): string {
  const it = s.item;
  const ev = it?.evaluation;
  const head = it
    ? `<h3>${ev ? markBadge(ev.mark) : ''} Week ${it.week} · #${it.seq} ${esc(it.label)}${ev ? ` <span class="regret">regret ${ev.regret.toFixed(1)}</span>` : ''}</h3>`
    : `<h3>Week ${s.week}</h3><p class="muted">No decision selected: click one in the list or on the strip, or step with ← →.</p>`;
  const body =
    it && !ev
      ? `<p class="muted">${s.analysed ? 'The debrief did not evaluate this decision.' : 'The engine is still analysing: flags and alternatives appear when it finishes.'}</p>`
      : ev
        ? evaluationHtml(ev)
        : '';
  const fork = `<button type="button" class="btn primary" data-action="fork" data-testid="fork"${s.forkable ? '' : ' disabled'} title="A new game on the same seed: your decisions before week ${s.week} are replayed, then week ${s.week} is yours to play">▶ Play from here (week ${s.week})</button>`;
  return `${head}${body}${othersHtml(s.others)}${noteForm(s)}<p class="forkrow">${fork}</p>`;
}

/** The note the form holds, or null when it holds neither a comment nor a mark. */
export function readNoteForm(form: HTMLFormElement, target: { week: number; seq?: number }): Annotation | null {
  const data = new FormData(form);
  const text = String(data.get('text') ?? '').trim();
  const mark = String(data.get('mark') ?? '');
  const author = String(data.get('author') ?? '').trim();
  if (!text && !mark) return null;
  const known = MARKS.find((m) => m === mark);
  return {
    kind: 'annotation',
    week: target.week,
    ...(target.seq !== undefined ? { seq: target.seq } : {}),
    ...(author ? { author } : {}),
    ...(known ? { mark: known } : {}),
    text,
  };
}
