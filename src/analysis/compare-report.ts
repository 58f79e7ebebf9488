import type { Bin, Branch, Comparison, Group, PlayerResult } from './compare-types.js';
import { binRange, DIMENSIONS, ENDING_SHORT, figure } from './compare-rank.js';
import { mdEscape, money } from './format.js';

/* The comparison as reports: Markdown for a coach's notes, JSON for tools (the Comparison
 * object itself), and the shared wording both reports and the HTML page use. */

/** The report formats `phase-shift compare` can write. */
export const COMPARE_FORMATS = ['md', 'html', 'json'] as const;
/** One of the report formats. */
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** The shared Markdown escape (names come from files and may hold anything), re-exported. */
export { mdEscape };

/** A bin's range, half-open ("[10, 20)") and the last closed ("[90, 100]"), formatted by `fmt`. */
export function binLabel(b: Bin, fmt: (n: number) => string): string {
  return binRange(b, fmt);
}

/** A rank as the reports print it: "3." or "–" for a figure that is n/a. */
export const rankText = (rank: number | null): string => (rank === null ? '–' : `${rank}.`);

/** The bin formatter for ARR. */
export const arrLabel = money;

/** A branch's weeks in words ("weeks 3–10", "week 3"). */
export function branchWeeks(b: Branch): string {
  const until = Math.max(b.week, b.untilWeek);
  return until === b.week ? `week ${b.week}` : `weeks ${b.week}–${until}`;
}

/** The cost of a split in words: how many points behind (or ahead of) the best sibling. */
export function costWords(cost: number | null): string {
  if (cost === null) return '';
  if (cost < 0) return `${-cost} points behind the best other branch`;
  if (cost > 0) return `${cost} points ahead of the next-best branch`;
  return 'level with the best other branch';
}

/** The endings of a branch in words ("2 won, 1 bankrupt"). */
export function endingWords(endings: Branch['endings']): string {
  return endings.map((e) => `${e.count} ${ENDING_SHORT[e.ending]}`).join(', ');
}

/** The leaderboard's rows (best outcome first) with every figure as it reads. */
export function boardRows(g: Group): { rank: number; player: PlayerResult; cells: string[] }[] {
  const outcome = g.rankings.find((r) => r.dimension === 'outcome');
  return (outcome?.rows ?? []).flatMap((row) => {
    const p = g.players[row.player];
    if (!p) return [];
    const cells = DIMENSIONS.map((d) => figure(p, d.id).display);
    return [{ rank: row.rank, player: p, cells: [...cells, p.fitWeek === null ? 'none' : `${p.fitWeek}`, `${p.decisions}`] }];
  });
}

/** The leaderboard's column names after Rank, Player and Ending. */
export const BOARD_COLUMNS: readonly string[] = [...DIMENSIONS.map((d) => d.label), 'Fit week', 'Decisions'];

function mdBoard(g: Group): string[] {
  const head = ['Rank', 'Player', 'Ending', ...BOARD_COLUMNS];
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 1 || i === 2 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...boardRows(g).map((r) => `| ${r.rank} | ${mdEscape(r.player.name)} | ${ENDING_SHORT[r.player.ending]} | ${r.cells.map(mdEscape).join(' | ')} |`),
  ];
}

function mdRanks(g: Group): string[] {
  const name = (i: number) => mdEscape(g.players[i]?.name ?? '?');
  return g.rankings.map(
    (r) =>
      `- **${r.label}** (${r.higherIsBetter ? 'higher' : 'lower'} is better): ${r.rows.map((row) => `${rankText(row.rank)} ${name(row.player)} (${mdEscape(row.display)})`).join(', ')}`,
  );
}

function mdBars(bins: Bin[], fmt: (n: number) => string): string[] {
  return bins.map((b) => `    ${binLabel(b, fmt).padEnd(14)} ${'█'.repeat(b.count)}${b.count > 0 ? ` ${b.count}` : ''}`);
}

function mdTree(g: Group): string[] {
  return g.tree.branches.slice(1).map((b) => {
    const names = b.players.map((i) => mdEscape(g.players[i]?.name ?? '?')).join(', ');
    const pad = '  '.repeat(Math.max(0, b.depth - 1));
    return `${pad}- ${branchWeeks(b)}: ${b.decisions.map(mdEscape).join('; ')} — ${b.players.length} (${names}); mean value ${b.meanValue}, ${costWords(b.cost)}; ${endingWords(b.endings)}`;
  });
}

function mdGroup(g: Group): string[] {
  return [
    `## ${mdEscape(g.scenario.name)} · seed “${mdEscape(g.seed)}”`,
    '',
    `${g.players.length} ${g.players.length === 1 ? 'player' : 'players'}; scenario ${g.scenario.id} version ${g.scenario.version} (content ${g.scenario.hash.slice(0, 12)}).`,
    '',
    '### Leaderboard (by outcome value)',
    '',
    ...mdBoard(g),
    '',
    ...g.incomplete.flatMap((t) => [`> ${mdEscape(t)}`, '']),
    '### Rank on each dimension',
    '',
    ...mdRanks(g),
    '',
    '### Distribution',
    '',
    `Endings: ${g.distribution.endings.map((e) => `${e.count} ${e.label}`).join(', ')}.`,
    '',
    'Outcome value:',
    '',
    ...mdBars(g.distribution.value, String),
    '',
    'ARR at the end:',
    '',
    ...mdBars(g.distribution.arr, money),
    '',
    '### Where decisions diverged',
    '',
    g.tree.summary,
    ...(g.tree.branches.length > 1 ? ['', ...mdTree(g)] : []),
    '',
  ];
}

/** The comparison as Markdown. */
export function compareMarkdown(c: Comparison): string {
  const lines = ['# Workshop comparison', '', `${c.logs} logs in ${c.groups.length} ${c.groups.length === 1 ? 'group' : 'groups'}.`, ''];
  for (const note of c.notes) lines.push(`> ${mdEscape(note)}`, '');
  for (const g of c.groups) lines.push(...mdGroup(g));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The comparison as JSON (the Comparison object, pretty-printed). */
export function compareJson(c: Comparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
