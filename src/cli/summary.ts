import { derive, type GameState, type Scenario } from '../index.js';
import { int, months, ms, money, pairs, pct, table } from './format.js';
import { fixedText } from '../analysis/format.js';
import type { ScoreCard } from '../analysis/score.js';

/* Read-only summaries of a state for printing: figures come from the state and the library's
 * derived values; nothing here decides anything. */

const REASONS: Record<string, string> = {
  won: 'won',
  bankrupt: 'bankrupt (cash ran out)',
  noFit: 'no product–market fit by the deadline',
  bookLost: 'enterprise book lost (too many contracts churned)',
  timeUp: 'time up (the last week was reached)',
};

/** How a game ended, in words ("not ended" while it runs). */
export function outcomeText(s: GameState): string {
  if (!s.ended) return `not ended (week ${s.week}, ${s.phase})`;
  return `${REASONS[s.ended.reason] ?? s.ended.reason} — week ${s.ended.week}`;
}

/** The headline figures of a state, as JSON-friendly numbers. */
export function headline(s: GameState, sc: Scenario) {
  return {
    week: s.week,
    phase: s.phase,
    ended: s.ended,
    fitWeek: s.fitWeek,
    cash: s.cash,
    arr: derive.arr(s, sc),
    runwayWeeks: derive.runwayWeeks(s),
    customers: derive.payingCustomers(s),
    trust: s.market.trust,
    uptime: s.reliability.uptime,
    p95Ms: s.reliability.p95Ms,
  };
}

/** Runway in weeks and months ("38 wk (9.5 mo)"), or "not burning cash". */
export function runwayText(s: GameState, sc: Scenario): string {
  const w = derive.runwayWeeks(s);
  if (w >= 999) return 'not burning cash';
  return `${fixedText(w, 1)} wk (${months(w / sc.weeksPerMonth)})`;
}

/** The full state report the replay command prints. */
export function stateReport(s: GameState, sc: Scenario): string {
  const skill = `${fixedText(s.model.skill, 3)} (effective ${fixedText(derive.effectiveSkill(s), 3)}, v${s.model.version})`;
  const head = pairs([
    ['week', s.ended ? `${s.ended.week} (ended)` : `${s.week} (planning)`],
    ['phase', s.fitWeek === null ? s.phase : `${s.phase} (switched in week ${s.fitWeek})`],
    ['outcome', outcomeText(s)],
    ['cash', money(s.cash)],
    ['runway', runwayText(s, sc)],
    ['customers', int(derive.payingCustomers(s))],
    ['ARR', money(derive.arr(s, sc))],
    ['trust', pct(s.market.trust, 1)],
    ['model skill', skill],
    ['uptime', `${pct(s.reliability.uptime)} · p95 ${ms(s.reliability.p95Ms)}`],
    ['debt', `${fixedText(s.debt, 2)} points · ${s.flags} feature flags`],
    ['capabilities', s.capabilities.length > 0 ? s.capabilities.join(', ') : '(none)'],
  ]);
  return [head, '', beliefsTable(s, sc), '', contractsTable(s)].join('\n');
}

/** The beliefs table: each hypothesis, the player's belief in it, tests run and status. */
export function beliefsTable(s: GameState, sc: Scenario): string {
  const rows = s.discovery.beliefs.map((b) => {
    const h = sc.hypotheses.find((x) => x.id === b.id);
    return [b.id, pct(b.belief, 0), String(b.tests), b.status, h ? truncateWords(h.statement, 60) : ''];
  });
  return `Beliefs\n${table(['hypothesis', '>belief', '>tests', 'status', 'statement'], rows)}`;
}

/** Active contracts and pending offers. */
export function contractsTable(s: GameState): string {
  const c = s.contracts;
  const counts = `Contracts: ${c.active.length} active, ${c.offers.length} offered, ${c.signed} signed, ${c.churned} churned, ${c.breaches} breaches`;
  if (c.active.length === 0) return counts;
  const rows = c.active.map((k) => [String(k.id), k.buyer, money(k.arr), pct(k.uptime), ms(k.p95Ms), String(k.endsWeek), String(k.breaches), k.capabilities.join(', ')]);
  return `${counts}\n${table(['>id', 'buyer', '>ARR', '>uptime', '>p95', '>ends', '>breaches', 'demands'], rows)}`;
}

function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The score card and its first phase-alignment flags, for the end of a replay. */
export function scoreText(card: ScoreCard): string {
  const lines = card.lines.map((l) => [l.label, l.display, l.why]);
  const flags = card.flags.slice(0, 8).map((f) => [`week ${f.week}`, f.decision, f.reason]);
  const more = card.flags.length > 8 ? `\n… and ${card.flags.length - 8} more flags` : '';
  const flagText = flags.length > 0 ? `\n\nPhase-alignment flags\n${table(['when', 'decision', 'why'], flags)}${more}` : '\n\nNo phase-alignment flags.';
  return `Score\n${table(['measure', 'value', 'what it means'], lines)}${flagText}`;
}
