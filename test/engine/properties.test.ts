import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import alea from 'seedrandom/lib/alea';
import { startGame, type Game } from '../../src/engine/game.js';
import { DECISION_TYPES, DecisionSchema, type Decision } from '../../src/engine/decisions.js';
import { createWorldTable, type Stream } from '../../src/engine/rng.js';
import { hashOf } from '../../src/engine/hash.js';
import { openIncidents } from '../../src/engine/derive.js';
import { replay, makeHeader, verify } from '../../src/engine/log/replay.js';
import { parseLog, serializeLog } from '../../src/engine/log/parse.js';
import type { GameState } from '../../src/engine/state.js';
import type { GameEvent } from '../../src/engine/events.js';
import { candidateDecisions } from '../../src/bots/random.js';
import { playerView } from '../../src/bots/types.js';
import { addressOf, clone, ctxFor, decisionArbitrary, decisionFieldArbitrary, loaded, numbersIn, resolve, sc, spyTable, botNamed } from '../helpers.js';

/* Properties over random decision sequences: nothing throws, invariants hold after every
 * decision and week, the log replays to the live hashes, the same inputs give the same bytes,
 * and the world's draws never depend on the player's choices. */

const phaseAware = botNamed('phase-aware');
const CODES = new Set(['phase', 'cash', 'gpu', 'capacity', 'focus', 'prerequisite', 'invalid', 'crisis', 'ended']);

// ---- arbitraries -------------------------------------------------------------------------

/** Any value DecisionSchema accepts (most are refused by the rules, which is the point), derived from the schema. */
const anyDecision: fc.Arbitrary<Decision> = decisionArbitrary(sc);
/** How often each decision type was tried from the arbitrary by the first property (every type must appear). */
const tried = new Map<string, number>();

interface WeekPlan {
  bot: boolean;
  picks: number[];
  extra: Decision[];
  respond: { action: 'rollback' | 'hotfix'; communicate: boolean; postmortem: boolean };
}
interface RunInput {
  seed: string;
  calm: boolean;
  weeks: WeekPlan[];
}

const weekPlan: fc.Arbitrary<WeekPlan> = fc.record({
  bot: fc.integer({ min: 0, max: 9 }).map((n) => n < 9),
  picks: fc.array(fc.nat(), { maxLength: 2 }),
  extra: fc.array(anyDecision, { maxLength: 2 }),
  respond: fc.record({ action: fc.constantFrom('rollback' as const, 'hotfix' as const), communicate: fc.boolean(), postmortem: fc.boolean() }),
});
const seedArb = fc.oneof({ weight: 5, arbitrary: fc.nat().map((n) => `prop-${n}`) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 16, unit: 'binary' }) });
/** A run: a seed, and a plan per week; a calm run only strays from the bot every fifth week. */
const runInput = (maxWeeks: number): fc.Arbitrary<RunInput> =>
  fc.record({ seed: seedArb, calm: fc.boolean(), weeks: fc.array(weekPlan, { minLength: 1, maxLength: maxWeeks, size: 'max' }) });

// ---- the driver -----------------------------------------------------------------------------

interface Run {
  game: Game;
  /** hashOf(state) right after each week.end, keyed by checkpoint week. */
  liveHashes: Map<number, string>;
  accepted: number;
  weeksEnded: number;
  reachedPostFit: boolean;
}

