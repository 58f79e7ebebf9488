import type { Scenario } from '../scenarios/schema.js';
import { DECISION_LIMITS, type Decision } from '../engine/decisions.js';
import type { Bot, PlayerView } from './types.js';
import { bestThreshold, carefulResponse, nextFeature, reservable, runway, shipWithSignoff, targetReservation } from './heuristics.js';
import { HARDENING_ORDER, contractMoves, experiments, modelCare, phaseAwareBot, strategyMoves } from './phase-aware.js';

/* The misaligned archetypes the article describes. Each plays one phase's game at the wrong
 * time, so the balance report can show that alignment, not effort, is what wins. */

const hotfix = (incident: number): Decision => ({ type: 'incident.respond', data: { incident, action: 'hotfix', communicate: false, postmortem: false } });

function raise(v: PlayerView, sc: Scenario): Decision[] {
  const round = sc.rounds.find((r) => r.phase === v.phase && !v.rounds.closed.includes(r.id));
  return round && runway(v) < 40 ? [{ type: 'funding.raise', data: { round: round.id } }] : [];
}

function ship(v: PlayerView, sc: Scenario, by: 'flywheel' | 'impact'): Decision[] {
  const next = nextFeature(v, sc, by);
  return next ? shipWithSignoff(v, sc, next) : [];
}

function harden(v: PlayerView): Decision[] {
  const next = HARDENING_ORDER.find((c) => !v.capabilities.includes(c) && !v.projects.some((p) => p.item === c));
  return next ? [{ type: 'capability.build', data: { capability: next } }] : [];
}

/** Keeps running experiments and shipping after fit; signs everything; never hardens. */
export const foreverScientistBot: Bot = {
  name: 'forever-scientist',
  description: 'Plays the pre-fit game forever: after fit it keeps testing and shipping, signs every offer and leaves reliability to luck.',
  plan(v, sc) {
    if (v.phase !== 'postFit') return phaseAwareBot.plan(v, sc, () => 0);
    const probes: Decision[] = sc.hypotheses
      .filter((h) => !v.discovery.running.some((r) => r.hypothesis === h.id))
      .slice(0, 2)
      .map((h) => ({ type: 'experiment.run', data: { method: 'mockupDrop', hypothesis: h.id, isolated: false } }));
    const sign: Decision[] = v.contracts.offers.map((o) => ({ type: 'contract.sign', data: { offer: o.id } }));
    const reserve = targetReservation(v, sc);
    const gpu: Decision[] = reserve > v.gpu.reservedHoursPerMonth ? [{ type: 'gpu.reserve', data: { hoursPerMonth: reserve } }] : [];
    return [...sign, ...probes, ...ship(v, sc, 'flywheel'), ...gpu, ...modelCare(v, sc), ...raise(v, sc)];
  },
  respond: (_v, _sc, incident) => hotfix(incident),
};

/** Builds compliance and reliability before there is anything to protect. */
export const prematureRegulatorBot: Bot = {
  name: 'premature-regulator',
  description: 'Hardens first: versioning, evals, SOC 2 and on-call before fit, with a bigger team and few experiments.',
  plan(v, sc) {
    if (v.phase === 'postFit') return phaseAwareBot.plan(v, sc, () => 0);
    const out: Decision[] = [...strategyMoves(v, sc), ...harden(v)];
    if (v.team.engineers + v.team.hiring.length < 8) out.push({ type: 'team.hire', data: { role: 'engineer' } });
    if (v.capabilities.length >= 4) out.push(...experiments(v, sc).slice(0, 1));
    out.push({ type: 'debt.paydown', data: { engWeeks: 1 } }, ...raise(v, sc));
    return out;
  },
  respond: (v, _sc, incident) => carefulResponse(v, incident, true),
};

