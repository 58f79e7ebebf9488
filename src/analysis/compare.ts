import type { Scenario } from '../scenarios/schema.js';
import { isDecisionLine, type GameLog } from '../engine/log/format.js';
import { factsHash } from '../engine/log/fork.js';
import { canonicalJson } from '../engine/hash.js';
import { parseLog, type ParsedLog } from '../engine/log/parse.js';
import { incompleteText, replay, scenarioMismatch, verify } from '../engine/log/replay.js';
import { ENDINGS, scoreCard } from './score.js';
import { outcomeOf } from './value.js';
import { divergenceTree, weeklyDecisions } from './divergence.js';
import { labelOf } from './candidates.js';
import { distribution, rankings } from './compare-rank.js';
import type { Comparison, Group, LogProblem, PlayerResult } from './compare-types.js';

/* The workshop comparison: many logs of one scenario and seed side by side. Every log is parsed
 * and verified before anything is compared, logs of different scenarios or seeds are grouped
 * apart (and that is said), and each group gets a leaderboard, a distribution and a divergence
 * tree. Pure: it runs unchanged in the CLI and in the browser. */

/** One log to compare: its name (file name) and either its text or an already parsed log. */
export type CompareInput = { name: string; text: string } | { name: string; log: ParsedLog };

/** Finds a bundled scenario and its content hash by id and the log's pinned hash (the
 * registry's `scenarioFor`, which keeps released versions; an id-only `getScenario` fits too). */
export type ScenarioLookup = (id: string, hash: string) => { scenario: Scenario; hash: string } | undefined;

/** A log that parsed, belongs to a known scenario and reproduces: ready to compare. */
export interface CheckedLog {
  name: string;
  log: ParsedLog;
  scenario: Scenario;
  hash: string;
}

/** Thrown by `compareLogs` when a log cannot join: carries the file and first bad line. */
export class CompareInputError extends Error {
  /** Wraps a problem so callers can name the file and line. */
  constructor(readonly problem: LogProblem) {
    super(`${problem.name}:${problem.line > 0 ? `${problem.line}:` : ''} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`);
    this.name = 'CompareInputError';
  }
}

/** Parses, pins and verifies one log; the first problem rejects it whole. */
export function checkLog(input: CompareInput, lookup: ScenarioLookup): { ok: true; checked: CheckedLog } | { ok: false; problem: LogProblem } {
  const { name } = input;
  let log: ParsedLog;
  if ('text' in input) {
    const parsed = parseLog(input.text);
    if (!parsed.ok) return { ok: false, problem: { name, kind: 'parse', ...parsed.error } };
    log = parsed.log;
  } else log = input.log;
  const found = lookup(log.header.scenario.id, log.header.scenario.hash);
  if (!found) return { ok: false, problem: { name, kind: 'scenario', line: 1, field: 'scenario.id', message: `unknown scenario "${log.header.scenario.id}"` } };
  const mismatch = scenarioMismatch(log.header, found.scenario, found.hash);
  if (mismatch) return { ok: false, problem: { name, kind: 'scenario', line: 1, field: 'scenario', message: mismatch } };
  const v = verify(log, found.scenario);
  if (!v.ok) return { ok: false, problem: { name, kind: 'mismatch', line: v.line, message: v.message } };
  return { ok: true, checked: { name, log, scenario: found.scenario, hash: found.hash } };
}

const hashes = new WeakMap<GameLog, string>();
/** A log's facts hash, computed once per log object (the browser re-compares on every upload). */
function factsOf(log: GameLog): string {
  const known = hashes.get(log);
  if (known !== undefined) return known;
  const h = factsHash(log);
  hashes.set(log, h);
  return h;
}

const factLines = new WeakMap<GameLog, string[]>();
/** A log's fact lines (annotations aside) in canonical JSON, computed once per log object. */
function linesOf(log: GameLog): string[] {
  const known = factLines.get(log);
  if (known !== undefined) return known;
  const lines = log.entries.filter((e) => e.kind !== 'annotation').map((e) => canonicalJson(e));
  factLines.set(log, lines);
  return lines;
}

