import type { EndReason } from '../engine/state.js';
import type { ScoreLine } from './score.js';
import type { Outcome } from './types.js';

/* The workshop comparison's vocabulary: what `compareLogs` returns and what the CLI reports
 * (Markdown, HTML, JSON) and the browser's comparison view read. Everything in it is plain data
 * (JSON round-trips it unchanged), so `--format json` prints exactly this object. */

/** A score dimension the leaderboard can be sorted on (the score card's lines, by id). */
export type Dimension = ScoreLine['id'];

/** One player's game, as the comparison sees it. */
export interface PlayerResult {
  /** Position in the group's `players` (branches and rankings point here). */
  index: number;
  /** Display name: the log header's player name, else the file name; unique within the comparison. */
  name: string;
  /** The file (or upload) the log came from. */
  file: string;
  ending: EndReason | 'playing';
  /** The ending in words (the score card's vocabulary). */
  endingText: string;
  /** The 0–100 outcome value and the figures behind it. */
  outcome: Outcome;
  /** The score card's lines, in the score card's order. */
  score: ScoreLine[];
  fitWeek: number | null;
  /** Player decisions in the log, not counting "end week". */
  decisions: number;
  /** The last week the log covers. */
  weeks: number;
}

/** One leaderboard row under one dimension. */
export interface RankedRow {
  player: number;
  /** Competition rank (1, 1, 3 …): equal figures share a rank; null when the figure is n/a (shown as "–"). */
  rank: number | null;
  value: number;
  display: string;
}

/** A row of the outcome leaderboard: every game has an outcome value, so every row is ranked. */
export interface OutcomeRow extends RankedRow {
  rank: number;
}

interface RankingBase {
  label: string;
  /** Whether a larger figure is better (false for cost per insight and breaches). */
  higherIsBetter: boolean;
}

/** The leaderboard sorted on one dimension, best first and n/a figures last (unranked); ties
 * broken by outcome value, then name, then input order. Split on `dimension` so the outcome
 * board, which the reports lead with, is typed as fully ranked. */
export type Ranking = (RankingBase & { dimension: 'outcome'; rows: OutcomeRow[] }) | (RankingBase & { dimension: Exclude<Dimension, 'outcome'>; rows: RankedRow[] });

/** One bar of a histogram: players whose figure lies in [from, to), or [from, to] when `closed`
 * (the last bin). Bins never have zero width. */
export interface Bin {
  from: number;
  to: number;
  /** Whether `to` belongs to this bin too (true only for the last bin). */
  closed: boolean;
  count: number;
}

/** How a group's games ended and how their figures spread. */
export interface Distribution {
  endings: { ending: EndReason | 'playing'; label: string; count: number }[];
  /** Outcome values in ten bins of ten points. */
  value: Bin[];
  /** ARR at the end in up to six bins of a round width (at least $1,000); one bin when all are equal. */
  arr: Bin[];
}

/** A set of players who made the same decisions up to a week, then parted from the rest. */
export interface Branch {
  /** Path from the root: "0" is the root, "0.2" its third branch. */
  id: string;
  parent: string | null;
  depth: number;
  /** The week this branch's decisions first differed from its siblings' (1 for the root). */
  week: number;
  /** The last week its players still decided alike (the week before its own split, or their last week). */
  untilWeek: number;
  /** What this branch did in its first week that its siblings did not, in plain words. */
  decisions: string[];
  /** Whether several minor choices were merged into this branch to keep the tree readable. */
  merged: boolean;
  /** Indices into the group's players. */
  players: number[];
  meanValue: number;
  endings: { ending: EndReason | 'playing'; count: number }[];
  /** Mean value minus the best sibling's mean: negative when the split cost points; null for the root. */
  cost: number | null;
  children: string[];
}

/** Where the group's decisions parted, as a tree of branches (root first, depth-first order). */
export interface DivergenceTree {
  branches: Branch[];
  /** The week the room first split, or null when everyone decided alike throughout. */
  firstSplit: number | null;
  /** One sentence on the first split: the week and how the room divided. */
  summary: string;
}

/** Logs of the same scenario (id and content hash) and seed: the only logs that compare fairly. */
export interface Group {
  /** "scenario-id@hash-prefix/seed": stable and unique per group. */
  key: string;
  scenario: { id: string; version: string; hash: string; name: string };
  seed: string;
  players: PlayerResult[];
  /** One ranking per dimension, in the score card's order. */
  rankings: Ranking[];
  distribution: Distribution;
  tree: DivergenceTree;
  /** A sentence for each game whose log stops before an ending (ranked below every finished one on outcome). */
  incomplete: string[];
}

/** The whole comparison: groups (largest first) and what was said about mixing them. */
export interface Comparison {
  /** How many logs were compared. */
  logs: number;
  groups: Group[];
  /** Plain sentences, e.g. that logs of different seeds were compared separately. */
  notes: string[];
}

/** Why a log could not join a comparison: the file, the first bad line, and what is wrong. */
export interface LogProblem {
  name: string;
  /** 'parse': unreadable or invalid line; 'scenario': unknown scenario or other content; 'mismatch': does not reproduce;
   * 'duplicate': the same game as an earlier log (the message names it). */
  kind: 'parse' | 'scenario' | 'mismatch' | 'duplicate';
  /** The first bad line, or 0 when the whole file is at fault (unreadable, too big, a duplicate). */
  line: number;
  field?: string;
  message: string;
}
