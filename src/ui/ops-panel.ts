import type { Scenario } from '../scenarios/schema.js';
import type { Contract, GameState } from '../engine/state.js';
import { engCapacity, errorBudgetHours } from '../engine/derive.js';
import { esc, money, pct } from './format.js';

/* The HTML half of the operations view: contract cards with their demands and grace clocks,
 * and tech debt with what it costs the team. */

function capabilityName(sc: Scenario, id: string): string {
  return sc.capabilities.find((c) => c.id === id)?.name ?? id;
}

function graceLine(c: Contract, week: number, allMet: boolean): string {
  const left = c.graceEndsWeek - week;
  if (left > 0) return `<span class="grace">⏳ grace ends in ${left} week${left === 1 ? '' : 's'}</span>`;
  if (allMet) return `<span class="grace">grace over — demands now enforced</span>`;
  return `<span class="grace over">⚠ grace over — in breach</span>`;
}

function contractCard(sc: Scenario, s: GameState, c: Contract): string {
  const caps = c.capabilities.map((id) => {
    const built = s.capabilities.includes(id);
    return `<li class="${built ? 'ok' : 'miss'}">${built ? '✓' : '✗'} ${esc(capabilityName(sc, id))}${built ? '' : ' <i>(missing)</i>'}</li>`;
  });
  const upOk = s.reliability.uptime >= c.uptime;
  const p95Ok = s.reliability.p95Ms <= c.p95Ms;
  return `<article class="contract${c.breaches > 0 ? ' breached' : ''}" tabindex="0" aria-label="Contract with ${esc(c.buyer)}">
    <header><b>${esc(c.buyer)}</b><span>${money(c.arr)} ARR</span></header>
    <ul class="demands">
      <li class="${upOk ? 'ok' : 'miss'}">${upOk ? '✓' : '✗'} uptime ≥ ${pct(c.uptime, 2)} <i>(now ${pct(s.reliability.uptime, 2)})</i></li>
      <li class="${p95Ok ? 'ok' : 'miss'}">${p95Ok ? '✓' : '✗'} p95 ≤ ${c.p95Ms} ms <i>(now ${Math.round(s.reliability.p95Ms)} ms)</i></li>
      ${caps.join('')}
    </ul>
    <footer>${graceLine(c, s.week, upOk && p95Ok && c.capabilities.every((id) => s.capabilities.includes(id)))}<span class="breaches">${c.breaches === 0 ? 'no breaches' : `✗ ${c.breaches} breach${c.breaches === 1 ? '' : 'es'}`}</span><span>ends week ${c.endsWeek}</span></footer>
  </article>`;
}

/** The contract cards (signed contracts first, then a line about open offers). */
export function contractsHtml(sc: Scenario, s: GameState): string {
  const post = s.phase === 'postFit' || s.fitWeek !== null;
  if (!post)
    return `<h3>Contracts</h3><p class="quiet">No enterprise contracts before product-market fit: buyers come once the product has pull. After fit, SLOs, contracts and the error budget live here.</p>`;
  const offers = s.contracts.offers.length;
  const head = `<h3>Contracts <span class="quiet">· ${s.contracts.active.length} signed · ${offers} offer${offers === 1 ? '' : 's'} open · error budget ${errorBudgetHours(s, sc).toFixed(1)} h/month</span></h3>`;
  if (s.contracts.active.length === 0)
    return `${head}<p class="quiet">No contract signed yet${offers ? ' — see the Contracts decisions on the left for the offers on the table' : ''}.</p>`;
  return `${head}<div class="contracts">${s.contracts.active.map((c) => contractCard(sc, s, c)).join('')}</div>`;
}

/** Tech debt: points, open feature flags, and one line on what they cost. */
export function debtHtml(sc: Scenario, s: GameState): string {
  const capacity = engCapacity(s, sc);
  const lost = Math.max(0, s.team.engineers - capacity);
  const cleanup = s.capabilities.includes('flagCleanup');
  return `<h3>Tech debt</h3><div class="debt" tabindex="0">
    <span class="fig"><b>${Math.round(s.debt)}</b> debt points</span>
    <span class="fig"><b>${s.flags}</b> open feature flag${s.flags === 1 ? '' : 's'}${cleanup ? ' ✓ cleanup in place' : ''}</span>
    <span class="fig">engineering capacity <b>${capacity.toFixed(1)}</b> of ${s.team.engineers} eng-wk</span></div>
    <p class="quiet">Debt slows every engineer${lost > 0 ? ` (−${lost.toFixed(1)} eng-wk a week now)` : ''}; each feature shipped behind a flag adds a little more every week until flags are cleaned up.</p>`;
}
