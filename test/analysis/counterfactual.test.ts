import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/hash.js';
import { startGame, type Game } from '../../src/engine/game.js';
import { decide } from '../../src/engine/decide.js';
import { createWorldTable } from '../../src/engine/rng.js';
import { makeHeader } from '../../src/engine/log/replay.js';
import { isDecisionLine, type DecisionLine, type GameLog } from '../../src/engine/log/format.js';
import type { GameState } from '../../src/engine/state.js';
import type { Decision } from '../../src/engine/decisions.js';
import { playGame } from '../../src/bots/play.js';
import { candidateDecisions } from '../../src/bots/random.js';
import { playerView } from '../../src/bots/types.js';
import { walkDecisions } from '../../src/analysis/walk.js';
import { alignmentFlags } from '../../src/analysis/alignment.js';
import { evaluateGame, mergeEvaluations, planShards } from '../../src/analysis/counterfactual.js';
import { ALTERNATIVES, labelOf } from '../../src/analysis/candidates.js';
import { MARK_THRESHOLDS, outcomeOf } from '../../src/analysis/value.js';
import { MARKS, type DecisionEvaluation, type Progress } from '../../src/analysis/types.js';
import { lastWeekOf } from '../../src/engine/log/fork.js';
import { botNamed, fresh, loaded, playUntil, recordedLog, sc } from '../helpers.js';

/* Counterfactual regret on logs whose answer is known: the reference bot's own choices cost
 * nothing, a reservation that bankrupts the company is a blunder that doing nothing beats,
 * and every alternative is legal in the state the player faced. */

const logOf = (game: Game, seed: string): GameLog => ({ header: makeHeader(sc, loaded().hash, seed), entries: [...game.entries()] });

/** The phase-aware bot plays weeks 1–2, then the player reserves a ruinous amount of GPU in week 3. */
function ruinousLog(seed: string): { log: GameLog; hours: number } {
  const { game } = playUntil(seed, botNamed('phase-aware'), (g) => g.state().week >= 3, { record: true });
  const hours = sc.gpu.reservationStepHours * 2000;
  expect(game.decide({ type: 'gpu.reserve', data: { hoursPerMonth: hours } }).ok).toBe(true);
  expect(game.decide({ type: 'week.end', data: {} }).ok).toBe(true);
  return { log: logOf(game, seed), hours };
}

/** The state before each decision line, by seq (cloned from one walk). */
function statesBySeq(log: GameLog): Map<number, { before: GameState; line: DecisionLine }> {
  const out = new Map<number, { before: GameState; line: DecisionLine }>();
  walkDecisions(log, sc, (s, line) => out.set(line.seq, { before: structuredClone(s), line }));
  return out;
}

const RUIN_SEED = 'ruin-1';
let ruin: { log: GameLog; hours: number };
const progress: Progress[] = [];
let ruined: ReturnType<typeof evaluateGame>;
beforeAll(() => {
  ruin = ruinousLog(RUIN_SEED);
  ruined = evaluateGame(ruin.log, sc, { onProgress: (p) => progress.push(p) });
});

