import type { Annotation } from '../engine/log/format.js';
import { MARK_GLYPH, MARKS, type Debrief, type DecisionEvaluation, type Mark, type Outcome, type PathStep, type WeekMetrics } from './types.js';
import { escapeXml as esc, lineChart, type Marker, type Rule } from './svg.js';
import { figureRows } from './path.js';
import { money, num, pct } from './format.js';
import {
  endingText,
  evidenceText,
  MARK_WORD,
  markText,
  noteHead,
  outcomeCells,
  OUTCOME_HEADS,
  outcomeLine,
  PATH_HEADS,
  pathCells,
  placeNotes,
  playerName,
  REGRET_NOTE,
  ruleWords,
  standingText,
  worthDiscussing,
  type Notes,
} from './report-md.js';

/* The debrief as one self-contained HTML page: inline CSS and inline SVG charts, no scripts and
 * no external addresses, readable on screen and on paper. Every string that came from the log
 * (player name, annotations) is escaped. Sections follow the Markdown report. */

const MARK_COLOR: Record<Mark, string> = { good: '#2e7d32', inaccuracy: '#9a6700', mistake: '#c2410c', blunder: '#b91c1c' };

const CSS = `
body{font:15px/1.5 system-ui,sans-serif;color:#1f2328;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}.meta{color:#57606a}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.mark{font-weight:600;white-space:nowrap}.good{color:${MARK_COLOR.good}}.inaccuracy{color:${MARK_COLOR.inaccuracy}}.mistake{color:${MARK_COLOR.mistake}}.blunder{color:${MARK_COLOR.blunder}}
.ending{font-size:1.2rem;font-weight:600}.note{border-left:4px solid #8250df;background:#fbefff;margin:.5rem 0;padding:.4rem .8rem}
.flag{border-left:4px solid #c2410c;background:#fff4ed;margin:.5rem 0;padding:.4rem .8rem}
.decision{border:1px solid #d0d7de;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.chart{max-width:100%;height:auto;margin:.5rem 0}.chart text{font-size:11px;fill:#57606a}
.chart .grid{stroke:#eaeef2}.chart .rule{stroke:#8c959f;stroke-dasharray:4 3}.chart .rulelabel{font-size:10px}
.chart .marker text{font-size:8px;font-weight:700}
@media print{body{margin:0;max-width:none;font-size:12px}.decision,.chart,table{break-inside:avoid}h2{break-after:avoid}}
`;

