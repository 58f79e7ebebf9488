import { cloneState } from '../../src/engine/clone.js';
import { botRandom, canonicalJson, getBot, playOn, startGame, type Game, type GameState, type Scenario } from '../../src/index.js';
import type { Contract, Incident, Offer, Project, RunningExperiment } from '../../src/engine/state.js';
import { compare, duration, times, type BenchConfig } from './harness.js';

/* (f) Copying a state for a branch: a JSON round trip (the baseline, what the engine used),
 * structuredClone, cloneState (the generic recursive copy the engine uses) and a copy written
 * out for GameState's shape (below, the candidate it was measured against), on two mid-game
 * states of one phase-aware game: the frozen snapshot of live play, and the state bulk play
 * mutates in place (what the world step and bulk branches copy). cloneState and the typed
 * copy are also timed head to head, interleaved. */

type Row = [string, string, string, string, string];
interface Target {
  name: string;
  met: boolean;
  figure: string;
}

/** The state of a phase-aware game as the first week after `week` is planned, live (frozen) or bulk (mutated in place). */
export function midGameState(sc: Scenario, seed: string, week: number, mode: 'live' | 'bulk' = 'live'): GameState {
  const bot = getBot('phase-aware');
  if (!bot) throw new Error('bench: bot phase-aware not found');
  const game = startGame(sc, seed, { mode, record: false });
  // Seen from the bot's loop, the game is over once the week is reached; the real one is not.
  const stopped = (): GameState => ({ ...game.state(), phase: 'ended' });
  const watched: Game = { ...game, state: () => (game.state().week > week ? stopped() : game.state()) };
  playOn(watched, bot, botRandom(seed, bot.name));
  return game.state();
}

// A copy of a record of numbers or booleans keyed by data (ids, categories), in key order.
function flat<T extends object>(r: T): T {
  const out: Record<string, unknown> = {};
  const src = r as Record<string, unknown>;
  for (const k in src) out[k] = src[k];
  return out as T;
}

const project = (p: Project): Project => ({ kind: p.kind, item: p.item, engPerWeek: p.engPerWeek, mlPerWeek: p.mlPerWeek, doneWeek: p.doneWeek });
const running = (x: RunningExperiment): RunningExperiment => ({ id: x.id, method: x.method, hypothesis: x.hypothesis, isolated: x.isolated, doneWeek: x.doneWeek });
const incident = (i: Incident): Incident => ({ id: i.id, kind: i.kind, openedWeek: i.openedWeek, severity: i.severity, status: i.status, downtimeHours: i.downtimeHours });
const offer = (o: Offer): Offer => ({
  id: o.id,
  buyer: o.buyer,
  arr: o.arr,
  termWeeks: o.termWeeks,
  graceWeeks: o.graceWeeks,
  uptime: o.uptime,
  p95Ms: o.p95Ms,
  capabilities: o.capabilities.slice(),
  expiresWeek: o.expiresWeek,
});
const contract = (c: Contract): Contract => ({
  id: c.id,
  buyer: c.buyer,
  arr: c.arr,
  termWeeks: c.termWeeks,
  graceWeeks: c.graceWeeks,
  uptime: c.uptime,
  p95Ms: c.p95Ms,
  capabilities: c.capabilities.slice(),
  expiresWeek: c.expiresWeek,
  signedWeek: c.signedWeek,
  graceEndsWeek: c.graceEndsWeek,
  endsWeek: c.endsWeek,
  breaches: c.breaches,
});

function model(m: GameState['model']): GameState['model'] {
  return {
    skill: m.skill,
    previousSkill: m.previousSkill,
    version: m.version,
    threshold: m.threshold,
    labels: m.labels,
    noisyLabels: m.noisyLabels,
    labelsSinceTrain: m.labelsSinceTrain,
    pendingLabels: m.pendingLabels,
    pendingPaid: m.pendingPaid,
    dataDrift: m.dataDrift,
    conceptDrift: m.conceptDrift,
    cadence: m.cadence,
    lastTrainWeek: m.lastTrainWeek,
    regressedWeek: m.regressedWeek,
  };
}

// The company's money and people: finance, rounds, team and the week's used capacity.
function company(s: GameState): Pick<GameState, 'finance' | 'rounds' | 'team' | 'used'> {
  const { finance: f, rounds, team: t } = s;
  const open = rounds.open;
  return {
    finance: { raised: f.raised, revenue: f.revenue, spent: flat(f.spent), lastRevenue: f.lastRevenue, lastCosts: f.lastCosts },
    rounds: { open: open === null ? null : { id: open.id, closesWeek: open.closesWeek, amount: open.amount }, closed: rounds.closed.slice() },
    team: { engineers: t.engineers, mlEngineers: t.mlEngineers, hiring: t.hiring.map((h) => ({ role: h.role, readyWeek: h.readyWeek })) },
    used: { focus: s.used.focus, eng: s.used.eng, ml: s.used.ml },
  };
}

