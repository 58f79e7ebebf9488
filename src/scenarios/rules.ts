import { z } from 'zod';
import { DecisionRulesSchema } from './decision-rules.js';
import { divisor, positiveUpTo, upTo, whole } from './bounds.js';

/* The rulebook: every number the world step and the derived figures use, as scenario data.
 * Each default is the value the engine has always used, so a file without a `rules` block (or
 * with some of it) means what it always meant; the content hash ignores values left at their
 * default (see load.ts), so old logs keep their pins. */

/* Every rule number is bounded: multipliers finite, divisors away from zero (see bounds.ts). */
const share = z.number().min(0).max(1);
const factor = positiveUpTo(100, 'times');
const div = divisor(0.01, 100);

/** Model training, regression and drift. */
const ModelRulesSchema = z.strictObject({
  driftActiveAbove: share.default(0.02).describe('Data plus concept drift above which drift counts as active (it confounds an A/B test that does not isolate the variable).'),
  regressionChance: share.default(0.2).describe('Chance that a retrain regresses the model.'),
  regressionSkillLoss: share.default(0.1).describe('Skill a regressed retrain loses against what it should have reached.'),
  regressionSkillFloor: share.default(0.05).describe('Lowest skill a regression can leave the model with.'),
});

/** How experiments read and move beliefs. */
const DiscoveryRulesSchema = z.strictObject({
  confoundedYesChance: share.default(0.5).describe('Chance a confounded A/B test reads as supported, whatever the truth.'),
  unknownBelief: share.default(0.5).describe('Belief assumed for a hypothesis with no recorded belief.'),
  beliefFloor: share.default(0.01).describe('Lowest belief a Bayes update can reach.'),
  beliefCeiling: share.default(0.99).describe('Highest belief a Bayes update can reach.'),
  exposureTrustFactor: factor.default(2).describe('Trust lost when an exposed experiment shows users a wrong answer, per unit of trust risk times error rate.'),
});

/** Pull, customer growth and the fit signal. */
const MarketRulesSchema = z.strictObject({
  noSegmentPull: share.default(0.15).describe('Base pull before any segment is targeted.'),
  noParadigmFactor: share.default(0.6).describe('Pull multiplier while no UI paradigm is adopted.'),
  noValuePropFactor: share.default(0.8).describe('Pull multiplier while no value proposition is chosen (scenarios that have them).'),
  batchPullDivisor: div.default(2).describe('A feature served in batch adds its pull divided by this.'),
  latencyFloor: share.default(0.3).describe('Lowest pull multiplier latency above the SLO can leave.'),
  preFitGrowthDivisor: div.default(4).describe('Word-of-mouth growth before fit is the post-fit rate divided by this.'),
  retentionChurnWeeks: factor.default(4).describe('Weeks of churn the retention figure covers.'),
  surveyPullShare: share.default(0.75).describe('Share of pull that answers "very disappointed" in the fit survey (before noise).'),
});

/** GPU load and its inference cost. */
const ComputeRulesSchema = z.strictObject({
  batchingFactor: share.default(0.7).describe('Inference GPU-hours multiplier once request batching is built.'),
  signoffCustomerFloor: whole(100_000, 'customers').default(10).describe('Fewest customers a feature is projected for when checking the founder sign-off line.'),
  noCapacityUtilisation: factor.default(1.5).describe('Utilisation reported when real-time load runs with no reservation at all.'),
  maxUtilisation: factor.default(3).describe('Highest utilisation of reserved real-time capacity reported.'),
});

/** Latency, incident hazards and default SLOs. */
const ReliabilityRulesSchema = z.strictObject({
  queueUtilisationCap: z
    .number()
    .min(0)
    .max(0.99, 'at most 0.99: the queueing wait divides by one minus it')
    .default(0.9)
    .describe('Utilisation at which the queueing wait stops growing (overflow takes over).'),
  overflowFactor: factor.default(4).describe('Extra p95, in base latencies, per unit of utilisation above full.'),
  loadHazardAbove: share.default(0.5).describe('Utilisation above which load adds incident hazard.'),
  silentDriftHazardPerDrift: upTo(1000, 'times').default(10).describe('Silent-drift hazard grows by this multiple of data plus concept drift.'),
  hallucinationHazardPerRate: upTo(1000, 'times').default(20).describe('Hallucination hazard grows by this multiple of the hallucination rate.'),
  confidenceHazardFactor: share.default(0.7).describe('Hallucination hazard multiplier once confidence display is built.'),
  mitigationFactor: share.default(0.5).describe('Hazard multiplier per built capability that mitigates the incident kind.'),
  maxHazardCut: share.default(0.8).describe('Largest share of a hazard postmortems can cut.'),
  customersPerHazardScale: divisor(0.01, 100_000).default(50).describe('Paying customers at which hazards run at their nominal rate (more customers, more incidents).'),
  minHazardScale: factor.default(0.2).describe('Lowest customer scaling of hazards.'),
  maxHazardScale: factor.default(2).describe('Highest customer scaling of hazards.'),
  maxHazard: share.default(0.9).describe('Highest weekly chance of any one incident kind.'),
  severityBase: upTo(10, 'times the downtime').default(0.5).describe('Lowest incident severity; a draw in [0, 1) is added to it.'),
  defaultUptime: z.number().min(0.9).max(0.99999).default(0.999).describe('Uptime promised before any contract is signed.'),
  defaultP95Multiple: divisor(0.01, 100).default(4).describe('p95 promise, in base latencies, when the scenario has no contract template.'),
});