const mark = (m: Mark) => `<span class="mark ${m}">${esc(markText(m))}</span>`;
const rows = (cells: string[][]) => cells.map((r) => `<tr>${r.join('')}</tr>`).join('');
const td = (text: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${text}</td>`;
const th = (labels: string[]) => `<tr>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>`;

function head(d: Debrief): string {
  const title = `Debrief for ${playerName(d)}: ${d.scenario.name}`;
  return `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head>`;
}

function intro(d: Debrief): string {
  const h = d.header;
  const meta = `${d.scenario.company} · scenario ${h.scenario.id} version ${h.scenario.version} · seed ${h.seed} · engine ${h.engine}`;
  return `<h1>Debrief for ${esc(playerName(d))}: ${esc(d.scenario.name)}</h1><p class="meta">${esc(meta)}</p>`;
}

function outcome(d: Debrief): string {
  const card = rows(d.score.lines.map((l) => [td(esc(l.label)), td(esc(l.display), 'n'), td(esc(l.why))]));
  return `<section><h2>Outcome</h2><p class="ending">${esc(endingText(d.luck.player.ending))}</p><p>${esc(outcomeLine(d.luck.player))}</p><table>${th(['Figure', 'Value', 'What it means'])}${card}</table></section>`;
}

function pathSection(steps: readonly PathStep[]): string {
  const parts = steps.map((s) => {
    const figs = rows(figureRows(s).map((r) => pathCells(r).map((c, i) => td(esc(c), i === 1 ? 'n' : ''))));
    const tbl = s.figures.length ? `<table>${th(PATH_HEADS)}${figs}</table>` : '';
    return `<h3>Week ${s.week}: ${esc(s.transition)}</h3><p>${esc(s.why)}</p>${tbl}`;
  });
  return `<section><h2>How the game moved</h2>${parts.join('')}</section>`;
}

function luckSection(d: Debrief): string {
  const l = d.luck;
  const cells = (o: Outcome) => outcomeCells(o).map((c, i) => td(esc(c), i ? 'n' : ''));
  const refs = rows([[td(esc(playerName(d))), ...cells(l.player)], ...l.references.map((r) => [td(`${esc(r.bot)} bot`), ...cells(r.outcome)])]);
  return `<section><h2>Luck or skill</h2><p>${esc(l.verdict)}</p><p>${esc(standingText(l, playerName(d)))}</p><table>${th(['Player', ...OUTCOME_HEADS])}${refs}</table></section>`;
}

const noteHtml = (notes: readonly Annotation[]) => notes.map((a) => `<div class="note"><strong>${esc(noteHead(a))}:</strong> ${esc(a.text)}</div>`).join('');

function discussion(e: DecisionEvaluation, notes: Notes): string {
  const alts = rows(
    e.alternatives.map((a, i) => {
      const tag = [a.actual ? 'played' : '', i === e.best ? 'best' : ''].filter(Boolean).join(', ');
      return [td(tag), td(esc(a.label)), ...outcomeCells(a.outcome).map((c, j) => td(esc(c), j ? 'n' : ''))];
    }),
  );
  const flags = e.flags.map((f) => `<div class="flag"><strong>Flag, ${esc(ruleWords(f.rule))}:</strong> ${esc(f.reason)} Evidence: ${esc(evidenceText(f))}.</div>`).join('');
  const title = `<h3><span class="mark ${e.mark}">${esc(MARK_GLYPH[e.mark])}</span> Week ${e.week}, #${e.seq}: ${esc(e.label)}</h3>`;
  const regret = `<p>${esc(MARK_WORD[e.mark])}: ${num(e.regret)} outcome points behind the best alternative found.</p>`;
  return `<div class="decision">${title}${regret}<table>${th(['', 'Option', ...OUTCOME_HEADS])}${alts}</table>${flags}${noteHtml(notes.bySeq.get(e.seq) ?? [])}</div>`;
}

function decisionsSection(d: Debrief): string {
  const discussed = worthDiscussing(d);
  const notes = placeNotes(d, discussed);
  const counts = MARKS.map((m) => `${mark(m)}: ${d.marks[m]}`).join(' · ');
  const body = discussed.length ? discussed.map((e) => discussion(e, notes)).join('') : '<p>Every decision was marked good, with no flags or notes.</p>';
  const other = notes.other.length ? `<h3>Other coach notes</h3>${noteHtml(notes.other)}` : '';
  return `<section><h2>Decisions worth discussing</h2><p>${esc(REGRET_NOTE)}</p><p>${counts}</p>${body}${other}</section>`;
}

function table(d: Debrief): string {
  const body = rows(
    d.decisions.map((e) => [
      td(`${e.week}`, 'n'),
      td(`${e.seq}`, 'n'),
      td(esc(e.label)),
      td(mark(e.mark)),
      td(num(e.regret), 'n'),
      td(esc(e.flags.map((f) => ruleWords(f.rule)).join(', '))),
    ]),
  );
  return `<section><h2>All decisions</h2><table>${th(['Week', '#', 'Decision', 'Mark', 'Regret', 'Flags'])}${body}</table></section>`;
}

const fitRule = (d: Debrief): Rule[] => d.path.filter((s) => s.kind === 'switch').map((s) => ({ axis: 'x', at: s.week, label: `fit, week ${s.week}` }));
const thresholdOf = (d: Debrief, name: string) => d.path.flatMap((s) => s.figures).find((f) => f.name === name)?.threshold;
const series = (t: readonly WeekMetrics[], pick: (r: WeekMetrics) => number) => t.map((r) => [r.week, pick(r)] as const);

