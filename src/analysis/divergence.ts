import type { Scenario } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import type { EndReason } from '../engine/state.js';
import { canonicalJson } from '../engine/hash.js';
import { isDecisionLine, type GameLog } from '../engine/log/format.js';
import type { Branch, DivergenceTree } from './compare-types.js';

/* The divergence tree: where players' decisions parted. A week's signature is the list of
 * decisions a player made in it (crisis responses included, "end week" left out). Everyone
 * starts in the root; at the first week where signatures differ the group splits, one branch
 * per signature, and each branch keeps splitting later. Because a seed and the same decisions
 * make the same game, a branch's players share their whole history up to its split.
 *
 * Bounding the tree for big rooms: a split shows at most MAX_BRANCHES branches; the rarest
 * signatures beyond that are merged into one "other choices" branch, which splits again at
 * the same week (its players did differ there), so no choice is hidden for good,
 * and branches deeper than MAX_DEPTH stop splitting. Each split has ≥ 2 branches and a lone
 * player never splits, so a room of n players gives at most 2n − 1 branches. */

/** The most branches one split shows; rarer choices merge into one. */
export const MAX_BRANCHES = 4;
/** The deepest a branch may sit before it stops splitting. */
export const MAX_DEPTH = 6;

/** One player as the tree needs it: decisions per week and where the game led. */
export interface TreePlayer {
  index: number;
  /** Decisions of week w at position w − 1, "end week" excluded. */
  weeks: Decision[][];
  value: number;
  ending: EndReason | 'playing';
}

const LOG_ENDS = '(log ends)';

/** Each week's player decisions (without "end week"), from week 1 to the log's last week. */
export function weeklyDecisions(log: GameLog): Decision[][] {
  const weeks: Decision[][] = [];
  for (const e of log.entries) {
    if (e.kind !== 'event') continue;
    while (weeks.length < e.week) weeks.push([]);
    if (isDecisionLine(e) && e.type !== 'week.end') weeks[e.week - 1]?.push({ type: e.type, data: e.data } as Decision);
  }
  return weeks;
}