/** Enterprise contracts. */
const ContractRulesSchema = z.strictObject({
  offerArrRounding: whole(1_000_000, 'dollars', 1).default(1000).describe('Offered ARR is rounded to a multiple of this many dollars.'),
  renewalMaxBreaches: whole(1000, 'breaches').default(1).describe('Most breaches a contract may have had and still renew.'),
  keepableP95Headroom: upTo(100, 'times', 1).default(1.3).describe('A contract is keepable only if p95 times this is within its latency promise.'),
});

/** Tech debt. */
const DebtRulesSchema = z.strictObject({
  minCapacityShare: share.default(0.3).describe('Lowest share of engineering capacity tech-debt drag can leave.'),
});

/** The `rules` block of a scenario: every rule number, grouped by the system that reads it. */
export const RulesSchema = z.strictObject({
  model: ModelRulesSchema.prefault({}).describe('Model training, regression and drift.'),
  discovery: DiscoveryRulesSchema.prefault({}).describe('How experiments read and move beliefs.'),
  market: MarketRulesSchema.prefault({}).describe('Pull, customer growth and the fit signal.'),
  compute: ComputeRulesSchema.prefault({}).describe('GPU load and its inference cost.'),
  reliability: ReliabilityRulesSchema.prefault({}).describe('Latency, incident hazards and the default SLOs.'),
  contracts: ContractRulesSchema.prefault({}).describe('Enterprise contract offers, renewal and what counts as keepable.'),
  debt: DebtRulesSchema.prefault({}).describe('What tech debt does to capacity.'),
  decisions: DecisionRulesSchema.prefault({}).describe('What decisions charge and the effects they carry.'),
});
/** The rules as the engine reads them (every field filled). */
export type Rules = z.infer<typeof RulesSchema>;

/** The classic rules: every field at its default. */
export function defaultRules(): Rules {
  return RulesSchema.parse({});
}

/* The part of `value` that differs from `base`, or undefined when nothing does. Objects are
 * compared member by member; anything else by canonical identity (arrays whole). */
function differing(value: unknown, base: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && base !== null && typeof base === 'object' && !Array.isArray(base)) {
    const out: Record<string, unknown> = {};
    const b = base as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const d = differing(v, b[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return JSON.stringify(value) === JSON.stringify(base) ? undefined : value;
}

/** Only the rules that differ from the defaults (undefined when none do): what the content hash covers. */
export function rulesOverrides(rules: Rules): unknown {
  return differing(rules, defaultRules());
}

/** One documented rule: where it sits in a scenario file, its default and what it means. */
export interface RuleDoc {
  path: string;
  default: unknown;
  description: string;
}

/** A group of rules as documented (nested groups such as decisions.focus are their own group). */
export interface RuleGroupDoc {
  group: string;
  description: string;
  rules: RuleDoc[];
}

interface JsonNode {
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonNode>;
}

/** Every rule with its default and description, read from the schema itself (for `validate --rules`). */
export function rulesReference(): RuleGroupDoc[] {
  const root = z.toJSONSchema(RulesSchema, { target: 'draft-07', io: 'input' }) as JsonNode;
  const groups: RuleGroupDoc[] = [];
  const walk = (node: JsonNode, path: string[], inherited: string): void => {
    const description = node.description ?? inherited;
    const entries = Object.entries(node.properties ?? {});
    const rules = entries
      .filter(([, child]) => child.properties === undefined)
      .map(([key, child]) => ({ path: ['rules', ...path, key].join('.'), default: child.default, description: child.description ?? '' }));
    if (rules.length > 0) groups.push({ group: path.join('.'), description, rules });
    for (const [key, child] of entries) if (child.properties !== undefined) walk(child, [...path, key], description);
  };
  walk(root, [], '');
  return groups;
}
