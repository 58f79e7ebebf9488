import { z } from 'zod';
import { CapabilityId, MethodId } from '../scenarios/schema.js';

/* Player decisions: imperative names, validated at every edge (UI, logs, CLI) with zod. */

const ref = z.string().min(1).max(64);

const d = <T extends string, S extends z.ZodRawShape>(type: T, data: S) => z.strictObject({ type: z.literal(type), data: z.strictObject(data) });

/** The largest amounts a decision may name (the schema's bounds; bots keep inside them too). */
export const DECISION_LIMITS = { labelBatches: 20, reservedHoursPerMonth: 1_000_000, paydownEngWeeks: 20 } as const;

/** Every decision a player (or a bot) can take, as one discriminated union. */
export const DecisionSchema = z.discriminatedUnion('type', [
  d('experiment.run', { method: MethodId, hypothesis: ref, isolated: z.boolean().default(false) }),
  d('strategy.target', { segment: ref }),
  d('strategy.adopt', { paradigm: ref }),
  d('paradigm.kill', { paradigm: ref }),
  d('strategy.position', { valueProp: ref }),
  d('feature.ship', { feature: ref }),
  d('inference.setMode', { feature: ref, mode: z.enum(['realtime', 'batch']) }),
  d('model.retrain', {}),
  d('model.setThreshold', { threshold: z.number().min(0.05).max(0.95) }),
  d('model.setCadence', { everyWeeks: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(4), z.literal(8)]) }),
  d('labels.buy', { batches: z.number().int().min(1).max(DECISION_LIMITS.labelBatches) }),
  d('calibration.build', { kind: z.enum(['confidence', 'explanations']) }),
  d('capability.build', { capability: CapabilityId }),
  d('gpu.reserve', { hoursPerMonth: z.number().int().min(0).max(DECISION_LIMITS.reservedHoursPerMonth) }),
  d('gpu.signoff', { item: ref }),
  d('team.hire', { role: z.enum(['engineer', 'mlEngineer']) }),
  d('team.release', { role: z.enum(['engineer', 'mlEngineer']) }),
  d('funding.raise', { round: ref }),
  d('debt.paydown', { engWeeks: z.number().int().min(1).max(DECISION_LIMITS.paydownEngWeeks) }),
  d('contract.sign', { offer: z.number().int().positive() }),
  d('contract.decline', { offer: z.number().int().positive() }),
  d('incident.respond', {
    incident: z.number().int().positive(),
    action: z.enum(['rollback', 'hotfix']),
    communicate: z.boolean(),
    postmortem: z.boolean(),
  }),
  d('week.end', {}),
]);

/** A validated player decision. */
export type Decision = z.infer<typeof DecisionSchema>;
/** The name of a decision type. */
export type DecisionType = Decision['type'];
/** The decision of one type. */
export type DecisionOf<T extends DecisionType> = Extract<Decision, { type: T }>;

/** Every decision type, for menus, bots and docs. */
export const DECISION_TYPES = DecisionSchema.options.map((o) => o.shape.type.value) as DecisionType[];

/** Where a decision's effort goes; the debrief judges phase alignment by it. */
export type Affinity = 'discovery' | 'delivery' | 'hardening' | 'governance' | 'none';

/** The affinity of each decision type: discovery before fit, hardening and governance after. */
export const AFFINITY: Record<DecisionType, Affinity> = {
  'experiment.run': 'discovery',
  'strategy.target': 'discovery',
  'strategy.adopt': 'discovery',
  'paradigm.kill': 'discovery',
  'strategy.position': 'discovery',
  'feature.ship': 'delivery',
  'inference.setMode': 'delivery',
  'model.retrain': 'delivery',
  'model.setThreshold': 'delivery',
  'model.setCadence': 'governance',
  'labels.buy': 'delivery',
  'calibration.build': 'discovery',
  'capability.build': 'hardening',
  'gpu.reserve': 'governance',
  'gpu.signoff': 'governance',
  'team.hire': 'none',
  'team.release': 'none',
  'funding.raise': 'none',
  'debt.paydown': 'governance',
  'contract.sign': 'hardening',
  'contract.decline': 'hardening',
  'incident.respond': 'hardening',
  'week.end': 'none',
};
