import { esc } from './format.js';
import { showModal } from './modals.js';
import type { Session } from './session.js';

/* What the player sees about saves: the choice offered for a save that cannot be read, an
 * in-page confirmation before a save is replaced, and the read-only notice of a second tab. */

/** Offers the file download of a text (a save kept aside, say). */
export function downloadText(text: string, name: string, type = 'application/json'): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

/** The file name a kept-aside save downloads as. */
export function saveFileName(scenario: string, seed: string): string {
  return `phase-shift-save-${fileSafe(scenario)}-${fileSafe(seed)}.json`;
}

/** Asks, in the page, whether to go ahead; resolves true for the confirming button. */
export function confirmDialog(title: string, bodyHtml: string, okLabel: string, cancelLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const root = showModal(
      `<h2>${esc(title)}</h2>${bodyHtml}<p><button class="btn" data-testid="confirm-cancel">${esc(cancelLabel)}</button> <button class="btn primary" data-testid="confirm-ok">${esc(okLabel)}</button></p>`,
      'confirm',
    );
    root.querySelector('[role=dialog]')?.setAttribute('role', 'alertdialog');
    const done = (ok: boolean) => {
      root.remove();
      resolve(ok);
    };
    root.querySelector('[data-testid=confirm-ok]')?.addEventListener('click', () => done(true));
    root.querySelector('[data-testid=confirm-cancel]')?.addEventListener('click', () => done(false));
  });
}

function problemHtml(session: Session): string {
  const p = session.problem;
  if (!p) return '';
  const kept = p.backupKey
    ? 'Nothing has been thrown away: the save is kept aside in this browser as a backup, and stays there whatever you choose.'
    : 'This browser refused to store a backup copy, so the save is left exactly where it was: download it before you start fresh.';
  const future = p.future ? '<p>It was written by a newer version of Phase Shift than this one; that version can still open it.</p>' : '';
  return `<h2>Your saved game could not be read</h2><p data-testid="save-reason">The save of this game (${esc(session.loaded.scenario.name)}, seed ${esc(session.params.seed)}) cannot be resumed: ${esc(p.reason)}.</p>${future}
    <p>${kept}</p><p>What would you like to do?</p>
    <p class="save-choices"><button class="btn" data-testid="save-download">⤓ Download the save as a file</button>
    <button class="btn primary" data-testid="save-recover">Recover what still replays</button>
    <button class="btn" data-testid="save-fresh"${p.backupKey ? '' : ' disabled'}>Start fresh</button></p>
    <p class="problem" data-testid="save-error" aria-live="polite"></p>`;
}

/** The dialog for a save that cannot be read: download it, recover its valid prefix, or start fresh. */
export function saveProblemDialog(session: Session, onChange: (message: string) => void): HTMLElement | null {
  const p = session.problem;
  if (!p) return null;
  const root = showModal(problemHtml(session), 'save-problem');
  const modal = root.querySelector('.modal') as HTMLElement;
  const error = (e: unknown) => {
    const el = root.querySelector('[data-testid=save-error]');
    if (el) el.textContent = e instanceof Error ? e.message : String(e);
  };
  root.addEventListener('click', (ev) => {
    const id = (ev.target as HTMLElement).closest<HTMLElement>('[data-testid]')?.dataset.testid;
    try {
      if (id === 'save-download') downloadText(p.text, saveFileName(session.params.scenario, session.params.seed));
      else if (id === 'save-fresh') {
        session.startFresh();
        root.remove();
        onChange('Started fresh. The save that could not be read is kept as a backup in this browser (listed on the new-game screen).');
      } else if (id === 'save-recover') {
        const r = session.recover();
        const stop = r.stop ? `<p>It stopped there because ${esc(r.stop)}.</p>` : '';
        modal.innerHTML = `<h2>Recovered ${r.recovered} of ${r.found} decisions</h2><p data-testid="save-recovered">${r.recovered} of the ${r.found} decisions found in the save replayed; your game resumes after them.</p>${stop}
          <p>The original save is still kept as a backup.</p><p><button class="btn primary" data-testid="save-continue">Continue ⏎</button></p>`;
        modal.querySelector<HTMLElement>('button')?.focus();
        onChange(`Recovered ${r.recovered} of ${r.found} decisions from the save.`);
      } else if (id === 'save-continue') root.remove();
    } catch (e) {
      error(e);
    }
  });
  return root;
}

/** The notice of a tab that may not write its game, with the button that takes the game over. */
export function readOnlyBanner(text: string, onTakeOver: () => void): HTMLElement {
  const el = document.createElement('div');
  el.className = 'readonly-banner';
  el.setAttribute('role', 'status');
  el.dataset.testid = 'readonly-banner';
  el.innerHTML = `<span>${esc(text)}</span> <button class="btn primary" data-testid="take-over">Take over here</button>`;
  el.querySelector('button')?.addEventListener('click', onTakeOver);
  document.body.appendChild(el);
  return el;
}
