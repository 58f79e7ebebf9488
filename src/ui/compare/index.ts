import { compareChecked, dropDuplicates } from '../../analysis/compare.js';
import type { Comparison, Dimension, Group, LogProblem } from '../../analysis/compare-types.js';
import type { RendererName } from '../dashboard.js';
import { esc } from '../format.js';
import { viewerUrlFor } from '../viewer/handoff.js';
import { boardHtml, distributionHtml, type SortState } from './board.js';
import { problemText, readBatch, type Accepted } from './files.js';
import { branchHtml, branchListHtml, EMPTY_HTML, groupOptions } from './panels.js';
import { TreeCanvas, type BandRect } from './tree.js';
import './compare.css';

/* The browser's workshop comparison (?view=compare): the coach drops or picks many logs, each
 * is checked whole, and the view shows a sortable leaderboard, the distribution and the
 * divergence tree (pixi), with every branch's players one click from the replay viewer. */

/** What end-to-end tests can read from the comparison view. */
export interface CompareHandle {
  renderer: RendererName;
  groups(): { key: string; seed: string; scenario: string; players: string[] }[];
  /** The shown group's branches, root first, with where each band was drawn on the canvas. */
  /** Where the "first split" label (which selects the root) was drawn, if there is a split. */
  rootLabel(): BandRect | null;
  branches(): { id: string; parent: string | null; week: number; players: string[]; meanValue: number; cost: number | null; rect: BandRect | null }[];
}

declare global {
  interface Window {
    __phaseShiftCompare?: CompareHandle;
  }
}

const TREE_W = 592;
const TREE_H = 300;

interface State {
  logs: Accepted[];
  problems: LogProblem[];
  /** Files picked again that were already loaded with the same text (said, not refused). */
  reloaded: string[];
  comparison: Comparison | null;
  groupKey: string | null;
  sort: SortState;
  selected: string | null;
  hovered: string | null;
}

function skeleton(host: HTMLElement): void {
  host.className = 'compare-page';
  host.innerHTML = `<div class="compare" data-testid="compare">
  <header class="ctop"><span class="co">Phase Shift</span><span class="sep">·</span><b>Compare logs</b>
    <label class="btn primary cpick">Add logs…<input type="file" multiple accept=".jsonl,.json,.txt,application/jsonl,application/json,text/plain" data-testid="compare-files" aria-label="Add game logs to compare"></label>
    <button type="button" class="btn" data-clear>Clear</button>
    <select data-testid="compare-group" aria-label="Group of logs shown" hidden></select>
    <span class="spacer"></span><span class="ccount" data-testid="compare-count"></span><span class="renderer" data-testid="compare-renderer"></span><a class="btn" href="./">New game</a></header>
  <section class="cleft" aria-label="Leaderboard and distribution">
    <div class="cmsg" role="alert" data-testid="compare-problems"></div><div class="cnotes" data-testid="compare-notes"></div>
    <div class="cboard">${EMPTY_HTML}</div><div class="cdist-host"></div></section>
  <section class="cright" aria-label="Where decisions diverged">
    <p class="csummary" data-testid="tree-summary">The divergence tree appears here once logs are added.</p><div class="ctree-host"></div>
    <div class="cbottom"><ol class="cbranches" data-testid="branch-list" aria-label="Branches"></ol><div class="cbranch" data-testid="branch-players" aria-live="polite"></div></div></section></div>`;
}

/** Rejected files, most serious first: a log that does not reproduce, then unreadable files,
 * other scenarios, and copies last (a stable sort keeps name order within each kind). */
const SEVERITY: Record<LogProblem['kind'], number> = { mismatch: 0, parse: 1, scenario: 2, duplicate: 3 };
const bySeverity = (ps: LogProblem[]) => [...ps].sort((a, b) => SEVERITY[a.kind] - SEVERITY[b.kind]);