/** A week's signature: its decisions as canonical JSON, in the order they were made. */
export function signature(p: TreePlayer, week: number): string {
  const ds = p.weeks[week - 1];
  return ds === undefined ? LOG_ENDS : canonicalJson(ds);
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round1 = (x: number) => Math.round(x * 10) / 10;

function firstDifference(members: TreePlayer[], from: number): number | null {
  const last = members.reduce((m, p) => Math.max(m, p.weeks.length), 0);
  const first = members[0];
  if (!first || members.length < 2) return null;
  for (let w = from; w <= last; w++) {
    const s = signature(first, w);
    if (members.some((p) => signature(p, w) !== s)) return w;
  }
  return null;
}

interface Part {
  sig: string;
  members: TreePlayer[];
  merged: boolean;
}

const meanOf = (ms: TreePlayer[]) => mean(ms.map((p) => p.value));

/** Splits members by their signature at a week (biggest, then best, first); rarest merged past MAX_BRANCHES. */
function partition(members: TreePlayer[], week: number): Part[] {
  const bySig = new Map<string, TreePlayer[]>();
  for (const p of members) {
    const s = signature(p, week);
    bySig.set(s, [...(bySig.get(s) ?? []), p]);
  }
  const parts = [...bySig.entries()]
    .map(([sig, ms]) => ({ sig, members: ms, merged: false }))
    .sort((a, b) => b.members.length - a.members.length || meanOf(b.members) - meanOf(a.members) || (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0));
  if (parts.length <= MAX_BRANCHES) return parts;
  const kept = parts.slice(0, MAX_BRANCHES - 1);
  const rest = parts.slice(MAX_BRANCHES - 1);
  const others = rest.flatMap((p) => p.members).sort((a, b) => a.index - b.index);
  return [...kept, { sig: '', members: others, merged: true }];
}

function itemsOf(sig: string): string[] {
  if (sig === LOG_ENDS || sig === '') return [];
  return (JSON.parse(sig) as unknown[]).map((d) => canonicalJson(d));
}

/** What a branch did in its first week that not every sibling did, in words. */
function distinguishing(part: Part, parts: Part[], words: (d: Decision) => string): string[] {
  if (part.merged) return [`${part.members.length} players who each chose differently (rarer choices merged)`];
  if (part.sig === LOG_ENDS) return ['the log stops before this week'];
  const shared = parts.filter((p) => !p.merged).map((p) => new Set(itemsOf(p.sig)));
  const own = itemsOf(part.sig);
  if (own.length === 0) return ['made no decision that week'];
  const extra = own.filter((i) => !shared.every((s) => s.has(i)));
  if (extra.length === 0) return ['only the decisions every branch made, nothing more'];
  return extra.map((i) => words(JSON.parse(i) as Decision));
}

function endings(members: TreePlayer[]): Branch['endings'] {
  const counts = new Map<EndReason | 'playing', number>();
  for (const p of members) counts.set(p.ending, (counts.get(p.ending) ?? 0) + 1);
  return [...counts.entries()].map(([ending, count]) => ({ ending, count })).sort((a, b) => b.count - a.count || (a.ending < b.ending ? -1 : 1));
}

interface Node {
  id: string;
  parent: string | null;
  depth: number;
  week: number;
  decisions: string[];
  merged: boolean;
  cost: number | null;
}

function grow(members: TreePlayer[], node: Node, words: (d: Decision) => string, out: Branch[]): void {
  // The root and a merged branch split at their own first week; any other branch agreed on it.
  const from = node.parent === null || node.merged ? node.week : node.week + 1;
  const split = node.depth < MAX_DEPTH ? firstDifference(members, from) : null;
  const lastWeek = members.reduce((m, p) => Math.max(m, p.weeks.length), node.week);
  const branch: Branch = {
    ...node,
    untilWeek: split === null ? lastWeek : split - 1,
    players: members.map((p) => p.index),
    meanValue: round1(mean(members.map((p) => p.value))),
    endings: endings(members),
    children: [],
  };
  out.push(branch);
  if (split === null) return;
  const parts = partition(members, split);
  const means = parts.map((p) => meanOf(p.members));
  parts.forEach((part, i) => {
    const best = Math.max(...means.filter((_, j) => j !== i));
    const id = `${node.id}.${i}`;
    branch.children.push(id);
    const child: Node = { id, parent: node.id, depth: node.depth + 1, week: split, decisions: distinguishing(part, parts, words), merged: part.merged, cost: round1((means[i] ?? 0) - best) };
    grow(part.members, child, words, out);
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summarise(branches: Branch[]): string {
  const root = branches[0];
  if (!root) return 'No players to compare.';
  if (root.players.length < 2) return 'Only one player in this group: there is nothing to split.';
  if (root.children.length === 0) return `All ${root.players.length} players made the same decisions every week.`;
  const kids = root.children.map((id) => branches.find((b) => b.id === id)).filter((b): b is Branch => b !== undefined);
  const brief = (ds: string[]) => (ds.length > 3 ? [...ds.slice(0, 3), `and ${ds.length - 3} more`] : ds).join('; ');
  const parts = kids.map((b) => `${plural(b.players.length, 'player')} (${brief(b.decisions)}; mean value ${b.meanValue})`);
  return `The room first split in week ${root.untilWeek + 1} into ${kids.length} branches: ${parts.join(' · ')}.`;
}

/** Builds the divergence tree of a group's players; `words` names a decision in plain words. */
export function divergenceTree(players: TreePlayer[], words: (d: Decision) => string): DivergenceTree {
  const branches: Branch[] = [];
  if (players.length > 0) grow(players, { id: '0', parent: null, depth: 0, week: 1, decisions: [], merged: false, cost: null }, words, branches);
  const root = branches[0];
  const firstSplit = root && root.children.length > 0 ? root.untilWeek + 1 : null;
  return { branches, firstSplit, summary: summarise(branches) };
}

const nameOf = (list: readonly { id: string; name: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? id;

/** A decision in plain words, naming the scenario's features, segments and rounds. */
export function decisionWords(d: Decision, sc: Scenario): string {
  switch (d.type) {
    case 'experiment.run': return `run ${sc.discovery.methods[d.data.method].name.toLowerCase()} on “${d.data.hypothesis}”${d.data.isolated ? ' (isolated)' : ''}`;
    case 'strategy.target': return `target ${nameOf(sc.segments, d.data.segment)}`;
    case 'strategy.adopt': return `adopt ${nameOf(sc.paradigms, d.data.paradigm)}`;
    case 'paradigm.kill': return `drop ${nameOf(sc.paradigms, d.data.paradigm)}`;
    case 'strategy.position': return `promise ${nameOf(sc.valueProps, d.data.valueProp)}`;
    case 'feature.ship': return `ship ${nameOf(sc.features, d.data.feature)}`;
    case 'inference.setMode': return `serve ${nameOf(sc.features, d.data.feature)} ${d.data.mode === 'batch' ? 'in batch' : 'in real time'}`;
    case 'model.retrain': return 'retrain the model';
    case 'model.setThreshold': return `set the model threshold to ${d.data.threshold}`;
    case 'model.setCadence': return d.data.everyWeeks === 0 ? 'stop scheduled retraining' : `retrain every ${plural(d.data.everyWeeks, 'week')}`;
    case 'labels.buy': return `buy ${plural(d.data.batches, 'batch', 'batches')} of labels`;
    case 'calibration.build': return `build ${nameOf(sc.calibration, d.data.kind)}`;
    case 'capability.build': return `build ${nameOf(sc.capabilities, d.data.capability)}`;
    case 'gpu.reserve': return `reserve ${d.data.hoursPerMonth} GPU-hours a month`;
    case 'gpu.signoff': return `sign off GPU spend on ${d.data.item}`;
    case 'team.hire': return d.data.role === 'engineer' ? 'hire an engineer' : 'hire an ML engineer';
    case 'team.release': return d.data.role === 'engineer' ? 'let an engineer go' : 'let an ML engineer go';
    case 'funding.raise': return `raise ${nameOf(sc.rounds, d.data.round)}`;
    case 'debt.paydown': return `spend ${plural(d.data.engWeeks, 'engineer-week')} paying down debt`;
    case 'contract.sign': return `sign contract offer #${d.data.offer}`;
    case 'contract.decline': return `decline contract offer #${d.data.offer}`;
    case 'incident.respond': return `${d.data.action === 'rollback' ? 'roll back' : 'hotfix'} incident #${d.data.incident}${d.data.communicate ? ', tell customers' : ''}${d.data.postmortem ? ', write a postmortem' : ''}`;
    case 'week.end': return 'end the week';
    default: {
      const never: never = d;
      return String(never);
    }
  }
}