// Compute, discovery and strategy.
function craft(s: GameState): Pick<GameState, 'gpu' | 'discovery' | 'strategy'> {
  const { gpu: g, discovery: d, strategy: st } = s;
  return {
    gpu: { reservedHoursPerMonth: g.reservedHoursPerMonth, monthUsed: g.monthUsed, ledger: flat(g.ledger), signedOff: g.signedOff.slice(), signoffsUsed: g.signoffsUsed },
    discovery: {
      beliefs: d.beliefs.map((b) => ({ id: b.id, belief: b.belief, tests: b.tests, status: b.status })),
      running: d.running.map(running),
      nextId: d.nextId,
      concluded: d.concluded,
      invalidated: d.invalidated,
      spent: d.spent,
    },
    strategy: { segment: st.segment, paradigm: st.paradigm, valueProp: st.valueProp, killed: st.killed.slice(), changes: st.changes },
  };
}

// The market, the service and its contracts.
function service(s: GameState): Pick<GameState, 'market' | 'reliability' | 'contracts'> {
  const { market: mk, reliability: r, contracts: c } = s;
  return {
    market: { trust: mk.trust, customers: mk.customers, retention: mk.retention, survey: mk.survey, fitStreak: mk.fitStreak, perceivedAccuracy: mk.perceivedAccuracy },
    reliability: {
      p95Ms: r.p95Ms,
      utilisation: r.utilisation,
      uptime: r.uptime,
      downtimeWeek: r.downtimeWeek,
      downtimeMonth: r.downtimeMonth,
      incidents: r.incidents.map(incident),
      nextId: r.nextId,
      hazardCuts: flat(r.hazardCuts),
    },
    contracts: { offers: c.offers.map(offer), active: c.active.map(contract), nextId: c.nextId, churned: c.churned, breaches: c.breaches, signed: c.signed },
  };
}

/** The typed copy: one object literal per record of GameState, fields in declaration order. */
export function typedCopy(s: GameState): GameState {
  const { ended, shocks: sh, alignment: a } = s;
  const co = company(s);
  const cr = craft(s);
  const sv = service(s);
  return {
    scenario: { id: s.scenario.id, version: s.scenario.version },
    seed: s.seed,
    week: s.week,
    phase: s.phase,
    ended: ended === null ? null : { reason: ended.reason, week: ended.week },
    fitWeek: s.fitWeek,
    cash: s.cash,
    finance: co.finance,
    rounds: co.rounds,
    team: co.team,
    used: co.used,
    projects: s.projects.map(project),
    features: s.features.slice(),
    realtime: s.realtime.slice(),
    capabilities: s.capabilities.slice(),
    calibration: s.calibration.slice(),
    gpu: cr.gpu,
    model: model(s.model),
    discovery: cr.discovery,
    strategy: cr.strategy,
    market: sv.market,
    reliability: sv.reliability,
    contracts: sv.contracts,
    debt: s.debt,
    flags: s.flags,
    shocks: { competitorUntil: sh.competitorUntil, competitorFactor: sh.competitorFactor, winterUntil: sh.winterUntil, winterFactor: sh.winterFactor, struck: sh.struck },
    alignment: {
      discovery: a.discovery,
      delivery: a.delivery,
      hardening: a.hardening,
      governance: a.governance,
      preFitHardening: a.preFitHardening,
      postFitDiscovery: a.postFitDiscovery,
    },
    world: { truths: flat(s.world.truths), segmentPull: flat(s.world.segmentPull) },
  };
}

function stateRows(label: string, s: GameState, cfg: BenchConfig): { rows: Row[]; headToHead: number } {
  if (canonicalJson(typedCopy(s)) !== canonicalJson(s)) throw new Error('bench: the typed copy misses part of the state');
  const json = () => JSON.parse(JSON.stringify(s)) as GameState;
  const ways: [string, () => GameState][] = [
    ['structuredClone', () => structuredClone(s)],
    ['typed copy (written for GameState)', () => typedCopy(s)],
    ['cloneState (generic recursive, the one in use)', () => cloneState(s)],
  ];
  const rows: Row[] = [[`(f) clone the ${label} state at week ${s.week} (${(JSON.stringify(s).length / 1024).toFixed(1)} KB of JSON)`, '', '', '', '']];
  for (const [name, fn] of ways) {
    const p = compare(fn, json, cfg);
    rows.push([`    ${name}`, duration(p.ms), `JSON round trip: ${duration(p.baseMs)}`, times(p.ratio), '']);
  }
  const h = compare(
    () => cloneState(s),
    () => typedCopy(s),
    cfg,
  );
  rows.push(['    cloneState head to head with the typed copy', duration(h.ms), `typed copy: ${duration(h.baseMs)}`, times(h.ratio), '']);
  return { rows, headToHead: h.ratio };
}

/** The clone rows (no target: the choice is explained in src/engine/clone.ts). */
export function cloneBench(sc: Scenario, cfg: BenchConfig): { rows: Row[]; targets: Target[] } {
  const live = stateRows('frozen live', midGameState(sc, 'bench-0', 40, 'live'), cfg);
  const bulk = stateRows('mutable bulk', midGameState(sc, 'bench-0', 40, 'bulk'), cfg);
  const note: Row = ['    (the typed copy is timed here only, so its reads stay monomorphic; in whole games the two tie)', '', '', '', ''];
  return { rows: [...live.rows, ...bulk.rows, note], targets: [] };
}
