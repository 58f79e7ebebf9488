import { describe, expect, test } from 'vitest';
import { startGame } from '../../src/engine/game.js';
import type { Decision } from '../../src/engine/decisions.js';
import { makeHeader } from '../../src/engine/log/replay.js';
import { serializeLog } from '../../src/engine/log/parse.js';
import { getScenario } from '../../src/scenarios/registry.js';
import { checkLog, compareLogs, CompareInputError, dropDuplicates, type CompareInput } from '../../src/analysis/compare.js';
import { binRange, DIMENSIONS, distribution, histogram, rankBy, roundWidth } from '../../src/analysis/compare-rank.js';
import type { Bin, Dimension, PlayerResult } from '../../src/analysis/compare-types.js';
import type { ScoreLine } from '../../src/analysis/score.js';
import { arrLabel, compareMarkdown, mdEscape } from '../../src/analysis/compare-report.js';
import { compareHtml } from '../../src/analysis/compare-html.js';
import { bandLayout, valueColor } from '../../src/analysis/compare-layout.js';
import { loaded, recordedLog, sc } from '../helpers.js';

const hyp = (i: number) => sc.hypotheses[i]?.id ?? 'missing';
const interviews = (i: number): Decision => ({ type: 'experiment.run', data: { method: 'interviews', hypothesis: hyp(i), isolated: false } });

/** A short recorded game: nothing but the decisions `at` names, for `weeks` weeks. */
function scripted(seed: string, at: Record<number, Decision[]>, weeks = 6, player?: string): string {
  const game = startGame(sc, seed, { mode: 'bulk', record: true, checkpoints: true });
  for (let w = 1; w <= weeks; w++) {
    for (const d of at[w] ?? []) {
      const r = game.decide(d);
      if (!r.ok) throw new Error(`week ${w}: ${r.rejection.reason}`);
    }
    game.decide({ type: 'week.end', data: {} });
  }
  return serializeLog({ header: makeHeader(sc, loaded().hash, seed, player ? { player } : {}), entries: [...game.entries()] });
}

const room = (): CompareInput[] => [
  { name: 'quiet.jsonl', text: scripted('room', {}) },
  { name: 'one.jsonl', text: scripted('room', { 2: [interviews(0)] }, 6, 'Ada') },
  { name: 'two.jsonl', text: scripted('room', { 2: [interviews(0)], 4: [interviews(1)] }) },
];

describe('compareLogs on one seed', () => {
  const c = compareLogs(room(), getScenario);
  const g = c.groups[0];

  test('one group, every player with their figures', () => {
    expect(c.logs).toBe(3);
    expect(c.groups).toHaveLength(1);
    expect(c.notes).toEqual([]);
    expect(g?.seed).toBe('room');
    expect(g?.players.map((p) => p.name)).toEqual(['quiet.jsonl', 'Ada', 'two.jsonl']);
    expect(g?.players.map((p) => p.decisions)).toEqual([0, 1, 2]);
    expect(g?.players.every((p) => p.ending === 'playing' && p.weeks === 6 && p.score.length === 8)).toBe(true);
  });

  test('the tree splits in week 2 (one against two), then the two split in week 4', () => {
    const t = g?.tree;
    expect(t?.firstSplit).toBe(2);
    const [root, ...rest] = t?.branches ?? [];
    expect(root?.players).toEqual([0, 1, 2]);
    const top = rest.filter((b) => b.parent === '0');
    expect(top.map((b) => b.players)).toEqual([[1, 2], [0]]);
    const statement = sc.hypotheses[0]?.statement.replace(/\.$/, '');
    expect(top[0]?.decisions).toEqual([`run ${sc.discovery.methods.interviews.name.toLowerCase()} on “${statement}”`]);
    const lower = rest.filter((b) => b.parent === top[0]?.id);
    expect(lower.map((b) => b.week)).toEqual([4, 4]);
    expect(lower.map((b) => b.players).sort()).toEqual([[1], [2]]);
    expect(t?.summary).toMatch(/week 2 into 2 branches: 2 players .*1 player/);
  });

  test('the comparison is plain data and the same every time', () => {
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    expect(JSON.stringify(compareLogs(room(), getScenario))).toBe(JSON.stringify(c));
  });
});

