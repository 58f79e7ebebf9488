import { describe, expect, it } from 'vitest';
import { getScenario } from '../../src/scenarios/registry.js';
import { duplicateKey, parseLog, type ParsedLog } from '../../src/engine/log/parse.js';
import { forkOutside, scenarioMismatch, verify } from '../../src/engine/log/replay.js';
import { dropDuplicates } from '../../src/analysis/compare.js';
import { rankBy } from '../../src/analysis/compare-rank.js';
import type { PlayerResult } from '../../src/analysis/compare-types.js';
import { mdEscape, money, moneyText, num, pct, safeText, wholeText } from '../../src/analysis/format.js';
import { money as screenMoney, pct as screenPct } from '../../src/ui/format.js';
import { money as cliMoney } from '../../src/cli/format.js';
import { cutAfterWeek, gameLog, linesOf } from '../hostile/logs.js';

/* Library-level regression tests for the log-reading defects of issue 10, named after them:
 * what parseLog, verify, scenarioMismatch, the comparison and the shared formatter must refuse,
 * report or print, whichever shell (CLI or browser) calls them. */

const loaded = getScenario('devtools-codegen');
if (!loaded) throw new Error('devtools-codegen is not bundled');
const sc = loaded.scenario;

function parsed(text: string): ParsedLog {
  const p = parseLog(text);
  if (!p.ok) throw new Error(`line ${p.error.line}: ${p.error.message}`);
  return p.log;
}

const won = gameLog('demo', 'phase-aware', 'Ada');
const lost = gameLog('k2', 'random', 'Bo');

describe('defect 8: a truncated finished log', () => {
  it('defect 8: verify reports no ending and the last week for a truncated log, the ending for a whole one', () => {
    const cut = verify(parsed(cutAfterWeek(lost, 20)), sc);
    expect(cut).toMatchObject({ ok: true, ended: null, lastWeek: 20 });
    expect(verify(parsed(lost), sc)).toMatchObject({ ok: true, ended: { reason: 'bankrupt' } });
  });

  it('defect 8: dropDuplicates keeps the complete log and names the truncated copy, in either order', () => {
    const full = { name: 'full.jsonl', log: parsed(lost) };
    const cut = { name: 'cut.jsonl', log: parsed(cutAfterWeek(lost, 20)) };
    const other = { name: 'won.jsonl', log: parsed(won) };
    for (const order of [
      [cut, full, other],
      [full, other, cut],
    ]) {
      const r = dropDuplicates(order);
      expect(r.kept.map((l) => l.name).sort()).toEqual(['full.jsonl', 'won.jsonl']);
      expect(r.duplicates).toHaveLength(1);
      expect(r.duplicates[0]).toMatchObject({ name: 'cut.jsonl', kind: 'duplicate' });
      expect(r.duplicates[0]?.message).toContain('a truncated copy of full.jsonl');
    }
  });

  it('defect 8: an unfinished game ranks below every finished one on outcome', () => {
    const player = (index: number, ending: PlayerResult['ending'], value: number): PlayerResult =>
      ({
        index,
        name: `p${index}`,
        file: `p${index}`,
        ending,
        endingText: ending,
        outcome: { ending, value, arr: 0, cash: 0, week: 1, fitWeek: null },
        score: [],
        fitWeek: null,
        decisions: 0,
        weeks: 1,
      }) as PlayerResult;
    const rows = rankBy([player(0, 'playing', 75), player(1, 'bankrupt', 10), player(2, 'won', 90)], 'outcome').rows;
    expect(rows.map((r) => r.player)).toEqual([2, 1, 0]);
  });
});

describe('defect 11: header metadata', () => {
  it('defect 11: a scenario.version that is not the version the hash names is a mismatch', () => {
    const log = parsed(won);
    expect(scenarioMismatch(log.header, sc, loaded.hash)).toBeNull();
    const forged = { ...log.header, scenario: { ...log.header.scenario, version: '2.0.0' } };
    expect(scenarioMismatch(forged, sc, loaded.hash)).toContain('version "2.0.0"');
  });

  it('defect 11: a fork must start inside the game (1 to one past the last week, the last once ended)', () => {
    const log = parsed(won);
    const fork = (week: number) => ({ ...log, header: { ...log.header, fork: { parent: 'a'.repeat(64), week } } });
    expect(forkOutside(fork(12), sc)).toBeNull();
    expect(forkOutside(fork(99_999), sc)).toContain('outside this game');
    const last = Math.max(...log.entries.map((e) => e.week));
    expect(forkOutside(fork(last), sc)).toBeNull();
    expect(forkOutside(fork(last + 1), sc)).not.toBeNull();
    const v = verify(fork(99_999), sc);
    expect(v).toMatchObject({ ok: false, line: 1 });
    const cut = parsed(cutAfterWeek(won, 11));
    expect(forkOutside({ ...cut, header: { ...cut.header, fork: { parent: 'a'.repeat(64), week: 12 } } }, sc)).toBeNull();
  });
});

