import type { Annotation } from '../engine/log/format.js';
import { ENDINGS } from './score.js';
import { figureRows, showFigure, type FigureRow } from './path.js';
import { evidenceLines, ruleWords, type Flag } from './alignment.js';
import { ENDING_SHORT, mdEscape, money, num, pct } from './format.js';
import { MARK_GLYPH, MARKS, type Debrief, type DecisionEvaluation, type GuardFigure, type Luck, type Mark, type Outcome, type PathStep } from './types.js';

/* The debrief as Markdown, written for the candidate a coach hands it to: the outcome and score
 * card first, then how the game moved between phases, luck against skill, the decisions worth
 * talking about (worst first, with alternatives, flags and the coach's notes), and the full
 * decision table. The ordering and note placement here are shared with the HTML report. */

/** The shared formats, re-exported for the HTML report. */
export { ENDING_SHORT, mdEscape, money, num, pct };

/** Who the debrief is about: the player's name from the log header, or "the player". */
export const playerName = (d: Pick<Debrief, 'header'>): string => d.header.player ?? 'the player';

/** How an ending reads (the score card's words), including a log that stops mid-game. */
export function endingText(ending: Outcome['ending']): string {
  return ending === 'playing' ? 'still playing: the log stops before the game ended' : (ENDINGS[ending] ?? ending);
}

/** An outcome's figures in one line (the ending itself is said beside it). */
export function outcomeLine(o: Outcome): string {
  return `${o.ending === 'playing' ? 'Stopped' : 'Ended'} at week ${o.week} · outcome value ${num(o.value)}/100 · ARR ${money(o.arr)} · cash ${money(o.cash)} · ${o.fitWeek === null ? 'no fit' : `fit in week ${o.fitWeek}`}`;
}

/** The player's standing against the phase-aware bot, e.g. "3.2 points behind". */
export function againstText(points: number): string {
  if (points === 0) return 'level with';
  return `${num(Math.abs(points))} points ${points < 0 ? 'behind' : 'ahead of'}`;
}

/** The luck paragraph's second sentence: the seed's generosity and where the player stands,
 * with ties on outcome value counted as ties, not wins. */
export function standingText(l: Luck, who: string): string {
  const n = l.references.length;
  const beat = l.references.filter((r) => l.player.value > r.outcome.value).length;
  const tied = l.references.filter((r) => l.player.value === r.outcome.value).length;
  const parts = [tied > 0 ? `matched ${tied}` : '', beat > 0 ? `beat ${beat}` : ''].filter(Boolean);
  const bots = n === 1 ? 'the one reference bot' : `the ${n} reference bots`;
  const standing = parts.length > 0 ? `${who} ${parts.join(' and ')} of ${bots} on outcome value` : `${who} finished below ${n === 1 ? '' : 'all '}${bots} on outcome value`;
  return `On this seed the reference bots average ${num(l.seedValue)}/100; ${standing}, and finished ${againstText(l.againstPhaseAware)} the phase-aware bot.`;
}

