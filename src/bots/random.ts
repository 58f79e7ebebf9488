import type { Scenario } from '../scenarios/schema.js';
import { CAPABILITY_IDS, METHOD_IDS } from '../scenarios/schema.js';
import type { Decision } from '../engine/decisions.js';
import type { Bot, PlayerView } from './types.js';
import { reservable } from './heuristics.js';

/* The random bot: a seeded baseline that tries a few decisions drawn from everything a player
 * could click. Balance targets say it should almost never win. */

/* A menu entry: a decision fixed by the scenario, or one that depends on what the player sees. */
type Entry = Decision | ((v: PlayerView) => Decision);

const MENUS = new WeakMap<Scenario, readonly Entry[]>();

/* The scenario's menu in its fixed order (offers, which come and go, are appended per state). */
function menuOf(sc: Scenario): readonly Entry[] {
  const hit = MENUS.get(sc);
  if (hit) return hit;
  const out: Entry[] = [];
  for (const method of METHOD_IDS) for (const h of sc.hypotheses) out.push({ type: 'experiment.run', data: { method, hypothesis: h.id, isolated: false } });
  for (const s of sc.segments) out.push({ type: 'strategy.target', data: { segment: s.id } });
  for (const p of sc.valueProps ?? []) out.push({ type: 'strategy.position', data: { valueProp: p.id } });
  for (const p of sc.paradigms) out.push({ type: 'strategy.adopt', data: { paradigm: p.id } }, { type: 'paradigm.kill', data: { paradigm: p.id } });
  for (const f of sc.features) {
    out.push({ type: 'feature.ship', data: { feature: f.id } }, { type: 'gpu.signoff', data: { item: f.id } });
    out.push((v) => ({ type: 'inference.setMode', data: { feature: f.id, mode: v.realtime.includes(f.id) ? 'batch' : 'realtime' } }));
  }
  for (const c of CAPABILITY_IDS) out.push({ type: 'capability.build', data: { capability: c } });
  out.push({ type: 'calibration.build', data: { kind: 'confidence' } }, { type: 'calibration.build', data: { kind: 'explanations' } });
  out.push({ type: 'model.retrain', data: {} }, { type: 'labels.buy', data: { batches: 2 } }, { type: 'model.setCadence', data: { everyWeeks: 4 } });
  out.push((v) => ({ type: 'model.setThreshold', data: { threshold: v.model.threshold >= 0.5 ? 0.4 : 0.6 } }));
  out.push((v) => ({ type: 'gpu.reserve', data: { hoursPerMonth: reservable(v.gpu.reservedHoursPerMonth + sc.gpu.reservationStepHours * 4, sc) } }));
  out.push({ type: 'team.hire', data: { role: 'engineer' } }, { type: 'team.hire', data: { role: 'mlEngineer' } });
  for (const r of sc.rounds) out.push({ type: 'funding.raise', data: { round: r.id } });
  out.push({ type: 'debt.paydown', data: { engWeeks: 1 } });
  MENUS.set(sc, out);
  return out;
}

/** How many decisions the menu holds for this view (the scenario's menu plus two per open offer). */
export function menuSize(v: PlayerView, sc: Scenario): number {
  return menuOf(sc).length + 2 * v.contracts.offers.length;
}

/** The i-th decision of the menu for this view, without building the rest. */
export function menuItem(v: PlayerView, sc: Scenario, i: number): Decision | undefined {
  const menu = menuOf(sc);
  const e = menu[i];
  if (e !== undefined) return typeof e === 'function' ? e(v) : e;
  const o = v.contracts.offers[Math.floor((i - menu.length) / 2)];
  if (!o) return undefined;
  return (i - menu.length) % 2 === 0 ? { type: 'contract.sign', data: { offer: o.id } } : { type: 'contract.decline', data: { offer: o.id } };
}

/** Every decision a player could attempt this week (most may be rejected). */
export function candidateDecisions(v: PlayerView, sc: Scenario): Decision[] {
  const out: Decision[] = [];
  const n = menuSize(v, sc);
  for (let i = 0; i < n; i++) {
    const d = menuItem(v, sc, i);
    if (d) out.push(d);
  }
  return out;
}

/** A seeded random player. */
export const randomBot: Bot = {
  name: 'random',
  description: 'Tries up to four decisions a week, drawn uniformly from everything on the menu.',
  plan(v, sc, random) {
    const size = menuSize(v, sc);
    const n = Math.floor(random() * 5);
    const out: Decision[] = [];
    for (let i = 0; i < n; i++) {
      const d = menuItem(v, sc, Math.floor(random() * size));
      if (d) out.push(d);
    }
    return out;
  },
  respond(v, _sc, incident, random) {
    return { type: 'incident.respond', data: { incident, action: random() < 0.5 ? 'rollback' : 'hotfix', communicate: random() < 0.5, postmortem: random() < 0.3 } };
  },
};
