import type { GameEvent } from '../events.js';
import type { GameState, Incident } from '../state.js';
import type { DecisionOf } from '../decisions.js';
import type { CapabilityId, IncidentKind, Scenario } from '../../scenarios/schema.js';
import { charge, refuse, type RuleContext, type RuleTable } from '../rules.js';
import { draw } from '../rng.js';
import { clamp, r2, r6 } from '../num.js';
import { confusion, freeCapacity, payingCustomers } from '../derive.js';
import { utilisation } from './compute.js';
import { HOURS_PER_WEEK } from '../units.js';

/* Reliability after fit: p95 latency from utilisation, weekly uptime from incident downtime,
 * incidents drawn against hazards the player's capabilities and debt shape, and the crisis
 * responses (rollback only with versioning). */

const MODEL_KINDS: IncidentKind[] = ['modelRegression', 'silentDrift', 'hallucination'];

/** Whether an incident kind is a fault of the model (so a model rollback answers it); bots and
 * the incident handler ask here instead of keeping their own list. */
export function isModelFault(kind: IncidentKind): boolean {
  return MODEL_KINDS.includes(kind);
}

/** A scenario's incident kind: hazards, downtime and the trust it costs. */
type IncidentSpec = Scenario['reliability']['incidents'][number];

/* The focus a response takes: the bare answer, plus telling customers (cheaper from a playbook) and a postmortem. */
function responseFocus(s: GameState, d: DecisionOf<'incident.respond'>, ctx: RuleContext): { bare: number; wanted: number } {
  const r = ctx.sc.response;
  const rules = ctx.sc.rules.decisions;
  const playbook = s.capabilities.includes('playbook');
  const tell = d.data.communicate ? (playbook ? Math.ceil(r.communicateFocus * rules.response.playbookCommunicateShare) : r.communicateFocus) : 0;
  const bare = rules.focus.incidentResponse;
  return { bare, wanted: bare + tell + (d.data.postmortem ? r.postmortemFocus : 0) };
}

/* Downtime and the trust hit of a response, shaped by the team's capabilities. */
function responseOutcome(s: GameState, d: DecisionOf<'incident.respond'>, ctx: RuleContext, inc: Incident, spec: IncidentSpec): { downtimeHours: number; hit: number } {
  const r = ctx.sc.response;
  const k = ctx.sc.rules.decisions.response;
  const has = (c: CapabilityId) => s.capabilities.includes(c);
  const base = d.data.action === 'rollback' ? r.rollbackHours : spec.downtimeHours;
  const speed = (has('onCall') ? k.onCallSpeed : 1) * (has('redundancy') ? k.redundancySpeed : 1) * (has('playbook') ? k.playbookSpeed : 1);
  const hit = d.data.communicate ? spec.trustHit * (has('playbook') ? k.playbookTrustShare : k.communicatedTrustShare) : spec.trustHit + r.silenceTrustHit;
  return { downtimeHours: r2(base * inc.severity * speed), hit };
}

/** The rule of answering an open incident: rollback needs versioning; a bare answer is always possible. */
export const reliabilityRules: RuleTable<'incident.respond'> = {
  'incident.respond': {
    check: (s, d, ctx) => {
      const inc = s.reliability.incidents.find((i) => i.id === d.data.incident);
      if (!inc || inc.status !== 'open') return refuse('invalid', `Incident #${d.data.incident} is not open.`);
      const spec = ctx.sc.reliability.incidents.find((k) => k.kind === inc.kind);
      if (!spec) return refuse('invalid', 'This scenario has no such incident kind.');
      if (d.data.action === 'rollback' && !s.capabilities.includes('versioning')) return refuse('prerequisite', 'Rollback needs model versioning, which has not been built.');
      if (d.data.action === 'rollback' && !isModelFault(inc.kind)) return refuse('invalid', `A model rollback does not fix ${spec.name.toLowerCase()}; it is not a model fault.`);
      const { bare, wanted } = responseFocus(s, d, ctx);
      const left = freeCapacity(s, ctx.sc).focus;
      if (wanted > bare && wanted > left)
        return refuse('focus', `Communicating and a postmortem need ${wanted} PM focus; ${Math.max(0, left)} is left. A bare ${d.data.action} is always possible.`);
      return null;
    },
    // Fighting the fire pulls people off planned work: a bare response takes what focus is left.
    cost: (s, d, ctx) => {
      const left = Math.max(0, freeCapacity(s, ctx.sc).focus);
      return charge('projects', 'incidents', { focus: Math.min(responseFocus(s, d, ctx).wanted, left), engWeeks: d.data.action === 'hotfix' ? ctx.sc.response.hotfixEngWeeks : 0 });
    },
    effects: (s, d, ctx) => {
      const inc = s.reliability.incidents.find((i) => i.id === d.data.incident);
      const spec = inc ? ctx.sc.reliability.incidents.find((k) => k.kind === inc.kind) : undefined;
      if (!inc || !spec) return [];
      const { downtimeHours, hit } = responseOutcome(s, d, ctx, inc, spec);
      const events: GameEvent[] = [];
      if (d.data.action === 'rollback' && inc.kind === 'modelRegression')
        events.push({ type: 'model.rolledBack', data: { skill: s.model.previousSkill, version: Math.max(1, s.model.version - 1) } });
      const hazardCut = d.data.postmortem ? ctx.sc.response.postmortemHazardCut : 0;
      events.push({ type: 'incident.resolved', data: { id: inc.id, action: d.data.action, downtimeHours, trustDelta: -r6(hit), hazardCut, communicated: d.data.communicate } });
      return events;
    },
    alwaysAffordable: true,
  },
};

