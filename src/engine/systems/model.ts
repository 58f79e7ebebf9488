import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { charge, gpuOverage, needsSignoff, refuse, withOnDemand, type RuleContext, type RuleTable } from '../rules.js';
import { draw } from '../rng.js';
import { clamp, r6 } from '../num.js';
import { freeCapacity, payingCustomers, type Visible } from '../derive.js';
import type { Scenario } from '../../scenarios/schema.js';

/* The model: skill grown by labels and training compute with diminishing returns, eaten by
 * data drift and concept drift, capped by label noise; retraining costs GPU and ML time. */

/** The skill a retrain on the current labels reaches (rational saturation, no exp/log). */
export function trainedSkill(s: GameState, ctx: RuleContext): number {
  const sc = ctx.sc;
  const labels = s.model.labels;
  const noiseShare = labels > 0 ? (s.model.noisyLabels * sc.labeling.noise) / labels : 0;
  const cap = sc.model.skillCap * (1 - noiseShare * sc.labeling.noiseSkillPenalty);
  const grown = sc.start.modelSkill + (cap - sc.start.modelSkill) * (labels / (labels + sc.model.labelHalfSaturation));
  return r6(clamp(Math.max(grown, Math.min(s.model.skill, cap)), 0, 1));
}

/** The monthly training GPU-hours a retrain cadence implies. */
export function trainingHoursPerMonth(everyWeeks: number, ctx: RuleContext): number {
  if (everyWeeks === 0) return ctx.sc.gpu.trainingHoursPerRetrain;
  return Math.round((ctx.sc.gpu.trainingHoursPerRetrain * ctx.sc.weeksPerMonth) / everyWeeks);
}

/** The retrain event, with its regression risk drawn from the week's keyed slot. */
export function retrainEvent(s: GameState, ctx: RuleContext, slot: number): GameEvent {
  const target = trainedSkill(s, ctx);
  const r = ctx.sc.rules.model;
  const regressed = draw(ctx.table, 'retrain', s.week, slot) < r.regressionChance;
  const caught = regressed && s.capabilities.includes('evalHarness');
  const skill = regressed && !caught ? r6(Math.max(r.regressionSkillFloor, target - r.regressionSkillLoss)) : caught ? s.model.skill : target;
  const conceptCleared = s.model.labelsSinceTrain >= ctx.sc.drift.freshLabelsForConcept;
  return { type: 'model.retrained', data: { skill, version: s.model.version + 1, regressed, caught, conceptCleared } };
}

/** The rules of retraining, the threshold, the cadence, labels and trust calibration. */
export const modelRules: RuleTable<'model.retrain' | 'model.setThreshold' | 'model.setCadence' | 'labels.buy' | 'calibration.build'> = {
  'model.retrain': {
    check: (s, _d, ctx) => {
      if (s.model.lastTrainWeek === s.week) return refuse('invalid', 'The model was already retrained this week.');
      if (needsSignoff(s, ctx, 'training', (s.gpu.ledger['training'] ?? 0) + ctx.sc.gpu.trainingHoursPerRetrain)) {
        return refuse('gpu', "This month's training would pass the founder sign-off line; get training signed off first.");
      }
      return null;
    },
    cost: (s, _d, ctx) =>
      withOnDemand(s, ctx, charge('gpu', 'training', { mlWeeks: ctx.sc.model.retrainMlWeeks, focus: ctx.sc.model.retrainFocus, gpuHours: ctx.sc.gpu.trainingHoursPerRetrain })),
    effects: (s, _d, ctx) => [retrainEvent(s, ctx, 0)],
  },
  'model.setThreshold': {
    check: () => null,
    cost: (_s, _d, ctx) => charge('tooling', 'model', { focus: ctx.sc.rules.decisions.focus.threshold }),
    effects: (_s, d) => [{ type: 'model.thresholdSet', data: { threshold: r6(d.data.threshold) } }],
  },
  'model.setCadence': {
    check: (s, d) => (s.model.cadence === d.data.everyWeeks ? refuse('invalid', 'That is already the retraining cadence.') : null),
    cost: (_s, _d, ctx) => charge('tooling', 'model', { focus: ctx.sc.rules.decisions.focus.cadence }),
    effects: (_s, d) => [{ type: 'model.cadenceSet', data: { everyWeeks: d.data.everyWeeks } }],
  },
  'labels.buy': {
    check: (s, d, ctx) => {
      const over = s.model.pendingPaid + d.data.batches * ctx.sc.labeling.batch > ctx.sc.labeling.maxPerWeek;
      return over ? refuse('capacity', `The labeling vendor takes at most ${ctx.sc.labeling.maxPerWeek} labels a week.`) : null;
    },
    // The vendor bills on delivery at week end; the order takes focus now and the money must be there.
    cost: (_s, d, ctx) =>
      charge('labeling', 'labels', { focus: ctx.sc.rules.decisions.focus.labelOrder }, { billedLater: d.data.batches * ctx.sc.labeling.batch * ctx.sc.labeling.costPerLabel }),
    effects: (_s, d, ctx) => [{ type: 'labels.ordered', data: { labels: d.data.batches * ctx.sc.labeling.batch } }],
  },
  'calibration.build': {
    check: (s, d, ctx) => {
      const spec = ctx.sc.calibration.find((c) => c.id === d.data.kind);
      if (!spec) return refuse('invalid', `Unknown calibration feature "${d.data.kind}".`);
      return s.calibration.includes(spec.id) || s.projects.some((p) => p.item === spec.id) ? refuse('invalid', `${spec.name} is already built or under way.`) : null;
    },
    cost: (_s, d, ctx) => {
      const spec = ctx.sc.calibration.find((c) => c.id === d.data.kind);
      if (!spec) return null;
      return charge('projects', spec.id, { focus: spec.cost.focus, cash: spec.cost.cash }, { perWeek: { eng: spec.cost.engWeeks, ml: spec.cost.mlWeeks, weeks: spec.weeks } });
    },
    effects: (s, _d, _ctx, cost) => [
      {
        type: 'project.started',
        data: { kind: 'calibration', item: cost.item, engPerWeek: cost.perWeek?.eng ?? 0, mlPerWeek: cost.perWeek?.ml ?? 0, doneWeek: s.week + (cost.perWeek?.weeks ?? 1) - 1 },
      },
    ],
  },
};

