import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenario } from '../../src/scenarios/load.js';
import { scenarioJsonSchema } from '../../src/scenarios/json-schema.js';
import type { Scenario } from '../../src/scenarios/schema.js';
import { BOTS } from '../../src/bots/index.js';
import type { Bot } from '../../src/bots/types.js';
import { DecisionSchema, type Decision } from '../../src/engine/decisions.js';
import { playGame } from '../../src/bots/play.js';
import { makeHeader, verify } from '../../src/engine/log/replay.js';
import { parseLog, serializeLog } from '../../src/engine/log/parse.js';
import { FULL, numbersIn, sc } from '../helpers.js';

/* Scenario files that validate can always be played: random valid-but-extreme scenarios (the
 * bundled one with every number drawn at or next to the bound the schema gives it) are played
 * whole by the bundled bots. No state or event may hold NaN, Infinity or an integer past
 * Number.MAX_SAFE_INTEGER, and every log such a game writes must parse and verify. The bounds
 * come from the generated JSON Schema, so the test follows the schema as it changes.
 * The bots plan in-process, past the edge where the UI, the CLI and logs check each decision
 * against DecisionSchema; here their plans pass that check first, as a player's would, and
 * what it refuses is counted and printed (in scenarios this large a bot can ask for more than a
 * decision may carry, e.g. a GPU reservation above 1,000,000 hours a month). */

interface JsonNode {
  type?: string | string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  const?: unknown;
}

/** A numeric leaf of the base scenario: where it sits and the range the schema allows there. */
interface Leaf {
  path: (string | number)[];
  base: number;
  lo: number;
  hi: number;
  int: boolean;
}

/* The branch of a union whose constant fields match the value (hypothesis.about is one). */
function branchFor(node: JsonNode, value: unknown): JsonNode {
  const options = node.anyOf ?? node.oneOf;
  if (!options) return node;
  const v = value as Record<string, unknown>;
  return options.find((o) => Object.entries(o.properties ?? {}).every(([k, p]) => p.const === undefined || p.const === v[k])) ?? node;
}

