import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenarios/json-schema.js';
import { loadScenario } from '../../src/scenarios/load.js';

/* scenarios/schema.json: generated from the zod schema and kept in step with it, and the
 * bundled scenario files satisfy it. A small checker below covers exactly the JSON Schema
 * keywords zod emits for ScenarioSchema (and fails on any other), so no validator dependency. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIO_DIR = `${ROOT}scenarios/`;
const scenarioFiles = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort();
const readJson = (file: string): unknown => JSON.parse(readFileSync(`${SCENARIO_DIR}${file}`, 'utf8'));

type Schema = Record<string, unknown>;

const KEYWORDS = new Set([
  '$schema',
  'title',
  'description',
  'default',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'oneOf',
  'anyOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

function hasType(value: unknown, type: unknown): boolean {
  if (Array.isArray(type)) return type.some((t) => hasType(value, t));
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function checkScalar(s: Schema, v: unknown, at: string, out: string[]): void {
  if ('const' in s && v !== s['const']) out.push(`${at}: is not ${JSON.stringify(s['const'])}`);
  if (Array.isArray(s['enum']) && !s['enum'].includes(v)) out.push(`${at}: is not one of the allowed values`);
  if (typeof v === 'number') {
    const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
    if (n('minimum') !== undefined && v < (n('minimum') ?? 0)) out.push(`${at}: below the minimum`);
    if (n('maximum') !== undefined && v > (n('maximum') ?? 0)) out.push(`${at}: above the maximum`);
    if (n('exclusiveMinimum') !== undefined && v <= (n('exclusiveMinimum') ?? 0)) out.push(`${at}: not above the exclusive minimum`);
    if (n('exclusiveMaximum') !== undefined && v >= (n('exclusiveMaximum') ?? 0)) out.push(`${at}: not below the exclusive maximum`);
  }
  if (typeof v === 'string') {
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v)) out.push(`${at}: does not match ${s['pattern']}`);
    if (typeof s['minLength'] === 'number' && v.length < s['minLength']) out.push(`${at}: too short`);
    if (typeof s['maxLength'] === 'number' && v.length > s['maxLength']) out.push(`${at}: too long`);
  }
}

function checkArray(s: Schema, v: unknown[], at: string, out: string[]): void {
  if (typeof s['minItems'] === 'number' && v.length < s['minItems']) out.push(`${at}: fewer than ${s['minItems']} items`);
  if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) out.push(`${at}: more than ${s['maxItems']} items`);
  if (typeof s['items'] === 'object' && s['items'] !== null) v.forEach((item, i) => check(s['items'] as Schema, item, `${at}[${i}]`, out));
}

function checkObject(s: Schema, v: Record<string, unknown>, at: string, out: string[]): void {
  const props = (s['properties'] ?? {}) as Record<string, Schema>;
  for (const key of (s['required'] ?? []) as string[]) if (!(key in v)) out.push(`${at}.${key}: required`);
  for (const [key, value] of Object.entries(v)) {
    const sub = props[key];
    if (sub) check(sub, value, `${at}.${key}`, out);
    else if (s['additionalProperties'] === false) out.push(`${at}.${key}: not allowed`);
  }
}

/** Every way `value` breaks `schema` (a light draft-07 checker); throws on an unknown keyword. */
function check(schema: Schema, value: unknown, at = '$', out: string[] = []): string[] {
  for (const k of Object.keys(schema)) if (!KEYWORDS.has(k)) throw new Error(`the test's checker does not know "${k}" (at ${at}): teach it`);
  for (const [k, need] of [
    ['oneOf', 1],
    ['anyOf', 0],
  ] as const) {
    const options = schema[k];
    if (!Array.isArray(options)) continue;
    const matching = options.filter((o: Schema) => check(o, value, at).length === 0).length;
    if (need === 1 ? matching !== 1 : matching === 0) out.push(`${at}: matches ${matching} of the ${k} options`);
  }
  if (schema['type'] !== undefined && !hasType(value, schema['type'])) {
    out.push(`${at}: is not of type ${JSON.stringify(schema['type'])}`);
    return out;
  }
  checkScalar(schema, value, at, out);
  if (Array.isArray(value)) checkArray(schema, value, at, out);
  else if (typeof value === 'object' && value !== null) checkObject(schema, value as Record<string, unknown>, at, out);
  return out;
}

