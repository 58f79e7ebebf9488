import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario, scenarioHash, type LoadedScenario } from '../../src/scenarios/load.js';
import { defaultRules, rulesOverrides, RulesSchema } from '../../src/scenarios/rules.js';
import { hashOf } from '../../src/scenarios/hash.js';
import { hashOf as engineHashOf, canonicalJson as engineCanonicalJson, sha256Hex as engineSha256Hex } from '../../src/engine/hash.js';
import { fresh } from '../helpers.js';
import { sloUptime } from '../../src/engine/derive.js';

/* The rules block: a scenario file without one means exactly the numbers the engine always
 * used, an override changes the parsed value and the content hash, and writing a default out
 * explicitly hashes like leaving it out (so old logs keep their pins). */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
type Json = Record<string, unknown>;
const raw = (id = 'devtools-codegen'): Json => JSON.parse(readFileSync(`${ROOT}scenarios/${id}.json`, 'utf8')) as Json;
const firstLogHeader = (): { scenario: { hash: string } } =>
  JSON.parse(readFileSync(`${ROOT}test/fixtures/logs/devtools-codegen-golden-1.jsonl`, 'utf8').split('\n')[0] ?? '{}') as { scenario: { hash: string } };

function load(json: unknown): LoadedScenario {
  const r = loadScenario(json);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.value;
}

describe('scenario rules', () => {
  it('a file without rules parses to the classic numbers', () => {
    const file = raw();
    expect('rules' in file).toBe(false);
    const r = load(file).scenario.rules;
    expect(r.model.regressionChance).toBe(0.2);
    expect(r.model.regressionSkillLoss).toBe(0.1);
    expect(r.model.driftActiveAbove).toBe(0.02);
    expect(r.market.surveyPullShare).toBe(0.75);
    expect(r.market.preFitGrowthDivisor).toBe(4);
    expect(r.compute.batchingFactor).toBe(0.7);
    expect(r.reliability.maxHazard).toBe(0.9);
    expect(r.reliability.customersPerHazardScale).toBe(50);
    expect(r.reliability.defaultUptime).toBe(0.999);
    expect(r.contracts.offerArrRounding).toBe(1000);
    expect(r.contracts.renewalMaxBreaches).toBe(1);
    expect(r.decisions.focus.gpuSignoff).toBe(2);
    expect(r).toEqual(defaultRules());
  });

  it('keeps the hash logs pinned before the rules block existed', () => {
    const loaded = load(raw());
    const { rules: _rules, ...withoutRules } = loaded.scenario;
    expect(loaded.hash).toBe(hashOf(withoutRules));
    expect(loaded.hash).toBe(firstLogHeader().scenario.hash);
  });

  it('an override changes the parsed value and the hash; the rest stay default', () => {
    const base = load(raw());
    const changed = load({ ...raw(), rules: { model: { regressionChance: 0.3 }, decisions: { focus: { hire: 3 } } } });
    expect(changed.scenario.rules.model.regressionChance).toBe(0.3);
    expect(changed.scenario.rules.decisions.focus.hire).toBe(3);
    expect(changed.scenario.rules.model.regressionSkillLoss).toBe(0.1);
    expect(changed.hash).not.toBe(base.hash);
    expect(rulesOverrides(changed.scenario.rules)).toEqual({ model: { regressionChance: 0.3 }, decisions: { focus: { hire: 3 } } });
    expect(sloUptime(fresh(), base.scenario)).toBe(0.999);
    const stricter = load({ ...raw(), rules: { reliability: { defaultUptime: 0.9995 } } });
    expect(sloUptime(fresh(), stricter.scenario)).toBe(0.9995);
  });

  it('writing defaults out explicitly hashes like leaving them out', () => {
    const base = load(raw());
    expect(load({ ...raw(), rules: defaultRules() }).hash).toBe(base.hash);
    expect(load({ ...raw(), rules: { market: { surveyPullShare: 0.75 }, reliability: {} } }).hash).toBe(base.hash);
    expect(rulesOverrides(defaultRules())).toBeUndefined();
    expect(scenarioHash(base.scenario)).toBe(base.hash);
  });

  it('refuses unknown and out-of-range rules with their path', () => {
    const unknown = loadScenario({ ...raw(), rules: { model: { regresionChance: 0.3 } } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0]?.path).toBe('rules.model');
    const range = loadScenario({ ...raw(), rules: { model: { regressionChance: 2 } } });
    expect(range.ok).toBe(false);
    if (!range.ok) expect(range.issues[0]?.path).toBe('rules.model.regressionChance');
  });

  it('gives every rule a description and a default', () => {
    const walk = (schema: unknown, path: string): number => {
      const shape = (schema as { shape?: Record<string, unknown> }).shape;
      if (!shape) return 0;
      let n = 0;
      for (const [k, v] of Object.entries(shape)) {
        const inner = (v as { unwrap?: () => unknown; def: { innerType?: unknown } }).def.innerType;
        if (inner && (inner as { shape?: unknown }).shape) n += walk(inner, `${path}.${k}`);
        else {
          expect((v as { description?: string }).description, `${path}.${k}`).toMatch(/\S/);
          n += 1;
        }
      }
      return n;
    };
    expect(walk(RulesSchema, 'rules')).toBeGreaterThan(40);
  });

  it('the engine re-exports the scenarios layer hash', () => {
    expect(engineHashOf({ b: 1, a: [2] })).toBe(hashOf({ a: [2], b: 1 }));
    expect(engineCanonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(engineSha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('every bundled scenario keeps a classic rules block', () => {
    for (const id of ['devtools-codegen', 'cv-warehouse', 'voice-cloning']) expect(load(raw(id)).scenario.rules).toEqual(defaultRules());
    expect.assertions(3);
  });
});
