import { beforeAll, describe, expect, it } from 'vitest';
import { debriefMarkdown, standingText } from '../../src/analysis/report-md.js';
import { debriefHtml } from '../../src/analysis/report-html.js';
import { timelineOf } from '../../src/analysis/timeline.js';
import { pathOf } from '../../src/analysis/path.js';
import { scoreCard } from '../../src/analysis/score.js';
import type { Debrief, DecisionEvaluation, Mark, Outcome } from '../../src/analysis/types.js';
import { isDecisionLine, type DecisionLine } from '../../src/engine/log/format.js';
import { recordedLog, sc } from '../helpers.js';

/* The reports read a Debrief: the real timeline, path and score card of a recorded game, with a
 * hand-made evaluation (marks, alternatives, luck) and coach notes, so every section, the mark
 * glyphs, the note placement and the escaping of log text can be checked. */

const outcome = (value: number, ending: Outcome['ending'] = 'won'): Outcome => ({ ending, value, arr: 2_100_000, cash: 50_000, week: 32, fitWeek: 22 });

function evaluationOf(line: DecisionLine, i: number): DecisionEvaluation {
  const marks: Mark[] = ['good', 'blunder', 'good', 'inaccuracy', 'mistake'];
  const mark = marks[i] ?? 'good';
  const regret = { good: 0, inaccuracy: 4, mistake: 9.5, blunder: 31 }[mark];
  const decision = { type: line.type, data: line.data } as DecisionEvaluation['decision'];
  return {
    seq: line.seq,
    week: line.week,
    phase: 'preFit',
    type: line.type,
    decision,
    label: `Decision ${line.seq} (${line.type})`,
    alternatives: [
      { label: 'What was played', decision, actual: true, outcome: outcome(80 - regret) },
      { label: 'Do nothing', decision: null, actual: false, outcome: outcome(40, 'noFit') },
      { label: 'Run interviews instead', decision: null, actual: false, outcome: outcome(80) },
    ],
    best: regret > 0 ? 2 : 0,
    regret,
    mark,
    flags:
      mark === 'mistake'
        ? [
            {
              rule: 'hardeningOnShortRunway',
              week: line.week,
              seq: line.seq,
              decision: line.type,
              reason: 'Built a capability before fit on a short runway.',
              evidence: { runwayWeeks: 12.5, cash: 90_000 },
            },
          ]
        : [],
  };
}

function fixture(): Debrief {
  const { header, entries, game } = recordedLog('b');
  // The expectations below read a won game with a phase switch and at least a dozen decisions.
  expect(game.state().ended?.reason, 'the phase-aware game on seed b should be won').toBe('won');
  expect(game.state().fitWeek, 'the phase-aware game on seed b should reach fit').not.toBeNull();
  const log = { header: { ...header, player: 'Ana <b>&</b> "Bo"' }, entries };
  const lines = entries.filter((e): e is DecisionLine => e.kind === 'event' && isDecisionLine(e) && e.type !== 'week.end');
  expect(lines.length, 'the fixture marks the first 12 decisions').toBeGreaterThanOrEqual(12);
  const decisions = lines.slice(0, 12).map(evaluationOf);
  const timeline = timelineOf(log, sc).map((r) => ({ ...r, evaluation: 50 + (r.week % 7) }));
  const blunder = decisions[1] as DecisionEvaluation;
  return {
    header: log.header,
    scenario: { id: sc.id, name: sc.name, company: sc.company },
    score: scoreCard(log, sc),
    path: pathOf(log, sc),
    timeline,
    decisions,
    flags: decisions.flatMap((d) => d.flags),
    luck: {
      player: outcome(82),
      references: [
        { bot: 'phase-aware', outcome: outcome(85) },
        { bot: 'random', outcome: outcome(5, 'bankrupt') },
      ],
      beat: 0.5,
      seedValue: 45,
      againstPhaseAware: -3,
      verdict: 'A generous seed, played close to the reference.',
    },
    annotations: [
      { kind: 'annotation', week: blunder.week, seq: blunder.seq, author: 'Coach Kim', mark: 'blunder', text: 'Why now? <script>alert(1)</script> | **bold**' },
      { kind: 'annotation', week: 30, text: 'Late in the game: a note on the week as a whole.' },
    ],
    marks: { good: 9, inaccuracy: 1, mistake: 1, blunder: 1 },
  };
}

let d: Debrief;
let md = '';
let html = '';
beforeAll(() => {
  d = fixture();
  md = debriefMarkdown(d);
  html = debriefHtml(d);
});