function evaluationChart(d: Debrief): string {
  const points = d.timeline.flatMap((r) => (r.evaluation === undefined ? [] : [[r.week, r.evaluation] as const]));
  if (points.length === 0) return '';
  const at = new Map(points);
  const markers: Marker[] = d.decisions
    .filter((e) => e.mark !== 'good')
    .map((e) => ({
      x: e.week,
      y: at.get(e.week) ?? 50,
      glyph: MARK_GLYPH[e.mark],
      color: MARK_COLOR[e.mark],
      title: `Week ${e.week}, #${e.seq}: ${e.label} (${e.mark}, regret ${num(e.regret)})`,
    }));
  const rules: Rule[] = [{ axis: 'y', at: 50, label: 'midpoint' }, ...fitRule(d)];
  return lineChart({
    title: 'Evaluation: the outcome the reference bot reaches from the start of each week (0–100)',
    series: [{ name: 'evaluation', points, color: '#0550ae', fillTo: 50 }],
    markers,
    rules,
    yMin: 0,
    yMax: 100,
    yFormat: num,
  });
}

function charts(d: Debrief): string {
  const t = d.timeline;
  if (t.length === 0) return '';
  const target = thresholdOf(d, 'ARR');
  const money2 = lineChart({
    title: 'Cash and ARR',
    series: [
      { name: 'cash', points: series(t, (r) => r.cash), color: '#1a7f37' },
      { name: 'ARR', points: series(t, (r) => r.arr), color: '#0550ae', dash: '6 3' },
    ],
    rules: [...fitRule(d), ...(target ? [{ axis: 'y' as const, at: target, label: 'ARR target' }] : [])],
    yFormat: money,
  });
  const fitRules: Rule[] = [
    ['survey "very disappointed"', 'survey threshold'],
    ['retention', 'retention threshold'],
  ].flatMap(([n, label]) => {
    const at = thresholdOf(d, n ?? '');
    return at === undefined ? [] : [{ axis: 'y' as const, at, label: label ?? '' }];
  });
  const fit = lineChart({
    title: 'Fit signal: survey and retention',
    series: [
      { name: 'survey', points: series(t, (r) => r.survey), color: '#8250df' },
      { name: 'retention', points: series(t, (r) => r.retention), color: '#0550ae', dash: '6 3' },
    ],
    rules: [...fitRules, ...fitRule(d)],
    yMin: 0,
    yMax: 1,
    yFormat: pct,
  });
  const fitWeek = d.path.find((s) => s.kind === 'switch')?.week;
  const post = fitWeek === undefined ? [] : t.filter((r) => r.week >= fitWeek);
  const ops =
    post.length === 0
      ? ''
      : lineChart({
          title: 'Uptime after fit',
          series: [{ name: 'uptime', points: series(post, (r) => r.uptime), color: '#1a7f37' }],
          yMax: 1,
          yMin: Math.min(0.99, ...post.map((r) => r.uptime)),
          yFormat: pct,
          height: 160,
        }) + lineChart({ title: 'p95 latency after fit (ms)', series: [{ name: 'p95 ms', points: series(post, (r) => r.p95Ms), color: '#c2410c' }], yFormat: num, height: 160 });
  return `<section><h2>Over the weeks</h2>${evaluationChart(d)}${money2}${fit}${ops}</section>`;
}

/** The whole debrief as one self-contained HTML page (no scripts, no external resources). */
export function debriefHtml(d: Debrief): string {
  const body = [intro(d), outcome(d), pathSection(d.path), luckSection(d), charts(d), decisionsSection(d), table(d)].join('');
  return `<!doctype html><html lang="en">${head(d)}<body>${body}</body></html>\n`;
}
