import type { Scenario, MethodId } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import { resolvedHypotheses } from '../engine/derive.js';
import type { Bot, PlayerView } from './types.js';
import { keepable } from '../engine/systems/contracts.js';
import { bestOption, bestThreshold, beliefOf, carefulResponse, nextFeature, shipWithSignoff, reliedHypotheses, runway, targetReservation } from './heuristics.js';

/* The phase-aware bot: before fit it falsifies the strategy's hypotheses cheaply and builds
 * feedback loops; after fit it hardens — capabilities, SLO headroom, contracts it can keep,
 * debt governance. It is the reference the archetypes are measured against. */

/** The order the reference policy hardens in after fit. */
export const HARDENING_ORDER = ['versioning', 'evalHarness', 'playbook', 'onCall', 'driftMonitoring', 'batching', 'redundancy', 'flagCleanup', 'lineage', 'soc2'] as const;

/** Target the best-believed segment and paradigm; pivot away from invalidated ones. */
export function strategyMoves(v: PlayerView, sc: Scenario): Decision[] {
  const out: Decision[] = [];
  const segment = bestOption(v, sc, 'segment');
  const segHyp = sc.hypotheses.find((h) => h.about.kind === 'segment' && h.about.segment === v.strategy.segment);
  if (v.strategy.segment === null || (segHyp && beliefOf(v, segHyp.id)?.status === 'invalidated')) {
    if (segment && segment !== v.strategy.segment) out.push({ type: 'strategy.target', data: { segment } });
  }
  const parHyp = sc.hypotheses.find((h) => h.about.kind === 'paradigm' && h.about.paradigm === v.strategy.paradigm);
  if (v.strategy.paradigm !== null && parHyp && beliefOf(v, parHyp.id)?.status === 'invalidated') {
    out.push({ type: 'paradigm.kill', data: { paradigm: v.strategy.paradigm } });
  }
  const vpHyp = sc.hypotheses.find((h) => h.about.kind === 'valueProp' && h.about.valueProp === v.strategy.valueProp);
  const valueProp = bestOption(v, sc, 'valueProp');
  if (valueProp && valueProp !== v.strategy.valueProp && (v.strategy.valueProp === null || (vpHyp && beliefOf(v, vpHyp.id)?.status === 'invalidated'))) {
    out.push({ type: 'strategy.position', data: { valueProp } });
  }
  const paradigm = bestOption(v, sc, 'paradigm');
  if (paradigm && (v.strategy.paradigm === null || (parHyp && beliefOf(v, parHyp.id)?.status === 'invalidated'))) {
    out.push({ type: 'strategy.adopt', data: { paradigm } });
  }
  return out;
}

function methodFor(v: PlayerView, sc: Scenario, hypothesis: string): MethodId {
  const h = sc.hypotheses.find((x) => x.id === hypothesis);
  const instrumented = v.features.some((f) => sc.features.find((x) => x.id === f)?.instrumented);
  if (instrumented && h?.about.kind !== 'segment') return 'implicitFeedback';
  if (h?.about.kind === 'paradigm') return 'mockupDrop';
  return v.cash > 600_000 ? 'concierge' : 'mockupDrop';
}

/** Up to two experiments on the strategy's least-settled hypotheses. */
export function experiments(v: PlayerView, sc: Scenario): Decision[] {
  const open = reliedHypotheses(v, sc)
    .filter((id) => beliefOf(v, id)?.status === 'open' && !v.discovery.running.some((r) => r.hypothesis === id))
    .sort((a, b) => Math.abs((beliefOf(v, a)?.belief ?? 0.5) - 0.5) - Math.abs((beliefOf(v, b)?.belief ?? 0.5) - 0.5));
  return open.slice(0, 3).map((hypothesis) => ({ type: 'experiment.run', data: { method: methodFor(v, sc, hypothesis), hypothesis, isolated: true } }));
}

/** Keep the threshold at its best and retrain when enough new labels arrived. */
export function modelCare(v: PlayerView, sc: Scenario): Decision[] {
  const out: Decision[] = [];
  const t = bestThreshold(v, sc);
  if (Math.abs(t - v.model.threshold) > 1e-9) out.push({ type: 'model.setThreshold', data: { threshold: t } });
  if (v.model.labelsSinceTrain >= 3000 && v.week - v.model.lastTrainWeek >= 4) out.push({ type: 'model.retrain', data: {} });
  return out;
}

