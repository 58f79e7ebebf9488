import type { GameEvent, EventOf } from './events.js';
import type { GameState } from './state.js';
import { r6, r2 } from './num.js';
import { MONTHS_PER_QUARTER } from './units.js';

/* The second half of evolve: model, compute, team, money, reliability, contracts and the
 * turn clock. Split out only to keep each file readable. */

type Rest = Exclude<
  GameEvent['type'],
  | 'resources.committed'
  | 'experiment.started'
  | 'experiment.concluded'
  | 'strategy.targeted'
  | 'strategy.adopted'
  | 'strategy.positioned'
  | 'paradigm.killed'
  | 'project.started'
  | 'project.completed'
>;

/** Applies the operational events (everything but discovery, strategy and projects). */
export function evolveOperations(s: GameState, e: Extract<GameEvent, { type: Rest }>): void {
  switch (e.type) {
    case 'inference.modeSet':
      s.realtime = s.realtime.filter((f) => f !== e.data.feature);
      if (e.data.mode === 'realtime') s.realtime.push(e.data.feature);
      return;
    case 'model.retrained':
      return retrained(s, e);
    case 'model.retrainSkipped':
      return;
    case 'model.thresholdSet':
      s.model.threshold = e.data.threshold;
      return;
    case 'model.cadenceSet':
      s.model.cadence = e.data.everyWeeks;
      return;
    case 'model.drifted':
      s.model.dataDrift = e.data.dataDrift;
      s.model.conceptDrift = e.data.conceptDrift;
      return;
    case 'model.rolledBack':
      s.model.skill = e.data.skill;
      s.model.version = e.data.version;
      return;
    case 'labels.ordered':
      s.model.pendingPaid += e.data.labels;
      return;
    case 'labels.collected':
      s.model.labels += e.data.clean + e.data.noisy;
      s.model.noisyLabels += e.data.noisy;
      s.model.labelsSinceTrain += e.data.clean + e.data.noisy;
      s.model.pendingLabels = 0;
      s.model.pendingPaid = 0;
      return;
    case 'gpu.reserved':
      s.gpu.reservedHoursPerMonth = e.data.hoursPerMonth;
      return;
    case 'gpu.signedOff':
      s.gpu.signedOff.push(e.data.item);
      s.gpu.signoffsUsed += 1;
      return;
    case 'gpu.monthClosed':
      s.gpu.monthUsed = 0;
      s.gpu.ledger = {};
      s.reliability.downtimeMonth = 0;
      if (e.data.month % MONTHS_PER_QUARTER === MONTHS_PER_QUARTER - 1) s.gpu.signoffsUsed = 0;
      return;
    case 'team.hiringStarted':
      s.team.hiring.push({ role: e.data.role, readyWeek: e.data.readyWeek });
      return;
    case 'team.joined':
      return joined(s, e);
    case 'team.released':
      if (e.data.role === 'engineer') s.team.engineers -= 1;
      else s.team.mlEngineers -= 1;
      return;
    case 'funding.started':
      s.rounds.open = { id: e.data.round, closesWeek: e.data.closesWeek, amount: e.data.amount };
      return;
    case 'funding.closed':
      s.rounds.open = null;
      s.rounds.closed.push(e.data.round);
      s.cash += e.data.amount;
      s.finance.raised += e.data.amount;
      return;
    case 'debt.paidDown':
      s.debt = r6(Math.max(0, s.debt - e.data.amount));
      return;
    case 'debt.accrued':
      s.debt = r6(s.debt + e.data.amount);
      return;
    case 'market.moved':
      s.market.trust = e.data.trust;
      s.market.customers = e.data.customers;
      s.market.retention = e.data.retention;
      s.market.survey = e.data.survey;
      s.market.perceivedAccuracy = e.data.perceivedAccuracy;
      s.market.fitStreak = e.data.fitStreak;
      return;
    case 'reliability.measured':
      s.reliability.p95Ms = e.data.p95Ms;
      s.reliability.utilisation = e.data.utilisation;
      s.reliability.uptime = e.data.uptime;
      s.reliability.downtimeWeek = e.data.downtimeWeek;
      s.reliability.downtimeMonth = e.data.downtimeMonth;
      return;
    case 'incident.opened':
      s.reliability.incidents.push({ id: e.data.id, kind: e.data.kind, openedWeek: s.week, severity: e.data.severity, status: 'open', downtimeHours: 0 });
      s.reliability.nextId = e.data.id + 1;
      return;
    case 'incident.resolved':
      return resolved(s, e);
    case 'contract.offered':
      s.contracts.offers.push({ ...e.data.offer, capabilities: [...e.data.offer.capabilities] });
      s.contracts.nextId = e.data.offer.id + 1;
      return;
    case 'contract.expired':
    case 'contract.declined':
      s.contracts.offers = s.contracts.offers.filter((o) => o.id !== e.data.offer);
      return;
    case 'contract.signed':
      return signed(s, e);
    case 'contract.breached':
      return breached(s, e);
    case 'contract.churned':
      s.contracts.active = s.contracts.active.filter((c) => c.id !== e.data.contract);
      s.contracts.churned += 1;
      return;
    case 'contract.renewed': {
      const c = s.contracts.active.find((x) => x.id === e.data.contract);
      if (c) {
        c.endsWeek = e.data.endsWeek;
        c.breaches = 0;
      }
      return;
    }
    case 'finance.booked':
      return booked(s, e);
    case 'shock.struck':
      return struck(s, e);
    case 'phase.switched':
      s.phase = 'postFit';
      s.fitWeek = s.week;
      return;
    case 'game.ended':
      s.phase = 'ended';
      s.ended = { reason: e.data.reason, week: s.week };
      return;
    case 'week.closed':
      s.week = e.data.week + 1;
      s.used = { focus: 0, eng: 0, ml: 0 };
      s.reliability.downtimeWeek = 0;
      s.projects = s.projects.filter((p) => p.doneWeek > e.data.week);
      return;
    default: {
      const unreachable: never = e;
      throw new Error(`unknown event ${(unreachable as { type: string }).type}`);
    }
  }
}

