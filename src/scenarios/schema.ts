import { z } from 'zod';

/* The scenario file format. Every balance number of the game lives in data that passes this
 * schema; code only knows the meaning of each field. */

const money = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes');
const count = z.number().int().nonnegative();
const positive = z.number().positive();

import { CAPABILITY_IDS, CapabilityId, IncidentKind, type MethodId } from './ids.js';
import { RulesSchema } from './rules.js';

/** The id enums, re-exported so existing imports of them from the schema keep working. */
export { CAPABILITY_IDS, CapabilityId, INCIDENT_KINDS, IncidentKind, METHOD_IDS, MethodId } from './ids.js';

const cost = z.strictObject({
  cash: money.default(0),
  focus: count.default(0),
  engWeeks: count.default(0),
  mlWeeks: count.default(0),
  gpuHours: count.default(0),
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
  labels: count.default(0),
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
  pricePerCustomerWeek: money,
  market: count,
});

const feature = z.strictObject({
  id,
  name: z.string().min(1),
  blurb: z.string().min(1),
  cost,
  weeks: z.number().int().min(1).max(26),
  /** Inference GPU-hours per paying customer per month (real-time costs realtimeFactor more). */
  gpuHoursPerCustomerMonth: z.number().nonnegative(),
  /** Labels the feature's feedback loop yields per customer per week (flywheel strength). */
  labelsPerCustomerWeek: z.number().nonnegative(),
  pull: z.number().min(0).max(0.5),
  debt: count,
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
  hazardPerDebt: z.number().nonnegative(),
  hazardPerLoad: z.number().nonnegative(),
  mitigatedBy: z.array(CapabilityId),
  downtimeHours: positive,
  trustHit: rate,
});

const contractTemplate = z.strictObject({
  buyer: z.string().min(1),
  arrMin: money,
  arrMax: money,
  termWeeks: z.number().int().min(4),
  graceWeeks: z.number().int().min(1),
  demands: z.strictObject({
    uptime: z.number().min(0.9).max(0.99999),
    p95Ms: z.number().int().positive(),
    capabilities: z.array(CapabilityId),
  }),
});

const round = z.strictObject({
  id,
  name: z.string().min(1),
  phase: z.enum(['preFit', 'postFit']),
  amount: money,
  weeksToClose: z.number().int().min(1),
  focus: count,
  minResolvedHypotheses: count.default(0),
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
  weeks: z.number().int().min(26).max(156),
  weeksPerMonth: z.number().int().min(4).max(5),
  start: z.strictObject({
    cash: money,
    engineers: count,
    mlEngineers: count,
    modelSkill: rate,
    trust: rate,
    designPartners: count,
  }),
  team: z.strictObject({
    engineerPerWeek: money,
    mlEngineerPerWeek: money,
    hireCost: money,
    hireWeeks: z.number().int().min(0).max(12),
    maxHeadcount: z.number().int().min(1),
  }),
  focusPerWeek: z.number().int().min(1).max(30),
  toolingPerWeek: money,
  rounds: z.array(round).min(1),
  gpu: z.strictObject({
    hoursPerGpuWeek: z.number().int().positive(),
    reservedPricePerHour: positive,
    onDemandPricePerHour: positive,
    startReservedHoursPerMonth: count,
    reservationStepHours: z.number().int().positive(),
    signoffGpuWeeksPerMonth: positive,
    signoffsPerQuarter: z.number().int().min(0),
    realtimeFactor: z.number().min(1).max(10),
    trainingHoursPerRetrain: count,
  }),
  model: z.strictObject({
    metricName: z.string().min(1),
    positiveRate: z.number().min(0.01).max(0.99),
    casesPerCustomerWeek: z.number().int().positive(),
    costFalsePositive: money,
    costFalseNegative: money,
    skillCap: rate,
    labelHalfSaturation: z.number().int().positive(),
    retrainMlWeeks: z.number().int().min(1),
    retrainFocus: count,
    startThreshold: z.number().min(0.05).max(0.95),
    generative: z.boolean(),
    hallucinationPerError: rate,
  }),
  labeling: z.strictObject({
    costPerLabel: money,
    maxPerWeek: z.number().int().positive(),
    batch: z.number().int().positive(),
    noise: rate,
    noiseSkillPenalty: z.number().min(0).max(1),
  }),
  drift: z.strictObject({
    dataOnsetPerWeek: rate,
    dataRatePerWeek: rate,
    conceptOnsetPerWeek: rate,
    conceptRatePerWeek: rate,
    maxPenalty: rate,
    freshLabelsForConcept: count,
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
  strategyChange: z.strictObject({ focus: count, cash: money, trustLoss: rate }),
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
    minPayingCustomers: z.number().int().min(1),
    deadlineWeek: z.number().int().min(8),
  }),
  features: z.array(feature).min(3),
  capabilities: z.array(capability).length(CAPABILITY_IDS.length),
  calibration: z.array(z.strictObject({ id: z.enum(['confidence', 'explanations']), name: z.string(), cost, weeks: z.number().int().min(1) })).length(2),
  reliability: z.strictObject({
    p95BaseMs: z.number().int().positive(),
    incidents: z.array(incident).min(3),
  }),
  response: z.strictObject({
    rollbackHours: positive,
    hotfixEngWeeks: z.number().int().min(1),
    communicateFocus: count,
    postmortemFocus: count,
    postmortemHazardCut: rate,
    silenceTrustHit: rate,
  }),
  contracts: z.strictObject({
    offerChancePerWeek: rate,
    offerValidWeeks: z.number().int().min(1),
    creditShare: rate,
    breachesToChurn: z.number().int().min(1),
    churnedToLoseBook: z.number().int().min(1),
    templates: z.array(contractTemplate).min(1),
  }),
  debt: z.strictObject({
    capacityDragPerPoint: z.number().min(0).max(0.1),
    paydownPerEngWeek: z.number().int().min(1),
    paydownFocus: count,
    flagDebtPerWeek: z.number().nonnegative(),
  }),
  win: z.strictObject({ arr: money, maxOpenBreaches: count }),
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
