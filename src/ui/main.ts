import { readParams } from './params.js';
import { Session } from './session.js';
import { Dashboard, type RendererName } from './dashboard.js';
import { GameView } from './game-view.js';
import { renderNewGame } from './newgame.js';
import { esc } from './format.js';
import { checkpointsOf, type CheckpointView } from './test-hooks.js';
import { GameLock } from './save-lock.js';
import { saveKey } from './save-store.js';
import { readOnlyBanner, saveProblemDialog } from './save-dialogs.js';
import type { GameParams } from './params.js';

/* Entry point of the browser game: the URL decides between the new-game screen and a game. */

/** What end-to-end tests (and curious players) can read from the page. */
interface PhaseShiftHandle {
  renderer: RendererName;
  status(): string;
  week(): number;
  decisions(): number;
  /** The weekly state-hash checkpoints computed so far. */
  checkpoints(): CheckpointView[];
  /** Whether this tab may not write the save (another tab holds the game). */
  readOnly(): boolean;
}

declare global {
  interface Window {
    __phaseShift?: PhaseShiftHandle;
  }
}

function fail(host: HTMLElement, title: string, detail: string): void {
  host.innerHTML = `<div class="error-page" role="alert"><h1>${esc(title)}</h1><p>${esc(detail)}</p><p><a href="./">Start a new game</a></p></div>`;
}

const READ_ONLY = 'This game is open in another tab, which saves it. This tab is read-only, so the two never overwrite each other.';
const TAKEN = 'Another tab took this game over and now saves it. This tab is read-only.';

/** Binds the game to its cross-tab lock: a reader tab shows a notice, follows the writer's save, and may take over. */
async function guardTabs(params: GameParams): Promise<{ session: Session; attach(view: GameView): void }> {
  let view: GameView | null = null;
  let banner: HTMLElement | null = null;
  let session: Session | null = null;
  const refresh = (message: string) => {
    if (!session || !view) return;
    session.reload();
    view.render();
    view.say(message);
    if (!session.readOnly && !document.querySelector('.modal.save-problem')) saveProblemDialog(session, (m) => (view?.render(), view?.say(m)));
  };
  const setReader = (text: string | null) => {
    if (!session) return;
    session.readOnly = text;
    banner?.remove();
    banner = text ? readOnlyBanner(text, () => void lock.takeOver().then(() => (setReader(null), refresh('You took this game over: this tab saves it now.')))) : null;
    view?.render();
  };
  const lock = new GameLock(`phase-shift:lock:${saveKey(params)}`, {
    lost: () => setReader(TAKEN),
    freed: () => (setReader(null), refresh('The other tab closed: this tab saves the game now.')),
  });
  const role = await lock.claim();
  session = new Session(params);
  if (role === 'reader') setReader(READ_ONLY);
  window.addEventListener('storage', (ev) => {
    if (session?.readOnly && ev.key === saveKey(params)) refresh('Updated from the tab that saves this game.');
  });
  return {
    session,
    attach: (v) => {
      view = v;
      if (session) saveProblemDialog(session, (m) => (v.render(), v.say(m)));
    },
  };
}

async function startGameScreen(host: HTMLElement, session: Session, attach: (view: GameView) => void): Promise<void> {
  const canvasHost = document.createElement('div');
  const dashboard = await Dashboard.mount(canvasHost, 680, 616);
  const view = new GameView(session, dashboard, canvasHost, host);
  view.render();
  attach(view);
  window.__phaseShift = {
    renderer: dashboard.renderer,
    status: () => session.game.status(),
    week: () => session.game.state().week,
    decisions: () => session.decisionCount,
    checkpoints: () => checkpointsOf(session),
    readOnly: () => session.readOnly !== null,
  };
}

async function boot(): Promise<void> {
  const host = document.getElementById('app') as HTMLElement;
  const params = readParams(window.location.search);
  if (params.kind === 'none') return renderNewGame(host);
  if (params.kind === 'replay') {
    document.title = 'Review a game log — Phase Shift';
    const { mountViewer } = await import('./viewer/index.js');
    return mountViewer(host, params.source);
  }
  if (params.kind === 'compare') {
    document.title = 'Compare game logs — Phase Shift';
    const { mountCompare } = await import('./compare/index.js');
    return mountCompare(host);
  }
  if (params.kind === 'error')
    return renderNewGame(host, { problems: params.problems, ...(params.title ? { title: params.title } : {}), ...(params.code !== undefined ? { code: params.code } : {}) });
  let guarded: Awaited<ReturnType<typeof guardTabs>>;
  try {
    guarded = await guardTabs(params.params);
  } catch (err) {
    return fail(host, 'This game could not start', err instanceof Error ? err.message : String(err));
  }
  const { session } = guarded;
  const fork = session.params.fork ? ` · fork at week ${session.params.fork.week}` : '';
  document.title = `${session.loaded.scenario.name} · seed ${session.params.seed}${fork} — Phase Shift`;
  await startGameScreen(host, session, guarded.attach);
}

boot().catch((err: unknown) => {
  const host = document.getElementById('app');
  if (host) fail(host, 'Something went wrong', err instanceof Error ? err.message : String(err));
});