const lastWeek = (lines: readonly string[], log: GameLog): number =>
  lines.length === 0 ? 0 : log.entries.reduce((w, e) => (e.kind === 'annotation' ? w : Math.max(w, e.week)), 0);

/** The longer log `short` is a truncated copy of, if any: the same header, and its fact lines
 * the first lines of the other's. */
function longerCopy<T extends { name: string; log: GameLog }>(short: T, others: readonly T[]): T | undefined {
  const head = canonicalJson(short.log.header);
  const mine = linesOf(short.log);
  return others.find((o) => {
    const theirs = linesOf(o.log);
    return o !== short && theirs.length > mine.length && canonicalJson(o.log.header) === head && mine.every((l, i) => theirs[i] === l);
  });
}

/** Keeps one log of each game and turns every other into a problem naming both files, so one
 * player is never ranked twice: a repeat (same facts hash: header and lines, annotations aside)
 * after the first, and a truncated copy (same header, its lines a prefix of another log's)
 * whatever the order, so a copy that stops early never outranks the complete game. */
export function dropDuplicates<T extends { name: string; log: GameLog }>(logs: readonly T[]): { kept: T[]; duplicates: LogProblem[] } {
  const first = new Map<string, T>();
  const unique: T[] = [];
  const duplicates: LogProblem[] = [];
  for (const l of logs) {
    const seen = first.get(factsOf(l.log));
    if (!seen) {
      first.set(factsOf(l.log), l);
      unique.push(l);
      continue;
    }
    const message =
      seen.name === l.name
        ? 'the same log is given twice; each game is compared once'
        : `the same game as ${seen.name} (identical header and decisions); each game is compared once`;
    duplicates.push({ name: l.name, kind: 'duplicate', line: 0, message });
  }
  const kept = unique.filter((l) => {
    const longer = longerCopy(l, unique);
    if (!longer) return true;
    const [mine, theirs] = [lastWeek(linesOf(l.log), l.log), lastWeek(linesOf(longer.log), longer.log)];
    const message = `a truncated copy of ${longer.name}: the same game (same header; its ${linesOf(l.log).length} lines are the first of that log's ${linesOf(longer.log).length}), stopping at week ${mine} where ${longer.name} goes on to week ${theirs}; each game is compared once, from its longest log`;
    duplicates.push({ name: l.name, kind: 'duplicate', line: 0, message });
    return false;
  });
  return { kept, duplicates };
}

/** Checks every log, then compares them; throws CompareInputError naming the first bad or repeated log. */
export function compareLogs(inputs: readonly CompareInput[], lookup: ScenarioLookup): Comparison {
  const checked = inputs.map((input) => {
    const r = checkLog(input, lookup);
    if (!r.ok) throw new CompareInputError(r.problem);
    return r.checked;
  });
  return compareChecked(checked);
}

/** A player's figures from a checked log, under the display name the comparison gave it. */
function playerResult(c: CheckedLog, index: number, name: string): PlayerResult {
  const final = replay(c.log, c.scenario);
  const outcome = outcomeOf(final, c.scenario);
  const card = scoreCard(c.log, c.scenario);
  const decisions = c.log.entries.filter((e) => e.kind === 'event' && isDecisionLine(e) && e.type !== 'week.end').length;
  const weeks = c.log.entries.reduce((w, e) => Math.max(w, e.week), 0);
  return {
    index,
    name,
    file: c.name,
    ending: outcome.ending,
    endingText: outcome.ending === 'playing' ? 'still playing' : (ENDINGS[outcome.ending] ?? outcome.ending),
    outcome,
    score: card.lines,
    fitWeek: outcome.fitWeek,
    decisions,
    weeks,
  };
}

/** A decision label (which starts a sentence) for use mid-sentence; an acronym ("SOC 2") keeps its capitals, as in candidates.ts. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

const keyOf = (c: CheckedLog) => `${c.log.header.scenario.id}@${c.hash.slice(0, 12)}/${c.log.header.seed}`;

/** Display names that tell players apart: a shared header name gets its file ("Ada (ada-2.jsonl)"),
 * and a name still shared after that (same file name in two folders) gets its position ("x.jsonl (2)"). */
