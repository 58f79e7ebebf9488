import type { Scenario } from '../scenarios/schema.js';
import { CAPABILITY_IDS, METHOD_IDS } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import type { Bot, BotRandom, PlayerView } from './types.js';

/* The random bot: a seeded baseline that tries a few decisions drawn from everything a player
 * could click. Balance targets say it should almost never win. */

/** Every decision a player could attempt this week (most may be rejected). */
export function candidateDecisions(v: PlayerView, sc: Scenario): Decision[] {
  const out: Decision[] = [];
  for (const method of METHOD_IDS) for (const h of sc.hypotheses) out.push({ type: 'experiment.run', data: { method, hypothesis: h.id, isolated: false } });
  for (const s of sc.segments) out.push({ type: 'strategy.target', data: { segment: s.id } });
  for (const p of sc.valueProps ?? []) out.push({ type: 'strategy.position', data: { valueProp: p.id } });
  for (const p of sc.paradigms) {
    out.push({ type: 'strategy.adopt', data: { paradigm: p.id } });
    out.push({ type: 'paradigm.kill', data: { paradigm: p.id } });
  }
  for (const f of sc.features) {
    out.push({ type: 'feature.ship', data: { feature: f.id } });
    out.push({ type: 'gpu.signoff', data: { item: f.id } });
    out.push({ type: 'inference.setMode', data: { feature: f.id, mode: v.realtime.includes(f.id) ? 'batch' : 'realtime' } });
  }
  for (const c of CAPABILITY_IDS) out.push({ type: 'capability.build', data: { capability: c } });
  out.push({ type: 'calibration.build', data: { kind: 'confidence' } }, { type: 'calibration.build', data: { kind: 'explanations' } });
  out.push({ type: 'model.retrain', data: {} }, { type: 'labels.buy', data: { batches: 2 } }, { type: 'model.setCadence', data: { everyWeeks: 4 } });
  out.push({ type: 'model.setThreshold', data: { threshold: v.model.threshold >= 0.5 ? 0.4 : 0.6 } });
  out.push({ type: 'gpu.reserve', data: { hoursPerMonth: v.gpu.reservedHoursPerMonth + sc.gpu.reservationStepHours * 4 } });
  out.push({ type: 'team.hire', data: { role: 'engineer' } }, { type: 'team.hire', data: { role: 'mlEngineer' } });
  for (const r of sc.rounds) out.push({ type: 'funding.raise', data: { round: r.id } });
  out.push({ type: 'debt.paydown', data: { engWeeks: 1 } });
  for (const o of v.contracts.offers) out.push({ type: 'contract.sign', data: { offer: o.id } }, { type: 'contract.decline', data: { offer: o.id } });
  return out;
}

/** Picks an element uniformly. */
export function pick<T>(items: readonly T[], random: BotRandom): T | undefined {
  return items[Math.floor(random() * items.length)];
}

/** A seeded random player. */
export const randomBot: Bot = {
  name: 'random',
  description: 'Tries up to four decisions a week, drawn uniformly from everything on the menu.',
  plan(v, sc, random) {
    const all = candidateDecisions(v, sc);
    const n = Math.floor(random() * 5);
    const out: Decision[] = [];
    for (let i = 0; i < n; i++) {
      const d = pick(all, random);
      if (d) out.push(d);
    }
    return out;
  },
  respond(v, _sc, incident, random) {
    return { type: 'incident.respond', data: { incident, action: random() < 0.5 ? 'rollback' : 'hotfix', communicate: random() < 0.5, postmortem: random() < 0.3 } };
  },
};
