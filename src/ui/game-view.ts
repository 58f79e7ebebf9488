import type { Decision } from '../engine/decisions.js';
import { scoreCard } from '../analysis/score.js';
import type { Session } from './session.js';
import type { Dashboard } from './dashboard.js';
import type { Card } from './cards.js';
import { decisionsPanel, forecastLine, planLine, sidePanel, topBar } from './panels.js';
import { crisisModal, endModal, phaseModal } from './modals.js';
import { costText } from './cards.js';
import { esc } from './format.js';
import { viewerUrlFor } from './viewer/handoff.js';

/* The game screen: lays out the panels, sends decisions, and opens the crisis, phase-switch
 * and end dialogs when the game's status calls for them. */

const LAYOUT = `<header class="topbar" data-testid="topbar"></header><nav class="decisions" aria-label="Decisions"></nav>
  <div class="dashboard"></div><aside class="side" aria-label="The week's story and beliefs"></aside>
  <footer class="bottombar"><span class="msg" role="status" data-testid="message"></span><span class="plan"><span data-testid="plan"></span><span class="forecast" data-testid="forecast"></span></span>
  <button class="btn primary endweek" data-action="endweek" title="End the week (Enter)">End week ⏎</button></footer>`;

/** The game screen bound to a session and a dashboard. */
export class GameView {
  private readonly chosen = new Map<string, string>();
  private cards = new Map<string, Card>();
  private modal: HTMLElement | null = null;
  private readonly el: HTMLElement;

  /** Lays out the screen in the host and wires its controls. */
  constructor(
    private readonly session: Session,
    private readonly dashboard: Dashboard,
    host: HTMLElement,
    root: HTMLElement,
  ) {
    this.el = root;
    this.el.className = 'game';
    this.el.innerHTML = LAYOUT;
    this.q('.dashboard').appendChild(host);
    this.el.addEventListener('click', (ev) => this.onClick(ev));
    this.el.addEventListener('change', (ev) => this.onChange(ev));
    document.addEventListener('keydown', (ev) => this.onKey(ev));
    this.say(session.resumeNote ?? greeting(session));
  }

  private q(sel: string): HTMLElement {
    return this.el.querySelector<HTMLElement>(sel) as HTMLElement;
  }

  /** Redraws everything from the game's current state. */
  render(): void {
    const sc = this.session.loaded.scenario;
    const s = this.session.game.state();
    this.el.classList.toggle('post', s.phase === 'postFit' || s.fitWeek !== null);
    this.q('.topbar').innerHTML = topBar(sc, s, this.dashboard.renderer);
    const nav = this.q('.decisions');
    const scroll = nav.scrollTop;
    const panel = decisionsPanel(this.session, this.chosen);
    this.cards = panel.cards;
    nav.innerHTML = panel.html;
    nav.scrollTop = scroll;
    this.q('.side').innerHTML = sidePanel(this.session);
    this.q('[data-testid=plan]').textContent = planLine(this.session);
    this.q('[data-testid=forecast]').textContent = forecastLine(this.session);
    (this.q('[data-action=endweek]') as HTMLButtonElement).disabled = this.session.game.status().startsWith('ended');
    this.dashboard.update(sc, s, this.session.game.entries());
    this.openDialogs();
  }

  private openDialogs(): void {
    const status = this.session.game.status();
    if (this.modal?.isConnected) return;
    const sc = this.session.loaded.scenario;
    if (status.endsWith('crisis'))
      this.modal = crisisModal(
        sc,
        this.session.game.state(),
        (d) => this.session.probe(d),
        (d) => costText(this.session.cost(d)),
        (d) => this.sendFromModal(d),
      );
    else if (status.startsWith('ended'))
      this.modal = endModal(
        scoreCard(this.session.log(), sc),
        () => this.download(),
        () => this.newGame(),
        () => this.debrief(),
      );
  }

  private sendFromModal(d: Decision): void {
    this.modal?.remove();
    this.modal = null;
    this.send(d);
  }

