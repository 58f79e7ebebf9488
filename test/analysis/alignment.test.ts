import { describe, expect, it } from 'vitest';
import { getScenario } from '../../src/scenarios/registry.js';
import { makeHeader } from '../../src/engine/log/replay.js';
import type { GameLog, LogEntry } from '../../src/engine/log/format.js';
import type { Decision } from '../../src/engine/decisions.js';
import type { GameEvent } from '../../src/engine/events.js';
import { alignmentFlags, evidenceLines, EVIDENCE_LABELS, SHORT_RUNWAY_WEEKS, ACTIVE_DRIFT } from '../../src/analysis/alignment.js';
import { mdEscape, money } from '../../src/analysis/format.js';
import { scoreCard } from '../../src/analysis/score.js';
import { playGame } from '../../src/bots/play.js';
import { getBot } from '../../src/bots/index.js';

/* Hand-built logs where the right flag is known: the rule must fire on the misaligned decision
 * and stay silent on its aligned twin. */

const { scenario: sc, hash } = getScenario('devtools-codegen')!;

function log(lines: ({ by: 'player' | 'world' } & (Decision | GameEvent))[], week = 1): GameLog {
  const entries = lines.map((l, i) => ({ kind: 'event', seq: i + 1, week, ...l }) as LogEntry);
  return { header: makeHeader(sc, hash, 'analysis'), entries };
}
const rules = (g: GameLog) => alignmentFlags(g, sc).map((f) => f.rule);
const burn = (cash: number): GameEvent => ({ type: 'finance.booked', data: { revenue: 0, payroll: cash, gpu: 0, labeling: 0, tooling: 0, credits: 0, gpuHours: {} } });

