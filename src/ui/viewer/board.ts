import type { GameState } from '../../engine/state.js';
import type { Debrief, Progress } from '../../analysis/types.js';
import { weekEnds } from '../../analysis/snapshots.js';
import { Dashboard } from '../dashboard.js';
import type { OpenedLog } from './loading.js';
import { AnnotationBook, type Target } from './annotations.js';
import { itemsOf, stepItem, type Item } from './items.js';
import { Timeline, type TimelinePick } from './timeline.js';
import { decisionListHtml, markSelection } from './decision-list.js';
import { decisionPanelHtml, readNoteForm } from './decision-panel.js';
import { BOARD_HTML, captionHtml, progressHtml, topBarHtml } from './layout.js';
import { downloadAnnotated, downloadReport } from './exports.js';
import { prepareFork } from './fork.js';
import { esc } from '../format.js';

/* The coach's board: the game's dashboard at the selected week (a lookup into the week states
 * verify kept while it checked the log), the decision list and panel, and the timeline;
 * analysis results and notes flow into them. */

const AUTHOR_KEY = 'phase-shift:coach';
const DASH = { w: 680, h: 504 };
const BOTTOM = { w: 1280, h: 140 };

/** The replay viewer for one opened, verified log. */
export class Board {
  private week = 1;
  private selected: number | null = null;
  private debrief: Debrief | null = null;
  private items: Item[];
  private progress: Progress | null = null;
  private problem: string | null = null;
  private lastSeekMs = 0;
  private shownWeek = 0;
  /** The week and decision the panel last showed, to open a new one at its top. */
  private panelFor = '';
  /** The debrief's evaluation by week (index = week), kept as one array so the timeline can cache. */
  private evaluation: (number | undefined)[] = [];
  readonly book: AnnotationBook;
  private readonly snaps: GameState[];
  private readonly ends: number[];
  private readonly postFit: boolean[];

  private constructor(
    readonly log: OpenedLog,
    private readonly root: HTMLElement,
    readonly dashboard: Dashboard,
    private readonly timeline: Timeline,
  ) {
    this.snaps = log.states;
    this.ends = weekEnds(log.facts);
    this.postFit = this.snaps.map((s) => s.fitWeek !== null);
    this.items = itemsOf(log.facts, log.loaded.scenario, null);
    this.book = new AnnotationBook(log.factsHash, log.annotations);
    root.addEventListener('click', (ev) => this.onClick(ev));
    root.addEventListener('submit', (ev) => this.onSubmit(ev));
    document.addEventListener('keydown', (ev) => this.onKey(ev));
  }

  /** Lays out the board in a host and shows the first decision's week. */
  static async mount(host: HTMLElement, log: OpenedLog): Promise<Board> {
    host.className = 'viewer';
    host.innerHTML = BOARD_HTML;
    const q = (sel: string) => host.querySelector<HTMLElement>(sel) as HTMLElement;
    const dashboard = await Dashboard.mount(q('.vdash-host'), DASH.w, DASH.h);
    let board: Board | null = null;
    const timeline = await Timeline.mount(q('.vbottom'), BOTTOM.w, BOTTOM.h, (p) => board?.onPick(p));
    board = new Board(log, host, dashboard, timeline);
    board.renderAll();
    const first = board.items[0];
    board.seek(first?.week ?? 1, first?.seq ?? null);
    return board;
  }

  /** Puts the keyboard on the board (the selected decision, else the strip) so keys work at once. */
  focusBoard(): void {
    const row = this.root.querySelector<HTMLElement>('.vlist .vitem[tabindex="0"]');
    (row ?? this.timeline.canvas).focus({ preventScroll: true });
  }

  private q(sel: string): HTMLElement {
    return this.root.querySelector<HTMLElement>(sel) as HTMLElement;
  }

  /** The last week the log reaches. */
  get weeks(): number {
    return Math.max(1, this.snaps.length - 1);
  }

  /** The selected week, the selected decision (seq), whether the analysis is in, the last seek's ms. */
  view(): { week: number; selected: number | null; analysed: boolean; seekMs: number } {
    return { week: this.week, selected: this.selected, analysed: this.debrief !== null, seekMs: this.lastSeekMs };
  }

  /** Shows a week (and selects a decision in it, or none), timing the render. */
  seek(week: number, selected: number | null = null): void {
    const t0 = performance.now();
    this.week = Math.max(1, Math.min(this.weeks, week));
    this.selected = selected;
    const s = this.snaps[this.week] ?? this.snaps[this.snaps.length - 1];
    if (!s) return;
    const sc = this.log.loaded.scenario;
    if (this.shownWeek !== this.week) {
      // Stepping between decisions of one week changes no state: the dashboard stays as drawn.
      this.q('.vcaption').innerHTML = captionHtml(sc, s, this.week, this.weeks);
      this.dashboard.update(sc, s, this.log.facts.entries.slice(0, this.ends[this.week] ?? this.log.facts.entries.length));
      this.shownWeek = this.week;
    }
    this.drawTimeline();
    markSelection(this.q('.vlist'), this.selected, this.week);
    this.renderPanel();
    this.lastSeekMs = performance.now() - t0;
  }

  private drawTimeline(): void {
    const waiting = this.debrief ? undefined : 'The outcome estimate appears here when the analysis finishes.';
    this.timeline.draw({
      weeks: this.weeks,
      postFit: this.postFit,
      items: this.items,
      week: this.week,
      selected: this.selected,
      evaluation: this.evaluation,
      ...(waiting ? { waiting } : {}),
    });
  }

