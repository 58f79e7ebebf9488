import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { Decision } from '../engine/decisions.js';
import type { Rejection } from '../engine/rules.js';
import { openIncidents, payingCustomers } from '../engine/derive.js';
import type { ScoreCard } from '../analysis/score.js';
import { esc, pct } from './format.js';

/* Modal dialogs: the crisis, the phase switch and the end-of-game score card. */

/** Shows a modal and returns its root; it removes itself when closed. */
export function showModal(html: string, kind = ''): HTMLElement {
  const bg = document.createElement('div');
  bg.className = 'modal-bg';
  bg.innerHTML = `<div class="modal ${kind}" role="dialog" aria-modal="true">${html}</div>`;
  document.body.appendChild(bg);
  bg.querySelector<HTMLElement>('button:not(:disabled), input')?.focus({ preventScroll: true });
  bg.querySelector<HTMLElement>('.modal')?.scrollTo(0, 0);
  return bg;
}

/** The incident response for the modal's current choices. */
function responseOf(root: HTMLElement, incident: number, action: 'rollback' | 'hotfix'): Decision {
  const checked = (name: string) => root.querySelector<HTMLInputElement>(`input[name=${name}]`)?.checked ?? false;
  return { type: 'incident.respond', data: { incident, action, communicate: checked('communicate'), postmortem: checked('postmortem') } };
}

/** The crisis modal: what broke, who is affected, the clock, and the responses with their reasons. */
export function crisisModal(sc: Scenario, s: GameState, probe: (d: Decision) => Rejection | null, cost: (d: Decision) => string, send: (d: Decision) => void): HTMLElement | null {
  const inc = openIncidents(s)[0];
  if (!inc) return null;
  const spec = sc.reliability.incidents.find((i) => i.kind === inc.kind);
  const root = showModal(
    `<h2>⚠ Incident #${inc.id}: ${esc(spec?.name ?? inc.kind)}</h2>
    <p><b>Who is affected:</b> ${payingCustomers(s)} paying customers and ${s.contracts.active.length} enterprise contract(s).<br>
    <b>The clock:</b> opened week ${inc.openedWeek}, severity ${pct(inc.severity)}; about ${spec?.downtimeHours ?? '?'} h of downtime unless rolled back. Nothing else moves until you respond.</p>
    <div class="checks"><label><input type="checkbox" name="communicate" checked> Tell customers</label>
    <label><input type="checkbox" name="postmortem"> Blameless postmortem</label></div>
    <div class="options" data-testid="responses"></div>`,
    'crisis',
  );
  const options = root.querySelector<HTMLElement>('.options') as HTMLElement;
  const render = () => {
    options.innerHTML = (['rollback', 'hotfix'] as const)
      .map((a) => {
        const d = responseOf(root, inc.id, a);
        const why = probe(d);
        const label = a === 'rollback' ? `Roll back the model (~${sc.response.rollbackHours} h down)` : 'Hotfix';
        return `<button class="btn${why ? '' : ' primary'}" data-response="${a}"${why ? ' disabled' : ''}>${label}<br><small data-testid="response-cost">${esc(cost(d))}</small>${why ? `<br><small>✕ ${esc(why.reason)}</small>` : ''}</button>`;
      })
      .join('');
  };
  render();
  root.addEventListener('change', render);
  options.addEventListener('click', (ev) => {
    const a = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-response]')?.dataset.response;
    if (a === 'rollback' || a === 'hotfix') send(responseOf(root, inc.id, a));
  });
  return root;
}

/** The interstitial shown when product–market fit is confirmed. */
export function phaseModal(sc: Scenario, s: GameState, onClose: () => void): HTMLElement {
  const root = showModal(`<h2>Product–market fit confirmed — week ${s.fitWeek ?? s.week}</h2>
    <p>The figures that confirmed it: <b>${pct(s.market.survey)}</b> of users would be very disappointed without you (threshold ${pct(sc.fit.surveyThreshold)}),
    retention <b>${pct(s.market.retention)}</b> (threshold ${pct(sc.fit.retentionThreshold)}), <b>${payingCustomers(s)}</b> paying customers.</p>
    <p>The lab is over; you now run <b>operations</b>. What matters from here:</p>
    <ul><li><b>SLOs</b> — p95 latency and uptime are promises now; breaches cost credits and customers.</li>
    <li><b>Contracts</b> — enterprise buyers arrive with demands; sign only what you can hold.</li>
    <li><b>Rollback</b> — model versioning turns a bad release into minutes, not days.</li>
    <li><b>Lineage &amp; monitoring</b> — know which data made which model, and catch drift before customers do.</li></ul>
    <button class="btn primary" data-action="close">Run operations ⏎</button>`);
  root.querySelector('button')?.addEventListener('click', () => {
    root.remove();
    onClose();
  });
  return root;
}

/** The score card at the end of the game; "Debrief" opens the game in the replay viewer. */
export function endModal(card: ScoreCard, onDownload: () => void, onNew: () => void, onDebrief?: () => void): HTMLElement {
  const rows = card.lines.map((l) => `<tr><td>${esc(l.label)}</td><td class="v">${esc(l.display)}</td><td>${esc(l.why)}</td></tr>`).join('');
  const root = showModal(`<h2>Game over — ${esc(card.lines[0]?.display ?? card.ended)}</h2><table class="score" data-testid="score">${rows}</table>
    ${
      card.flags.length
        ? `<p>Debrief: ${card.flags.length} alignment flag(s) — ${card.flags
            .slice(0, 3)
            .map((f) => `week ${f.week}, ${esc(f.decision)}: ${esc(f.reason)}`)
            .join('; ')}</p>`
        : ''
    }
    <p>${onDebrief ? '<button class="btn primary" data-action="debrief" data-testid="debrief">Debrief ▶</button> ' : ''}<button class="btn" data-action="dl">⤓ Download log</button> <button class="btn${onDebrief ? '' : ' primary'}" data-action="again">New game</button></p>`);
  if (onDebrief) root.querySelector('[data-action=debrief]')?.addEventListener('click', onDebrief);
  root.querySelector('[data-action=dl]')?.addEventListener('click', onDownload);
  root.querySelector('[data-action=again]')?.addEventListener('click', onNew);
  return root;
}