/** Plays a run input; `onDecided` and `onWeek` see every step (for invariants). */
function play(
  input: RunInput,
  opts: {
    mode?: 'live' | 'bulk';
    table?: ReturnType<typeof createWorldTable>;
    onDecided?: (g: Game, d: Decision) => void;
    beforeWeekEnd?: (g: Game) => void;
    onWeek?: (g: Game) => void;
    onExtra?: (d: Decision) => void;
  } = {},
): Run {
  const game = startGame(sc, input.seed, { mode: opts.mode ?? 'bulk', ...(opts.table ? { table: opts.table } : {}) });
  const random = alea(`props:${input.seed}`);
  const liveHashes = new Map<number, string>();
  let accepted = 0;
  let weeksEnded = 0;
  let reachedPostFit = false;
  /** Ends the week (planned, or an extra week.end from the arbitrary), keeping the live hash. */
  const endWeek = () => {
    opts.beforeWeekEnd?.(game);
    const before = game.state().week;
    const r = game.decide({ type: 'week.end', data: {} });
    if (r.ok) {
      weeksEnded += 1;
      const s = game.state();
      liveHashes.set(s.phase === 'ended' ? s.week : before, hashOf(s));
      if (s.phase === 'postFit') reachedPostFit = true;
      opts.onWeek?.(game);
    } else {
      expect(r.rejection.code === 'crisis' || r.rejection.code === 'ended').toBe(true);
    }
    return r;
  };
  const tryDecide = (d: Decision) => {
    if (d.type === 'week.end') return endWeek();
    const r = game.decide(d);
    if (r.ok) accepted += 1;
    else {
      expect(CODES.has(r.rejection.code), r.rejection.code).toBe(true);
      expect(r.rejection.reason.length).toBeGreaterThan(0);
    }
    opts.onDecided?.(game, d);
    return r;
  };
  for (const [index, planned] of input.weeks.entries()) {
    if (game.status().startsWith('ended')) break;
    const wk = input.calm && index % 5 !== 0 ? { ...planned, bot: true, picks: [], extra: [] } : planned;
    for (let guard = 0; guard < 12 && game.status().endsWith('crisis'); guard++) {
      const inc = openIncidents(game.state())[0];
      if (!inc) break;
      const r = tryDecide({ type: 'incident.respond', data: { incident: inc.id, ...wk.respond } });
      if (!r.ok) tryDecide({ type: 'incident.respond', data: { incident: inc.id, action: 'hotfix', communicate: false, postmortem: false } });
    }
    const view = playerView(game.state());
    const menu = candidateDecisions(view, sc);
    const decisions: Decision[] = [...(wk.bot ? phaseAware.plan(view, sc, random) : [])];
    wk.picks.forEach((p, i) => {
      const d = menu[p % menu.length];
      if (d) decisions.splice(p % (decisions.length + 1), 0, d);
      const x = wk.extra[i];
      if (x) decisions.push(x);
    });
    for (const x of wk.extra.slice(wk.picks.length)) decisions.push(x);
    for (const x of wk.extra) opts.onExtra?.(x);
    for (const d of decisions) tryDecide(d);
    endWeek();
  }
  return { game, liveHashes, accepted, weeksEnded, reachedPostFit };
}

// ---- invariants -------------------------------------------------------------------------------

const RATE_PATHS: ((s: GameState) => number[])[] = [
  (s) => [s.market.trust, s.market.survey, s.market.retention, s.market.perceivedAccuracy],
  (s) => s.discovery.beliefs.map((b) => b.belief),
  (s) => [s.model.skill, s.model.previousSkill, s.model.dataDrift, s.model.conceptDrift, s.model.threshold],
  (s) => [s.reliability.uptime],
];

function invariants(s: GameState, status: string): string[] {
  const out: string[] = [];
  for (const n of numbersIn(s)) if (!Number.isFinite(n.value)) out.push(`${n.path} is ${n.value}`);
  const spent = Object.values(s.finance.spent).reduce((a, b) => a + b, 0);
  if (s.cash !== sc.start.cash + s.finance.raised + s.finance.revenue - spent) {
    out.push(`cash ${s.cash} != start ${sc.start.cash} + raised ${s.finance.raised} + revenue ${s.finance.revenue} - spent ${spent}`);
  }
  if (!Number.isInteger(s.cash)) out.push(`cash ${s.cash} is not whole dollars`);
  for (const get of RATE_PATHS) for (const r of get(s)) if (!(r >= 0 && r <= 1)) out.push(`rate out of [0,1]: ${r}`);
  if (s.used.focus > sc.focusPerWeek) out.push(`focus ${s.used.focus} over ${sc.focusPerWeek}`);
  if (s.team.engineers < 1 || s.team.mlEngineers < 1) out.push('a role was emptied');
  if (s.debt < 0 || s.market.customers < 0) out.push('negative debt or customers');
  if ((s.phase === 'postFit') !== (s.fitWeek !== null) && s.phase !== 'ended') out.push(`phase ${s.phase} with fitWeek ${s.fitWeek}`);
  if (!status.startsWith(s.phase)) out.push(`machine ${status} but state phase ${s.phase}`);
  if (s.week < 1 || s.week > sc.weeks + 1) out.push(`week ${s.week}`);
  return out;
}

function logOf(run: Run, seed: string) {
  return { header: makeHeader(sc, loaded().hash, seed), entries: [...run.game.entries()] };
}

// ---- properties -------------------------------------------------------------------------------