describe('defect 12: duplicate keys and numbers at any size', () => {
  it('defect 12: duplicateKey finds a repeated key at any depth and in any spelling, and nothing else', () => {
    expect(duplicateKey('{"a":1,"b":{"c":1,"c":2}}')).toBe('c');
    expect(duplicateKey('{"seed":"x","s\\u0065ed":"y"}')).toBe('seed');
    expect(duplicateKey('{"a":[{"k":1},{"k":2}],"t":"\\"a\\":1,\\"a\\":2"}')).toBeNull();
    expect(duplicateKey('{"a\\\\":1,"a":2}')).toBeNull();
    expect(duplicateKey('[{"x":1},{"x":1,"y":{},"x":3}]')).toBe('x');
  });

  it('defect 12: parseLog refuses a duplicate key in the header and in a body line, naming line and key', () => {
    const lines = linesOf(won);
    const header = parseLog([(lines[0] ?? '').replace('"seed":"demo"', '"seed":"demo","seed":"other"'), ...lines.slice(1)].join('\n'));
    expect(header).toMatchObject({ ok: false, error: { line: 1, field: 'seed' } });
    const body = [...lines];
    body[4] = (body[4] ?? '').replace('"data":{', '"data":{"x":1,"x":2,');
    expect(parseLog(body.join('\n'))).toMatchObject({ ok: false, error: { line: 5, field: 'x', message: expect.stringContaining('appears twice') } });
  });

  it('defect 12: money and points print in units at any size, the same way in reports, CLI and screen', () => {
    expect(money(-1.0000000000000001e293)).toBe('-$1,000T+');
    expect(cliMoney(-1.0000000000000001e293)).toBe('-$1,000T+');
    expect(screenMoney(-1e293)).toBe('−$1,000T+');
    expect(money(Number.POSITIVE_INFINITY)).toBe('$1,000T+');
    expect(moneyText(Number.NaN)).toBe('n/a');
    expect(wholeText(1e300)).toBe('1,000,000,000,000,000+');
    expect(num(1e300)).toBe('1,000,000,000,000,000+');
    expect(pct(1e30)).not.toMatch(/e\+/);
    expect(screenPct(1e30)).not.toMatch(/e\+/);
    // Everyday figures read as before in each style.
    expect([money(-40_000), money(350_000), money(1_234_567), money(999_500), money(0), money(-0.3)]).toEqual(['-$40k', '$350k', '$1.2M', '$1M', '$0', '$0']);
    expect([cliMoney(950), cliMoney(12_345), cliMoney(1_500_000), cliMoney(-1_600), cliMoney(2e12)]).toEqual(['$950', '$12.3K', '$1.5M', '-$1.6K', '$2.0T']);
    expect([screenMoney(950), screenMoney(12_400), screenMoney(1_400_000), screenMoney(-1_600), screenMoney(123_456)]).toEqual(['$950', '$12k', '$1.4M', '−$1.6k', '$123k']);
    for (let e = 0; e < 308; e += 7) for (const f of [money, cliMoney, screenMoney]) expect(f(-(10 ** e) * 1.7)).not.toMatch(/e[+-]|NaN|Infinity/);
  });
});

describe('defect 9: control characters', () => {
  it('defect 9: safeText and mdEscape escape C0 (but newline and tab), DEL, C1 and bidi marks', () => {
    expect(safeText('a\u001b[31mb\u009bc\u007fd\u202ee\n\tf')).toBe('a\\u001b[31mb\\u009bc\\u007fd\\u202ee\n\tf');
    expect(mdEscape('x\u001b]0;pwned\u0007|y')).toBe('x\\\\u001b\\]0;pwned\\\\u0007\\|y');
  });
});
