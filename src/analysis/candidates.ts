import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { WorldTable } from '../engine/rng.js';
import { AFFINITY, type Affinity, type Decision } from '../engine/decisions.js';
import { decide } from '../engine/decide.js';
import { canonicalJson } from '../engine/hash.js';
import { candidateDecisions } from '../bots/random.js';
import { playerView, type Bot, type BotRandom } from '../bots/types.js';

/* The options the debrief weighs against each player decision: what else could have been
 * done in the very state the player faced. Every option is checked legal with the real rules
 * and chosen by a fixed order, so the same log always gets the same alternatives:
 * doing nothing, what the reference bot would have done, variants of the same kind of decision
 * (another hypothesis, method, feature, segment…), then moves of other affinities.
 * Incidents are the exception: the rules forbid leaving a crisis unanswered, so the options
 * there are the other responses (action × communicate × postmortem), and the cheapest one —
 * a bare response with no message and no postmortem — is labelled the minimal response. */

/** One option at a decision point, before it is played out. */
export interface Option {
  label: string;
  /** null means doing nothing in the player's place. */
  decision: Decision | null;
}

/** How many alternatives each decision gets beside the player's own (when enough are legal). */
export const ALTERNATIVES = 4;

const AFFINITY_ORDER: readonly Affinity[] = ['discovery', 'delivery', 'hardening', 'governance', 'none'];
// Lower-cases a name's first letter mid-sentence, but never an acronym's ("SOC 2 audit").
const lower = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const nameIn = (list: readonly { id: string; name: string }[] | undefined, id: string): string => list?.find((x) => x.id === id)?.name ?? id;

/** The plain-English label of a decision, with the scenario's own names. */
export function labelOf(d: Decision | null, sc: Scenario): string {
  if (d === null) return 'Do nothing';
  switch (d.type) {
    case 'experiment.run': {
      const h = sc.hypotheses.find((x) => x.id === d.data.hypothesis);
      const about = h ? `“${h.statement.replace(/\.$/, '')}”` : d.data.hypothesis;
      return `Run ${lower(sc.discovery.methods[d.data.method].name)} on ${about}${d.data.isolated ? ' (isolated)' : ''}`;
    }
    case 'strategy.target':
      return `Target ${lower(nameIn(sc.segments, d.data.segment))}`;
    case 'strategy.adopt':
      return `Adopt the ${lower(nameIn(sc.paradigms, d.data.paradigm))} paradigm`;
    case 'paradigm.kill':
      return `Kill the ${lower(nameIn(sc.paradigms, d.data.paradigm))} paradigm`;
    case 'strategy.position':
      return `Promise “${nameIn(sc.valueProps, d.data.valueProp)}”`;
    case 'feature.ship':
      return `Ship ${lower(nameIn(sc.features, d.data.feature))}`;
    case 'inference.setMode':
      return `Serve ${lower(nameIn(sc.features, d.data.feature))} in ${d.data.mode === 'realtime' ? 'real time' : 'batch'}`;
    case 'model.retrain':
      return 'Retrain the model';
    case 'model.setThreshold':
      return `Set the decision threshold to ${d.data.threshold}`;
    case 'model.setCadence':
      return d.data.everyWeeks === 0 ? 'Stop scheduled retraining' : `Retrain every ${d.data.everyWeeks === 1 ? 'week' : `${d.data.everyWeeks} weeks`}`;
    case 'labels.buy':
      return `Buy ${d.data.batches} batch${d.data.batches === 1 ? '' : 'es'} of labels`;
    case 'calibration.build':
      return `Build ${lower(nameIn(sc.calibration, d.data.kind))}`;
    case 'capability.build':
      return `Build ${lower(nameIn(sc.capabilities, d.data.capability))}`;
    case 'gpu.reserve':
      return `Reserve ${d.data.hoursPerMonth} GPU-hours a month`;
    case 'gpu.signoff':
      return d.data.item === 'training' ? 'Ask the founder to sign off training' : `Ask the founder to sign off ${lower(nameIn(sc.features, d.data.item))}`;
    case 'team.hire':
      return d.data.role === 'engineer' ? 'Hire an engineer' : 'Hire an ML engineer';
    case 'team.release':
      return d.data.role === 'engineer' ? 'Let an engineer go' : 'Let an ML engineer go';
    case 'funding.raise':
      return `Raise the ${nameIn(sc.rounds, d.data.round)}`;
    case 'debt.paydown':
      return `Pay down debt with ${d.data.engWeeks} engineer-week${d.data.engWeeks === 1 ? '' : 's'}`;
    case 'contract.sign':
      return `Sign contract offer #${d.data.offer}`;
    case 'contract.decline':
      return `Decline contract offer #${d.data.offer}`;
    case 'incident.respond':
      return respondLabel(d.data);
    case 'week.end':
      return 'End the week';
    default: {
      const never: never = d;
      return String(never);
    }
  }
}

