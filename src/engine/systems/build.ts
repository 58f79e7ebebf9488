import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { committed, costOf, needsSignoff, ok, reject, unaffordable, type HandlerTable, type RuleContext } from '../rules.js';
import { featureGpuHoursPerMonth } from '../derive.js';

/* Building: features (delivery, flags and debt, GPU load, feedback loops) and capabilities
 * (hardening and governance), both as projects that hold team capacity for weeks. */

/** Decision handlers for shipping features and building capabilities. */
export const buildDecisions: HandlerTable<'feature.ship' | 'capability.build'> = {
  'feature.ship': (s, d, ctx) => {
    const f = ctx.sc.features.find((x) => x.id === d.data.feature);
    if (!f) return reject('invalid', `There is no feature "${d.data.feature}".`);
    if (s.features.includes(f.id) || s.projects.some((p) => p.item === f.id)) return reject('invalid', `${f.name} is already shipped or being built.`);
    const missing = f.requires.filter((c) => !s.capabilities.includes(c));
    if (missing.length > 0) {
      const names = missing.map((c) => ctx.sc.capabilities.find((x) => x.id === c)?.name ?? c).join(', ');
      return reject('prerequisite', `${f.name} is blocked until ${names} exists.`);
    }
    if (needsSignoff(s, ctx, f.id, featureGpuHoursPerMonth(s, ctx.sc, f.id))) {
      return reject('gpu', `${f.name} would use more than the sign-off line of GPU-hours a month; get founder sign-off first.`);
    }
    const upfront = costOf({ focus: f.cost.focus, cash: f.cost.cash });
    const no = unaffordable(s, ctx, upfront, { eng: f.cost.engWeeks, ml: f.cost.mlWeeks });
    if (no) return no;
    return ok(committed(d, upfront, 'projects', f.id), {
      type: 'project.started',
      data: { kind: 'feature', item: f.id, engPerWeek: f.cost.engWeeks, mlPerWeek: f.cost.mlWeeks, doneWeek: s.week + f.weeks - 1 },
    });
  },
  'capability.build': (s, d, ctx) => {
    const c = ctx.sc.capabilities.find((x) => x.id === d.data.capability);
    if (!c) return reject('invalid', `There is no capability "${d.data.capability}".`);
    if (s.capabilities.includes(c.id) || s.projects.some((p) => p.item === c.id)) return reject('invalid', `${c.name} is already built or under way.`);
    const upfront = costOf({ focus: c.cost.focus, cash: c.cost.cash });
    const no = unaffordable(s, ctx, upfront, { eng: c.cost.engWeeks, ml: c.cost.mlWeeks });
    if (no) return no;
    return ok(committed(d, upfront, 'projects', c.id), {
      type: 'project.started',
      data: { kind: 'capability', item: c.id, engPerWeek: c.cost.engWeeks, mlPerWeek: c.cost.mlWeeks, doneWeek: s.week + c.weeks - 1 },
    });
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
