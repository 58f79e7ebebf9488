import { z } from 'zod';

/* The scenario file format. Every balance number of the game lives in data that passes this
 * schema; code only knows the meaning of each field. */

/* Every number is bounded (see bounds.ts for why each bound keeps the engine's arithmetic exact). */
const money = dollars(MAX_MONEY);
const weekly = dollars(MAX_WEEKLY_MONEY, ' a week');
const rate = z.number().min(0).max(1);
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes');
const people = whole(MAX_PEOPLE, 'people');
const points = whole(MAX_PEOPLE, 'points');
const weeksOf = (min: number) => whole(MAX_WEEKS, 'weeks (the longest game)', min);
const hours = (max: number) => positiveUpTo(max, 'hours');

import { CAPABILITY_IDS, CapabilityId, INCIDENT_KINDS, IncidentKind, type MethodId } from './ids.js';
import { dollars, MAX_CUSTOMERS, MAX_MONEY, MAX_PEOPLE, MAX_UNITS, MAX_WEEKLY_MONEY, MAX_WEEKS, positiveUpTo, upTo, whole } from './bounds.js';
import { RulesSchema } from './rules.js';

/** The id enums, re-exported so existing imports of them from the schema keep working. */
export { CAPABILITY_IDS, CapabilityId, INCIDENT_KINDS, IncidentKind, METHOD_IDS, MethodId } from './ids.js';

const cost = z.strictObject({
  cash: money.default(0),
  focus: points.default(0),
  engWeeks: whole(MAX_PEOPLE, 'engineer-weeks').default(0),
  mlWeeks: whole(MAX_PEOPLE, 'ML-engineer-weeks').default(0),
  gpuHours: whole(MAX_UNITS, 'GPU-hours').default(0),
});

const method = z.strictObject({
  name: z.string().min(1),
  cost,
  weeks: z.number().int().min(1).max(12),
  /** Likelihood ratio one positive result carries (rational Bayes update, no logs). */
  strength: z.number().min(1).max(20),
  /** Chance a false hypothesis still reads as supported (bias toward "yes"). */
  falseYes: rate,
  /** Chance a true hypothesis reads as refuted. */
  falseNo: rate,
  labels: whole(MAX_UNITS, 'labels').default(0),
  trustRisk: rate.default(0),
  needs: z.enum(['none', 'shippedFeature', 'users']).default('none'),
});

const hypothesis = z.strictObject({
  id,
  statement: z.string().min(8),
  prior: z.number().min(0.05).max(0.95),
  about: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('segment'), segment: id }),
    z.strictObject({ kind: z.literal('paradigm'), paradigm: id }),
    z.strictObject({ kind: z.literal('valueProp'), valueProp: id }),
    z.strictObject({ kind: z.literal('core') }),
  ]),
  /** Pull multiplier applied when the strategy relies on this hypothesis and it is false. */
  falsePull: rate,
});

const segment = z.strictObject({
  id,
  name: z.string().min(1),
  pullMin: rate,
  pullMax: rate,
  pricePerCustomerWeek: dollars(100_000, ' a customer-week'),
  market: whole(MAX_CUSTOMERS, 'customers'),
});

const feature = z.strictObject({
  id,
  name: z.string().min(1),
  blurb: z.string().min(1),
  cost,
  weeks: z.number().int().min(1).max(26),
  /** Inference GPU-hours per paying customer per month (real-time costs realtimeFactor more). */
  gpuHoursPerCustomerMonth: upTo(10_000, 'GPU-hours a customer-month'),
  /** Labels the feature's feedback loop yields per customer per week (flywheel strength). */
  labelsPerCustomerWeek: upTo(1000, 'labels a customer-week'),
  pull: z.number().min(0).max(0.5),
  debt: whole(MAX_PEOPLE, 'debt points'),
  requires: z.array(CapabilityId).default([]),
  instrumented: z.boolean().default(false),
});

const capability = z.strictObject({
  id: CapabilityId,
  name: z.string().min(1),
  blurb: z.string().min(1),
  cost,
  weeks: z.number().int().min(1).max(26),
});

const incident = z.strictObject({
  kind: IncidentKind,
  name: z.string().min(1),
  hazardPerWeek: rate,
  hazardPerDebt: upTo(1, 'per debt point'),
  hazardPerLoad: upTo(10, 'per unit of load'),
  mitigatedBy: z.array(CapabilityId),
  downtimeHours: hours(168),
  trustHit: rate,
});