/* Every number in `value`, with its schema range. */
function leavesOf(value: unknown, node: JsonNode, path: (string | number)[], out: Leaf[]): Leaf[] {
  const n = branchFor(node, value);
  if (typeof value === 'number') {
    const int = n.type === 'integer';
    const tiny = int ? 1 : Number.MIN_VALUE;
    const lo = n.minimum ?? (n.exclusiveMinimum !== undefined ? n.exclusiveMinimum + tiny : -Number.MAX_SAFE_INTEGER);
    const hi = n.maximum ?? (n.exclusiveMaximum !== undefined ? n.exclusiveMaximum - tiny : Number.MAX_SAFE_INTEGER);
    out.push({ path, base: value, lo, hi, int });
  } else if (Array.isArray(value)) value.forEach((v, i) => leavesOf(v, n.items ?? {}, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leavesOf(v, n.properties?.[k] ?? {}, [...path, k], out);
  return out;
}

const LEAVES = leavesOf(structuredClone(sc), scenarioJsonSchema() as JsonNode, [], []);

/* A value at or next to one end of a leaf's range (or the base value), by a draw in [0, 100). */
function extreme(leaf: Leaf, draw: number, bias: 'high' | 'low' | 'mixed'): number {
  const { lo, hi, int } = leaf;
  const near = int ? 1 : (hi - lo) * 1e-6;
  const highFirst = bias === 'high' ? draw < 70 : bias === 'low' ? draw >= 85 : draw < 40;
  const lowFirst = bias === 'low' ? draw < 70 : bias === 'high' ? draw >= 85 : draw >= 40 && draw < 80;
  const odd = draw % 2 === 0;
  if (highFirst) return odd ? hi : Math.max(lo, hi - near);
  if (lowFirst) return odd ? lo : Math.min(hi, lo + near);
  return leaf.base;
}

function setAt(target: unknown, path: (string | number)[], value: number): void {
  let at = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = value;
}

/* The cross-references the loader checks beyond the schema, restored so the file validates. */
function repair(s: Scenario): void {
  for (const seg of s.segments) if (seg.pullMin > seg.pullMax) [seg.pullMin, seg.pullMax] = [seg.pullMax, seg.pullMin];
  for (const t of s.contracts.templates) if (t.arrMin > t.arrMax) [t.arrMin, t.arrMax] = [t.arrMax, t.arrMin];
  if (s.model.costFalsePositive + s.model.costFalseNegative <= 0) s.model.costFalseNegative = 1;
  s.fit.deadlineWeek = Math.min(s.fit.deadlineWeek, s.weeks);
}

/** A scenario with every number drawn near its bounds. */
function extremeScenario(draws: number[], bias: 'high' | 'low' | 'mixed'): Scenario {
  const raw = structuredClone(sc);
  LEAVES.forEach((leaf, i) => setAt(raw, leaf.path, extreme(leaf, draws[i] ?? 0, bias)));
  repair(raw);
  return raw;
}

/** Where a number breaks the engine's promise: non-finite, or an integer past the safe range. */
function unsafe(value: unknown): string[] {
  return numbersIn(value)
    .filter((n) => !Number.isFinite(n.value) || Math.abs(n.value) > Number.MAX_SAFE_INTEGER)
    .map((n) => `${n.path} = ${n.value}`);
}

/* The bot with its plans checked against DecisionSchema, as every edge checks a player's decisions
 * (what it refuses is counted, and must be nothing). */
function atTheEdge(bot: Bot, refused: Map<string, number>): Bot {
  const passes = (d: Decision): boolean => {
    if (DecisionSchema.safeParse(d).success) return true;
    const key = `${bot.name}: ${d.type}`;
    refused.set(key, (refused.get(key) ?? 0) + 1);
    return false;
  };
  return { name: bot.name, description: bot.description, plan: (v, s, r) => bot.plan(v, s, r).filter(passes), respond: (v, s, i, r) => bot.respond(v, s, i, r) };
}

const RUNS = FULL ? 300 : 36;
const botNames = Object.keys(BOTS);

describe('defect 6: validate passes scenario files that break play', () => {
  it('refuses a GPU-hours figure of 1e308 and prices of 2^53, naming each field and its bound', () => {
    const raw = structuredClone(sc);
    (raw.features[0] as { gpuHoursPerCustomerMonth: number }).gpuHoursPerCustomerMonth = 1e308;
    (raw.segments[0] as { pricePerCustomerWeek: number }).pricePerCustomerWeek = 2 ** 53;
    raw.gpu.onDemandPricePerHour = 2 ** 53;
    raw.labeling.costPerLabel = 2 ** 53 - 1;
    const r = loadScenario(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const said = (path: string) => r.issues.filter((i) => i.path === path).map((i) => i.message);
    expect(said('features[0].gpuHoursPerCustomerMonth')).toContain('at most 10,000 GPU-hours a customer-month');
    expect(said('segments[0].pricePerCustomerWeek').join(' ')).toMatch(/at most \$100,000 a customer-week/);
    expect(said('gpu.onDemandPricePerHour').join(' ')).toMatch(/at most 100 dollars a GPU-hour/);
    expect(said('labeling.costPerLabel').join(' ')).toMatch(/at most \$1,000 a label/);
  });
});

describe('extreme but valid scenarios', () => {
  it('finds a range for every number of the bundled scenario', () => {
    expect(LEAVES.length).toBeGreaterThan(100);
    // fit.deadlineWeek is bounded by the scenario's own weeks (at most 156), in the loader's cross-check.
    const byCrossCheck = new Set(['fit.deadlineWeek']);
    const unbounded = LEAVES.filter((l) => l.hi >= Number.MAX_SAFE_INTEGER || l.lo <= -Number.MAX_SAFE_INTEGER)
      .map((l) => l.path.join('.'))
      .filter((p) => !byCrossCheck.has(p));
    expect(unbounded, 'every number has a bound in the schema').toEqual([]);
  });

  it(`play to the end with finite, safe numbers and write logs that verify (${RUNS} scenarios)`, () => {
    let cases = 0;
    const refused = new Map<string, number>();
    const arb = fc.record({
      draws: fc.array(fc.nat(99), { minLength: LEAVES.length, maxLength: LEAVES.length }),
      bias: fc.constantFrom('high' as const, 'low' as const, 'mixed' as const),
      bot: fc.constantFrom(...botNames),
      seed: fc.nat(1_000_000),
    });
    fc.assert(
      fc.property(arb, ({ draws, bias, bot, seed }) => {
        const loaded = loadScenario(extremeScenario(draws, bias));
        if (!loaded.ok) throw new Error(`the extreme scenario does not validate: ${loaded.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
        const { scenario, hash } = loaded.value;
        const player = BOTS[bot];
        if (!player) throw new Error(`no bot ${bot}`);
        const game = playGame(scenario, `extreme-${seed}`, atTheEdge(player, refused), { mode: 'bulk', record: true });
        const entries = [...game.entries()];
        expect(unsafe(entries), 'events, decisions and checkpoints').toEqual([]);
        expect(unsafe(game.state()), 'the final state').toEqual([]);
        const parsed = parseLog(serializeLog({ header: makeHeader(scenario, hash, `extreme-${seed}`), entries }));
        if (!parsed.ok) throw new Error(`the log does not parse: line ${parsed.error.line}: ${parsed.error.message}`);
        const check = verify(parsed.log, scenario, { keepWeeks: true });
        if (!check.ok) throw new Error(`the log does not verify: line ${check.line}: ${check.message}`);
        expect(unsafe(check.states), 'every week state').toEqual([]);
        cases += 1;
      }),
      FULL ? { numRuns: RUNS } : { numRuns: RUNS, seed: 20_261_204 },
    );
    expect(cases).toBe(RUNS);
    // Bots keep their amounts inside the decision limits, so the schema refuses none of their plans.
    expect([...refused].map(([k, n]) => `${k} ×${n}`)).toEqual([]);
  }, 600_000);
});