/** Labels that arrive this week: orders, corrections and the shipped features' feedback loops. */
export function collectLabels(s: GameState, ctx: RuleContext): GameEvent[] {
  let flywheel = 0;
  const users = payingCustomers(s) + ctx.sc.start.designPartners;
  for (const id of s.features) {
    const f = ctx.sc.features.find((x) => x.id === id);
    if (f) flywheel += f.labelsPerCustomerWeek * users;
  }
  const clean = Math.round(flywheel) + s.model.pendingLabels;
  const noisy = s.model.pendingPaid;
  if (clean + noisy === 0) return [];
  return [{ type: 'labels.collected', data: { clean, noisy } }];
}

/** The scheduled retrain of the cadence, or why it was skipped. */
export function scheduledRetrain(s: GameState, ctx: RuleContext): GameEvent[] {
  const every = s.model.cadence;
  if (every === 0 || s.week % every !== 0 || s.model.lastTrainWeek === s.week) return [];
  if (freeCapacity(s, ctx.sc).ml < ctx.sc.model.retrainMlWeeks) {
    return [{ type: 'model.retrainSkipped', data: { reason: 'No ML-engineer time was free for the scheduled retrain.' } }];
  }
  if (needsSignoff(s, ctx, 'training', trainingHoursPerMonth(every, ctx))) {
    return [{ type: 'model.retrainSkipped', data: { reason: 'The cadence needs founder sign-off for its training GPU-hours.' } }];
  }
  const hours = ctx.sc.gpu.trainingHoursPerRetrain;
  return [
    {
      type: 'resources.committed',
      data: {
        decision: 'model.setCadence',
        focus: 0,
        eng: 0,
        ml: ctx.sc.model.retrainMlWeeks,
        cash: gpuOverage(s, ctx, hours),
        category: 'gpu',
        gpuHours: hours,
        item: 'training',
        affinity: 'none',
      },
    },
    retrainEvent(s, ctx, 1),
  ];
}

/** Whether drift is active: data plus concept drift above the scenario's line (the one
 * definition the engine, the A/B confound and the alignment flags share). */
export function driftActive(s: Visible, sc: Scenario): boolean {
  return s.model.dataDrift + s.model.conceptDrift > sc.rules.model.driftActiveAbove;
}

/** Drift for the week: onsets drawn per week, growth per scenario rates, capped. */
export function driftEvents(s: GameState, ctx: RuleContext): GameEvent[] {
  const dr = ctx.sc.drift;
  const dataOnset = draw(ctx.table, 'drift', s.week, 0) < dr.dataOnsetPerWeek;
  const conceptOnset = draw(ctx.table, 'drift', s.week, 1) < dr.conceptOnsetPerWeek;
  const dataGrow = s.model.dataDrift > 0 || dataOnset ? dr.dataRatePerWeek : 0;
  const conceptGrow = s.model.conceptDrift > 0 || conceptOnset ? dr.conceptRatePerWeek : 0;
  const dataDrift = r6(clamp(s.model.dataDrift + dataGrow, 0, dr.maxPenalty));
  const conceptDrift = r6(clamp(s.model.conceptDrift + conceptGrow, 0, dr.maxPenalty));
  if (dataDrift === s.model.dataDrift && conceptDrift === s.model.conceptDrift) return [];
  return [{ type: 'model.drifted', data: { dataDrift, conceptDrift, dataOnset, conceptOnset } }];
}