const contractTemplate = z.strictObject({
  buyer: z.string().min(1),
  arrMin: money,
  arrMax: money,
  termWeeks: weeksOf(4),
  graceWeeks: weeksOf(1),
  demands: z.strictObject({
    uptime: z.number().min(0.9).max(0.99999),
    p95Ms: whole(MAX_UNITS, 'ms', 1),
    capabilities: z.array(CapabilityId),
  }),
});

const round = z.strictObject({
  id,
  name: z.string().min(1),
  phase: z.enum(['preFit', 'postFit']),
  amount: money,
  weeksToClose: weeksOf(1),
  focus: points,
  minResolvedHypotheses: whole(10, 'hypotheses (a scenario has at most 10)').default(0),
  minArr: money.default(0),
});

/** The zod schema of a scenario file. */
export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version like 1.0.0'),
  name: z.string().min(1),
  company: z.string().min(1),
  tagline: z.string().min(1),
  description: z.string().min(1),
  weeks: z.number().int().min(26).max(MAX_WEEKS),
  weeksPerMonth: z.number().int().min(4).max(5),
  start: z.strictObject({
    cash: money,
    engineers: people,
    mlEngineers: people,
    modelSkill: rate,
    trust: rate,
    designPartners: whole(MAX_PEOPLE, 'design partners'),
  }),
  team: z.strictObject({
    engineerPerWeek: weekly,
    mlEngineerPerWeek: weekly,
    hireCost: money,
    hireWeeks: z.number().int().min(0).max(12),
    maxHeadcount: whole(MAX_PEOPLE, 'people', 1),
  }),
  focusPerWeek: z.number().int().min(1).max(30),
  toolingPerWeek: weekly,
  rounds: z.array(round).min(1).max(10),
  gpu: z.strictObject({
    hoursPerGpuWeek: whole(168, 'hours (a week has 168)', 1),
    reservedPricePerHour: positiveUpTo(100, 'dollars a GPU-hour'),
    onDemandPricePerHour: positiveUpTo(100, 'dollars a GPU-hour'),
    startReservedHoursPerMonth: whole(MAX_UNITS, 'GPU-hours a month (the largest reservation)'),
    reservationStepHours: whole(MAX_UNITS, 'GPU-hours a month (the largest reservation)', 1),
    signoffGpuWeeksPerMonth: positiveUpTo(MAX_UNITS, 'GPU-weeks a month'),
    signoffsPerQuarter: whole(100, 'sign-offs a quarter'),
    realtimeFactor: z.number().min(1).max(10),
    trainingHoursPerRetrain: whole(MAX_UNITS, 'GPU-hours'),
  }),
  model: z.strictObject({
    metricName: z.string().min(1),
    positiveRate: z.number().min(0.01).max(0.99),
    casesPerCustomerWeek: whole(100_000, 'cases a customer-week', 1),
    costFalsePositive: dollars(10_000, ' an error'),
    costFalseNegative: dollars(10_000, ' an error'),
    skillCap: rate,
    labelHalfSaturation: whole(1_000_000_000, 'labels', 1),
    retrainMlWeeks: whole(MAX_PEOPLE, 'ML-engineer-weeks', 1),
    retrainFocus: points,
    startThreshold: z.number().min(0.05).max(0.95),
    generative: z.boolean(),
    hallucinationPerError: rate,
  }),
  labeling: z.strictObject({
    costPerLabel: dollars(1000, ' a label'),
    maxPerWeek: whole(MAX_UNITS, 'labels a week', 1),
    batch: whole(MAX_UNITS, 'labels', 1),
    noise: rate,
    noiseSkillPenalty: z.number().min(0).max(1),
  }),
  drift: z.strictObject({
    dataOnsetPerWeek: rate,
    dataRatePerWeek: rate,
    conceptOnsetPerWeek: rate,
    conceptRatePerWeek: rate,
    maxPenalty: rate,
    freshLabelsForConcept: whole(1_000_000_000, 'labels'),
  }),
  discovery: z.strictObject({
    validateAt: z.number().min(0.5).max(0.99),
    invalidateAt: z.number().min(0.01).max(0.5),
    methods: z.strictObject({
      interviews: method,
      mockupDrop: method,
      concierge: method,
      implicitFeedback: method,
      abTest: method,
    }),
  }),
  segments: z.array(segment).min(2).max(5),
  paradigms: z
    .array(z.strictObject({ id, name: z.string().min(1), blurb: z.string().min(1) }))
    .min(2)
    .max(6),
  /** Optional third strategy axis: the promise made to the segment (e.g. "save review time"). */
  valueProps: z
    .array(z.strictObject({ id, name: z.string().min(1), blurb: z.string().min(1) }))
    .min(2)
    .max(5)
    .optional(),
  strategyChange: z.strictObject({ focus: points, cash: money, trustLoss: rate }),
  hypotheses: z.array(hypothesis).min(4).max(10),
  market: z.strictObject({
    trustRate: rate,
    calibrationTrustRate: rate,
    leadsPerWeek: z.number().min(0).max(50),
    growthPerWeek: z.number().min(0).max(0.5),
    churnPerWeek: rate,
    accuracyWeight: rate,
    surveyNoise: rate,
    latencyPenaltyPerSlo: rate,
  }),
  fit: z.strictObject({
    surveyThreshold: rate,
    retentionThreshold: rate,
    weeksRequired: z.number().int().min(1).max(12),
    minPayingCustomers: whole(MAX_CUSTOMERS, 'customers', 1),
    /** Bounded by `weeks` (at most 156) in the loader's cross-check, which names the last week. */
    deadlineWeek: z.number().int().min(8),
  }),
  features: z.array(feature).min(3).max(20),
  capabilities: z.array(capability).length(CAPABILITY_IDS.length),
  calibration: z.array(z.strictObject({ id: z.enum(['confidence', 'explanations']), name: z.string(), cost, weeks: z.number().int().min(1).max(26) })).length(2),
  reliability: z.strictObject({
    p95BaseMs: whole(MAX_UNITS, 'ms', 1),
    incidents: z
      .array(incident)
      .min(3)
      .max(INCIDENT_KINDS.length * 2),
  }),
  response: z.strictObject({
    rollbackHours: hours(168),
    hotfixEngWeeks: whole(MAX_PEOPLE, 'engineer-weeks', 1),
    communicateFocus: points,
    postmortemFocus: points,
    postmortemHazardCut: rate,
    silenceTrustHit: rate,
  }),
  contracts: z.strictObject({
    offerChancePerWeek: rate,
    offerValidWeeks: weeksOf(1),
    creditShare: rate,
    breachesToChurn: whole(MAX_PEOPLE, 'breaches', 1),
    churnedToLoseBook: whole(MAX_PEOPLE, 'contracts', 1),
    templates: z.array(contractTemplate).min(1).max(20),
  }),
  debt: z.strictObject({
    capacityDragPerPoint: z.number().min(0).max(0.1),
    paydownPerEngWeek: whole(MAX_PEOPLE, 'debt points', 1),
    paydownFocus: points,
    flagDebtPerWeek: upTo(10, 'debt points a flag-week'),
  }),
  win: z.strictObject({ arr: money, maxOpenBreaches: whole(MAX_PEOPLE, 'breaches') }),
  /** Optional world shocks drawn from the seed: a competitor launch, a funding winter, a key customer leaving. */
  shocks: z
    .strictObject({
      competitorPerWeek: rate,
      competitorPullFactor: rate,
      competitorWeeks: z.number().int().min(1).max(52),
      winterPerWeek: rate,
      winterRoundFactor: rate,
      winterWeeks: z.number().int().min(1).max(52),
      keyChurnPerWeek: rate,
      keyChurnShare: rate,
    })
    .optional(),
  /** Every rule number of the world step and the decisions; each defaults to the classic value. */
  rules: RulesSchema.prefault({}).describe(
    'The rulebook: every number the world step and the decisions use, grouped by system. Leave a field out to keep its classic default; values left at their default do not change the content hash.',
  ),
});

/** A validated scenario, the engine's view of a scenario file. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** Experiment method data as the engine reads it. */
export type MethodSpec = Scenario['discovery']['methods'][MethodId];
/** A decision's resource cost as declared in the scenario. */
export type Cost = z.infer<typeof cost>;