  /** Takes in the finished debrief: marks, regret, flags, alternatives and the evaluation graph. */
  analysed(debrief: Debrief): void {
    this.debrief = debrief;
    this.items = itemsOf(this.log.facts, this.log.loaded.scenario, debrief);
    this.evaluation = [];
    for (const m of debrief.timeline) this.evaluation[m.week] = m.evaluation;
    this.renderAll();
    this.seek(this.week, this.selected);
  }

  /** Shows the analysis's progress, or its failure. */
  showProgress(p: Progress | null, problem: string | null = null): void {
    this.progress = p;
    this.problem = problem;
    this.q('.vprogress').innerHTML = progressHtml(this.progress, this.debrief !== null, this.problem);
  }

  private renderAll(): void {
    this.q('.vtop').innerHTML = topBarHtml(this.log, this.debrief, this.dashboard.renderer);
    this.showProgress(this.progress, this.problem);
    this.renderList();
  }

  private renderList(): void {
    const list = this.q('.vlist');
    const scroll = list.scrollTop;
    list.innerHTML = decisionListHtml(
      this.items,
      (seq) => this.book.onDecision(seq),
      (week) => this.book.at({ week }),
    );
    list.scrollTop = scroll;
    markSelection(list, this.selected, this.week);
  }

  private target(): Target {
    const item = this.items.find((it) => it.seq === this.selected);
    return item ? { week: item.week, seq: item.seq } : { week: this.week };
  }

  private renderPanel(): void {
    const item = this.items.find((it) => it.seq === this.selected) ?? null;
    const author = localStorage.getItem(AUTHOR_KEY) ?? '';
    const panel = this.q('.vpanel');
    const shows = `${this.week}:${this.selected ?? ''}`;
    // A newly picked decision opens at its heading and flags, wherever the last one was scrolled.
    if (shows !== this.panelFor) panel.scrollTop = 0;
    this.panelFor = shows;
    panel.innerHTML = decisionPanelHtml({
      week: this.week,
      item,
      analysed: this.debrief !== null,
      note: this.book.at(this.target()),
      others: this.book.others(this.target()),
      author,
      forkable: true,
    });
  }

  /** Picks from the timeline: a decision marker or a week. */
  onPick(p: TimelinePick): void {
    if (p.kind === 'decision') this.select(p.seq);
    else if (p.week !== this.week || this.selected !== null) this.seek(p.week, null);
  }

  /** Selects a decision and shows its week. */
  select(seq: number): void {
    const item = this.items.find((it) => it.seq === seq);
    if (item) this.seek(item.week, item.seq);
  }

  /** Steps decision by decision (← →) or to the first/last (Home/End). */
  step(key: 'prev' | 'next' | 'first' | 'last'): void {
    const item = stepItem(this.items, this.selected, key, this.week);
    if (!item) return this.seek(key === 'first' ? 1 : key === 'prev' ? this.week - 1 : key === 'last' ? this.weeks : this.week + 1, null);
    const listFocused = Boolean(document.activeElement?.closest('.vlist'));
    this.seek(item.week, item.seq);
    // Keyboard users stepping in the list keep their focus on the selected row.
    if (listFocused) this.q(`.vitem[data-seq="${item.seq}"]`)?.focus();
  }

  private onKey(ev: KeyboardEvent): void {
    const t = ev.target as HTMLElement;
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || t.closest('input, textarea, select, .dash-tabs, [role=tab]')) return;
    const keys: Record<string, 'prev' | 'next' | 'first' | 'last'> = { ArrowLeft: 'prev', ArrowRight: 'next', Home: 'first', End: 'last' };
    // In the list, ↑ ↓ move through the decisions too.
    const inList: Record<string, 'prev' | 'next'> = t.closest('.vlist') ? { ArrowUp: 'prev', ArrowDown: 'next' } : {};
    const key = keys[ev.key] ?? inList[ev.key];
    if (!key) return;
    ev.preventDefault();
    this.step(key);
  }

  private onClick(ev: Event): void {
    const el = ev.target as HTMLElement;
    const seq = el.closest<HTMLElement>('.vitem')?.dataset.seq;
    if (seq) return this.select(Number(seq));
    const action = el.closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action) this.act(action);
  }

  private act(action: string): void {
    const notes = this.book.list();
    if (action === 'annotated') downloadAnnotated(this.log, notes);
    else if ((action === 'md' || action === 'html') && this.debrief) void downloadReport(this.log, this.debrief, notes, action);
    else if (action === 'delete-note') this.changeNote(null);
    else if (action === 'fork') this.fork();
  }

  private onSubmit(ev: Event): void {
    const form = (ev.target as HTMLElement).closest<HTMLFormElement>('form.vnote');
    if (!form) return;
    ev.preventDefault();
    const note = readNoteForm(form, this.target());
    if (note?.author) localStorage.setItem(AUTHOR_KEY, note.author);
    this.changeNote(note);
  }

  private changeNote(note: ReturnType<typeof readNoteForm>): void {
    if (note) this.book.put(note);
    else this.book.remove(this.target());
    this.renderList();
    this.renderPanel();
    this.q('.vpanel textarea')?.focus({ preventScroll: true });
  }

  private fork(): void {
    const r = prepareFork(this.log, this.week);
    if (r.ok) window.location.href = r.url;
    else this.q('.vpanel .forkrow').insertAdjacentHTML('beforeend', `<span class="bad" role="alert"> Cannot play from week ${this.week}: ${esc(r.reason)}</span>`);
  }
}
