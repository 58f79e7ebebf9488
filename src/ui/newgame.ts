import { getScenario, scenarioIds } from '../scenarios/registry.js';
import { esc } from './format.js';
import { paramsQuery } from './params.js';

/* The new-game screen: pick a scenario, type or roll a seed, name yourself, start. */

const roll = () => `${['amber', 'cobalt', 'fern', 'quartz', 'ember', 'tide', 'slate', 'lumen'][Math.floor(Math.random() * 8)]}-${Math.floor(Math.random() * 9000 + 1000)}`;

function scenarioCard(id: string, i: number): string {
  const sc = getScenario(id)?.scenario;
  if (!sc) return '';
  return `<label class="scenario"><input type="radio" name="scenario" value="${esc(id)}"${i === 0 ? ' checked' : ''}>
    <span class="co">${esc(sc.company)}</span><b>${esc(sc.name)}</b><p>${esc(sc.tagline)}</p><p>${esc(sc.description.slice(0, 120))}${sc.description.length > 120 ? '…' : ''}</p>
    <p>${sc.weeks} weeks</p></label>`;
}

/** Renders the new-game screen into a host; Start navigates to the game's URL. */
export function renderNewGame(host: HTMLElement, problems: string[] = []): void {
  const note = problems.length ? `<div class="error-page" role="alert" style="margin:0 0 16px;padding:0"><h2 style="color:var(--red);margin:0">That link does not describe a game</h2><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul><p>Pick a scenario and seed below instead.</p></div>` : '';
  host.innerHTML = `<main class="newgame"><h1>Phase <span>Shift</span></h1>
    <p class="lede">Lead the product of an AI startup: search for product–market fit in the lab, then keep your promises in operations.</p>${note}
    <form id="newgame"><div class="startrow"><label>Seed (same seed, same world)<input name="seed" required maxlength="200" value="${roll()}"></label>
    <button type="button" class="btn" id="roll">↻ Roll</button>
    <label>Your name (optional)<input name="player" maxlength="200" placeholder="for the log"></label>
    <button type="submit" class="btn primary" id="start">Start game ⏎</button></div>
    <fieldset class="scenarios"><legend>Choose a scenario</legend>${scenarioIds().map(scenarioCard).join('')}</fieldset></form></main>`;
  const form = host.querySelector<HTMLFormElement>('#newgame') as HTMLFormElement;
  host.querySelector('#roll')?.addEventListener('click', () => {
    (form.elements.namedItem('seed') as HTMLInputElement).value = roll();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const query = paramsQuery({ scenario: String(data.get('scenario') ?? ''), seed: String(data.get('seed') ?? '').trim(), player: String(data.get('player') ?? '').trim() });
    window.location.search = query;
  });
}