function respondLabel(r: { action: 'rollback' | 'hotfix'; communicate: boolean; postmortem: boolean }): string {
  const parts = [r.action === 'rollback' ? 'Roll back' : 'Hotfix'];
  if (r.communicate) parts.push('tell customers');
  if (r.postmortem) parts.push('write a postmortem');
  return parts.length === 1 ? `${parts[0]} only` : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Same-type variants that the random bot's menu does not list (amounts, cadences, modes). */
function variantsOf(d: Decision, s: GameState, sc: Scenario): Decision[] {
  switch (d.type) {
    case 'model.setThreshold':
      return [0.3, 0.4, 0.5, 0.6, 0.7].map((threshold) => ({ type: d.type, data: { threshold } }));
    case 'model.setCadence':
      return ([0, 1, 2, 4, 8] as const).map((everyWeeks) => ({ type: d.type, data: { everyWeeks } }));
    case 'labels.buy':
      return [1, 2, 4, 8].map((batches) => ({ type: d.type, data: { batches } }));
    case 'gpu.reserve': {
      const step = sc.gpu.reservationStepHours;
      const now = s.gpu.reservedHoursPerMonth;
      return [now + step, now + step * 2, Math.max(0, now - step), d.data.hoursPerMonth + step].map((hoursPerMonth) => ({ type: d.type, data: { hoursPerMonth } }));
    }
    case 'debt.paydown':
      return [1, 2, 4].map((engWeeks) => ({ type: d.type, data: { engWeeks } }));
    case 'team.release':
      return [{ type: d.type, data: { role: d.data.role === 'engineer' ? 'mlEngineer' : 'engineer' } }];
    case 'experiment.run':
      return [{ type: d.type, data: { ...d.data, isolated: !d.data.isolated } }];
    default:
      return [];
  }
}

/** The incident responses other than the player's, the minimal (cheapest) one first. */
function otherResponses(d: Extract<Decision, { type: 'incident.respond' }>, legal: (x: Decision) => boolean, suggested: Decision | undefined): Option[] {
  const all: Extract<Decision, { type: 'incident.respond' }>[] = [];
  for (const action of ['rollback', 'hotfix'] as const) {
    for (const communicate of [false, true])
      for (const postmortem of [false, true]) all.push({ type: 'incident.respond', data: { incident: d.data.incident, action, communicate, postmortem } });
  }
  const usable = all.filter(legal);
  const minimal = usable.find((x) => !x.data.communicate && !x.data.postmortem);
  const key = canonicalJson(d);
  const ordered = [minimal, suggested, ...usable].filter((x): x is Extract<Decision, { type: 'incident.respond' }> => x !== undefined && x.type === 'incident.respond' && legal(x));
  const out: Option[] = [];
  const seen = new Set([key]);
  for (const x of ordered) {
    const k = canonicalJson(x);
    if (seen.has(k)) continue;
    seen.add(k);
    const label = respondLabel(x.data);
    out.push({ decision: x, label: x === minimal ? `Minimal response: ${lower(label)}` : label });
  }
  return out.slice(0, ALTERNATIVES);
}

/** The alternatives to ending a week as played: one more decision first, then the week's end
 * (the player's own choice is the "do nothing more" option, so it is not repeated here). */
export function omissionsAt(before: GameState, sc: Scenario, table: WorldTable, reference: Bot, random: BotRandom): Option[] {
  const end: Decision = { type: 'week.end', data: {} };
  return alternativesFor(before, end, sc, table, reference, random, ALTERNATIVES + 1)
    .filter((o) => o.decision !== null)
    .map((o) => ({ ...o, label: `${o.label}, then end the week` }));
}

/** The alternatives to one player decision (the player's own is not among them, nor any the
 * player makes later the same week: playing one of those early would only repeat "do nothing"). */
export function alternativesFor(
  before: GameState,
  d: Decision,
  sc: Scenario,
  table: WorldTable,
  reference: Bot,
  random: BotRandom,
  count = ALTERNATIVES,
  later: readonly Decision[] = [],
): Option[] {
  const ctx = { sc, table };
  const legal = (x: Decision): boolean => decide(before, x, ctx).ok;
  const view = playerView(before);
  if (d.type === 'incident.respond') return otherResponses(d, legal, reference.respond(view, sc, d.data.incident, random));
  const seen = new Set([d, ...later].map((x) => canonicalJson(x)));
  const out: Option[] = [{ label: 'Do nothing', decision: null }];
  const take = (x: Decision | undefined): boolean => {
    if (!x || x.type === 'week.end' || seen.has(canonicalJson(x)) || !legal(x)) return false;
    seen.add(canonicalJson(x));
    out.push({ label: labelOf(x, sc), decision: x });
    return true;
  };
  reference.plan(view, sc, random).some(take);
  const menu = [...variantsOf(d, before, sc), ...candidateDecisions(view, sc)];
  const sameType = menu.filter((x) => x.type === d.type);
  sameType.some(take);
  const others = AFFINITY_ORDER.filter((a) => a !== AFFINITY[d.type]).map((a) => menu.filter((x) => AFFINITY[x.type] === a));
  for (const group of others) {
    if (out.length >= count) break;
    group.some(take);
  }
  for (const x of [...sameType, ...menu]) if (out.length < count) take(x);
  return out.slice(0, count);
}
