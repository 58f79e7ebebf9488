import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { charge, needsSignoff, refuse, type DecisionCost, type RuleContext, type RuleTable } from '../rules.js';
import { featureGpuHoursPerMonth } from '../derive.js';

/* Building: features (delivery, flags and debt, GPU load, feedback loops) and capabilities
 * (hardening and governance), both as projects that hold team capacity for weeks. */

/* A project's cost: its focus and cash now, its team for every week until it is done. */
function projectCost(item: string, cost: { focus: number; cash: number; engWeeks: number; mlWeeks: number }, weeks: number): DecisionCost {
  return charge('projects', item, { focus: cost.focus, cash: cost.cash }, { perWeek: { eng: cost.engWeeks, ml: cost.mlWeeks, weeks } });
}

/* The event that starts a paid-for project. */
function started(s: GameState, kind: 'feature' | 'capability', cost: DecisionCost): GameEvent {
  const hold = cost.perWeek ?? { eng: 0, ml: 0, weeks: 1 };
  return { type: 'project.started', data: { kind, item: cost.item, engPerWeek: hold.eng, mlPerWeek: hold.ml, doneWeek: s.week + hold.weeks - 1 } };
}

/** The rules of shipping features and building capabilities. */
export const buildRules: RuleTable<'feature.ship' | 'capability.build'> = {
  'feature.ship': {
    check: (s, d, ctx) => {
      const f = ctx.sc.features.find((x) => x.id === d.data.feature);
      if (!f) return refuse('invalid', `There is no feature "${d.data.feature}".`);
      if (s.features.includes(f.id) || s.projects.some((p) => p.item === f.id)) return refuse('invalid', `${f.name} is already shipped or being built.`);
      const missing = f.requires.filter((c) => !s.capabilities.includes(c));
      if (missing.length > 0)
        return refuse('prerequisite', `${f.name} is blocked until ${missing.map((c) => ctx.sc.capabilities.find((x) => x.id === c)?.name ?? c).join(', ')} exists.`);
      if (needsSignoff(s, ctx, f.id, featureGpuHoursPerMonth(s, ctx.sc, f.id))) {
        return refuse('gpu', `${f.name} would use more than the sign-off line of GPU-hours a month; get founder sign-off first.`);
      }
      return null;
    },
    cost: (_s, d, ctx) => {
      const f = ctx.sc.features.find((x) => x.id === d.data.feature);
      return f ? projectCost(f.id, f.cost, f.weeks) : null;
    },
    effects: (s, _d, _ctx, cost) => [started(s, 'feature', cost)],
  },
  'capability.build': {
    check: (s, d, ctx) => {
      const c = ctx.sc.capabilities.find((x) => x.id === d.data.capability);
      if (!c) return refuse('invalid', `There is no capability "${d.data.capability}".`);
      return s.capabilities.includes(c.id) || s.projects.some((p) => p.item === c.id) ? refuse('invalid', `${c.name} is already built or under way.`) : null;
    },
    cost: (_s, d, ctx) => {
      const c = ctx.sc.capabilities.find((x) => x.id === d.data.capability);
      return c ? projectCost(c.id, c.cost, c.weeks) : null;
    },
    effects: (s, _d, _ctx, cost) => [started(s, 'capability', cost)],
  },
};

/** Projects finishing this week; a feature brings its debt with it. */
export function completeProjects(s: GameState, ctx: RuleContext): GameEvent[] {
  const out: GameEvent[] = [];
  for (const p of s.projects) {
    if (p.doneWeek !== s.week) continue;
    const debt = p.kind === 'feature' ? (ctx.sc.features.find((f) => f.id === p.item)?.debt ?? 0) : 0;
    out.push({ type: 'project.completed', data: { kind: p.kind, item: p.item, debt } });
  }
  return out;
}
