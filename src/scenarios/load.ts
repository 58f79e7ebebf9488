import { z } from 'zod';
import { CAPABILITY_IDS, ScenarioSchema, type Scenario } from './schema.js';
import { hashOf } from './hash.js';
import { rulesOverrides } from './rules.js';

/* Loading a scenario: schema first, then the cross-references a schema cannot express (ids
 * that must exist, ranges that must be ordered). Problems come back as path + message. */

/** One problem found in a scenario file. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** A loaded scenario with the content hash logs pin it by. */
export interface LoadedScenario {
  scenario: Scenario;
  hash: string;
}

/** Formats a zod issue path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(root)' : out;
}

function crossCheck(sc: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const unique = (name: string, ids: string[]) => ids.forEach((x, i) => ids.indexOf(x) !== i && add(`${name}[${i}].id`, `duplicate id "${x}"`));
  const lists: [string, readonly { id: string }[]][] = [
    ['segments', sc.segments],
    ['paradigms', sc.paradigms],
    ['valueProps', sc.valueProps ?? []],
    ['hypotheses', sc.hypotheses],
    ['features', sc.features],
    ['capabilities', sc.capabilities],
  ];
  for (const [name, xs] of lists)
    unique(
      name,
      xs.map((x) => x.id),
    );
  sc.hypotheses.forEach((h, i) => {
    if (h.about.kind === 'segment' && !sc.segments.some((s) => s.id === (h.about as { segment: string }).segment))
      add(`hypotheses[${i}].about.segment`, `no segment "${h.about.segment}"`);
    if (h.about.kind === 'paradigm' && !sc.paradigms.some((p) => p.id === (h.about as { paradigm: string }).paradigm))
      add(`hypotheses[${i}].about.paradigm`, `no paradigm "${h.about.paradigm}"`);
    if (h.about.kind === 'valueProp' && !(sc.valueProps ?? []).some((v) => v.id === (h.about as { valueProp: string }).valueProp))
      add(`hypotheses[${i}].about.valueProp`, `no value proposition "${h.about.valueProp}"`);
  });
  sc.segments.forEach((s, i) => s.pullMin > s.pullMax && add(`segments[${i}].pullMin`, 'pullMin is above pullMax'));
  sc.contracts.templates.forEach((t, i) => t.arrMin > t.arrMax && add(`contracts.templates[${i}].arrMin`, 'arrMin is above arrMax'));
  const missing = CAPABILITY_IDS.filter((c) => !sc.capabilities.some((x) => x.id === c));
  if (missing.length > 0) add('capabilities', `missing ${missing.join(', ')}`);
  if (sc.model.costFalsePositive + sc.model.costFalseNegative <= 0) add('model.costFalseNegative', 'at least one kind of error must cost something');
  if (sc.fit.deadlineWeek > sc.weeks) add('fit.deadlineWeek', `after the last week (${sc.weeks})`);
  if (!sc.rounds.some((r) => r.phase === 'preFit')) add('rounds', 'needs at least one pre-fit round');
  return issues;
}

/** Validates raw JSON as a scenario: the scenario and its hash, or every problem with its path. */
export function loadScenario(raw: unknown): { ok: true; value: LoadedScenario } | { ok: false; issues: ScenarioIssue[] } {
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: formatPath(i.path), message: i.message })) };
  }
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { scenario: parsed.data, hash: scenarioHash(parsed.data) } };
}

/** The content hash of a parsed scenario. Rules left at their default are not part of it, so a
 * file that writes a default hashes like one that leaves it out, and files from before the
 * rules block keep the hash their logs pinned. */
export function scenarioHash(sc: Scenario): string {
  return hashOf({ ...sc, rules: rulesOverrides(sc.rules) });
}
