import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import { freeCapacity, runwayWeeks } from '../engine/derive.js';
import { forecastWeek } from '../engine/forecast.js';
import type { Session } from './session.js';
import type { Rejection } from '../engine/rules.js';
import { costText, groupsFor, type Card } from './cards.js';
import { storyOf } from './story.js';
import { isDecisionLine } from '../engine/log/format.js';
import { esc, money, pct, runway } from './format.js';

/* The HTML panels around the dashboard: top bar, decision cards, the week's story and beliefs. */

/** The top bar: company · scenario · week · phase · cash · runway · focus. */
export function topBar(sc: Scenario, s: GameState, renderer: string): string {
  const post = s.phase === 'postFit' || (s.phase === 'ended' && s.fitWeek !== null);
  const weeks = runwayWeeks(s);
  const free = freeCapacity(s, sc);
  const week = Math.min(s.week, sc.weeks);
  // Runway is measured on last week's books; before the first week closes there are none.
  const booked = s.finance.lastCosts > 0 || s.finance.lastRevenue > 0;
  return `<span class="co">${esc(sc.company)}</span><span class="sep">·</span><span>${esc(sc.name)}</span><span class="sep">·</span>
    <span class="fig" data-testid="week">Week <b>${week}</b>/${sc.weeks}</span>
    <span class="badge" data-testid="phase">${s.phase === 'ended' ? 'ENDED' : post ? 'POST-FIT: operations' : 'PRE-FIT: lab'}</span>
    <span class="fig${s.cash < 0 || weeks < 13 ? ' danger' : ''}">cash <b>${money(s.cash)}</b></span>
    <span class="fig${weeks < 13 ? ' danger' : ''}" title="Weeks of cash at last week's net burn">runway <b>${booked ? runway(weeks) : 'after week 1'}</b></span>
    <span class="fig" title="PM focus is your own attention: each decision spends some, it refills every week">focus <b>${free.focus}/${sc.focusPerWeek}</b></span>
    <span class="spacer"></span><span class="renderer" data-testid="renderer" title="The pixi.js renderer drawing the dashboard">${renderer === 'webgl' ? 'WebGL' : 'Canvas 2D (no WebGL)'}</span>
    <button class="btn" data-action="download" title="Download the game log (JSON Lines)">⤓ Log</button>
    <button class="btn" data-action="new" title="Start another game">New</button>`;
}

function cardHtml(c: Card, option: string, rejection: Rejection | null, cost: string): string {
  const select = c.options
    ? `<select data-card="${c.id}" aria-label="${esc(c.title)}: choose">${c.options.map((o) => `<option value="${esc(o.value)}"${o.value === option ? ' selected' : ''}>${esc(o.label)}</option>`).join('')}</select>`
    : '';
  return `<div class="cardwrap"><button class="card" data-card="${c.id}"${rejection ? ` disabled aria-disabled="true" title="${esc(rejection.reason)}"` : ''}>
    <span class="t">${esc(c.title)}</span><span class="c" data-testid="cost">${esc(cost)}${c.note ? ` · ${esc(c.note)}` : ''}</span>
    <span class="e">${esc(c.effect)}</span>${rejection ? `<span class="why">✕ ${esc(rejection.reason)}</span>` : ''}</button>${select}</div>`;
}

/** The decision cards, grouped, each disabled with the engine's reason when it would be refused. */
export function decisionsPanel(session: Session, chosen: ReadonlyMap<string, string>): { html: string; cards: Map<string, Card> } {
  const sc = session.loaded.scenario;
  const cards = new Map<string, Card>();
  const html = groupsFor(sc, session.game.state()).map((g) => {
    if (g.cards.length === 0) return `<h2>${esc(g.name)}</h2><p class="e" style="color:var(--muted);font-size:12px">No offers on the table.</p>`;
    g.cards.forEach((c) => cards.set(c.id, c));
    const probed = g.cards.map((c) => {
      const option = chosen.get(c.id) ?? c.options?.[0]?.value ?? '';
      const d = c.make(option);
      return { c, option, rejection: session.probe(d), cost: costText(session.cost(d)) };
    });
    // Cards that can never be played again (already built, nothing to do) sink to the bottom.
    const done = (r: Rejection | null) => (r?.code === 'invalid' ? 1 : 0);
    probed.sort((a, b) => done(a.rejection) - done(b.rejection));
    return `<section aria-label="${esc(g.name)}"><h2>${esc(g.name)}</h2>${probed.map((p) => cardHtml(p.c, p.option, p.rejection, p.cost)).join('')}</section>`;
  });
  return { html: html.join(''), cards };
}

