import type { Branch, Comparison, Group } from '../../analysis/compare-types.js';
import { branchWeeks, costWords, endingWords } from '../../analysis/compare-report.js';
import { ENDING_SHORT } from '../../analysis/compare-rank.js';
import { cssColor, valueColor } from '../../analysis/compare-layout.js';
import { esc } from '../format.js';

/* The comparison view's text panels: the empty state, notes, the branch list (the keyboard's
 * and screen reader's way into the tree) and the players of the selected branch. */

/** What the board area says before any log is added. */
export const EMPTY_HTML = `<div class="cempty"><h2>Compare a workshop’s games</h2>
<p>Drop the players’ game logs (<code>.jsonl</code>) anywhere on this page, or choose several with <b>Add logs…</b>.</p>
<p>Each log is checked whole in this browser: every line is parsed and the game is re-simulated from its seed. A log that fails is named with its first bad line and left out.</p>
<p>Logs of different scenarios or seeds are compared in separate groups.</p></div>`;

/** The group picker's options (shown when the logs form more than one group). */
export function groupOptions(c: Comparison, key: string | null): string {
  return c.groups
    .map(
      (g) =>
        `<option value="${esc(g.key)}"${g.key === key ? ' selected' : ''}>${esc(`${g.scenario.id} · seed ${g.seed} · ${g.players.length} ${g.players.length === 1 ? 'log' : 'logs'}`)}</option>`,
    )
    .join('');
}

const chip = (value: number) => `<span class="cchip" style="background:${cssColor(valueColor(value))}">${value}</span>`;

/** Every branch but the root as a button, indented by depth. */
export function branchListHtml(g: Group, selected: string | null): string {
  const items = g.tree.branches.slice(1).map((b) => {
    const words = b.decisions.join('; ');
    return `<li style="padding-left:${(b.depth - 1) * 12}px"><button type="button" class="cbr" data-branch="${esc(b.id)}" aria-pressed="${b.id === selected}">${chip(b.meanValue)} <b>${esc(branchWeeks(b))}</b> · ${b.players.length} · <span class="cwords">${esc(words)}</span></button></li>`;
  });
  if (items.length === 0) return `<li class="muted">${g.players.length < 2 ? 'One player: nothing diverged.' : 'Everyone decided alike: no branches.'}</li>`;
  return items.join('');
}

/** The selected (or hovered) branch: what set it apart, what it cost, and its players. */
export function branchHtml(g: Group, b: Branch | undefined): string {
  if (!b) return '<p class="muted">Click a band in the tree (or a branch in the list) to see who took it.</p>';
  const head =
    b.parent === null ? `<h3>Everyone · ${esc(branchWeeks(b))}</h3>` : `<h3>${esc(branchWeeks(b))} · ${b.players.length} ${b.players.length === 1 ? 'player' : 'players'}</h3>`;
  const what = b.parent === null ? '<p>All players decided alike until the first split.</p>' : `<p class="cwhat">${esc(b.decisions.join('; '))}</p>`;
  const cost = b.cost === null ? '' : `, ${esc(costWords(b.cost))}`;
  const players = b.players.map((i) => {
    const p = g.players[i];
    if (!p) return '';
    return `<li>${chip(p.outcome.value)} <span class="pn" title="${esc(p.name)}">${esc(p.name)}</span> <span class="muted">${esc(ENDING_SHORT[p.ending])}</span> <button type="button" class="btn small" data-open="${i}" title="Open ${esc(p.name)} in the replay viewer" aria-label="Open ${esc(p.name)} in the replay viewer">Open</button></li>`;
  });
  return `${head}${what}<p>Mean value ${b.meanValue}${cost}; ${esc(endingWords(b.endings))}.</p><ul class="cplayers" data-testid="branch-player-list">${players.join('')}</ul>`;
}
