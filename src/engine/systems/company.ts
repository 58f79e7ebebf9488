import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { charge, refuse, type RuleContext, type RuleTable } from '../rules.js';
import { arr, freeCapacity, resolvedHypotheses } from '../derive.js';
import { r6 } from '../num.js';

/* The company: hiring (weeks to join, payroll), fundraising rounds gated by evidence or ARR,
 * and tech-debt governance. */

/** The rules of hiring, letting go, fundraising and paying down debt. */
export const companyRules: RuleTable<'team.hire' | 'team.release' | 'funding.raise' | 'debt.paydown'> = {
  'team.hire': {
    check: (s, _d, ctx) => {
      const headcount = s.team.engineers + s.team.mlEngineers + s.team.hiring.length;
      return headcount >= ctx.sc.team.maxHeadcount ? refuse('invalid', `The plan caps headcount at ${ctx.sc.team.maxHeadcount}.`) : null;
    },
    cost: (_s, _d, ctx) => charge('hiring', 'hiring', { cash: ctx.sc.team.hireCost, focus: ctx.sc.rules.decisions.focus.hire }),
    effects: (s, d, ctx) => [{ type: 'team.hiringStarted', data: { role: d.data.role, readyWeek: s.week + ctx.sc.team.hireWeeks } }],
  },
  'team.release': {
    check: (s, d, ctx) => {
      const free = freeCapacity(s, ctx.sc);
      const role = d.data.role;
      if ((role === 'engineer' ? s.team.engineers : s.team.mlEngineers) <= 1) return refuse('invalid', 'The last person in a role cannot be let go.');
      return (role === 'engineer' ? free.eng : free.ml) < 1 ? refuse('capacity', 'Everyone in that role is committed to running work this week.') : null;
    },
    cost: (_s, _d, ctx) => charge('hiring', 'hiring', { focus: ctx.sc.rules.decisions.focus.release }),
    effects: (_s, d) => [{ type: 'team.released', data: { role: d.data.role } }],
  },
  'funding.raise': {
    check: (s, d, ctx) => {
      const round = ctx.sc.rounds.find((r) => r.id === d.data.round);
      if (!round) return refuse('invalid', `There is no round "${d.data.round}".`);
      if (s.rounds.closed.includes(round.id)) return refuse('invalid', `${round.name} is already raised.`);
      if (s.rounds.open) return refuse('invalid', 'A round is already being raised.');
      if (round.phase !== s.phase)
        return refuse('phase', round.phase === 'preFit' ? `${round.name} is raised on learning, before fit.` : `${round.name} needs confirmed product–market fit.`);
      if (resolvedHypotheses(s) < round.minResolvedHypotheses) {
        return refuse('prerequisite', `Investors want ${round.minResolvedHypotheses} hypotheses settled by evidence; ${resolvedHypotheses(s)} are.`);
      }
      return arr(s, ctx.sc) < round.minArr ? refuse('prerequisite', `${round.name} needs $${round.minArr.toLocaleString('en-US')} ARR.`) : null;
    },
    cost: (_s, d, ctx) => {
      const round = ctx.sc.rounds.find((r) => r.id === d.data.round);
      return round ? charge('tooling', 'fundraising', { focus: round.focus }) : null;
    },
    effects: (s, d, ctx) => {
      const round = ctx.sc.rounds.find((r) => r.id === d.data.round);
      if (!round) return [];
      const amount = s.week <= s.shocks.winterUntil ? Math.round(round.amount * s.shocks.winterFactor) : round.amount;
      return [{ type: 'funding.started', data: { round: round.id, amount, closesWeek: s.week + round.weeksToClose } }];
    },
  },
  'debt.paydown': {
    check: (s) => (s.debt <= 0 ? refuse('invalid', 'There is no tech debt to pay down.') : null),
    cost: (_s, d, ctx) => charge('projects', 'debt', { engWeeks: d.data.engWeeks, focus: ctx.sc.debt.paydownFocus }),
    effects: (s, d, ctx) => [{ type: 'debt.paidDown', data: { amount: r6(Math.min(s.debt, d.data.engWeeks * ctx.sc.debt.paydownPerEngWeek)) } }],
  },
};

/** Hires whose start week has come. */
export function joins(s: GameState): GameEvent[] {
  return s.team.hiring.filter((h) => h.readyWeek <= s.week).map((h) => ({ type: 'team.joined', data: { role: h.role } }) as GameEvent);
}

/** A round that closes this week. */
export function fundingClose(s: GameState): GameEvent[] {
  const o = s.rounds.open;
  if (!o || o.closesWeek > s.week) return [];
  return [{ type: 'funding.closed', data: { round: o.id, amount: o.amount } }];
}

/** Debt that open feature flags add each week (none once flag cleanup is in place). */
export function debtAccrual(s: GameState, ctx: RuleContext): GameEvent[] {
  if (s.flags === 0 || s.capabilities.includes('flagCleanup')) return [];
  return [{ type: 'debt.accrued', data: { amount: r6(s.flags * ctx.sc.debt.flagDebtPerWeek) } }];
}
