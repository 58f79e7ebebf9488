import { readParams } from './params.js';
import { Session } from './session.js';
import { Dashboard, type RendererName } from './dashboard.js';
import { GameView } from './game-view.js';
import { renderNewGame } from './newgame.js';
import { esc } from './format.js';
import { checkpointsOf, type CheckpointView } from './test-hooks.js';

/* Entry point of the browser game: the URL decides between the new-game screen and a game. */

/** What end-to-end tests (and curious players) can read from the page. */
interface PhaseShiftHandle {
  renderer: RendererName;
  status(): string;
  week(): number;
  decisions(): number;
  /** The weekly state-hash checkpoints computed so far. */
  checkpoints(): CheckpointView[];
}

declare global {
  interface Window {
    __phaseShift?: PhaseShiftHandle;
  }
}

function fail(host: HTMLElement, title: string, detail: string): void {
  host.innerHTML = `<div class="error-page" role="alert"><h1>${esc(title)}</h1><p>${esc(detail)}</p><p><a href="./">Start a new game</a></p></div>`;
}

async function startGameScreen(host: HTMLElement, session: Session): Promise<void> {
  const canvasHost = document.createElement('div');
  const dashboard = await Dashboard.mount(canvasHost, 680, 616);
  const view = new GameView(session, dashboard, canvasHost, host);
  view.render();
  window.__phaseShift = {
    renderer: dashboard.renderer,
    status: () => session.game.status(),
    week: () => session.game.state().week,
    decisions: () => session.decisionCount,
    checkpoints: () => checkpointsOf(session),
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
  let session: Session;
  try {
    session = new Session(params.params);
  } catch (err) {
    return fail(host, 'This game could not start', err instanceof Error ? err.message : String(err));
  }
  const fork = session.params.fork ? ` · fork at week ${session.params.fork.week}` : '';
  document.title = `${session.loaded.scenario.name} · seed ${session.params.seed}${fork} — Phase Shift`;
  await startGameScreen(host, session);
}

boot().catch((err: unknown) => {
  const host = document.getElementById('app');
  if (host) fail(host, 'Something went wrong', err instanceof Error ? err.message : String(err));
});
