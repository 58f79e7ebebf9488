import type { CapabilityId, IncidentKind, MethodId, Scenario } from '../scenarios/schema.js';
import { draw, type WorldTable } from './rng.js';
import { r6 } from './num.js';

/* GameState is plain JSON (no Map, Set, class or function): it hashes, clones and serialises
 * the same everywhere. It is only ever changed by evolve; everything else reads it. */

/** The phases of the company; the machine is the only thing that moves between them. */
export type Phase = 'preFit' | 'postFit' | 'ended';
/** Why a game ended. */
export type EndReason = 'won' | 'bankrupt' | 'noFit' | 'bookLost' | 'timeUp';
/** A team role that can be hired. */
export type Role = 'engineer' | 'mlEngineer';
/** Where a line of spending is booked. */
export type CostCategory = 'payroll' | 'gpu' | 'labeling' | 'tooling' | 'experiments' | 'hiring' | 'projects' | 'credits' | 'strategy';

/** A multi-week piece of work that holds team capacity until it is done. */
export interface Project {
  kind: 'feature' | 'capability' | 'calibration';
  item: string;
  engPerWeek: number;
  mlPerWeek: number;
  doneWeek: number;
}

/** An experiment under way. */
export interface RunningExperiment {
  id: number;
  method: MethodId;
  hypothesis: string;
  isolated: boolean;
  doneWeek: number;
}

/** What the player believes about one hypothesis. */
export interface Belief {
  id: string;
  belief: number;
  tests: number;
  status: 'open' | 'validated' | 'invalidated';
}

/** An incident, open until the player responds. */
export interface Incident {
  id: number;
  kind: IncidentKind;
  openedWeek: number;
  severity: number;
  status: 'open' | 'resolved';
  downtimeHours: number;
}

/** A contract offer waiting for an answer. */
export interface Offer {
  id: number;
  buyer: string;
  arr: number;
  termWeeks: number;
  graceWeeks: number;
  uptime: number;
  p95Ms: number;
  capabilities: CapabilityId[];
  expiresWeek: number;
}

/** A signed enterprise contract. */
export interface Contract extends Offer {
  signedWeek: number;
  graceEndsWeek: number;
  endsWeek: number;
  breaches: number;
}

/** The world drawn from the seed that the player cannot see directly. */
export interface HiddenWorld {
  truths: Record<string, boolean>;
  segmentPull: Record<string, number>;
}

/** The whole game at a moment. */
export interface GameState {
  scenario: { id: string; version: string };
  seed: string;
  week: number;
  phase: Phase;
  ended: null | { reason: EndReason; week: number };
  fitWeek: number | null;
  cash: number;
  finance: { raised: number; revenue: number; spent: Record<CostCategory, number>; lastRevenue: number; lastCosts: number };
  rounds: { open: null | { id: string; closesWeek: number; amount: number }; closed: string[] };
  team: { engineers: number; mlEngineers: number; hiring: { role: Role; readyWeek: number }[] };
  used: { focus: number; eng: number; ml: number };
  projects: Project[];
  features: string[];
  realtime: string[];
  capabilities: CapabilityId[];
  calibration: string[];
  gpu: { reservedHoursPerMonth: number; monthUsed: number; ledger: Record<string, number>; signedOff: string[]; signoffsUsed: number };
  model: {
    skill: number;
    previousSkill: number;
    version: number;
    threshold: number;
    labels: number;
    noisyLabels: number;
    labelsSinceTrain: number;
    pendingLabels: number;
    pendingPaid: number;
    dataDrift: number;
    conceptDrift: number;
    cadence: number;
    lastTrainWeek: number;
    regressedWeek: number;
  };
  discovery: { beliefs: Belief[]; running: RunningExperiment[]; nextId: number; concluded: number; invalidated: number; spent: number };
  strategy: { segment: string | null; paradigm: string | null; valueProp: string | null; killed: string[]; changes: number };
  market: { trust: number; customers: number; retention: number; survey: number; fitStreak: number; perceivedAccuracy: number };
  reliability: {
    p95Ms: number;
    utilisation: number;
    uptime: number;
    downtimeWeek: number;
    downtimeMonth: number;
    incidents: Incident[];
    nextId: number;
    hazardCuts: Partial<Record<IncidentKind, number>>;
  };
  contracts: { offers: Offer[]; active: Contract[]; nextId: number; churned: number; breaches: number; signed: number };
  debt: number;
  flags: number;
  shocks: { competitorUntil: number; competitorFactor: number; winterUntil: number; winterFactor: number; struck: number };
  alignment: { discovery: number; delivery: number; hardening: number; governance: number; preFitHardening: number; postFitDiscovery: number };
  world: HiddenWorld;
}