function preFit(v: PlayerView, sc: Scenario): Decision[] {
  const out = [...strategyMoves(v, sc), ...experiments(v, sc), ...modelCare(v, sc)];
  const next = nextFeature(v, sc, 'flywheel');
  if (next) out.push(...shipWithSignoff(v, sc, next));
  if (!v.calibration.includes('confidence')) out.push({ type: 'calibration.build', data: { kind: 'confidence' } });
  else if (!v.calibration.includes('explanations')) out.push({ type: 'calibration.build', data: { kind: 'explanations' } });
  const reserve = targetReservation(v, sc);
  if (reserve > v.gpu.reservedHoursPerMonth) out.push({ type: 'gpu.reserve', data: { hoursPerMonth: reserve } });
  const round = sc.rounds.find((r) => r.phase === 'preFit' && !v.rounds.closed.includes(r.id));
  if (round && runway(v) < 40 && resolvedHypotheses(v) >= round.minResolvedHypotheses) out.push({ type: 'funding.raise', data: { round: round.id } });
  return out;
}

/** Sign offers whose demands can be met within the grace period; decline the rest. */
export function contractMoves(v: PlayerView, sc: Scenario): Decision[] {
  const out: Decision[] = [];
  for (const o of v.contracts.offers) {
    out.push(keepable(v, o, sc) ? { type: 'contract.sign', data: { offer: o.id } } : { type: 'contract.decline', data: { offer: o.id } });
  }
  return out;
}

function postFit(v: PlayerView, sc: Scenario): Decision[] {
  const out: Decision[] = [...contractMoves(v, sc)];
  const demanded = new Set(v.contracts.active.flatMap((c) => c.capabilities));
  const order = [...HARDENING_ORDER].sort((a, b) => Number(demanded.has(b)) - Number(demanded.has(a)));
  const next = order.find((c) => !v.capabilities.includes(c) && !v.projects.some((p) => p.item === c));
  if (next) out.push({ type: 'capability.build', data: { capability: next } });
  const reserve = targetReservation(v, sc);
  if (reserve > v.gpu.reservedHoursPerMonth) out.push({ type: 'gpu.reserve', data: { hoursPerMonth: reserve } });
  out.push(...batchTheLeastValuable(v, sc));
  if (v.debt > 4) out.push({ type: 'debt.paydown', data: { engWeeks: 2 } });
  out.push(...modelCare(v, sc));
  const round = sc.rounds.find((r) => r.phase === 'postFit' && !v.rounds.closed.includes(r.id));
  if (round) out.push({ type: 'funding.raise', data: { round: round.id } });
  if (runway(v) > 60 && v.team.engineers + v.team.hiring.length < 10) out.push({ type: 'team.hire', data: { role: 'engineer' } });
  return out;
}

/** After fit, serve a feature that adds little pull in batch: a third of the GPU for half its pull. */
export function batchTheLeastValuable(v: PlayerView, sc: Scenario): Decision[] {
  const candidates = v.realtime.map((id) => sc.features.find((f) => f.id === id)).filter((f) => f !== undefined && f.gpuHoursPerCustomerMonth > 0 && f.pull < 0.15);
  const cheapest = candidates.sort((a, b) => (a?.pull ?? 0) - (b?.pull ?? 0))[0];
  return cheapest ? [{ type: 'inference.setMode', data: { feature: cheapest.id, mode: 'batch' } }] : [];
}

/** The reference policy: discover before fit, harden after. */
export const phaseAwareBot: Bot = {
  name: 'phase-aware',
  description: 'Falsifies the strategy cheaply before fit; after fit builds rollback, evals and on-call, keeps SLO headroom and only signs contracts it can keep.',
  plan: (v, sc) => (v.phase === 'postFit' ? postFit(v, sc) : preFit(v, sc)),
  respond: (v, _sc, incident) => carefulResponse(v, incident, v.used.focus <= 4),
};