describe('debriefMarkdown', () => {
  it('leads with the outcome and score card, then the path, luck, the discussion and the table', () => {
    const order = ['# Debrief for', '## Outcome', '## How the game moved', '## Luck or skill', '## Decisions worth discussing', '## All decisions'].map((h) => md.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(d.score.lines.length).toBeGreaterThan(0);
    for (const line of d.score.lines) expect(md).toContain(line.why.replace(/[_*]/g, (c) => `\\${c}`));
    expect(md).toContain(`### Week ${d.path[0]?.week}: pre-fit → post-fit`);
    expect(md).toContain(': post-fit → ended: won');
    expect(md).not.toMatch(/preFit|postFit|ended\./);
  });

  it('gives each path figure the part its guard played', () => {
    expect(md).toContain('| Figure | Value | Needs | Met | Guard and its result |');
    expect(md).toMatch(/\| fit streak \(weeks\) \| \d+ \| ≥ \d+ \| yes \| fit confirmation: fired \|/);
    expect(md).toMatch(/\| cash \| \$[\d.]+[kM]? \| \\< \$0 \| no \| bankruptcy: checked, not met \|/);
    expect(md).toContain('| ARR |');
    expect(md).toContain('win: fired |');
  });

  it('speaks of the player by name and counts ties with reference bots as ties', () => {
    expect(md).toContain('| Ana \\<b\\>\\&\\</b\\> "Bo" | won, week 32 |');
    expect(md).toContain('Ana \\<b\\>\\&\\</b\\> "Bo" beat 1 of the 2 reference bots on outcome value, and finished 3 points behind the phase-aware bot.');
    expect(md).not.toMatch(/\byou\b|at least as well/);
    const bankrupt = {
      ...d.luck,
      player: outcome(0, 'bankrupt'),
      references: [outcome(0, 'bankrupt'), outcome(0, 'noFit'), outcome(10, 'noFit')].map((o, i) => ({ bot: `b${i}`, outcome: o })),
    };
    expect(standingText(bankrupt, 'Tess')).toContain('Tess matched 2 of the 3 reference bots on outcome value');
    expect(standingText({ ...bankrupt, player: outcome(5, 'bankrupt') }, 'Tess')).toContain('Tess beat 2 of the 3 reference bots');
    expect(standingText({ ...bankrupt, references: [bankrupt.references[2]!] }, 'Tess')).toContain('Tess finished below the one reference bot');
  });

  it('discusses the blunder first, then the mistake with its flag and evidence, then the inaccuracy', () => {
    const blunder = md.indexOf('### ?? Week');
    const mistake = md.indexOf('### ? Week');
    const inaccuracy = md.indexOf('### ?! Week');
    expect(blunder).toBeGreaterThan(0);
    expect(blunder).toBeLessThan(mistake);
    expect(mistake).toBeLessThan(inaccuracy);
    expect(md).toContain('Flag, hardening on short runway:');
    expect(md).toContain('Evidence: runway: 12.5 wk; cash: $90k.');
    expect(md).toContain('| played | What was played |');
    expect(md).toContain('| best | Run interviews instead |');
  });

  it('puts a coach note beside the decision it names and escapes its text', () => {
    const note = md.indexOf('Coach Kim');
    expect(note).toBeGreaterThan(md.indexOf('### ?? Week'));
    expect(note).toBeLessThan(md.indexOf('### ? Week'));
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('\\| \\*\\*bold\\*\\*');
    expect(md).toContain('Other coach notes');
  });

  it('has the full decision table with every decision, its glyph and regret', () => {
    const table = md.slice(md.indexOf('## All decisions'));
    expect(table).toContain('| Week | # | Decision | Mark | Regret | Flags |');
    expect(d.decisions).toHaveLength(12);
    for (const e of d.decisions) expect(table).toContain(`| ${e.week} | ${e.seq} | Decision ${e.seq} (${e.type.replace(/_/g, '\\_')}) |`);
    expect(table).toContain('| ?? blunder | 31 |');
    expect(md).toContain('✓ good: 9 · ?! inaccuracy: 1 · ? mistake: 1 · ?? blunder: 1');
  });
});

describe('debriefHtml', () => {
  it('is one self-contained page: inline style and SVG, no scripts, no external addresses', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/http/i);
    expect(html).not.toMatch(/\b(src|href)=/);
  });

  it('escapes the player name and annotation text from the log', () => {
    expect(html).toContain('Ana &lt;b&gt;&amp;&lt;/b&gt; &quot;Bo&quot;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>&</b>');
  });

  it('has the same sections, the marks with glyphs, and the decisions on the evaluation chart', () => {
    for (const h of ['Outcome', 'How the game moved', 'Luck or skill', 'Over the weeks', 'Decisions worth discussing', 'All decisions']) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain('<span class="mark blunder">?? blunder</span>');
    // Three marked decisions (not good) appear as chart markers with their glyph.
    expect(html.match(/<g class="marker">/g)?.length).toBe(3);
    expect(html).toContain('Cash and ARR');
    expect(html).toContain('Uptime after fit');
    expect(html).toContain('<th>Guard and its result</th>');
    expect(html).toContain(': post-fit → ended: won</h3>');
    expect(html).not.toMatch(/preFit|postFit|ended\./);
    expect(html).toContain('<td>Ana &lt;b&gt;&amp;&lt;/b&gt; &quot;Bo&quot;</td>');
  });

  it('gives the same bytes for the same debrief', () => {
    expect(debriefHtml(fixture())).toBe(html);
    expect(debriefMarkdown(fixture())).toBe(md);
  });
});