describe('phase-alignment flags', () => {
  it('flags buying clean labels before any test or feedback loop, not after an experiment', () => {
    const buy: Decision = { type: 'labels.buy', data: { batches: 1 } };
    expect(rules(log([{ by: 'player', ...buy }]))).toEqual(['waitingForCleanData']);
    const concluded: GameEvent = {
      type: 'experiment.concluded',
      data: { id: 1, method: 'interviews', hypothesis: 'startups-pay', supported: true, confounded: false, belief: 0.6, status: 'open', labels: 0, trustDelta: 0 },
    };
    expect(
      rules(
        log([
          { by: 'world', ...concluded },
          { by: 'player', ...buy },
        ]),
      ),
    ).toEqual([]);
  });

  it('flags hardening before fit only when runway is short, citing the runway', () => {
    const build: Decision = { type: 'capability.build', data: { capability: 'soc2' } };
    expect(SHORT_RUNWAY_WEEKS, 'a burn of half the cash a week must count as a short runway').toBeGreaterThan(2);
    const weekly = Math.ceil(sc.start.cash / (SHORT_RUNWAY_WEEKS + 5));
    const long = log([
      { by: 'world', ...burn(weekly) },
      { by: 'player', ...build },
    ]);
    expect(rules(long)).toEqual([]);
    const short = log([
      { by: 'world', ...burn(Math.ceil(sc.start.cash / 2)) },
      { by: 'player', ...build },
    ]);
    const [flag] = alignmentFlags(short, sc);
    expect(flag?.rule).toBe('hardeningOnShortRunway');
    expect(Number(flag?.evidence['runwayWeeks'])).toBeLessThan(SHORT_RUNWAY_WEEKS);
    // The reason names the capability as the scenario does, and the evidence reads in units.
    const soc2 = sc.capabilities.find((c) => c.id === 'soc2');
    if (!soc2) throw new Error('the scenario has no soc2 capability');
    expect(flag?.reason).toMatch(new RegExp(`^Built ${soc2.name} before fit with ${flag?.evidence['runwayWeeks']} weeks? of runway left:`));
    expect(evidenceLines(flag!)).toEqual([`runway: ${flag?.evidence['runwayWeeks']} wk`, `cash: ${money(Number(flag?.evidence['cash']))}`]);
  });

  it('flags an A/B test during drift unless the variable is isolated', () => {
    const drift: GameEvent = { type: 'model.drifted', data: { dataDrift: ACTIVE_DRIFT * 3, conceptDrift: 0, dataOnset: true, conceptOnset: false } };
    const ab = (isolated: boolean): Decision => ({ type: 'experiment.run', data: { method: 'abTest', hypothesis: 'startups-pay', isolated } });
    expect(
      rules(
        log([
          { by: 'world', ...drift },
          { by: 'player', ...ab(false) },
        ]),
      ),
    ).toEqual(['abTestDuringDrift']);
    expect(
      rules(
        log([
          { by: 'world', ...drift },
          { by: 'player', ...ab(true) },
        ]),
      ),
    ).toEqual([]);
    expect(rules(log([{ by: 'player', ...ab(false) }]))).toEqual([]);
  });

  it('flags shipping a non-instrumented feature on untested assumptions, not a feedback loop', () => {
    const plain = sc.features.find((f) => !f.instrumented && f.requires.length === 0);
    const loop = sc.features.find((f) => f.instrumented);
    if (!plain || !loop) throw new Error('the scenario needs a non-instrumented feature without prerequisites and an instrumented one');
    const [flag] = alignmentFlags(log([{ by: 'player', type: 'feature.ship', data: { feature: plain.id } }]), sc);
    expect(flag?.rule).toBe('shipOnUntestedAssumptions');
    expect(flag?.reason).toContain(`Shipped ${plain.name} before fit`);
    expect(evidenceLines(flag!).join('; ')).toMatch(/^hypotheses the strategy rests on: \d+; hypotheses tested: 0$/);
    expect(rules(log([{ by: 'player', type: 'feature.ship', data: { feature: loop.id } }]))).toEqual([]);
  });

  it('flags a weekly retrain when no ML time is free', () => {
    expect(sc.start.mlEngineers, 'the team starts with ML engineers to keep busy').toBeGreaterThan(0);
    const busy: GameEvent = {
      type: 'resources.committed',
      data: { decision: 'model.retrain', focus: 0, eng: 0, ml: sc.start.mlEngineers, cash: 0, category: 'gpu', gpuHours: 0, item: 'training', affinity: 'delivery' },
    };
    const weekly: Decision = { type: 'model.setCadence', data: { everyWeeks: 1 } };
    expect(
      rules(
        log([
          { by: 'player', ...busy },
          { by: 'player', ...weekly },
        ]),
      ),
    ).toEqual(['weeklyRetrainWithoutCapacity']);
    expect(rules(log([{ by: 'player', ...weekly }]))).toEqual([]);
  });

  const switched: GameEvent = { type: 'phase.switched', data: { from: 'preFit', to: 'postFit', survey: 0.5, retention: 0.9, customers: 20, streak: 4 } };
  const offer = (graceWeeks: number, capabilities: ('versioning' | 'soc2' | 'lineage')[]): GameEvent => ({
    type: 'contract.offered',
    data: { offer: { id: 1, buyer: 'Bank', arr: 500_000, termWeeks: 52, graceWeeks, uptime: 0.9995, p95Ms: 5000, capabilities, expiresWeek: 9 } },
  });
  const sign: Decision = { type: 'contract.sign', data: { offer: 1 } };

  it('flags signing a contract whose demands cannot be built within the grace period', () => {
    const slow = sc.capabilities.find((c) => c.id === 'soc2')?.weeks ?? 0;
    expect(slow, 'soc2 must take more than a week to build for a grace period shorter than it').toBeGreaterThan(1);
    expect(
      rules(
        log([
          { by: 'world', ...switched },
          { by: 'world', ...offer(slow - 1, ['soc2']) },
          { by: 'player', ...sign },
        ]),
      ),
    ).toEqual(['unkeepableContract']);
    expect(
      rules(
        log([
          { by: 'world', ...switched },
          { by: 'world', ...offer(slow + 1, ['soc2']) },
          { by: 'player', ...sign },
        ]),
      ),
    ).toEqual([]);
  });

  it('flags discovery after fit while a signed contract is in breach', () => {
    const breach: GameEvent = { type: 'contract.breached', data: { contract: 1, reason: 'uptime', credit: 1000 } };
    const signed: GameEvent = { type: 'contract.signed', data: { offer: 1, graceEndsWeek: 20, endsWeek: 60 } };
    const probe: Decision = { type: 'experiment.run', data: { method: 'interviews', hypothesis: 'startups-pay', isolated: false } };
    const base = [
      { by: 'world' as const, ...switched },
      { by: 'world' as const, ...offer(30, []) },
      { by: 'player' as const, ...signed },
    ];
    expect(rules(log([...base, { by: 'world', ...breach }, { by: 'player', ...probe }]))).toEqual(['discoveryDuringBreach']);
    expect(rules(log([...base, { by: 'player', ...probe }]))).toEqual([]);
  });

  it('finds no flag in the reference policy and many in the archetypes that earn them', () => {
    const flagsOf = (bot: string, seed: string) => {
      const g = playGame(sc, seed, getBot(bot)!);
      return alignmentFlags({ header: makeHeader(sc, hash, seed), entries: [...g.entries()] }, sc).map((f) => f.rule);
    };
    for (const seed of ['f1', 'f2', 'f3']) expect(flagsOf('phase-aware', seed)).toEqual([]);
    expect(flagsOf('data-hoarder', 'f1')).toContain('waitingForCleanData');
    expect(flagsOf('roadmap-driver', 'f1')).toContain('shipOnUntestedAssumptions');
  });
});