  /** Sends a decision and reports the engine's answer. */
  send(d: Decision): void {
    const before = this.session.game.state().phase;
    const r = this.session.decide(d);
    if (!r.ok) this.say(`✕ ${r.rejection.reason}`, true);
    else if (this.session.writeError) this.say(`✕ ${this.session.writeError}`, true);
    else this.say(d.type === 'week.end' ? `Week ${this.session.game.state().week - 1} closed.` : `✓ ${describe(d)} — saved.`);
    this.render();
    if (r.ok && before === 'preFit' && this.session.game.state().phase === 'postFit' && !this.modal?.isConnected) {
      this.modal = phaseModal(this.session.loaded.scenario, this.session.game.state(), () => this.render());
    }
  }

  /** Shows a message in the bottom bar (also used for save and tab notices). */
  say(text: string, bad = false): void {
    const msg = this.q('[data-testid=message]');
    msg.textContent = text;
    msg.classList.toggle('bad', bad);
  }

  private onClick(ev: Event): void {
    const target = ev.target as HTMLElement;
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'endweek') return this.send({ type: 'week.end', data: {} });
    if (action === 'download') return this.download();
    if (action === 'new') return this.newGame();
    const id = target.closest<HTMLButtonElement>('button.card')?.dataset.card;
    const card = id ? this.cards.get(id) : undefined;
    if (card) this.send(card.make(this.chosen.get(card.id) ?? card.options?.[0]?.value ?? ''));
  }

  private onChange(ev: Event): void {
    const select = (ev.target as HTMLElement).closest<HTMLSelectElement>('select[data-card]');
    if (!select?.dataset.card) return;
    this.chosen.set(select.dataset.card, select.value);
    this.render();
    this.el.querySelector<HTMLSelectElement>(`select[data-card="${select.dataset.card}"]`)?.focus();
  }

  private onKey(ev: KeyboardEvent): void {
    if (this.modal?.isConnected) return;
    const t = ev.target as HTMLElement;
    if (ev.key === 'Enter' && !t.closest('button, select, input, a')) {
      ev.preventDefault();
      this.send({ type: 'week.end', data: {} });
    } else if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && t.closest('.decisions') && t.tagName === 'BUTTON') {
      ev.preventDefault();
      const all = [...this.el.querySelectorAll<HTMLButtonElement>('.decisions button.card')];
      all[Math.max(0, Math.min(all.length - 1, all.indexOf(t as HTMLButtonElement) + (ev.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else if (ev.key === '?') {
      this.say('Keys: Enter ends the week · ↑/↓ move between cards · Space or Enter on a card chooses it · Tab reaches the selects.');
    }
  }

  /** Downloads the game log as JSON Lines. */
  download(): void {
    const blob = new Blob([this.session.logText()], { type: 'application/x-ndjson' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = this.fileName();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /** Opens the game just played in the replay viewer. */
  private debrief(): void {
    try {
      window.location.href = viewerUrlFor(this.session.logText(), this.fileName());
    } catch (e) {
      this.say(`✕ ${e instanceof Error ? e.message : String(e)} Download the log and open it from "Review a log" instead.`, true);
    }
  }

  private fileName(): string {
    const f = this.session.params.fork;
    return `phase-shift-${this.session.params.scenario}-${this.session.params.seed}${f ? `-fork-w${f.week}` : ''}.jsonl`;
  }

  private newGame(): void {
    window.location.search = '';
  }
}

/** The first message of the screen: a fresh game, a resumed one, or a fork. */
function greeting(session: Session): string {
  const f = session.params.fork;
  if (f) return `Fork at week ${f.week}: ${session.decisionCount} earlier decisions replayed; saved apart from the original.`;
  return session.decisionCount > 0 ? `Resumed your game: ${session.decisionCount} decisions replayed.` : 'Plan the week: choose decisions on the left, then End week.';
}

/** A short human name for a decision. */
function describe(d: Decision): string {
  const detail = Object.values(d.data)
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(', ');
  return esc(`${d.type}${detail ? ` (${detail})` : ''}`);
}