/** p95 latency: a queue's wait grows as reserved real-time capacity fills up. */
export function p95(s: GameState, ctx: RuleContext): number {
  const u = utilisation(s, ctx);
  const base = ctx.sc.reliability.p95BaseMs;
  const r = ctx.sc.rules.reliability;
  const queue = base / (1 - Math.min(u, r.queueUtilisationCap));
  const overflow = u > 1 ? (u - 1) * base * r.overflowFactor : 0;
  return r2(queue + overflow);
}

/** The week's latency, utilisation and uptime. */
export function measure(s: GameState, ctx: RuleContext): GameEvent {
  const downtimeWeek = s.reliability.downtimeWeek;
  return {
    type: 'reliability.measured',
    data: {
      p95Ms: p95(s, ctx),
      utilisation: utilisation(s, ctx),
      uptime: r6(clamp(1 - downtimeWeek / HOURS_PER_WEEK, 0, 1)),
      downtimeWeek,
      downtimeMonth: r2(s.reliability.downtimeMonth + downtimeWeek),
    },
  };
}

/** The hazard of one incident kind this week, after debt, load, drift and mitigations. */
export function hazard(s: GameState, ctx: RuleContext, kind: IncidentKind): number {
  const spec = ctx.sc.reliability.incidents.find((k) => k.kind === kind);
  if (!spec) return 0;
  const r = ctx.sc.rules.reliability;
  let h = spec.hazardPerWeek + spec.hazardPerDebt * s.debt + spec.hazardPerLoad * Math.max(0, s.reliability.utilisation - r.loadHazardAbove);
  if (kind === 'silentDrift') h *= 1 + r.silentDriftHazardPerDrift * (s.model.dataDrift + s.model.conceptDrift);
  if (kind === 'hallucination') h *= 1 + r.hallucinationHazardPerRate * confusion(s, ctx.sc).hallucinationRate;
  if (kind === 'hallucination' && s.calibration.includes('confidence')) h *= r.confidenceHazardFactor;
  for (const c of spec.mitigatedBy) if (s.capabilities.includes(c)) h *= r.mitigationFactor;
  h *= 1 - clamp(s.reliability.hazardCuts[kind] ?? 0, 0, r.maxHazardCut);
  const scale = clamp(payingCustomers(s) / r.customersPerHazardScale, r.minHazardScale, r.maxHazardScale);
  return r6(clamp(h * scale, 0, r.maxHazard));
}

/** Incidents opened this week: a keyed draw below the hazard (so better play means fewer). */
export function drawIncidents(s: GameState, ctx: RuleContext, regressed: boolean): GameEvent[] {
  if (s.phase !== 'postFit') return [];
  const out: GameEvent[] = [];
  let id = s.reliability.nextId;
  ctx.sc.reliability.incidents.forEach((spec, i) => {
    const forced = spec.kind === 'modelRegression' && regressed;
    if (!forced && draw(ctx.table, 'incident', s.week, i) >= hazard(s, ctx, spec.kind)) return;
    const severity = r2(ctx.sc.rules.reliability.severityBase + draw(ctx.table, 'severity', s.week, i));
    out.push({ type: 'incident.opened', data: { id, kind: spec.kind, severity } });
    id += 1;
  });
  return out;
}
