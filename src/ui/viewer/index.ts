import type { Annotation } from '../../engine/log/format.js';
import type { RendererName } from '../dashboard.js';
import type { ReplaySource } from '../params.js';
import { esc } from '../format.js';
import { checkLogText, readFile, readSource, type OpenProblem } from './loading.js';
import { renderOpenScreen, showOpenStatus } from './open.js';
import { Board } from './board.js';
import { forgetStored, viewerUrlFor } from './handoff.js';
import { analyse } from './analysis.js';
import './viewer.css';

/* The replay viewer's entry: open a log (file, drop, URL or storage), check it whole, then show
 * the board and start the analysis in a worker. */

/** What end-to-end tests (and curious coaches) can read from the viewer. */
export interface ViewerHandle {
  renderer: RendererName;
  /** The selected week. */
  week(): number;
  /** The selected decision's seq, or null when a week is selected without one. */
  selected(): number | null;
  /** Whether the analysis has finished and its marks are shown. */
  analysed(): boolean;
  /** Milliseconds the last seek took to render. */
  seekMs(): number;
  /** The coach's notes as they would be written into the log. */
  annotations(): Annotation[];
  /** Moves to a week (for benchmarks): the same path as a click on the strip. */
  seek(week: number): void;
}

declare global {
  interface Window {
    __phaseShiftViewer?: ViewerHandle;
  }
}

/** Shows a board for text that passed every check, or the reason it did not. */
async function openText(host: HTMLElement, name: string, text: string): Promise<OpenProblem | null> {
  const checked = checkLogText(text, name);
  if (!checked.ok) return checked.problem;
  const board = await Board.mount(host, checked.log);
  board.focusBoard();
  document.title = `${checked.log.facts.header.player || 'Game'} · ${checked.log.loaded.scenario.name} — Phase Shift review`;
  window.__phaseShiftViewer = {
    renderer: board.dashboard.renderer,
    week: () => board.view().week,
    selected: () => board.view().selected,
    analysed: () => board.view().analysed,
    seekMs: () => board.view().seekMs,
    annotations: () => [...board.book.list()],
    seek: (week) => board.seek(week, null),
  };
  const run = analyse(checked.log, (p) => board.showProgress(p));
  run.result.then(
    (d) => board.analysed(d),
    (err: unknown) => board.showProgress(null, err instanceof Error ? err.message : String(err)),
  );
  return null;
}

/** A paint before the long synchronous check, so "Checking…" is seen. */
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** Keeps a picked or dropped log in this tab's storage and points the URL at it, so a reload reopens it. */
function rememberPicked(name: string, text: string): void {
  const previous = new URLSearchParams(window.location.search).get('stored');
  try {
    window.history.replaceState(null, '', viewerUrlFor(text, name));
    if (previous) forgetStored(previous);
  } catch {
    /* storage full or blocked: a reload shows the open screen again */
  }
}

function pickScreen(host: HTMLElement, problem?: OpenProblem): void {
  // The open screen lives in its own element, so its drop listeners go when the board replaces it.
  const box = document.createElement('div');
  host.className = '';
  host.replaceChildren(box);
  renderOpenScreen(
    box,
    (file) => {
      showOpenStatus(box, `Reading and checking ${file.name}…`);
      readFile(file)
        .then(async ({ name, text }) => {
          await nextFrame();
          const p = await openText(host, name, text);
          if (p) pickScreen(host, p);
          else rememberPicked(name, text);
        })
        .catch((err: unknown) => showOpenStatus(box, { title: `${file.name} cannot be read`, reason: err instanceof Error ? err.message : String(err) }));
    },
    problem,
  );
}

/** Mounts the viewer for a URL's source: the open screen, or a log fetched or read from storage. */
export async function mountViewer(host: HTMLElement, source: ReplaySource): Promise<void> {
  if (source.kind === 'pick') return pickScreen(host);
  host.innerHTML = `<p class="loading">${source.kind === 'url' ? `Fetching ${esc(source.url)}…` : 'Reading the log…'}</p>`;
  let got: { name: string; text: string };
  try {
    got = await readSource(source);
  } catch (err) {
    return pickScreen(host, { title: 'The log could not be read', reason: err instanceof Error ? err.message : String(err) });
  }
  await nextFrame();
  const problem = await openText(host, got.name, got.text);
  if (problem) pickScreen(host, problem);
}