/** Draws the hidden world from the seed: hypothesis truths and segment pull. */
export function drawHiddenWorld(scenario: Scenario, table: WorldTable): HiddenWorld {
  const truths: Record<string, boolean> = {};
  scenario.hypotheses.forEach((h, i) => {
    truths[h.id] = draw(table, 'setup', 0, i) < h.prior;
  });
  const segmentPull: Record<string, number> = {};
  scenario.segments.forEach((s, i) => {
    segmentPull[s.id] = r6(s.pullMin + (s.pullMax - s.pullMin) * draw(table, 'setup', 0, 16 + i));
  });
  ensureAWinnableStrategy(scenario, table, truths);
  return { truths, segmentPull };
}

/* A world where every segment, paradigm or value proposition rests on a false hypothesis has
 * no fit to find; the seed then picks one of each to be true (still a deterministic function of it). */
function ensureAWinnableStrategy(scenario: Scenario, table: WorldTable, truths: Record<string, boolean>): void {
  const slots = { segment: 28, paradigm: 29, valueProp: 30 } as const;
  for (const kind of ['segment', 'paradigm', 'valueProp'] as const) {
    const relevant = scenario.hypotheses.filter((h) => h.about.kind === kind);
    if (relevant.length > 0 && relevant.every((h) => !truths[h.id])) {
      const pick = relevant[Math.floor(draw(table, 'setup', 0, slots[kind]) * relevant.length)];
      if (pick) truths[pick.id] = true;
    }
  }
}

const noSpend = (): Record<CostCategory, number> => ({
  payroll: 0,
  gpu: 0,
  labeling: 0,
  tooling: 0,
  experiments: 0,
  hiring: 0,
  projects: 0,
  credits: 0,
  strategy: 0,
});

/** The state before week 1 is planned: the scenario's start plus the hidden world of the seed. */
export function initialState(scenario: Scenario, seed: string, table: WorldTable): GameState {
  const s = scenario.start;
  return {
    scenario: { id: scenario.id, version: scenario.version },
    seed,
    week: 1,
    phase: 'preFit',
    ended: null,
    fitWeek: null,
    cash: s.cash,
    finance: { raised: 0, revenue: 0, spent: noSpend(), lastRevenue: 0, lastCosts: 0 },
    rounds: { open: null, closed: [] },
    team: { engineers: s.engineers, mlEngineers: s.mlEngineers, hiring: [] },
    used: { focus: 0, eng: 0, ml: 0 },
    projects: [],
    features: [],
    realtime: [],
    capabilities: [],
    calibration: [],
    gpu: { reservedHoursPerMonth: scenario.gpu.startReservedHoursPerMonth, monthUsed: 0, ledger: {}, signedOff: [], signoffsUsed: 0 },
    model: {
      skill: s.modelSkill,
      previousSkill: s.modelSkill,
      version: 1,
      threshold: scenario.model.startThreshold,
      labels: 0,
      noisyLabels: 0,
      labelsSinceTrain: 0,
      pendingLabels: 0,
      pendingPaid: 0,
      dataDrift: 0,
      conceptDrift: 0,
      cadence: 0,
      lastTrainWeek: 0,
      regressedWeek: 0,
    },
    discovery: {
      beliefs: scenario.hypotheses.map((h) => ({ id: h.id, belief: h.prior, tests: 0, status: 'open' as const })),
      running: [],
      nextId: 1,
      concluded: 0,
      invalidated: 0,
      spent: 0,
    },
    strategy: { segment: null, paradigm: null, valueProp: null, killed: [], changes: 0 },
    market: { trust: s.trust, customers: 0, retention: 0, survey: 0, fitStreak: 0, perceivedAccuracy: s.modelSkill },
    reliability: { p95Ms: scenario.reliability.p95BaseMs, utilisation: 0, uptime: 1, downtimeWeek: 0, downtimeMonth: 0, incidents: [], nextId: 1, hazardCuts: {} },
    contracts: { offers: [], active: [], nextId: 1, churned: 0, breaches: 0, signed: 0 },
    debt: 0,
    flags: 0,
    shocks: { competitorUntil: 0, competitorFactor: 1, winterUntil: 0, winterFactor: 1, struck: 0 },
    alignment: { discovery: 0, delivery: 0, hardening: 0, governance: 0, preFitHardening: 0, postFitDiscovery: 0 },
    world: drawHiddenWorld(scenario, table),
  };
}
