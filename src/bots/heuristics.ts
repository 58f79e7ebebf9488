import type { Scenario } from '../scenarios/schema.js';
import { DECISION_LIMITS, type Decision } from '../engine/decisions.js';
import { confusionAt, effectiveSkill, reliesOn, featureGpuHoursPerMonth, featureGpuHoursPerWeek, runwayWeeks, signoffThresholdHours } from '../engine/derive.js';
import type { PlayerView } from './types.js';
import { isModelFault } from '../engine/systems/reliability.js';

/* Building blocks the archetype bots share: reading beliefs, choosing an experiment method,
 * tuning the threshold, sizing the GPU reservation. Each reads only the player's view. */

/** The belief record for a hypothesis. */
export function beliefOf(v: PlayerView, id: string): PlayerView['discovery']['beliefs'][number] | undefined {
  return v.discovery.beliefs.find((b) => b.id === id);
}

/** The hypotheses the current strategy relies on (segment, paradigm and core). */
export function reliedHypotheses(v: PlayerView, sc: Scenario): string[] {
  return sc.hypotheses.filter((h) => reliesOn(v, h)).map((h) => h.id);
}

/** The best-believed option of a kind that is not invalidated (or killed). */
export function bestOption(v: PlayerView, sc: Scenario, kind: 'segment' | 'paradigm' | 'valueProp'): string | null {
  let best: string | null = null;
  let score = -1;
  for (const h of sc.hypotheses) {
    if (h.about.kind !== kind) continue;
    const a = h.about;
    const option = a.kind === 'segment' ? a.segment : a.kind === 'paradigm' ? a.paradigm : a.kind === 'valueProp' ? a.valueProp : '';
    const b = beliefOf(v, h.id);
    if (!b || b.status === 'invalidated' || v.strategy.killed.includes(option)) continue;
    if (b.belief > score) {
      score = b.belief;
      best = option;
    }
  }
  return best;
}

/** The threshold in 0.05 steps that maximises perceived accuracy at the current skill. */
export function bestThreshold(v: PlayerView, sc: Scenario): number {
  let best = v.model.threshold;
  let bestScore = -1;
  const q = effectiveSkill(v);
  for (let i = 4; i <= 16; i++) {
    const t = i / 20;
    const score = confusionAt(q, t, sc).perceivedAccuracy;
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = t;
    }
  }
  return best;
}

/** A reservation that keeps real-time load near 60% of reserved capacity. */
export function targetReservation(v: PlayerView, sc: Scenario): number {
  let weekly = 0;
  for (const f of v.realtime) weekly += featureGpuHoursPerWeek(v, sc, f);
  const monthly = (weekly * sc.weeksPerMonth) / 0.6;
  const step = sc.gpu.reservationStepHours;
  return reservable(Math.max(step, Math.ceil(monthly / step) * step), sc);
}

/** A monthly reservation kept inside what a decision may ask for (whole steps, at most the limit). */
export function reservable(hours: number, sc: Scenario): number {
  const step = sc.gpu.reservationStepHours;
  return Math.min(hours, Math.floor(DECISION_LIMITS.reservedHoursPerMonth / step) * step);
}

/** Weeks of runway at last week's burn. */
export function runway(v: PlayerView): number {
  return runwayWeeks(v);
}

/** The standard crisis answer: roll back a model fault when possible, else hotfix; always tell customers. */
export function carefulResponse(v: PlayerView, incident: number, postmortem: boolean): Decision {
  const inc = v.reliability.incidents.find((i) => i.id === incident);
  const modelFault = inc !== undefined && isModelFault(inc.kind);
  const action = modelFault && v.capabilities.includes('versioning') ? 'rollback' : 'hotfix';
  return { type: 'incident.respond', data: { incident, action, communicate: true, postmortem } };
}

/** The decisions that ship a feature, asking the founder to sign off first when it needs it. */
export function shipWithSignoff(v: PlayerView, sc: Scenario, feature: string): Decision[] {
  const ship: Decision = { type: 'feature.ship', data: { feature } };
  if (featureGpuHoursPerMonth(v, sc, feature) <= signoffThresholdHours(sc) || v.gpu.signedOff.includes(feature)) return [ship];
  return [{ type: 'gpu.signoff', data: { item: feature } }, ship];
}

/** The next feature to build: 'flywheel' prefers feedback loops within twice the GPU line, 'impact'
 * prefers the most customer pull whatever it burns. Null when nothing is buildable. */
export function nextFeature(v: PlayerView, sc: Scenario, by: 'flywheel' | 'impact'): string | null {
  const open = sc.features.filter((f) => !v.features.includes(f.id) && !v.projects.some((p) => p.item === f.id) && f.requires.every((c) => v.capabilities.includes(c)));
  const line = signoffThresholdHours(sc);
  const candidates = by === 'flywheel' ? open.filter((f) => featureGpuHoursPerMonth(v, sc, f.id) <= 2 * line) : open;
  const score = (f: Scenario['features'][number]) => (by === 'flywheel' ? (f.instrumented ? 100 : 0) + f.labelsPerCustomerWeek * 10 + f.pull : f.pull);
  const best = [...candidates].sort((a, b) => score(b) - score(a) || (a.id < b.id ? -1 : 1))[0];
  return best ? best.id : null;
}