describe('random decision sequences', () => {
  it('never throw and keep every invariant after every decision and every week', () => {
    let postFit = 0;
    let accepted = 0;
    fc.assert(
      fc.property(runInput(70), (input) => {
        const check = (g: Game) => {
          const bad = invariants(g.state(), g.status());
          if (bad.length > 0) throw new Error(`invariants broken in week ${g.state().week}: ${bad.join('; ')}`);
        };
        const run = play(input, { onDecided: check, onWeek: check, onExtra: (d) => tried.set(d.type, (tried.get(d.type) ?? 0) + 1) });
        if (run.reachedPostFit) postFit += 1;
        accepted += run.accepted;
        expect(run.weeksEnded).toBeGreaterThan(0);
      }),
      { numRuns: 40, seed: 20_240_601 },
    );
    expect(accepted).toBeGreaterThan(0);
    // Coverage: some runs must get past fit, or the post-fit rules went untested.
    expect(postFit, 'no run reached post-fit: the property no longer covers contracts and incidents').toBeGreaterThan(0);
    // Coverage: every decision type was tried from the arbitrary at least once.
    const never = DECISION_TYPES.filter((t) => !tried.has(t));
    expect(never, `decision types the property never tried: ${never.join(', ')}`).toEqual([]);
    expect([...tried.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(DECISION_TYPES.length);
  });

  it('replay of the recorded log equals the live state at every checkpoint, and verify reproduces it', () => {
    fc.assert(
      fc.property(runInput(70), (input) => {
        const run = play(input);
        const log = logOf(run, input.seed);
        const checkpoints = log.entries.filter((e) => e.kind === 'checkpoint');
        expect(checkpoints.length).toBe(run.weeksEnded);
        for (const c of checkpoints) {
          const live = run.liveHashes.get(c.week);
          expect(c.hash).toBe(live);
          expect(hashOf(replay(log, sc, c.week))).toBe(live);
        }
        expect(hashOf(replay(log, sc))).toBe(hashOf(run.game.state()));
        const parsed = parseLog(serializeLog(log));
        if (!parsed.ok) throw new Error(`own log rejected at line ${parsed.error.line}: ${parsed.error.message}`);
        expect(verify(parsed.log, sc)).toMatchObject({ ok: true, finalHash: hashOf(run.game.state()) });
      }),
      { numRuns: 15, seed: 20_240_602 },
    );
  });

  it('the same inputs give byte-identical logs, in bulk and in live (immer) mode', () => {
    fc.assert(
      fc.property(runInput(50), (input) => {
        const a = serializeLog(logOf(play(input, { mode: 'bulk' }), input.seed));
        const b = serializeLog(logOf(play(input, { mode: 'bulk' }), input.seed));
        const c = serializeLog(logOf(play(input, { mode: 'live' }), input.seed));
        expect(b).toBe(a);
        expect(c).toBe(a);
      }),
      { numRuns: 20, seed: 20_240_603 },
    );
  });
});

describe('common random numbers', () => {
  /** The input with one decision changed: an extra decision in one week, or one removed. */
  const changedOne = (input: RunInput, at: number, d: Decision): RunInput => ({
    seed: input.seed,
    calm: input.calm,
    weeks: input.weeks.map((w, i) => (i === at % input.weeks.length ? { ...w, extra: w.extra.length > 0 ? w.extra.slice(1) : [d] } : w)),
  });

  it('changing one decision leaves every world draw unchanged (the table depends only on the seed)', () => {
    fc.assert(
      fc.property(runInput(40), fc.nat(), anyDecision, (input, at, d) => {
        const a = play(input);
        const b = play(changedOne(input, at, d));
        const fresh = createWorldTable(input.seed, sc.weeks);
        expect(a.game.table.values).toEqual(fresh.values);
        expect(b.game.table.values).toEqual(fresh.values);
        expect(Object.isFrozen(a.game.table)).toBe(true);
        // And the hidden world drawn from it is the same.
        expect(a.game.state().world).toEqual(b.game.state().world);
      }),
      { numRuns: 25, seed: 20_240_604 },
    );
  });

  it('draws are addressed by the week being resolved, never by how many draws came before', () => {
    fc.assert(
      fc.property(runInput(40), fc.nat(), anyDecision, (input, at, d) => {
        const readsByWeek = (inp: RunInput) => {
          const spy = spyTable(createWorldTable(inp.seed, sc.weeks));
          const byWeek = new Map<number, { stream: Stream; week: number; slot: number }[]>();
          let week = 1;
          play(inp, {
            table: spy.table,
            beforeWeekEnd: (g) => {
              spy.reads.length = 0;
              week = g.state().week;
            },
            onWeek: () => {
              byWeek.set(
                week,
                spy.reads.map((i) => addressOf(i, sc.weeks)),
              );
            },
          });
          return byWeek;
        };
        const a = readsByWeek(input);
        const b = readsByWeek(changedOne(input, at, d));
        for (const run of [a, b]) {
          for (const [week, reads] of run) {
            for (const r of reads) expect(r.week, `${r.stream} read in week ${week}`).toBe(week);
            // The survey noise is one keyed draw per week.
            expect(reads.filter((r) => r.stream === 'market')).toEqual([{ stream: 'market', week, slot: 0 }]);
          }
        }
        // Wherever both games resolved a week, they read the market and drift draws at the same addresses.
        for (const [week, ra] of a) {
          const rb = b.get(week);
          if (!rb) continue;
          const keep = (rs: typeof ra) => rs.filter((r) => r.stream === 'market' || r.stream === 'drift');
          expect(keep(rb)).toEqual(keep(ra));
        }
      }),
      { numRuns: 15, seed: 20_240_605 },
    );
  });

  it('extra experiments concluding in a week do not change its market, drift, incidents or offers', () => {
    const quiet = (['interviews', 'concierge', 'mockupDrop', 'abTest', 'implicitFeedback'] as const).find(
      (m) => sc.discovery.methods[m].labels === 0 && sc.discovery.methods[m].trustRisk === 0,
    );
    if (!quiet) throw new Error('no experiment method without labels and trust risk');
    const watched = new Set(['market.moved', 'model.drifted', 'incident.opened', 'contract.offered', 'reliability.measured']);
    let compared = 0;
    fc.assert(
      fc.property(runInput(50), (input) => {
        play(input, {
          beforeWeekEnd: (g) => {
            const s = g.state();
            if (s.phase === 'ended') return;
            const crowded = clone(s);
            sc.hypotheses.forEach((h, i) => {
              crowded.discovery.running.push({ id: 1000 + i, method: quiet, hypothesis: h.id, isolated: false, doneWeek: s.week });
            });
            const ctx = ctxFor(input.seed);
            const pick = (events: GameEvent[]) => events.filter((e) => watched.has(e.type));
            expect(pick(resolve(crowded, ctx).events)).toEqual(pick(resolve(s, ctx).events));
            compared += 1;
          },
        });
      }),
      { numRuns: 10, seed: 20_240_606 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});

describe('the invariant checker', () => {
  it('notices a NaN, a rate out of range, a cash leak and a phase mismatch', () => {
    const g = startGame(sc, 'checker', { mode: 'bulk' });
    const s = clone(g.state());
    expect(invariants(s, g.status())).toEqual([]);
    expect(invariants({ ...s, debt: Number.NaN }, g.status()).join()).toMatch(/debt is NaN/);
    expect(invariants({ ...s, market: { ...s.market, trust: 1.01 } }, g.status()).join()).toMatch(/rate out of/);
    expect(invariants({ ...s, cash: s.cash - 1 }, g.status()).join()).toMatch(/cash/);
    expect(invariants(s, 'postFit.planning').join()).toMatch(/machine/);
  });
});

describe('decision schema', () => {
  it('the generated decisions all conform to DecisionSchema, and every decision type is generated', () => {
    const counts = new Map<string, number>();
    fc.assert(
      fc.property(anyDecision, (d) => {
        counts.set(d.type, (counts.get(d.type) ?? 0) + 1);
        expect(DecisionSchema.safeParse(d).success).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(Object.fromEntries(DECISION_TYPES.map((t) => [t, (counts.get(t) ?? 0) > 0]))).toEqual(Object.fromEntries(DECISION_TYPES.map((t) => [t, true])));
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('the arbitrary fails loudly on a field it cannot fill', () => {
    expect(() => decisionFieldArbitrary('x.nickname', 'nickname', z.string(), sc)).toThrow(/does not know: add "nickname"/);
    expect(() => decisionFieldArbitrary('x.when', 'when', z.date(), sc)).toThrow(/zod type \(date\)/);
    expect(() => decisionFieldArbitrary('x.offer', 'offer', z.number().int().positive(), sc)).not.toThrow();
  });
});
