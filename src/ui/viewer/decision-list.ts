import type { Annotation } from '../../engine/log/format.js';
import { MARK_GLYPH } from '../../analysis/types.js';
import { esc } from '../format.js';
import type { Item } from './items.js';
import { markBadge } from './marks.js';

/* The decision list: the player's decisions grouped by week, each with the engine's mark (glyph
 * and colour), its regret, how many flags it raised, and the coach's mark when annotated. */

function coachBadge(note: Annotation | undefined): string {
  if (!note) return '';
  const mark = note.mark ? ` ${MARK_GLYPH[note.mark]}` : '';
  return `<span class="coach" title="Coach's note${note.mark ? ` (${note.mark})` : ''}">✎${mark}</span>`;
}

function row(it: Item, note: Annotation | undefined): string {
  const ev = it.evaluation;
  const mark = ev ? markBadge(ev.mark) : '<span class="mark pending" title="not analysed yet">·</span>';
  const regret = ev ? `<span class="regret" title="Regret: the best alternative's outcome minus this one's">${ev.regret > 0 ? `−${ev.regret.toFixed(1)}` : '0'}</span>` : '';
  const flags = ev && ev.flags.length ? `<span class="flags" title="${ev.flags.length} alignment flag(s)">⚑${ev.flags.length}</span>` : '';
  return `<button type="button" class="vitem" data-seq="${it.seq}" data-week="${it.week}" aria-pressed="false" tabindex="-1">${mark}<span class="lbl">${esc(it.label)}</span>${flags}${regret}${coachBadge(note)}</button>`;
}

/** The list's HTML: week headings with their decisions. */
export function decisionListHtml(items: readonly Item[], noteOf: (seq: number) => Annotation | undefined, weekNote: (week: number) => Annotation | undefined): string {
  if (items.length === 0) return '<p class="empty">This log has no player decisions yet.</p>';
  const out: string[] = [];
  let week = 0;
  for (const it of items) {
    if (it.week !== week) {
      if (week !== 0) out.push('</section>');
      week = it.week;
      out.push(`<section data-week="${week}"><h3>Week ${week}${coachBadge(weekNote(week))}</h3>`);
    }
    out.push(row(it, noteOf(it.seq)));
  }
  out.push('</section>');
  return out.join('');
}

/** The week's section, or the nearest listed week's when it has no decisions (later wins a tie). */
function nearestSection(list: HTMLElement, week: number): HTMLElement | null {
  let best: HTMLElement | null = null;
  let gap = Infinity;
  for (const s of list.querySelectorAll<HTMLElement>('section[data-week]')) {
    const d = Math.abs(Number(s.dataset.week) - week);
    if (d <= gap) [best, gap] = [s, d];
    if (Number(s.dataset.week) >= week) break;
  }
  return best;
}

/** Marks the selected decision (and the selected week's heading) without re-rendering the list,
 *  makes it the list's one Tab stop (the nearest week's first decision when none is selected),
 *  and scrolls it, or the nearest listed week, into view. */
export function markSelection(list: HTMLElement, seq: number | null, week: number): void {
  list.querySelectorAll<HTMLElement>('[aria-pressed=true]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
  list.querySelectorAll<HTMLElement>('.vitem[tabindex="0"]').forEach((b) => b.setAttribute('tabindex', '-1'));
  list.querySelectorAll<HTMLElement>('section.current').forEach((s) => s.classList.remove('current'));
  list.querySelector<HTMLElement>(`section[data-week="${week}"]`)?.classList.add('current');
  const button = seq === null ? null : list.querySelector<HTMLElement>(`.vitem[data-seq="${seq}"]`);
  button?.setAttribute('aria-pressed', 'true');
  const section = button ? null : nearestSection(list, week);
  (button ?? section?.querySelector<HTMLElement>('.vitem'))?.setAttribute('tabindex', '0');
  if (button) button.scrollIntoView({ block: 'nearest' });
  else if (section) revealTop(list, section);
}

/** Scrolls the list so a week's heading is at its top, unless the whole week is already in view. */
function revealTop(list: HTMLElement, el: HTMLElement): void {
  const r = el.getBoundingClientRect();
  const box = list.getBoundingClientRect();
  if (r.top < box.top || r.bottom > box.bottom) list.scrollTop += r.top - box.top - 2;
}
