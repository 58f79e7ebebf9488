import type { GameEvent, EventOf } from './events.js';
import type { GameState } from './state.js';
import { r6 } from './num.js';
import { evolveOperations } from './evolve-ops.js';

/* evolve: the one mutating recipe that applies an event to a state. It runs on an immer draft
 * in live play and on a private copy in bulk work; it never draws and never decides. */

/** Applies one event to a draft state in place. */
export function evolve(s: GameState, e: GameEvent): void {
  switch (e.type) {
    case 'resources.committed':
      return commit(s, e);
    case 'experiment.started':
      s.discovery.running.push({ id: e.data.id, method: e.data.method, hypothesis: e.data.hypothesis, isolated: e.data.isolated, doneWeek: e.data.doneWeek });
      s.discovery.nextId = e.data.id + 1;
      return;
    case 'experiment.concluded':
      return conclude(s, e);
    case 'strategy.targeted':
      restrategise(s, e.data.pivot, e.data.trustDelta);
      s.strategy.segment = e.data.segment;
      s.market.customers = r6(Math.max(0, s.market.customers - e.data.customersLost));
      return;
    case 'strategy.adopted':
      restrategise(s, e.data.pivot, e.data.trustDelta);
      s.strategy.paradigm = e.data.paradigm;
      return;
    case 'strategy.positioned':
      restrategise(s, e.data.pivot, e.data.trustDelta);
      s.strategy.valueProp = e.data.valueProp;
      return;
    case 'paradigm.killed':
      s.strategy.killed.push(e.data.paradigm);
      if (s.strategy.paradigm === e.data.paradigm) s.strategy.paradigm = null;
      return;
    case 'project.started':
      s.projects.push({ kind: e.data.kind, item: e.data.item, engPerWeek: e.data.engPerWeek, mlPerWeek: e.data.mlPerWeek, doneWeek: e.data.doneWeek });
      return;
    case 'project.completed':
      return complete(s, e);
    default:
      return evolveOperations(s, e);
  }
}

/* Any change of strategy resets the fit streak; a pivot is counted and costs the trust given. */
function restrategise(s: GameState, pivot: boolean, trustDelta: number): void {
  s.strategy.changes += pivot ? 1 : 0;
  s.market.trust = r6(Math.max(0, s.market.trust + trustDelta));
  s.market.fitStreak = 0;
}

function commit(s: GameState, e: EventOf<'resources.committed'>): void {
  const d = e.data;
  s.used.focus += d.focus;
  s.used.eng = r6(s.used.eng + d.eng);
  s.used.ml = r6(s.used.ml + d.ml);
  s.cash -= d.cash;
  s.finance.spent[d.category] += d.cash;
  if (d.category === 'experiments') s.discovery.spent += d.cash;
  if (d.gpuHours > 0) {
    s.gpu.ledger[d.item] = (s.gpu.ledger[d.item] ?? 0) + d.gpuHours;
    s.gpu.monthUsed += d.gpuHours;
  }
  if (d.affinity !== 'none') {
    const weight = d.focus + d.eng + d.ml;
    s.alignment[d.affinity] = r6(s.alignment[d.affinity] + weight);
    if (s.phase === 'preFit' && (d.affinity === 'hardening' || d.affinity === 'governance')) s.alignment.preFitHardening = r6(s.alignment.preFitHardening + weight);
    if (s.phase === 'postFit' && d.affinity === 'discovery') s.alignment.postFitDiscovery = r6(s.alignment.postFitDiscovery + weight);
  }
}

function conclude(s: GameState, e: EventOf<'experiment.concluded'>): void {
  const d = e.data;
  s.discovery.running = s.discovery.running.filter((x) => x.id !== d.id);
  const b = s.discovery.beliefs.find((x) => x.id === d.hypothesis);
  if (b) {
    if (b.status !== 'invalidated' && d.status === 'invalidated') s.discovery.invalidated += 1;
    if (b.status === 'invalidated' && d.status !== 'invalidated') s.discovery.invalidated -= 1;
    b.belief = d.belief;
    b.status = d.status;
    b.tests += 1;
  }
  s.discovery.concluded += 1;
  s.model.pendingLabels += d.labels;
  s.market.trust = r6(Math.min(1, Math.max(0, s.market.trust + d.trustDelta)));
}

function complete(s: GameState, e: EventOf<'project.completed'>): void {
  const d = e.data;
  const i = s.projects.findIndex((p) => p.kind === d.kind && p.item === d.item);
  if (i >= 0) s.projects.splice(i, 1);
  if (d.kind === 'feature') {
    s.features.push(d.item);
    s.realtime.push(d.item);
    s.flags += 1;
  } else if (d.kind === 'calibration') {
    s.calibration.push(d.item);
  } else {
    s.capabilities.push(d.item as GameState['capabilities'][number]);
    if (d.item === 'flagCleanup') s.flags = 0;
  }
  s.debt = r6(s.debt + d.debt);
}
