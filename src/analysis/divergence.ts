import type { Decision } from '../engine/decisions.js';
import type { EndReason } from '../engine/state.js';
import { canonicalJson } from '../engine/hash.js';
import { isDecisionLine, type GameLog } from '../engine/log/format.js';
import type { Branch, DivergenceTree } from './compare-types.js';

/* The divergence tree: where players' decisions parted. A week's signature is the set of
 * decisions a player made in it (crisis responses included, "end week" left out; a decision
 * made twice counts twice). Everyone starts in the root; at the first week where signatures
 * differ the group splits, one branch per signature, and each branch keeps splitting later.
 * A branch's players therefore chose alike every week up to its split.
 *
 * The order of decisions within a week is deliberately ignored: the comparison asks what
 * players chose, not the order they clicked in. Two players who hired and then retrained, or
 * retrained and then hired, made the same choices; splitting them would show a branch whose
 * only difference is click order, which no coach can discuss. (Order can still matter to the
 * game in rare cases, e.g. when cash runs short mid-week; the outcome values show that.)
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

/** A week's signature: the canonical JSON of its decisions, sorted, so click order does not count. */
export function signature(p: TreePlayer, week: number): string {
  const ds = p.weeks[week - 1];
  if (ds === undefined) return LOG_ENDS;
  const items = ds.map((d) => canonicalJson(d)).sort();
  return `[${items.join(',')}]`;
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

function counts(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

const times = (n: number) => (n === 1 ? '' : n === 2 ? ' (twice)' : ` (${n} times)`);

/** What a branch did in its first week beyond what every sibling also did, in words. */
function distinguishing(part: Part, parts: Part[], words: (d: Decision) => string): string[] {
  if (part.merged) return [`${part.members.length} players who each chose differently (rarer choices merged)`];
  if (part.sig === LOG_ENDS) return ['the log stops before this week'];
  const own = counts(itemsOf(part.sig));
  if (own.size === 0) return ['made no decision that week'];
  const siblings = parts.filter((p) => !p.merged).map((p) => counts(itemsOf(p.sig)));
  const say = (i: string, n: number) => `${words(JSON.parse(i) as Decision)}${times(n)}`;
  const extra = [...own].flatMap(([i, n]) => {
    const more = n - Math.min(...siblings.map((s) => s.get(i) ?? 0));
    return more > 0 ? [say(i, more)] : [];
  });
  // Every choice of this branch was also made by its siblings, who did more besides.
  if (extra.length === 0) return [...[...own].map(([i, n]) => say(i, n)), 'nothing else that week'];
  return extra;
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
    const child: Node = {
      id,
      parent: node.id,
      depth: node.depth + 1,
      week: split,
      decisions: distinguishing(part, parts, words),
      merged: part.merged,
      cost: round1((means[i] ?? 0) - best),
    };
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

/** Builds the divergence tree of a group's players; `words` names a decision in plain words, mid-sentence. */
export function divergenceTree(players: TreePlayer[], words: (d: Decision) => string): DivergenceTree {
  const branches: Branch[] = [];
  if (players.length > 0) grow(players, { id: '0', parent: null, depth: 0, week: 1, decisions: [], merged: false, cost: null }, words, branches);
  const root = branches[0];
  const firstSplit = root && root.children.length > 0 ? root.untilWeek + 1 : null;
  return { branches, firstSplit, summary: summarise(branches) };
}