export function displayNames(logs: readonly { name: string; log: GameLog }[]): string[] {
  const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;
  const base = logs.map((l) => l.log.header.player ?? l.name);
  const withFile = base.map((b, i) => {
    const l = logs[i];
    return l && count(base, b) > 1 && l.log.header.player !== undefined ? `${b} (${l.name})` : b;
  });
  return withFile.map((n, i) => {
    const before = count(withFile.slice(0, i), n);
    return count(withFile, n) > 1 ? `${n} (${before + 1})` : n;
  });
}

function groupOf(logs: CheckedLog[], names: ReadonlyMap<CheckedLog, string>): Group {
  const first = logs[0] as CheckedLog;
  const players = logs.map((c, i) => playerResult(c, i, names.get(c) ?? c.name));
  const sc = first.scenario;
  const tree = divergenceTree(
    logs.map((c, i) => ({ index: i, weeks: weeklyDecisions(c.log), value: players[i]?.outcome.value ?? 0, ending: players[i]?.ending ?? 'playing' })),
    (d) => lowerFirst(labelOf(d, sc)),
  );
  return {
    key: keyOf(first),
    scenario: { id: sc.id, version: sc.version, hash: first.hash, name: sc.name },
    seed: first.log.header.seed,
    players,
    rankings: rankings(players),
    distribution: distribution(players),
    tree,
    incomplete: players.filter((p) => p.ending === 'playing').map((p) => `${p.name}: ${incompleteText(p.weeks)} (ranked below every finished game on outcome).`),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Sentences saying which logs could not be compared with which. */
function notesOn(groups: Group[]): string[] {
  if (groups.length < 2) return groups.length === 1 && groups[0]?.players.length === 1 ? ['Only one log: there is no one to compare it with.'] : [];
  const ids = groups.map((g) => g.scenario.id);
  const sameIdTwice = (id: string) => ids.filter((x) => x === id).length > 1;
  const what = (g: Group) => {
    const version =
      sameIdTwice(g.scenario.id) && groups.some((o) => o.scenario.id === g.scenario.id && o.scenario.hash !== g.scenario.hash)
        ? ` version ${g.scenario.version} (content ${g.scenario.hash.slice(0, 12)})`
        : '';
    return `${plural(g.players.length, 'log')} ${g.players.length === 1 ? 'is' : 'are'} for ${g.scenario.id}${version} with seed "${g.seed}"`;
  };
  const lonely = groups.filter((g) => g.players.length === 1).map((g) => `${g.players[0]?.name ?? '?'} (seed "${g.seed}")`);
  return [
    `These logs are not all of one game: ${groups.map(what).join(', ')}. Each group is compared separately; players in different groups are never ranked together.`,
    ...(lonely.length > 0 ? [`Alone in a group, so not compared with anyone: ${lonely.join(', ')}.`] : []),
  ];
}

/** Compares logs already checked by `checkLog`, grouped by scenario content and seed; a repeated
 * log (see `dropDuplicates`) throws CompareInputError naming both files. */
export function compareChecked(logs: readonly CheckedLog[]): Comparison {
  const repeat = dropDuplicates(logs).duplicates[0];
  if (repeat) throw new CompareInputError(repeat);
  const shown = displayNames(logs);
  const names = new Map(logs.map((c, i) => [c, shown[i] ?? c.name]));
  const byKey = new Map<string, CheckedLog[]>();
  for (const c of logs) byKey.set(keyOf(c), [...(byKey.get(keyOf(c)) ?? []), c]);
  const groups = [...byKey.entries()].sort(([ka, a], [kb, b]) => b.length - a.length || (ka < kb ? -1 : ka > kb ? 1 : 0)).map(([, ls]) => groupOf(ls, names));
  return { logs: logs.length, groups, notes: notesOn(groups) };
}