describe('logs of different games', () => {
  test('another seed forms its own group and the mismatch is said', () => {
    const c = compareLogs([...room(), { name: 'other.jsonl', text: scripted('elsewhere', {}) }], getScenario);
    expect(c.groups.map((g) => [g.seed, g.players.length])).toEqual([
      ['room', 3],
      ['elsewhere', 1],
    ]);
    expect(c.notes[0]).toContain('3 logs are for devtools-codegen with seed "room", 1 log is for devtools-codegen with seed "elsewhere"');
    expect(c.notes[0]).toContain('compared separately');
    expect(c.notes[1]).toContain('other.jsonl');
    expect(c.groups[1]?.tree.summary).toContain('Only one player');
  });

  test('a different scenario is grouped apart too', () => {
    const other = getScenario('fraud-detection') ?? getScenario('support-agents');
    if (!other) throw new Error('a second bundled scenario is needed');
    const g = startGame(other.scenario, 'room', { mode: 'bulk', record: true, checkpoints: true });
    g.decide({ type: 'week.end', data: {} });
    const text = serializeLog({ header: makeHeader(other.scenario, other.hash, 'room'), entries: [...g.entries()] });
    const c = compareLogs([...room(), { name: 'x.jsonl', text }], getScenario);
    expect(c.groups.map((gr) => gr.scenario.id)).toEqual([sc.id, other.scenario.id]);
    expect(c.notes[0]).toContain(`1 log is for ${other.scenario.id}`);
  });
});

