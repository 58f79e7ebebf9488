import type { GameEvent } from '../events.js';
import type { GameState } from '../state.js';
import { committed, costOf, ok, reject, unaffordable, type HandlerTable, type RuleContext } from '../rules.js';
import { arr, freeCapacity, resolvedHypotheses } from '../derive.js';
import { r6 } from '../num.js';

/* The company: hiring (weeks to join, payroll), fundraising rounds gated by evidence or ARR,
 * and tech-debt governance. */

/** Decision handlers for the team, money and debt. */
export const companyDecisions: HandlerTable<'team.hire' | 'team.release' | 'funding.raise' | 'debt.paydown'> = {
  'team.hire': (s, d, ctx) => {
    const headcount = s.team.engineers + s.team.mlEngineers + s.team.hiring.length;
    if (headcount >= ctx.sc.team.maxHeadcount) return reject('invalid', `The plan caps headcount at ${ctx.sc.team.maxHeadcount}.`);
    const cost = costOf({ cash: ctx.sc.team.hireCost, focus: 2 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'hiring', 'hiring'), { type: 'team.hiringStarted', data: { role: d.data.role, readyWeek: s.week + ctx.sc.team.hireWeeks } });
  },
  'team.release': (s, d, ctx) => {
    const free = freeCapacity(s, ctx.sc);
    const role = d.data.role;
    if ((role === 'engineer' ? s.team.engineers : s.team.mlEngineers) <= 1) return reject('invalid', 'The last person in a role cannot be let go.');
    if ((role === 'engineer' ? free.eng : free.ml) < 1) return reject('capacity', 'Everyone in that role is committed to running work this week.');
    const cost = costOf({ focus: 2 });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    return ok(committed(d, cost, 'hiring', 'hiring'), { type: 'team.released', data: { role } });
  },
  'funding.raise': (s, d, ctx) => {
    const round = ctx.sc.rounds.find((r) => r.id === d.data.round);
    if (!round) return reject('invalid', `There is no round "${d.data.round}".`);
    if (s.rounds.closed.includes(round.id)) return reject('invalid', `${round.name} is already raised.`);
    if (s.rounds.open) return reject('invalid', 'A round is already being raised.');
    if (round.phase !== s.phase) return reject('phase', round.phase === 'preFit' ? `${round.name} is raised on learning, before fit.` : `${round.name} needs confirmed product–market fit.`);
    if (resolvedHypotheses(s) < round.minResolvedHypotheses) {
      return reject('prerequisite', `Investors want ${round.minResolvedHypotheses} hypotheses settled by evidence; ${resolvedHypotheses(s)} are.`);
    }
    if (arr(s, ctx.sc) < round.minArr) return reject('prerequisite', `${round.name} needs $${round.minArr.toLocaleString('en-US')} ARR.`);
    const cost = costOf({ focus: round.focus });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    const amount = s.week <= s.shocks.winterUntil ? Math.round(round.amount * s.shocks.winterFactor) : round.amount;
    return ok(committed(d, cost, 'tooling', 'fundraising'), { type: 'funding.started', data: { round: round.id, amount, closesWeek: s.week + round.weeksToClose } });
  },
  'debt.paydown': (s, d, ctx) => {
    if (s.debt <= 0) return reject('invalid', 'There is no tech debt to pay down.');
    const cost = costOf({ engWeeks: d.data.engWeeks, focus: ctx.sc.debt.paydownFocus });
    const no = unaffordable(s, ctx, cost);
    if (no) return no;
    const amount = r6(Math.min(s.debt, d.data.engWeeks * ctx.sc.debt.paydownPerEngWeek));
    return ok(committed(d, cost, 'projects', 'debt'), { type: 'debt.paidDown', data: { amount } });
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
