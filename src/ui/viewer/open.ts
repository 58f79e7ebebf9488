import { esc } from '../format.js';
import type { OpenProblem } from './loading.js';

/* The viewer's open-a-log screen: drop a file anywhere on it or pick one; a refused log is named
 * here with the reason, and nothing else is shown. */

/** Renders the open screen; `onFile` receives the chosen file. */
export function renderOpenScreen(host: HTMLElement, onFile: (file: File) => void, problem?: OpenProblem): void {
  host.className = 'viewer-open';
  host.innerHTML = `<main class="vopen"><h1>Review a game log</h1>
    <p class="lede">The coach's board: every decision of a recorded game with the engine's judgement, its alternatives and your notes.</p>
    <label class="drop" data-testid="drop" tabindex="-1"><span class="big">Drop a game log (.jsonl) here</span><span>or choose one:</span>
      <input type="file" id="viewer-file" data-testid="viewer-file" accept=".jsonl,.json,.txt,application/jsonl,application/json,text/plain"></label>
    <p class="hint">The log is checked whole before anything is shown: every line is parsed and the game is re-simulated from its seed.</p>
    <div class="problem" role="alert" data-testid="viewer-problem">${problem ? problemHtml(problem) : ''}</div>
    <p><a href="./">← Back to the new-game screen</a></p></main>`;
  const input = host.querySelector<HTMLInputElement>('#viewer-file') as HTMLInputElement;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = '';
  });
  const drop = host.querySelector<HTMLElement>('.drop') as HTMLElement;
  host.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  host.addEventListener('dragleave', () => drop.classList.remove('over'));
  host.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const file = ev.dataTransfer?.files[0];
    if (file) onFile(file);
  });
}

/** Shows a problem on the open screen (or a busy note when `problem` is a string). */
export function showOpenStatus(host: HTMLElement, problem: OpenProblem | string): void {
  const box = host.querySelector<HTMLElement>('[data-testid=viewer-problem]');
  if (!box) return;
  box.innerHTML = typeof problem === 'string' ? `<span class="hint">${esc(problem)}</span>` : problemHtml(problem);
}

function problemHtml(p: OpenProblem): string {
  return `<b>${esc(p.title)}</b><p data-testid="viewer-reason">${esc(p.reason)}</p>`;
}