describe('bad logs are rejected whole, by name and line', () => {
  const good = scripted('room', { 2: [interviews(0)] });

  test('a line that is not JSON', () => {
    const lines = good.split('\n');
    lines[3] = '{oops';
    expect(() =>
      compareLogs(
        [
          { name: 'ok.jsonl', text: good },
          { name: 'bad.jsonl', text: lines.join('\n') },
        ],
        getScenario,
      ),
    ).toThrowError(/^bad\.jsonl:4: not valid JSON/);
  });

  test('a tampered checkpoint does not reproduce', () => {
    const lines = good.split('\n');
    const i = lines.findIndex((l) => l.includes('"kind":"checkpoint"'));
    lines[i] = (lines[i] ?? '').replace(/"cash":(\d+)/, (_, cash: string) => `"cash":${Number(cash) + 1}`);
    const r = checkLog({ name: 'tampered.jsonl', text: lines.join('\n') }, getScenario);
    expect(r).toMatchObject({ ok: false, problem: { name: 'tampered.jsonl', kind: 'mismatch', line: i + 1 } });
  });

  test('an unknown scenario', () => {
    let caught: unknown;
    try {
      compareLogs(
        [
          { name: 'a.jsonl', text: good },
          { name: 'b.jsonl', text: good },
        ],
        () => undefined,
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CompareInputError);
    expect((caught as CompareInputError).problem).toMatchObject({ name: 'a.jsonl', kind: 'scenario', line: 1, field: 'scenario.id' });
  });
});

describe('the same game twice', () => {
  const one = scripted('room', { 2: [interviews(0)] }, 6, 'Ada');

  test('a repeated log is refused, naming both files', () => {
    let caught: unknown;
    try {
      compareLogs(
        [
          { name: 'ada.jsonl', text: one },
          { name: 'quiet.jsonl', text: scripted('room', {}) },
          { name: 'ada-copy.jsonl', text: one },
        ],
        getScenario,
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CompareInputError);
    expect((caught as CompareInputError).problem).toMatchObject({ name: 'ada-copy.jsonl', kind: 'duplicate', line: 0 });
    expect((caught as CompareInputError).message).toBe('ada-copy.jsonl: the same game as ada.jsonl (identical header and decisions); each game is compared once');
  });

  test('an annotated copy is the same game; the first of each is kept', () => {
    const annotated = `${one.trimEnd()}\n${JSON.stringify({ kind: 'annotation', week: 2, text: 'good call' })}\n`;
    const checked = [
      { name: 'a.jsonl', text: one },
      { name: 'b.jsonl', text: annotated },
      { name: 'a.jsonl', text: one },
    ].map((i) => {
      const r = checkLog(i, getScenario);
      if (!r.ok) throw new Error(r.problem.message);
      return r.checked;
    });
    const { kept, duplicates } = dropDuplicates(checked);
    expect(kept.map((k) => k.name)).toEqual(['a.jsonl']);
    expect(duplicates.map((d) => [d.name, d.message])).toEqual([
      ['b.jsonl', expect.stringContaining('the same game as a.jsonl') as unknown],
      ['a.jsonl', 'the same log is given twice; each game is compared once'],
    ]);
  });

  test('players who share a name are told apart by their file', () => {
    const c = compareLogs(
      [
        { name: 'ada.jsonl', text: one },
        { name: 'ada-2.jsonl', text: scripted('room', {}, 6, 'Ada') },
        { name: 'x.jsonl', text: scripted('room', { 3: [interviews(1)] }) },
        { name: 'x.jsonl', text: scripted('room', { 4: [interviews(1)] }) },
      ],
      getScenario,
    );
    expect(c.groups[0]?.players.map((p) => p.name)).toEqual(['Ada (ada.jsonl)', 'Ada (ada-2.jsonl)', 'x.jsonl (1)', 'x.jsonl (2)']);
  });
});

/** A fake player for ranking: the outcome value and the score lines given (null reads "n/a", as the score card shows it). */
function fake(index: number, name: string, value: number, lines: Partial<Record<Dimension, number | null>>): PlayerResult {
  const score: ScoreLine[] = DIMENSIONS.filter((d) => d.id !== 'outcome').map((d) => {
    const v = lines[d.id];
    return { id: d.id, label: d.label, value: v ?? 0, display: v === null ? 'n/a' : String(v ?? 0), why: '' };
  });
  return {
    index,
    name,
    file: `${name}.jsonl`,
    ending: 'playing',
    endingText: '',
    outcome: { ending: 'playing', value, arr: lines.arr ?? 0, cash: 0, week: 1, fitWeek: null },
    score,
    fitWeek: null,
    decisions: 0,
    weeks: 1,
  };
}

describe('leaderboard', () => {
  const players = [
    fake(0, 'cat', 40, { arr: 300, runway: 10, learning: 0.2, costPerInsight: 9000, uptime: 0.99, breaches: 2, alignment: 0.5 }),
    fake(1, 'ann', 70, { arr: 100, runway: 999, learning: 0.1, costPerInsight: null, uptime: 0.995, breaches: 0, alignment: 0.9 }),
    fake(2, 'bob', 55, { arr: 300, runway: 20, learning: 0.3, costPerInsight: 4000, uptime: 0.97, breaches: 1, alignment: 0.9 }),
  ];
  const order = (d: Dimension) => rankBy(players, d).rows.map((r) => players[r.player]?.name);

  test.each<[Dimension, string[]]>([
    ['outcome', ['ann', 'bob', 'cat']],
    ['arr', ['bob', 'cat', 'ann']],
    ['runway', ['ann', 'bob', 'cat']],
    ['learning', ['bob', 'cat', 'ann']],
    ['costPerInsight', ['bob', 'cat', 'ann']],
    ['uptime', ['ann', 'cat', 'bob']],
    ['breaches', ['ann', 'bob', 'cat']],
    ['alignment', ['ann', 'bob', 'cat']],
  ])('sorted on %s', (dim, names) => {
    expect(order(dim)).toEqual(names);
  });

  test('equal figures share a rank; the better outcome, then the name, goes first', () => {
    expect(rankBy(players, 'arr').rows.map((r) => r.rank)).toEqual([1, 1, 3]);
    expect(rankBy(players, 'alignment').rows.map((r) => r.rank)).toEqual([1, 1, 3]);
    const twins = [fake(0, 'zed', 50, {}), fake(1, 'amy', 50, {})];
    expect(rankBy(twins, 'outcome').rows.map((r) => [twins[r.player]?.name, r.rank])).toEqual([
      ['amy', 1],
      ['zed', 1],
    ]);
  });

  test('a figure that is n/a is unranked and sorts last, never a shared first place', () => {
    const room = [
      fake(0, 'pre', 90, { uptime: null, costPerInsight: null }),
      fake(1, 'post', 20, { uptime: 0.95, costPerInsight: 5000 }),
      fake(2, 'also-pre', 60, { uptime: null, costPerInsight: 0 }),
    ];
    const rows = (d: Dimension) => rankBy(room, d).rows.map((r) => [room[r.player]?.name, r.rank, r.display]);
    expect(rows('uptime')).toEqual([
      ['post', 1, '0.95'],
      ['pre', null, 'n/a'],
      ['also-pre', null, 'n/a'],
    ]);
    expect(rows('costPerInsight')).toEqual([
      ['also-pre', 1, '0'],
      ['post', 2, '5000'],
      ['pre', null, 'n/a'],
    ]);
    expect(rankBy([room[0] as PlayerResult, room[2] as PlayerResult], 'uptime').rows.map((r) => r.rank)).toEqual([null, null]);
  });
});

describe('distribution', () => {
  test('endings are counted and values fall into their bins', () => {
    const ps = [fake(0, 'a', 100, { arr: 2_000_000 }), fake(1, 'b', 9.9, { arr: 0 }), fake(2, 'c', 10, { arr: 450_000 })];
    const d = distribution(ps);
    expect(d.endings).toEqual([{ ending: 'playing', label: 'still playing', count: 3 }]);
    expect(d.value.map((b) => b.count)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(d.arr.map((b) => [b.from, b.count])).toEqual([
      [0, 2],
      [500_000, 0],
      [1_000_000, 0],
      [1_500_000, 1],
    ]);
    expect(d.arr.at(-1)?.to).toBe(2_000_000);
    expect(d.arr.at(-1)?.count).toBe(1);
  });

  test('round widths and an all-zero ARR', () => {
    expect(roundWidth(430_000, 5)).toBe(100_000);
    expect(roundWidth(1_100_000, 5)).toBe(500_000);
    expect(roundWidth(0, 5)).toBe(1);
    expect(histogram([0, 0], 1, 1)).toEqual([{ from: 0, to: 1, closed: true, count: 2 }]);
    const zero = distribution([fake(0, 'a', 5, { arr: 0 }), fake(1, 'b', 7, { arr: 0 })]).arr;
    expect(zero).toEqual([{ from: 0, to: 1000, closed: true, count: 2 }]);
    expect(binRange(zero[0] as Bin, arrLabel)).toBe('[$0, $1k]');
  });

  test('bins are half-open, labelled without ambiguity, and never zero-width', () => {
    const d = distribution([fake(0, 'a', 10, { arr: 300 }), fake(1, 'b', 99.9, { arr: 0 }), fake(2, 'c', 100, { arr: 40 })]);
    expect(d.value.slice(0, 2).map((b) => binRange(b, String))).toEqual(['[0, 10)', '[10, 20)']);
    expect(binRange(d.value.at(-1) as Bin, String)).toBe('[90, 100]');
    expect(d.value.map((b) => b.count)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(d.arr).toEqual([{ from: 0, to: 1000, closed: true, count: 3 }]);
    const spread = distribution([fake(0, 'a', 1, { arr: 430_000 }), fake(1, 'b', 1, { arr: 100_000 })]).arr;
    expect(spread.map((b) => binRange(b, arrLabel))).toEqual(['[$0, $100k)', '[$100k, $200k)', '[$200k, $300k)', '[$300k, $400k)', '[$400k, $500k]']);
    expect(spread.map((b) => b.count)).toEqual([0, 1, 0, 0, 1]);
    expect(spread.every((b) => b.to > b.from)).toBe(true);
  });

  test('equal ARRs make one bin around the value', () => {
    const same = distribution([fake(0, 'a', 1, { arr: 450_000 }), fake(1, 'b', 2, { arr: 450_000 })]).arr;
    expect(same).toEqual([{ from: 400_000, to: 500_000, closed: true, count: 2 }]);
  });
});

describe('real bots on one seed', () => {
  test('the leaderboard on outcome follows the outcome values', () => {
    const logs = ['phase-aware', 'roadmap-driver', 'forever-scientist'].map((bot) => ({ name: `${bot}.jsonl`, text: recordedLog('cmp-bots', Number.MAX_SAFE_INTEGER, bot).text }));
    const g = compareLogs(logs, getScenario).groups[0];
    const values = g?.rankings[0]?.rows.map((r) => g.players[r.player]?.outcome.value ?? -1) ?? [];
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(g?.tree.firstSplit).not.toBeNull();
    expect(g?.distribution.endings.reduce((n, e) => n + e.count, 0)).toBe(3);
  });
});

describe('reports', () => {
  const c = compareLogs([...room().slice(0, 2), { name: 'x.jsonl', text: scripted('room', {}, 6, 'Eve | <b>*bold*</b>') }], getScenario);

  test('Markdown keeps a hostile name inside its table cell', () => {
    const md = compareMarkdown(c);
    const row = md.split('\n').find((l) => l.includes('Eve'));
    expect(row).toContain('Eve \\| \\<b\\>\\*bold\\*\\</b\\>');
    expect(row?.split(/(?<!\\)\|/).length).toBe(
      md
        .split('\n')
        .find((l) => l.startsWith('| Rank'))
        ?.split('|').length,
    );
    expect(mdEscape('a\nb')).toBe('a b');
  });

  test('HTML escapes names and carries no script or address', () => {
    const html = compareHtml(c);
    expect(html).toContain('Eve | &#60;b&#62;*bold*&#60;/b&#62;');
    expect(html).not.toMatch(/<b>\*bold|<script|https?:/);
  });

  test('bands stack branches under their parent, as tall as their players', () => {
    const { bands, players } = bandLayout(c.groups[0]?.tree ?? { branches: [], firstSplit: null, summary: '' });
    expect(players).toBe(3);
    expect(bands[0]).toMatchObject({ y0: 0, y1: 3, x0: 0 });
    const kids = bands.filter((b) => b.branch.parent === '0');
    expect(kids.map((b) => [b.y0, b.y1])).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(kids.every((b) => b.x0 === 1)).toBe(true);
    expect([valueColor(0), valueColor(50), valueColor(100)]).toEqual([0xef4444, 0xf59e0b, 0x2dd4bf]);
  });
});