function retrained(s: GameState, e: EventOf<'model.retrained'>): void {
  s.model.previousSkill = s.model.skill;
  s.model.skill = e.data.skill;
  s.model.version = e.data.version;
  s.model.labelsSinceTrain = 0;
  s.model.dataDrift = 0;
  if (e.data.conceptCleared) s.model.conceptDrift = 0;
  s.model.lastTrainWeek = s.week;
  if (e.data.regressed && !e.data.caught) s.model.regressedWeek = s.week;
}

function joined(s: GameState, e: EventOf<'team.joined'>): void {
  const i = s.team.hiring.findIndex((h) => h.role === e.data.role && h.readyWeek <= s.week);
  if (i >= 0) s.team.hiring.splice(i, 1);
  if (e.data.role === 'engineer') s.team.engineers += 1;
  else s.team.mlEngineers += 1;
}

function resolved(s: GameState, e: EventOf<'incident.resolved'>): void {
  const inc = s.reliability.incidents.find((i) => i.id === e.data.id);
  if (!inc) return;
  inc.status = 'resolved';
  inc.downtimeHours = e.data.downtimeHours;
  s.reliability.downtimeWeek = r2(s.reliability.downtimeWeek + e.data.downtimeHours);
  s.market.trust = r6(Math.min(1, Math.max(0, s.market.trust + e.data.trustDelta)));
  if (e.data.hazardCut > 0) s.reliability.hazardCuts[inc.kind] = r6((s.reliability.hazardCuts[inc.kind] ?? 0) + e.data.hazardCut);
}

function signed(s: GameState, e: EventOf<'contract.signed'>): void {
  const o = s.contracts.offers.find((x) => x.id === e.data.offer);
  if (!o) return;
  s.contracts.offers = s.contracts.offers.filter((x) => x.id !== o.id);
  s.contracts.active.push({ ...o, capabilities: [...o.capabilities], signedWeek: s.week, graceEndsWeek: e.data.graceEndsWeek, endsWeek: e.data.endsWeek, breaches: 0 });
  s.contracts.signed += 1;
}

function breached(s: GameState, e: EventOf<'contract.breached'>): void {
  const c = s.contracts.active.find((x) => x.id === e.data.contract);
  if (c) c.breaches += 1;
  s.contracts.breaches += 1;
  s.cash -= e.data.credit;
  s.finance.spent.credits += e.data.credit;
}

function booked(s: GameState, e: EventOf<'finance.booked'>): void {
  const d = e.data;
  const costs = d.payroll + d.gpu + d.labeling + d.tooling;
  s.cash += d.revenue - costs;
  s.finance.revenue += d.revenue;
  s.finance.spent.payroll += d.payroll;
  s.finance.spent.gpu += d.gpu;
  s.finance.spent.labeling += d.labeling;
  s.finance.spent.tooling += d.tooling;
  s.finance.lastRevenue = d.revenue;
  s.finance.lastCosts = costs + d.credits;
  // Whole hours, so the order they are added in cannot change a sum (and hashes sort keys).
  for (const item in d.gpuHours) {
    const hours = d.gpuHours[item] ?? 0;
    s.gpu.ledger[item] = (s.gpu.ledger[item] ?? 0) + hours;
    s.gpu.monthUsed += hours;
  }
}

function struck(s: GameState, e: EventOf<'shock.struck'>): void {
  const d = e.data;
  s.shocks.struck += 1;
  if (d.kind === 'competitor') {
    s.shocks.competitorUntil = d.untilWeek;
    s.shocks.competitorFactor = d.factor;
  } else if (d.kind === 'fundingWinter') {
    s.shocks.winterUntil = d.untilWeek;
    s.shocks.winterFactor = d.factor;
  } else {
    s.market.customers = r6(Math.max(0, s.market.customers - d.customersLost));
  }
}