/** The right column: the last week's story, then beliefs with bars. */
export function sidePanel(session: Session): string {
  const sc = session.loaded.scenario;
  const s = session.game.state();
  const week = s.phase === 'ended' ? s.week : s.week - 1;
  const story = week >= 1 ? storyOf(session.game.entries(), week, sc) : [];
  const items = story.length
    ? story.map((l) => `<li class="${l.tone}">${esc(l.text)}</li>`).join('')
    : '<li class="info">Week 1. Plan the week on the left, then end it: the world answers here.</li>';
  const beliefs = s.discovery.beliefs.map((b) => {
    const h = sc.hypotheses.find((x) => x.id === b.id);
    const running = s.discovery.running.filter((r) => r.hypothesis === b.id).length;
    return `<div class="belief ${b.status}" title="${esc(h?.statement ?? b.id)}"><div class="s">${esc(h?.statement ?? b.id)}</div>
      <div class="bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.round(b.belief * 100)}" aria-label="belief"><i style="width:${(b.belief * 100).toFixed(0)}%"></i></div>
      <span class="tag">${pct(b.belief)} · ${b.status === 'open' ? `${b.tests} test${b.tests === 1 ? '' : 's'}` : b.status}${running ? ` · ${running} running` : ''}</span></div>`;
  });
  return `<h2>The week's story${week >= 1 ? ` — week ${week}` : ''}</h2><ul class="story" data-testid="story">${items}</ul>
    <h2>Beliefs</h2>${beliefs.join('')}`;
}

/** The bottom line: what this week's plan has used so far. */
export function planLine(session: Session): string {
  const s = session.game.state();
  const sc = session.loaded.scenario;
  if (s.phase === 'ended') return `Game over in week ${s.ended?.week ?? s.week}.`;
  const planned = session.game.entries().filter((e) => e.kind === 'event' && isDecisionLine(e) && e.week === s.week && e.type !== 'week.end').length;
  const free = freeCapacity(s, sc);
  return `Week ${s.week} plan: ${planned} decision${planned === 1 ? '' : 's'} · focus ${free.focus}/${sc.focusPerWeek} left · ${Math.max(0, free.eng).toFixed(1)} eng-wk and ${Math.max(0, free.ml).toFixed(1)} ML-wk free · ${s.projects.length} project${s.projects.length === 1 ? '' : 's'} running`;
}

/** The live forecast: what ending the week as planned does to cash, GPU and runway. */
export function forecastLine(session: Session): string {
  const s = session.game.state();
  if (s.phase === 'ended') return '';
  const f = forecastWeek(s, { sc: session.loaded.scenario, table: session.game.table });
  const sign = f.cashDelta >= 0 ? '+' : '−';
  const left = f.runwayWeeks >= 999 ? 'not burning cash' : `runway ${(f.runwayWeeks / session.loaded.scenario.weeksPerMonth).toFixed(1)} mo`;
  const over = f.gpuOverageHours > 0 ? ` (${Math.round(f.gpuOverageHours).toLocaleString('en-US')} h on demand)` : '';
  return `After End week: cash ${money(f.cash)} (${sign}${money(Math.abs(f.cashDelta))}) · GPU ${Math.round(f.gpuMonthUsed).toLocaleString('en-US')}/${f.gpuReserved.toLocaleString('en-US')} h this month${over} · ${left}`;
}