describe('evaluateGame on a log with a ruinous decision', () => {
  it('gives the ruinous reservation positive regret, marked at least a mistake, with doing nothing better', () => {
    const reserve = ruined.decisions.find((d) => d.type === 'gpu.reserve' && d.week === 3);
    expect(reserve, 'the week-3 reservation should be among the evaluated decisions').toBeDefined();
    const r = reserve as DecisionEvaluation;
    expect(r.alternatives[0]?.outcome.ending).toBe('bankrupt');
    expect(r.regret).toBeGreaterThan(0);
    expect(MARKS.indexOf(r.mark)).toBeGreaterThanOrEqual(MARKS.indexOf('mistake'));
    const nothing = r.alternatives.find((a) => a.decision === null);
    expect(nothing?.label).toBe('Do nothing');
    expect(nothing?.outcome.value).toBeGreaterThan(r.alternatives[0]?.outcome.value ?? 0);
    expect(r.best).not.toBe(0);
  });

  it('gives the reference bot’s own choices (weeks 1–2) next to no regret', () => {
    const own = ruined.decisions.filter((d) => d.week < 3);
    expect(own.length).toBeGreaterThan(3);
    for (const d of own) expect(d.regret).toBeLessThan(MARK_THRESHOLDS.inaccuracy);
  });

  it("evaluates every player decision, and a week's end only when the week lost ground, in log order", () => {
    const lines = ruin.log.entries.filter((e): e is DecisionLine => e.kind === 'event' && isDecisionLine(e) && e.type !== 'week.end');
    const made = ruined.decisions.filter((d) => d.type !== 'week.end');
    expect(made.map((d) => [d.seq, d.week, d.type])).toEqual(lines.map((l) => [l.seq, l.week, l.type]));
    const seqs = ruined.decisions.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const d of made) expect(d.decision).toEqual({ type: d.type, data: lines.find((l) => l.seq === d.seq)?.data });
  });

  it('puts the player’s option first, then at least four legal alternatives including doing nothing', () => {
    const states = statesBySeq(ruin.log);
    const ctx = { sc, table: createWorldTable(RUIN_SEED, sc.weeks) };
    for (const d of ruined.decisions) {
      const [own, ...rest] = d.alternatives;
      expect(own).toMatchObject({ actual: true, decision: d.decision, label: d.label });
      expect(rest.length).toBeGreaterThanOrEqual(ALTERNATIVES);
      expect(rest.every((a) => !a.actual && a.label.length > 0)).toBe(true);
      // Ending a week as played is itself the "do nothing more" option.
      expect(rest.filter((a) => a.decision === null)).toHaveLength(d.type === 'week.end' ? 0 : 1);
      const before = states.get(d.seq)?.before as GameState;
      expect(d.phase).toBe(before.phase);
      for (const a of rest) if (a.decision) expect(decide(before, a.decision, ctx).ok, `${d.seq}: ${a.label}`).toBe(true);
      const keys = d.alternatives.map((a) => JSON.stringify(a.decision));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('never offers as an alternative a decision the player makes later the same week', () => {
    for (const d of ruined.decisions) {
      const later = ruin.log.entries.filter((e): e is DecisionLine => e.kind === 'event' && isDecisionLine(e) && e.week === d.week && e.seq > d.seq && e.type !== 'week.end');
      const laterKeys = new Set(later.map((l) => canonicalJson({ type: l.type, data: l.data })));
      for (const a of d.alternatives.slice(1)) if (a.decision) expect(laterKeys.has(canonicalJson(a.decision)), `${d.seq}: ${a.label}`).toBe(false);
    }
  });

  it('measures regret as the best option minus the player’s, never below zero', () => {
    for (const d of ruined.decisions) {
      const values = d.alternatives.map((a) => a.outcome.value);
      const top = Math.max(...values);
      expect(d.alternatives[d.best]?.outcome.value).toBe(top);
      expect(d.regret).toBeGreaterThanOrEqual(0);
      expect(d.regret).toBeCloseTo(top - (values[0] ?? 0), 9);
    }
  });

  it('has one evaluation per week of the log, the first being the reference bot’s own game', () => {
    expect(ruined.evaluation.map((e) => e.week)).toEqual([1, 2, 3]);
    // phase-aware draws nothing from its random stream, so from week 1 it plays its own game.
    const own = playGame(sc, RUIN_SEED, botNamed('phase-aware'), { record: false });
    expect(ruined.evaluation[0]?.value).toBe(outcomeOf(own.state(), sc).value);
    // The start of week 3 is the branch every week-2 decision was played as.
    const week2 = ruined.decisions.find((d) => d.week === 2);
    expect(ruined.evaluation[2]?.value).toBe(week2?.alternatives[0]?.outcome.value);
  });

  it('reports progress that only grows and ends at its total', () => {
    expect(progress.length).toBeGreaterThan(0);
    const total = progress[progress.length - 1]?.total ?? 0;
    progress.forEach((p, i) => {
      expect(p.total).toBeGreaterThanOrEqual(progress[i - 1]?.total ?? 0); // grows when a week's end needs judging
      expect(p.done).toBe(i + 1);
      expect(p.done).toBeLessThanOrEqual(p.total);
      expect(p.stage.length).toBeGreaterThan(0);
    });
    expect(progress[progress.length - 1]?.done).toBe(total);
    const played = ruined.decisions.reduce((n, d) => n + d.alternatives.length - 1, 0);
    // Each judged week's end first confirms the drop with the bot's own week (phase-aware draws
    // nothing, so every drop it sees is confirmed and judged).
    const ends = ruined.decisions.filter((d) => d.type === 'week.end').length;
    expect(total).toBe(played + ruined.evaluation.length + 1 + ends);
  });

  it('is deterministic: the same log gives the same evaluation', () => {
    expect(evaluateGame(structuredClone(ruin.log), sc)).toEqual(ruined);
  });
});

describe('evaluateGame on incidents, flags and unusual logs', () => {
  it('answers an incident with the other responses, the cheapest labelled the minimal response', () => {
    const full = recordedLog('k3');
    const respond = full.entries.find((e) => e.kind === 'event' && e.type === 'incident.respond');
    expect(respond, 'the phase-aware game on k3 has an incident').toBeDefined();
    const week = respond?.week ?? 0;
    const log: GameLog = { header: full.header, entries: full.entries.filter((e) => e.week <= week + 1) };
    const states = statesBySeq(log);
    const ctx = { sc, table: createWorldTable('k3', sc.weeks) };
    const evaluated = evaluateGame(log, sc).decisions.filter((d) => d.type === 'incident.respond');
    expect(evaluated.length).toBeGreaterThan(0);
    for (const d of evaluated) {
      const rest = d.alternatives.slice(1);
      expect(rest.length).toBeGreaterThanOrEqual(3);
      expect(rest.every((a) => a.decision?.type === 'incident.respond')).toBe(true);
      expect(rest.filter((a) => a.label.startsWith('Minimal response'))).toHaveLength(1);
      const before = states.get(d.seq)?.before as GameState;
      for (const a of rest) expect(decide(before, a.decision as Decision, ctx).ok).toBe(true);
    }
  });

  it('attaches the alignment flags a decision raised', () => {
    const seed = 'flags';
    const game = startGame(sc, seed, { mode: 'bulk', record: true });
    expect(game.decide({ type: 'labels.buy', data: { batches: 1 } }).ok).toBe(true);
    expect(game.decide({ type: 'week.end', data: {} }).ok).toBe(true);
    const log = logOf(game, seed);
    const [labels] = evaluateGame(log, sc).decisions;
    expect(labels?.flags.map((f) => f.rule)).toEqual(['waitingForCleanData']);
    expect(labels?.flags).toEqual(alignmentFlags(log, sc).filter((f) => f.seq === labels?.seq));
  });

  it('returns nothing for a log without decisions, and still finishes its progress', () => {
    const seen: Progress[] = [];
    const r = evaluateGame({ header: makeHeader(sc, loaded().hash, 'empty'), entries: [] }, sc, { onProgress: (p) => seen.push(p) });
    expect(r).toEqual({ decisions: [], evaluation: [] });
    expect(seen[seen.length - 1]).toMatchObject({ done: 0, total: 0 });
  });

  it('refuses an unknown reference bot', () => {
    expect(() => evaluateGame(ruin.log, sc, { reference: 'nobody' })).toThrow(/no bot named "nobody"/);
  });
});

describe('evaluateGame on what a player left undone', () => {
  // A roadmap-driver decides little; its games slip away in weeks where it does nothing more.
  let result: ReturnType<typeof evaluateGame>;
  let ends: DecisionEvaluation[] = [];
  beforeAll(() => {
    const idle = recordedLog('demo', Number.MAX_SAFE_INTEGER, 'roadmap-driver');
    result = evaluateGame({ header: idle.header, entries: idle.entries }, sc);
    ends = result.decisions.filter((d) => d.type === 'week.end');
  });
  const valueAt = (week: number) => result.evaluation.find((e) => e.week === week)?.value ?? Number.NaN;

  it('judges the end of a week that lost ground against the reference bot, and only such weeks', () => {
    expect(ends.length).toBeGreaterThan(0);
    for (const d of ends) {
      const next = result.evaluation.some((e) => e.week === d.week + 1) ? valueAt(d.week + 1) : (d.alternatives[0]?.outcome.value ?? 0);
      expect(valueAt(d.week) - next).toBeGreaterThanOrEqual(MARK_THRESHOLDS.inaccuracy);
    }
  });

  it('weighs ending the week as played against at least four things to do first, and finds the blunder', () => {
    expect(ends.length, 'the roadmap-driver game should have judged week ends').toBeGreaterThan(0);
    for (const d of ends) {
      expect(d.alternatives[0]?.actual).toBe(true);
      expect(d.alternatives.length).toBeGreaterThanOrEqual(ALTERNATIVES + 1);
      for (const a of d.alternatives.slice(1)) expect(a.label).toMatch(/, then end the week$/);
    }
    expect(ends.some((d) => d.mark === 'blunder' && d.best > 0)).toBe(true);
  });
});

describe('labelOf', () => {
  it('labels every menu item in plain words with the scenario’s names', () => {
    const view = playerView(fresh('labels'));
    const menu = candidateDecisions(view, sc);
    for (const d of menu) {
      const label = labelOf(d, sc);
      expect(label).toMatch(/^[A-Z]/);
      expect(label).not.toMatch(/\b(undefined|null)\b|\.[a-z]/);
    }
    const feature = sc.features[0];
    expect(labelOf({ type: 'feature.ship', data: { feature: feature?.id ?? '' } }, sc).toLowerCase()).toContain(feature?.name.toLowerCase());
    expect(labelOf({ type: 'team.hire', data: { role: 'mlEngineer' } }, sc)).toBe('Hire an ML engineer');
    expect(labelOf(null, sc)).toBe('Do nothing');
  });
});

describe('parallel evaluation', () => {
  let log: GameLog;
  beforeAll(() => {
    const rec = recordedLog('shards-1', 40, 'gpu-blind');
    log = { header: rec.header, entries: rec.entries };
  });

  it('splits the weeks into contiguous ranges that cover the log once', () => {
    const shards = planShards(log, sc, 3);
    expect(shards).toHaveLength(3);
    expect(shards[0]?.from).toBe(1);
    shards.forEach((s, i) => {
      expect(s.to).toBeGreaterThanOrEqual(s.from);
      if (i > 0) expect(s.from).toBe((shards[i - 1]?.to ?? 0) + 1);
    });
    expect(shards[shards.length - 1]?.to).toBe(lastWeekOf(log));
    // Early weeks cost more (more game left to play), so the first range is the shortest.
    expect((shards[0]?.to ?? 0) - (shards[0]?.from ?? 0)).toBeLessThan((shards[2]?.to ?? 0) - (shards[2]?.from ?? 0));
  });

  it('gives exactly the single-thread result when the shards are merged', () => {
    const whole = evaluateGame(log, sc);
    const parts = planShards(log, sc, 2).map((weeks) => evaluateGame(log, sc, { weeks }));
    expect(mergeEvaluations([...parts].reverse())).toEqual(whole);
  });
});