describe('evidence and formats', () => {
  it('labels every evidence key in words and writes each in its unit', () => {
    for (const key of Object.keys(EVIDENCE_LABELS)) expect(EVIDENCE_LABELS[key]?.label).not.toMatch(/[a-z][A-Z]/);
    const lines = evidenceLines({ evidence: { dataDrift: 0.0512, p95Ms: 740, graceWeeks: 6, gpuHoursPerMonth: 1200, missing: 'SOC 2 audit', runwayWeeks: 999, someNewKey: 3 } });
    expect(lines).toEqual([
      'data drift: 5.1%',
      'p95 latency: 740 ms',
      'grace period: 6 wk',
      'projected GPU use a month: 1200 GPU-hours',
      'capabilities missing: SOC 2 audit',
      'runway: not burning cash',
      'some new key: 3',
    ]);
  });

  it('writes money one way: sign before the dollar, $0 for zero, k and M', () => {
    expect([0, 300, -894, 40_000, -40_000, 350_400, 999_600, 1_240_000, -1_240_000].map(money)).toEqual([
      '$0',
      '$300',
      '-$894',
      '$40k',
      '-$40k',
      '$350k',
      '$1M',
      '$1.2M',
      '-$1.2M',
    ]);
  });

  it('escapes Markdown markup and folds line breaks', () => {
    expect(mdEscape('a <b>*x*</b> | _y_ &amp;\nz')).toBe('a \\<b\\>\\*x\\*\\</b\\> \\| \\_y\\_ \\&amp; z');
  });
});

describe('score card', () => {
  it('says out of cash for a bankrupt game and counts one flag as "1 flag"', () => {
    const g = playGame(sc, 's1', getBot('data-hoarder')!);
    expect(g.state().ended?.reason).toBe('bankrupt');
    const card = scoreCard({ header: makeHeader(sc, hash, 's1'), entries: [...g.entries()] }, sc);
    expect(card.lines.find((l) => l.id === 'runway')?.display).toBe('out of cash');
    const alignment = card.lines.find((l) => l.id === 'alignment')?.display ?? '';
    expect(alignment).toMatch(card.flags.length === 1 ? /\(1 flag\)$/ : /\(\d+ flags\)$/);
    const one = scoreCard({ header: makeHeader(sc, hash, 'analysis'), entries: log([{ by: 'player', type: 'labels.buy', data: { batches: 1 } }]).entries }, sc);
    expect(one.lines.find((l) => l.id === 'alignment')?.display).toMatch(/\(1 flag\)$/);
  });

  it('has every dimension with a reason, and agrees with how the game ended', () => {
    const g = playGame(sc, 'score-1', getBot('phase-aware')!);
    const card = scoreCard({ header: makeHeader(sc, hash, 'score-1'), entries: [...g.entries()] }, sc);
    expect(card.lines.map((l) => l.id)).toEqual(['outcome', 'arr', 'runway', 'learning', 'costPerInsight', 'uptime', 'breaches', 'alignment']);
    for (const l of card.lines) {
      expect(Number.isFinite(l.value)).toBe(true);
      expect(l.why.length).toBeGreaterThan(20);
    }
    expect(card.ended).toBe(g.state().ended?.reason);
    expect(card.lines[0]?.value).toBe(g.state().ended?.reason === 'won' ? 1 : 0);
  });
});