/** The problems box: how many files were left out (when more than one), each reason, and files already loaded. */
function problemsHtml(problems: LogProblem[], reloaded: string[]): string {
  const head = problems.length > 1 ? `<p class="chead">${problems.length} files were not added (most serious first):</p>` : '';
  const bad = problems.map((p) => `<p class="bad" data-testid="compare-problem">${esc(problemText(p))}</p>`).join('');
  const again = reloaded.length > 0 ? `<p class="muted" data-testid="compare-reloaded">Already loaded: ${esc(reloaded.join(', '))}.</p>` : '';
  return head + bad + again;
}

const q = <T extends HTMLElement>(host: HTMLElement, sel: string) => host.querySelector<T>(sel) as T;

class CompareView {
  private readonly state: State = {
    logs: [],
    problems: [],
    reloaded: [],
    comparison: null,
    groupKey: null,
    sort: { dim: 'outcome', reversed: false },
    selected: null,
    hovered: null,
  };

  constructor(
    private readonly host: HTMLElement,
    readonly tree: TreeCanvas,
  ) {
    tree.onSelect = (id) => this.select(id);
    tree.onHover = (id) => {
      this.state.hovered = id;
      this.renderBranch();
    };
    host.addEventListener('click', (ev) => this.onClick(ev));
    q<HTMLSelectElement>(host, '[data-testid=compare-group]').addEventListener('change', (ev) => {
      this.state.groupKey = (ev.target as HTMLSelectElement).value;
      this.state.selected = null;
      this.render();
    });
    const input = q<HTMLInputElement>(host, '[data-testid=compare-files]');
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      void this.add(files);
    });
    host.addEventListener('dragover', (ev) => ev.preventDefault());
    host.addEventListener('drop', (ev) => {
      ev.preventDefault();
      void this.add([...(ev.dataTransfer?.files ?? [])]);
    });
  }

  /** The current comparison (null before any log is added). */
  comparison(): Comparison | null {
    return this.state.comparison;
  }

  /** The group on screen. */
  group(): Group | undefined {
    const c = this.state.comparison;
    return c?.groups.find((g) => g.key === this.state.groupKey) ?? c?.groups[0];
  }

  /** Checks new files, keeps the good ones (a same-named file replaces the old; a file repeating a
   * game already here is refused by name, the first kept) and redraws. */
  async add(files: File[]): Promise<void> {
    if (files.length === 0) return;
    const status = q(this.host, '[data-testid=compare-problems]');
    const batch = await readBatch(files, (done, total, name) => {
      status.innerHTML = `<p class="muted">Checking ${esc(name)} (${done + 1} of ${total}): parsing and re-simulating…</p>`;
    });
    const same = (a: Accepted) => this.state.logs.some((l) => l.checked.name === a.checked.name && l.text === a.text);
    this.state.reloaded = batch.accepted.filter(same).map((a) => a.checked.name);
    const fresh = batch.accepted.filter((a) => !same(a));
    const names = new Set(fresh.map((a) => a.checked.name));
    const all = [...this.state.logs.filter((l) => !names.has(l.checked.name)), ...fresh];
    const { kept, duplicates } = dropDuplicates(all.map((a) => a.checked));
    const unique = new Set(kept);
    this.state.logs = all.filter((a) => unique.has(a.checked));
    this.state.problems = bySeverity([...batch.rejected, ...duplicates]);
    this.recompute();
  }

  private recompute(): void {
    const c = this.state.logs.length > 0 ? compareChecked(this.state.logs.map((l) => l.checked)) : null;
    this.state.comparison = c;
    if (!c?.groups.some((g) => g.key === this.state.groupKey)) this.state.groupKey = c?.groups[0]?.key ?? null;
    this.state.selected = null;
    this.render();
  }

  private onClick(ev: MouseEvent): void {
    const el = (ev.target as HTMLElement).closest<HTMLElement>('[data-sort],[data-open],[data-branch],[data-clear]');
    if (!el) return;
    if (el.dataset.sort) this.sortBy(el.dataset.sort as Dimension);
    else if (el.dataset.open) this.open(Number(el.dataset.open));
    else if (el.dataset.branch) this.select(el.dataset.branch);
    else if (el.hasAttribute('data-clear')) {
      this.state.logs = [];
      this.state.problems = [];
      this.state.reloaded = [];
      this.recompute();
    }
  }

  private sortBy(dim: Dimension): void {
    const s = this.state.sort;
    this.state.sort = { dim, reversed: s.dim === dim ? !s.reversed : false };
    const g = this.group();
    if (g) q(this.host, '.cboard').innerHTML = boardHtml(g, this.state.sort);
    q<HTMLElement>(this.host, `[data-sort="${dim}"]`).focus();
  }

  private select(id: string): void {
    this.state.selected = id;
    this.tree.select(id);
    for (const b of this.host.querySelectorAll<HTMLElement>('[data-branch]')) b.setAttribute('aria-pressed', String(b.dataset.branch === id));
    this.renderBranch();
  }

  /** Opens a player's log in the replay viewer, in a new tab when the browser allows one. */
  private open(index: number): void {
    const p = this.group()?.players[index];
    const log = p ? this.state.logs.find((l) => l.checked.name === p.file) : undefined;
    if (!p || !log) return;
    const url = viewerUrlFor(log.text, p.file);
    if (!window.open(url, '_blank')) window.location.assign(url);
  }

  private renderBranch(): void {
    const g = this.group();
    const id = this.state.hovered ?? this.state.selected;
    q(this.host, '.cbranch').innerHTML = g
      ? branchHtml(
          g,
          g.tree.branches.find((b) => b.id === id),
        )
      : '';
  }

  /** Redraws every part from the state. */
  render(): void {
    const c = this.state.comparison;
    const g = this.group();
    const box = q(this.host, '[data-testid=compare-problems]');
    box.innerHTML = problemsHtml(this.state.problems, this.state.reloaded);
    box.classList.toggle('more', box.scrollHeight > box.clientHeight + 1);
    q(this.host, '[data-testid=compare-notes]').innerHTML = (c?.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`).join('');
    q(this.host, '[data-testid=compare-count]').textContent = `${this.state.logs.length} ${this.state.logs.length === 1 ? 'log' : 'logs'}`;
    const select = q<HTMLSelectElement>(this.host, '[data-testid=compare-group]');
    select.hidden = !c || c.groups.length < 2;
    select.innerHTML = c ? groupOptions(c, g?.key ?? null) : '';
    q(this.host, '.cboard').innerHTML = g ? boardHtml(g, this.state.sort) : EMPTY_HTML;
    q(this.host, '.cdist-host').innerHTML = g ? distributionHtml(g) : '';
    q(this.host, '[data-testid=tree-summary]').textContent = g ? g.tree.summary : 'The divergence tree appears here once logs are added.';
    q(this.host, '[data-testid=branch-list]').innerHTML = g ? branchListHtml(g, this.state.selected) : '';
    q(this.host, '.ctree-host').classList.toggle('blank', !g);
    if (g) this.tree.draw(g, this.state.selected);
    this.renderBranch();
  }
}

/** Mounts the comparison view in `host` (the page routes ?view=compare here). */
export async function mountCompare(host: HTMLElement): Promise<void> {
  skeleton(host);
  const tree = await TreeCanvas.mount(q(host, '.ctree-host'), TREE_W, TREE_H);
  q(host, '[data-testid=compare-renderer]').textContent = tree.renderer;
  const view = new CompareView(host, tree);
  view.render();
  window.__phaseShiftCompare = {
    renderer: tree.renderer,
    groups: () => (view.comparison()?.groups ?? []).map((g) => ({ key: g.key, seed: g.seed, scenario: g.scenario.id, players: g.players.map((p) => p.name) })),
    rootLabel: () => tree.rootLabelRect(),
    branches: () => {
      const g = view.group();
      const rects = tree.bandRects();
      return (g?.tree.branches ?? []).map((b) => ({
        id: b.id,
        parent: b.parent,
        week: b.week,
        players: b.players.map((i) => g?.players[i]?.name ?? '?'),
        meanValue: b.meanValue,
        cost: b.cost,
        rect: rects.find((r) => r.id === b.id) ?? null,
      }));
    },
  };
}