const SIGN: Record<GuardFigure['holdsWhen'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

/** A guard figure's condition, e.g. "≥ 85%". */
export const needs = (f: GuardFigure): string => `${SIGN[f.holdsWhen]} ${showFigure(f, f.threshold)}`;

/** An outcome as table cells: ending and week, value, ARR, cash, fit week. */
export function outcomeCells(o: Outcome): string[] {
  return [`${ENDING_SHORT[o.ending]}, week ${o.week}`, num(o.value), money(o.arr), money(o.cash), o.fitWeek === null ? 'none' : `${o.fitWeek}`];
}

/** The headings of a path step's table: each figure, and the part its guard played. */
export const PATH_HEADS = ['Figure', 'Value', 'Needs', 'Met', 'Guard and its result'];

/** A path table row as cells, in PATH_HEADS order. */
export function pathCells(r: FigureRow): string[] {
  return [r.figure.name, showFigure(r.figure, r.figure.value), needs(r.figure), r.figure.holds ? 'yes' : 'no', r.role];
}

/** The headings that go with outcomeCells. */
export const OUTCOME_HEADS = ['Ending', 'Value', 'ARR', 'Cash', 'Fit week'];

/** A flag rule's id in words (defined with the flags, re-exported for the reports). */
export { ruleWords };

const severity = (m: Mark): number => MARKS.indexOf(m);

/** A mark as the start of a sentence. */
export const MARK_WORD: Record<Mark, string> = { good: 'Marked good', inaccuracy: 'An inaccuracy', mistake: 'A mistake', blunder: 'A blunder' };

/** What regret means, in one sentence for the reader. */
export const REGRET_NOTE =
  'Regret is how many outcome points (on a 0–100 scale) separate the best alternative from what was played, each played to the end by the reference bot on the same seed.';

/** Coach notes placed beside decisions: a note naming a decision's seq sits with it; a note on
 * a week sits with the first discussed decision of that week; the rest are listed apart. */
export interface Notes {
  bySeq: Map<number, Annotation[]>;
  other: Annotation[];
}

/** The decisions worth discussing: any marked worse than good, flagged or annotated; worst
 * mark first, then largest regret, then log order. */
export function worthDiscussing(d: Debrief): DecisionEvaluation[] {
  const noted = new Set(d.annotations.map((a) => a.seq).filter((s) => s !== undefined));
  const noteWeeks = new Set(d.annotations.filter((a) => a.seq === undefined).map((a) => a.week));
  return d.decisions
    .filter((e) => e.mark !== 'good' || e.flags.length > 0 || noted.has(e.seq) || noteWeeks.has(e.week))
    .sort((a, b) => severity(b.mark) - severity(a.mark) || b.regret - a.regret || a.seq - b.seq);
}

/** Places each annotation beside the decision it refers to (see Notes). */
export function placeNotes(d: Debrief, discussed: readonly DecisionEvaluation[]): Notes {
  const bySeq = new Map<number, Annotation[]>();
  const other: Annotation[] = [];
  const seqs = new Set(d.decisions.map((e) => e.seq));
  const add = (seq: number, a: Annotation) => bySeq.set(seq, [...(bySeq.get(seq) ?? []), a]);
  for (const a of d.annotations) {
    const first = discussed.filter((e) => e.week === a.week).sort((x, y) => x.seq - y.seq)[0];
    if (a.seq !== undefined && seqs.has(a.seq)) add(a.seq, a);
    else if (a.seq === undefined && first) add(first.seq, a);
    else other.push(a);
  }
  return { bySeq, other };
}

/** The mark with its glyph, e.g. "?? blunder". */
export const markText = (m: Mark): string => `${MARK_GLYPH[m]} ${m}`;

/** A flag's evidence on one line, e.g. "runway: 12.5 wk; cash: $90k". */
export const evidenceText = (f: Flag): string => evidenceLines(f).join('; ');

/** Who wrote a note and the mark they gave, e.g. "Coach Ana (? mistake)". */
export function noteHead(a: Annotation): string {
  return `${a.author ?? 'Coach'}${a.mark ? ` (${markText(a.mark)})` : ''}, week ${a.week}${a.seq !== undefined ? `, decision #${a.seq}` : ''}`;
}

function header(d: Debrief): string[] {
  const h = d.header;
  const who = mdEscape(playerName(d));
  return [
    `# Debrief for ${who}: ${mdEscape(d.scenario.name)}`,
    '',
    `${mdEscape(d.scenario.company)} · scenario \`${mdEscape(h.scenario.id)}\` version ${mdEscape(h.scenario.version)} · seed \`${mdEscape(h.seed)}\` · engine ${h.engine}`,
    '',
  ];
}

function outcome(d: Debrief): string[] {
  const lines = ['## Outcome', '', `**${endingText(d.luck.player.ending)}.** ${outcomeLine(d.luck.player)}.`, ''];
  lines.push('| Figure | Value | What it means |', '|---|---|---|');
  for (const l of d.score.lines) lines.push(`| ${l.label} | ${mdEscape(l.display)} | ${mdEscape(l.why)} |`);
  return [...lines, ''];
}

function pathSection(steps: readonly PathStep[]): string[] {
  const lines = ['## How the game moved', ''];
  for (const s of steps) {
    lines.push(`### Week ${s.week}: ${mdEscape(s.transition)}`, '', mdEscape(s.why), '');
    if (s.figures.length === 0) continue;
    lines.push(`| ${PATH_HEADS.join(' | ')} |`, `|${'---|'.repeat(PATH_HEADS.length)}`);
    for (const r of figureRows(s)) lines.push(`| ${pathCells(r).map(mdEscape).join(' | ')} |`);
    lines.push('');
  }
  return lines;
}

function luckSection(d: Debrief): string[] {
  const l = d.luck;
  const lines = ['## Luck or skill', '', mdEscape(l.verdict), ''];
  lines.push(mdEscape(standingText(l, playerName(d))), '');
  lines.push(
    `| Player | ${OUTCOME_HEADS.join(' | ')} |`,
    `|${'---|'.repeat(OUTCOME_HEADS.length + 1)}`,
    `| ${mdEscape(playerName(d))} | ${outcomeCells(l.player).map(mdEscape).join(' | ')} |`,
  );
  for (const r of l.references) lines.push(`| ${mdEscape(r.bot)} bot | ${outcomeCells(r.outcome).map(mdEscape).join(' | ')} |`);
  return [...lines, ''];
}

function noteLines(notes: readonly Annotation[]): string[] {
  return notes.flatMap((a) => [`> **${mdEscape(noteHead(a))}:** ${mdEscape(a.text)}`, '']);
}

function discussion(e: DecisionEvaluation, notes: Notes): string[] {
  const lines = [`### ${MARK_GLYPH[e.mark]} Week ${e.week}, #${e.seq}: ${mdEscape(e.label)}`, ''];
  lines.push(`${MARK_WORD[e.mark]}: ${num(e.regret)} outcome points behind the best alternative found.`, '');
  lines.push(`| | Option | ${OUTCOME_HEADS.join(' | ')} |`, `|${'---|'.repeat(OUTCOME_HEADS.length + 2)}`);
  e.alternatives.forEach((a, i) => {
    const tag = [a.actual ? 'played' : '', i === e.best ? 'best' : ''].filter(Boolean).join(', ');
    lines.push(`| ${tag} | ${mdEscape(a.label)} | ${outcomeCells(a.outcome).map(mdEscape).join(' | ')} |`);
  });
  lines.push('');
  for (const f of e.flags) lines.push(`- **Flag, ${ruleWords(f.rule)}:** ${mdEscape(f.reason)} Evidence: ${mdEscape(evidenceText(f))}.`);
  if (e.flags.length) lines.push('');
  return [...lines, ...noteLines(notes.bySeq.get(e.seq) ?? [])];
}

function marksLine(d: Debrief): string {
  return MARKS.map((m) => `${MARK_GLYPH[m]} ${m}: ${d.marks[m]}`).join(' · ');
}

function decisionsSection(d: Debrief, discussed: readonly DecisionEvaluation[], notes: Notes): string[] {
  const lines = ['## Decisions worth discussing', '', REGRET_NOTE, '', marksLine(d), ''];
  if (discussed.length === 0) lines.push('Every decision was marked good, with no flags or notes.', '');
  for (const e of discussed) lines.push(...discussion(e, notes));
  if (notes.other.length) lines.push('### Other coach notes', '', ...noteLines(notes.other));
  return lines;
}

function table(d: Debrief): string[] {
  const lines = ['## All decisions', '', '| Week | # | Decision | Mark | Regret | Flags |', '|---|---|---|---|---|---|'];
  for (const e of d.decisions)
    lines.push(`| ${e.week} | ${e.seq} | ${mdEscape(e.label)} | ${markText(e.mark)} | ${num(e.regret)} | ${e.flags.map((f) => ruleWords(f.rule)).join(', ')} |`);
  return [...lines, ''];
}

/** The whole debrief as a Markdown document. */
export function debriefMarkdown(d: Debrief): string {
  const discussed = worthDiscussing(d);
  const notes = placeNotes(d, discussed);
  return [...header(d), ...outcome(d), ...pathSection(d.path), ...luckSection(d), ...decisionsSection(d, discussed, notes), ...table(d)].join('\n');
}