describe('scenarios/schema.json', () => {
  it('is up to date with ScenarioSchema', () => {
    const onDisk = readFileSync(`${ROOT}${SCENARIO_JSON_SCHEMA_FILE}`, 'utf8');
    const fresh = scenarioJsonSchemaText();
    const at = onDisk.split('\n').findIndex((line, i) => line !== fresh.split('\n')[i]);
    expect(onDisk === fresh, `${SCENARIO_JSON_SCHEMA_FILE} is out of date with src/scenarios/schema.ts (first difference on line ${at + 1}): run npm run schema`).toBe(true);
  });

  it('is a titled draft-07 schema whose required keys are the zod schema required keys', () => {
    const s = scenarioJsonSchema();
    expect(s['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(s['title']).toEqual(expect.any(String));
    expect(s['description']).toEqual(expect.any(String));
    expect(Object.keys(s).slice(0, 3)).toEqual(['$schema', 'title', 'description']);
    expect(s['additionalProperties']).toBe(false);
    const required = s['required'] as string[];
    expect(required).toEqual(expect.arrayContaining(['id', 'version', 'name', 'weeks', 'segments', 'hypotheses', 'win']));
    expect(required).not.toContain('$schema');
    // Input side: a key with a default may be left out of a file.
    const feature = ((s['properties'] as Record<string, Schema>)['features']?.['items'] ?? {}) as Schema;
    expect(feature['required']).not.toContain('requires');
    expect(feature['required']).toContain('id');
  });

  it('is the same text when generated twice (stable formatting)', () => {
    const text = scenarioJsonSchemaText();
    expect(text).toBe(scenarioJsonSchemaText());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"\$schema"/);
  });
});

describe('bundled scenario files against the JSON Schema', () => {
  const schema = scenarioJsonSchema();

  it.each(scenarioFiles)('%s satisfies it, names it in "$schema" and loads', (file) => {
    const raw = readJson(file);
    expect(check(schema, raw)).toEqual([]);
    expect((raw as Record<string, unknown>)['$schema']).toBe('./schema.json');
    expect(loadScenario(raw).ok).toBe(true);
  });

  it('is not satisfied by broken copies (the checker is not vacuous)', () => {
    const raw = readJson('devtools-codegen.json') as Record<string, Record<string, unknown> & unknown[]>;
    const broken = (recipe: (s: typeof raw) => void): string[] => {
      const copy = structuredClone(raw);
      recipe(copy);
      return check(schema, copy);
    };
    expect(broken((s) => delete s['name'])).toEqual(['$.name: required']);
    expect(broken((s) => ((s as Record<string, unknown>)['weeks'] = '104'))).toEqual(['$.weeks: is not of type "integer"']);
    expect(broken((s) => ((s['gpu'] as Record<string, unknown>)['colour'] = 'blue'))).toEqual(['$.gpu.colour: not allowed']);
    expect(broken((s) => ((s as Record<string, unknown>)['id'] = 'Has Spaces'))).toEqual([expect.stringMatching(/^\$\.id: does not match/)]);
    expect(broken((s) => ((s['fit'] as Record<string, unknown>)['weeksRequired'] = 99))).toEqual(['$.fit.weeksRequired: above the maximum']);
    expect(
      broken(
        (s) => ((s['hypotheses'] as unknown as Record<string, unknown>[])[0] = { ...(s['hypotheses'] as unknown as Record<string, unknown>[])[0], about: { kind: 'planet' } }),
      ),
    ).toEqual(['$.hypotheses[0].about: matches 0 of the oneOf options']);
  });
});
