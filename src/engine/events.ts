import { z } from 'zod';
import { CapabilityId, IncidentKind, MethodId } from '../scenarios/schema.js';

/* Events: past-tense facts. Each carries every figure evolve needs, so folding a log never
 * draws a random number and never recomputes a rule. */

const ref = z.string().min(1).max(64);
const int = z.number().int();
const num = z.number();
const rate = z.number().min(0).max(1);
const week = z.number().int().min(0);

const e = <T extends string, S extends z.ZodRawShape>(type: T, data: S) => z.strictObject({ type: z.literal(type), data: z.strictObject(data) });

const category = z.enum(['payroll', 'gpu', 'labeling', 'tooling', 'experiments', 'hiring', 'projects', 'credits', 'strategy']);
const affinity = z.enum(['discovery', 'delivery', 'hardening', 'governance', 'none']);
const role = z.enum(['engineer', 'mlEngineer']);

const offer = z.strictObject({
  id: int,
  buyer: z.string(),
  arr: int,
  termWeeks: int,
  graceWeeks: int,
  uptime: num,
  p95Ms: int,
  capabilities: z.array(CapabilityId),
  expiresWeek: week,
});

/** Every event the engine records, as one discriminated union. */
export const EventSchema = z.discriminatedUnion('type', [
  e('resources.committed', { decision: ref, focus: int, eng: num, ml: num, cash: int, category, gpuHours: int, item: ref, affinity }),
  e('experiment.started', { id: int, method: MethodId, hypothesis: ref, isolated: z.boolean(), doneWeek: week }),
  e('experiment.concluded', {
    id: int,
    method: MethodId,
    hypothesis: ref,
    supported: z.boolean(),
    confounded: z.boolean(),
    belief: rate,
    status: z.enum(['open', 'validated', 'invalidated']),
    labels: int,
    trustDelta: num,
  }),
  e('strategy.targeted', { segment: ref, pivot: z.boolean(), trustDelta: num, customersLost: num }),
  e('strategy.adopted', { paradigm: ref, pivot: z.boolean(), trustDelta: num }),
  e('paradigm.killed', { paradigm: ref }),
  e('strategy.positioned', { valueProp: ref, pivot: z.boolean(), trustDelta: num }),
  e('project.started', { kind: z.enum(['feature', 'capability', 'calibration']), item: ref, engPerWeek: num, mlPerWeek: num, doneWeek: week }),
  e('project.completed', { kind: z.enum(['feature', 'capability', 'calibration']), item: ref, debt: int }),
  e('inference.modeSet', { feature: ref, mode: z.enum(['realtime', 'batch']) }),
  e('model.retrained', { skill: rate, version: int, regressed: z.boolean(), caught: z.boolean(), conceptCleared: z.boolean() }),
  e('model.retrainSkipped', { reason: z.string() }),
  e('model.thresholdSet', { threshold: rate }),
  e('model.cadenceSet', { everyWeeks: int }),
  e('model.drifted', { dataDrift: rate, conceptDrift: rate, dataOnset: z.boolean(), conceptOnset: z.boolean() }),
  e('model.rolledBack', { skill: rate, version: int }),
  e('labels.ordered', { labels: int }),
  e('labels.collected', { clean: int, noisy: int }),
  e('gpu.reserved', { hoursPerMonth: int }),
  e('gpu.signedOff', { item: ref }),
  e('gpu.monthClosed', { month: int, used: int, reserved: int }),
  e('team.hiringStarted', { role, readyWeek: week }),
  e('team.joined', { role }),
  e('team.released', { role }),
  e('funding.started', { round: ref, amount: int, closesWeek: week }),
  e('funding.closed', { round: ref, amount: int }),
  e('debt.paidDown', { amount: num }),
  e('debt.accrued', { amount: num }),
  e('market.moved', { trust: rate, customers: num, retention: rate, survey: rate, perceivedAccuracy: rate, fitStreak: int }),
  e('reliability.measured', { p95Ms: num, utilisation: num, uptime: rate, downtimeWeek: num, downtimeMonth: num }),
  e('incident.opened', { id: int, kind: IncidentKind, severity: num }),
  e('incident.resolved', { id: int, action: z.enum(['rollback', 'hotfix']), downtimeHours: num, trustDelta: num, hazardCut: num, communicated: z.boolean() }),
  e('contract.offered', { offer }),
  e('contract.expired', { offer: int }),
  e('contract.signed', { offer: int, graceEndsWeek: week, endsWeek: week }),
  e('contract.declined', { offer: int }),
  e('contract.breached', { contract: int, reason: z.string(), credit: int }),
  e('contract.churned', { contract: int, reason: z.string() }),
  e('contract.renewed', { contract: int, endsWeek: week }),
  e('finance.booked', { revenue: int, payroll: int, gpu: int, labeling: int, tooling: int, credits: int, gpuHours: z.record(z.string(), int) }),
  e('phase.switched', { from: z.literal('preFit'), to: z.literal('postFit'), survey: rate, retention: rate, customers: num, streak: int }),
  e('game.ended', { reason: z.enum(['won', 'bankrupt', 'noFit', 'bookLost', 'timeUp']), arr: int, cash: int }),
  e('shock.struck', { kind: z.enum(['competitor', 'fundingWinter', 'keyCustomerLost']), untilWeek: week, factor: rate, customersLost: num }),
  e('week.closed', { week }),
]);

/** A validated engine event. */
export type GameEvent = z.infer<typeof EventSchema>;
/** The name of an event type. */
export type EventType = GameEvent['type'];
/** The event of one type. */
export type EventOf<T extends EventType> = Extract<GameEvent, { type: T }>;
/** Who caused an event: the player's decision or the world's weekly resolution. */
export type Actor = 'player' | 'world';