/** Ships the roadmap on the priors, never testing a hypothesis. */
export const roadmapDriverBot: Bot = {
  name: 'roadmap-driver',
  description: 'Picks the segment and paradigm that look best on paper and ships feature after feature without running an experiment.',
  plan(v, sc) {
    const out: Decision[] = [];
    if (v.strategy.segment === null) {
      const seg = [...sc.segments].sort((a, b) => b.pricePerCustomerWeek * b.market - a.pricePerCustomerWeek * a.market)[0];
      if (seg) out.push({ type: 'strategy.target', data: { segment: seg.id } });
    }
    if (v.strategy.paradigm === null && sc.paradigms[0]) out.push({ type: 'strategy.adopt', data: { paradigm: sc.paradigms[0].id } });
    const promise = sc.valueProps?.[0];
    if (v.strategy.valueProp === null && promise) out.push({ type: 'strategy.position', data: { valueProp: promise.id } });
    out.push(...ship(v, sc, 'impact'), ...raise(v, sc));
    // It runs the roadmap competently (GPU sized for the load); it only skips the testing.
    const reserve = targetReservation(v, sc);
    if (reserve > v.gpu.reservedHoursPerMonth) out.push({ type: 'gpu.reserve', data: { hoursPerMonth: reserve } });
    const t = bestThreshold(v, sc);
    if (t !== v.model.threshold) out.push({ type: 'model.setThreshold', data: { threshold: t } });
    if (v.phase === 'postFit') out.push(...contractMoves(v, sc), ...harden(v));
    return out;
  },
  respond: (v, _sc, incident) => carefulResponse(v, incident, false),
};

/** Waits for clean paid labels and a better model before testing or shipping anything. */
export const dataHoarderBot: Bot = {
  name: 'data-hoarder',
  description: 'Buys labels and retrains until the model looks good enough, instead of building feedback loops into the product.',
  plan(v, sc) {
    if (v.phase === 'postFit') return phaseAwareBot.plan(v, sc, () => 0);
    const batches = Math.min(DECISION_LIMITS.labelBatches, Math.max(1, Math.floor(sc.labeling.maxPerWeek / sc.labeling.batch / 2)));
    const out: Decision[] = [{ type: 'labels.buy', data: { batches } }];
    if (v.week - v.model.lastTrainWeek >= 2) out.push({ type: 'model.retrain', data: {} });
    const ready = v.model.skill >= sc.model.skillCap * 0.9 || v.week > sc.fit.deadlineWeek / 2;
    if (ready) out.push(...strategyMoves(v, sc), ...experiments(v, sc).slice(0, 1));
    out.push(...raise(v, sc));
    return out;
  },
  respond: (v, _sc, incident) => carefulResponse(v, incident, false),
};

/** Ranks work by user impact alone: the heaviest features in real time, weekly retrains. */
export const gpuBlindBot: Bot = {
  name: 'gpu-blind',
  description: 'Prioritises by user impact alone: ships the most-wanted features in real time, retrains weekly and buys GPU for whatever that takes.',
  plan(v, sc, random) {
    const out: Decision[] = [];
    const next = nextFeature(v, sc, 'impact');
    if (next) out.push({ type: 'gpu.signoff', data: { item: next } }, { type: 'feature.ship', data: { feature: next } });
    if (v.model.cadence !== 1) out.push({ type: 'gpu.signoff', data: { item: 'training' } }, { type: 'model.setCadence', data: { everyWeeks: 1 } });
    const reserve = reservable(targetReservation(v, sc) * 3, sc);
    if (reserve > v.gpu.reservedHoursPerMonth) out.push({ type: 'gpu.reserve', data: { hoursPerMonth: reserve } });
    if (v.phase === 'postFit') return [...out, ...phaseAwareBot.plan(v, sc, random)];
    return [...out, ...strategyMoves(v, sc), ...experiments(v, sc).slice(0, 1), ...raise(v, sc)];
  },
  respond: (v, _sc, incident) => carefulResponse(v, incident, true),
};
