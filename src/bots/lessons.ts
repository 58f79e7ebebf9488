import type { Scenario } from '../scenarios/schema.js';
import { DECISION_LIMITS, type Decision } from '../engine/decisions.js';
import type { Bot, PlayerView } from './types.js';
import { reservable, targetReservation } from './heuristics.js';
import { HARDENING_ORDER, phaseAwareBot } from './phase-aware.js';

/* Lesson variants: bots that play exactly like phase-aware except for one broken lesson each,
 * so a balance run can price every lesson of the article on its own (issue 11, point 2). Each
 * wraps phase-aware's plan and edits only the decisions its lesson is about. */

type Plan = (v: PlayerView, sc: Scenario) => Decision[];

const reference: Plan = (v, sc) => phaseAwareBot.plan(v, sc, () => 0);

function lesson(name: string, description: string, plan: Plan): Bot {
  return { name, description, plan: (v, sc) => plan(v, sc), respond: phaseAwareBot.respond };
}

const underway = (v: PlayerView, item: string) => v.projects.some((p) => p.item === item);

/** The capabilities the scenario's first enterprise template demands (what the first buyer asks for). */
export function firstDemands(sc: Scenario): readonly string[] {
  return sc.contracts.templates[0]?.demands.capabilities ?? [];
}

/** Before fit, the next capability beyond the first template's demands (hardening order), if any. */
export function earlyHardening(v: PlayerView, sc: Scenario): Decision[] {
  const demanded = firstDemands(sc);
  const next = HARDENING_ORDER.find((c) => !demanded.includes(c) && !v.capabilities.includes(c) && !underway(v, c));
  return v.phase === 'postFit' || !next ? [] : [{ type: 'capability.build', data: { capability: next } }];
}

/** Phase-aware plus pre-fit hardening beyond what the first enterprise buyer demands. */
export const hardensEarlyBot = lesson(
  'pa-hardens-early',
  'Phase-aware, but before fit it also builds capabilities beyond what the first enterprise buyer will demand.',
  (v, sc) => [...reference(v, sc), ...earlyHardening(v, sc)],
);

/** Phase-aware with every decline turned into a signature. */
export const signsAllBot = lesson('pa-signs-all', 'Phase-aware, but it signs every enterprise offer, keepable or not.', (v, sc) =>
  reference(v, sc).map((d): Decision => (d.type === 'contract.decline' ? { type: 'contract.sign', data: { offer: d.data.offer } } : d)),
);

/** The GPU-blind edits: sign off everything, every shipped feature in real time, weekly retrains, triple reservation. */
export function gpuBlindEdits(v: PlayerView, sc: Scenario, plan: readonly Decision[]): Decision[] {
  const out: Decision[] = [];
  for (const d of plan) {
    if (d.type === 'inference.setMode' || d.type === 'gpu.reserve' || d.type === 'gpu.signoff') continue;
    if (d.type === 'feature.ship' && !v.gpu.signedOff.includes(d.data.feature)) out.push({ type: 'gpu.signoff', data: { item: d.data.feature } });
    out.push(d);
  }
  for (const f of v.features) {
    if (v.realtime.includes(f)) continue;
    if (!v.gpu.signedOff.includes(f)) out.push({ type: 'gpu.signoff', data: { item: f } });
    out.push({ type: 'inference.setMode', data: { feature: f, mode: 'realtime' } });
  }
  if (v.model.cadence !== 1) out.push({ type: 'gpu.signoff', data: { item: 'training' } }, { type: 'model.setCadence', data: { everyWeeks: 1 } });
  const reserve = reservable(targetReservation(v, sc) * 3, sc);
  if (reserve > v.gpu.reservedHoursPerMonth) out.push({ type: 'gpu.reserve', data: { hoursPerMonth: reserve } });
  return out;
}

/** Phase-aware that ignores GPU cost. */
export const gpuBlindLessonBot = lesson(
  'pa-gpu-blind',
  'Phase-aware, but it ignores GPU cost: real time everywhere, weekly retrains, reservations for any load, sign-off for everything.',
  (v, sc) => gpuBlindEdits(v, sc, reference(v, sc)),
);

/** The capability phase-aware would build after fit if flag cleanup did not exist. */
function nextWithoutCleanup(v: PlayerView): Decision | null {
  const demanded = new Set(v.contracts.active.flatMap((c) => c.capabilities));
  const order = HARDENING_ORDER.filter((c) => c !== 'flagCleanup').sort((a, b) => Number(demanded.has(b)) - Number(demanded.has(a)));
  const next = order.find((c) => !v.capabilities.includes(c) && !underway(v, c));
  return next ? { type: 'capability.build', data: { capability: next } } : null;
}

/** After fit: no debt paydown, and flag cleanup skipped in the hardening order. */
export function withoutGovernance(v: PlayerView, plan: readonly Decision[]): Decision[] {
  if (v.phase !== 'postFit') return [...plan];
  const out: Decision[] = [];
  for (const d of plan) {
    if (d.type === 'debt.paydown') continue;
    if (d.type === 'capability.build' && d.data.capability === 'flagCleanup') {
      const instead = nextWithoutCleanup(v);
      if (instead) out.push(instead);
      continue;
    }
    out.push(d);
  }
  return out;
}

/** Phase-aware without debt governance after fit. */
export const noGovernanceBot = lesson('pa-no-governance', 'Phase-aware, but after fit it never pays down debt nor builds flag cleanup.', (v, sc) =>
  withoutGovernance(v, reference(v, sc)),
);

/** Whether the model looks trained enough for a label-hoarder to start shipping. */
export function modelReady(v: PlayerView, sc: Scenario): boolean {
  return v.model.skill >= sc.model.skillCap * 0.9 || v.week > sc.fit.deadlineWeek / 2;
}

/** Before fit and until the model is ready: no feature ships, paid labels and a retrain every other week instead. */
export function cleanLabelEdits(v: PlayerView, sc: Scenario, plan: readonly Decision[]): Decision[] {
  if (v.phase === 'postFit' || modelReady(v, sc)) return [...plan];
  const shipped = new Set(plan.flatMap((d) => (d.type === 'feature.ship' ? [d.data.feature] : [])));
  const out = plan.filter((d) => d.type !== 'feature.ship' && d.type !== 'model.retrain' && !(d.type === 'gpu.signoff' && shipped.has(d.data.item)));
  const batches = Math.min(DECISION_LIMITS.labelBatches, Math.max(1, Math.floor(sc.labeling.maxPerWeek / sc.labeling.batch / 2)));
  out.push({ type: 'labels.buy', data: { batches } });
  if (v.week - v.model.lastTrainWeek >= 2) out.push({ type: 'model.retrain', data: {} });
  return out;
}

/** Phase-aware that waits for clean paid labels before shipping feedback loops. */
export const cleanLabelsBot = lesson(
  'pa-clean-labels',
  'Phase-aware, but before fit it buys paid labels and waits for a trained model instead of shipping feedback-loop features.',
  (v, sc) => cleanLabelEdits(v, sc, reference(v, sc)),
);

/** The lesson variants by name: found by getBot, left out of the default BOTS list. */
export const LESSON_BOTS: Record<string, Bot> = Object.fromEntries([hardensEarlyBot, signsAllBot, gpuBlindLessonBot, noGovernanceBot, cleanLabelsBot].map((b) => [b.name, b]));
