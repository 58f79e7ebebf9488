import type { Scenario } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { DecisionLine, GameLog } from '../engine/log/format.js';
import { AFFINITY } from '../engine/decisions.js';
import { featureGpuHoursPerMonth, freeCapacity, reliesOn, runwayWeeks, signoffThresholdHours } from '../engine/derive.js';
import { driftActive } from '../engine/systems/model.js';
import { keepable, weeksToMeet } from '../engine/systems/contracts.js';
import { defaultRules } from '../scenarios/rules.js';
import { foldLog, type Projection } from '../engine/log/fold.js';
import { money, num, pct } from './format.js';

/* Phase alignment: the judgement the debrief grades. Each rule looks at one decision with the
 * state the player faced and, when the decision plays the wrong phase's game, says why in plain
 * words and cites the figures. Thresholds are named here so the debrief can quote them. */

/** The kinds of misalignment the debrief flags (GAME_MODEL.md section 6). */
export type FlagRule =
  | 'discoveryDuringBreach'
  | 'hardeningOnShortRunway'
  | 'abTestDuringDrift'
  | 'weeklyRetrainWithoutCapacity'
  | 'unkeepableContract'
  | 'impactOverBudget'
  | 'waitingForCleanData'
  | 'shipOnUntestedAssumptions';

/** One flagged decision, with the evidence from the log. */
export interface Flag {
  rule: FlagRule;
  week: number;
  seq: number;
  decision: string;
  reason: string;
  evidence: Record<string, number | string>;
}

/** Runway (weeks) under which pre-fit hardening counts as premature. */
export const SHORT_RUNWAY_WEEKS = 30;
/** The classic drift line (model-skill share lost) above which an A/B test is confounded; the
 * flag itself asks the engine's driftActive, which reads the scenario's rules. */
export const ACTIVE_DRIFT = defaultRules().model.driftActiveAbove;

type Rule = (s: GameState, d: DecisionLine, sc: Scenario) => Omit<Flag, 'week' | 'seq' | 'decision'> | null;

const nameOf = (list: readonly { id: string; name: string }[], id: string): string => list.find((x) => x.id === id)?.name ?? id;
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const runwayWords = (weeks: number): string => (weeks < 0 ? 'no cash left' : `${plural(weeks, 'week', 'weeks')} of runway left`);

const overdue = (s: GameState) => s.contracts.active.filter((c) => c.breaches > 0 || (s.week >= c.graceEndsWeek && c.capabilities.some((x) => !s.capabilities.includes(x))));

const RULES: Record<FlagRule, Rule> = {
  discoveryDuringBreach: (s, d) => {
    if (s.phase !== 'postFit' || AFFINITY[d.type] !== 'discovery') return null;
    const late = overdue(s);
    if (late.length === 0) return null;
    return {
      rule: 'discoveryDuringBreach',
      reason: `Discovery work after fit while ${late.length === 1 ? 'a contract was in breach or past its grace period' : `${late.length} contracts were in breach or past their grace periods`}.`,
      evidence: { contracts: late.length, breaches: s.contracts.breaches },
    };
  },
  hardeningOnShortRunway: (s, d, sc) => {
    if (s.phase !== 'preFit' || d.type !== 'capability.build') return null;
    const runway = runwayWeeks(s);
    if (runway >= SHORT_RUNWAY_WEEKS) return null;
    return {
      rule: 'hardeningOnShortRunway',
      reason: `Built ${nameOf(sc.capabilities, d.data.capability)} before fit with ${runwayWords(runway)}: protecting a product nobody has confirmed yet.`,
      evidence: { runwayWeeks: runway, cash: s.cash },
    };
  },
  abTestDuringDrift: (s, d, sc) => {
    if (d.type !== 'experiment.run' || d.data.method !== 'abTest' || d.data.isolated) return null;
    if (!driftActive(s, sc)) return null;
    return {
      rule: 'abTestDuringDrift',
      reason: 'Ran an A/B test while drift was moving the model, without isolating the variable: the result is confounded.',
      evidence: { dataDrift: s.model.dataDrift, conceptDrift: s.model.conceptDrift },
    };
  },
  weeklyRetrainWithoutCapacity: (s, d, sc) => {
    if (d.type !== 'model.setCadence' || d.data.everyWeeks !== 1) return null;
    const ml = freeCapacity(s, sc).ml;
    if (ml >= sc.model.retrainMlWeeks) return null;
    return {
      rule: 'weeklyRetrainWithoutCapacity',
      reason: 'Set a weekly retrain with no ML-engineer time free to run it: the pipeline cannot keep that cadence.',
      evidence: { freeMlWeeks: ml, neededPerRetrain: sc.model.retrainMlWeeks },
    };
  },
  unkeepableContract: (s, d, sc) => {
    if (d.type !== 'contract.sign') return null;
    const o = s.contracts.offers.find((x) => x.id === d.data.offer);
    if (!o) return null;
    if (keepable(s, o, sc)) return null;
    const missing = o.capabilities.filter((c) => !s.capabilities.includes(c));
    const weeks = weeksToMeet(s, o, sc);
    return {
      rule: 'unkeepableContract',
      reason: `Signed ${o.buyer} although its demands could not be met in the ${o.graceWeeks}-week grace period.`,
      evidence: {
        missing: missing.map((c) => nameOf(sc.capabilities, c)).join(', ') || 'none',
        weeksNeeded: weeks,
        graceWeeks: o.graceWeeks,
        p95Ms: s.reliability.p95Ms,
        demandedP95Ms: o.p95Ms,
      },
    };
  },
  impactOverBudget: (s, d, sc) => {
    if (d.type !== 'feature.ship' && d.type !== 'gpu.signoff') return null;
    const item = d.type === 'feature.ship' ? d.data.feature : d.data.item;
    const hours = item === 'training' ? 0 : featureGpuHoursPerMonth(s, sc, item);
    const runway = runwayWeeks(s);
    if (hours <= signoffThresholdHours(sc) || runway >= SHORT_RUNWAY_WEEKS) return null;
    return {
      rule: 'impactOverBudget',
      reason: `Pushed ${nameOf(sc.features, item)}, projected at ${num(hours)} GPU-hours a month, with ${runwayWords(runway)}: the GPU ledger said no.`,
      evidence: { gpuHoursPerMonth: hours, signoffLine: signoffThresholdHours(sc), runwayWeeks: runway },
    };
  },
  shipOnUntestedAssumptions: untested,
  waitingForCleanData: (s, d, sc) => {
    if (s.phase !== 'preFit' || d.type !== 'labels.buy') return null;
    const loops = s.features.some((f) => sc.features.find((x) => x.id === f)?.instrumented);
    if (loops || s.discovery.concluded > 0) return null;
    return {
      rule: 'waitingForCleanData',
      reason: 'Bought clean labels before testing anything or shipping a feature that collects feedback: waiting for data instead of designing the loop.',
      evidence: { experimentsConcluded: s.discovery.concluded, instrumentedFeatures: 0 },
    };
  },
};

/* Building on a strategy whose hypotheses nobody has tested is the roadmap-driver's mistake. */
function untested(s: GameState, d: DecisionLine, sc: Scenario): Omit<Flag, 'week' | 'seq' | 'decision'> | null {
  if (s.phase !== 'preFit' || d.type !== 'feature.ship') return null;
  // An instrumented feature is itself a way to test: it is the feedback loop, not the roadmap.
  if (sc.features.find((f) => f.id === d.data.feature)?.instrumented) return null;
  const relied = sc.hypotheses.filter((h) => reliesOn(s, h));
  const tested = relied.filter((h) => (s.discovery.beliefs.find((b) => b.id === h.id)?.tests ?? 0) > 0).length;
  if (tested > 0) return null;
  return {
    rule: 'shipOnUntestedAssumptions',
    reason: `Shipped ${nameOf(sc.features, d.data.feature)} before fit without testing ${relied.length === 1 ? 'the one hypothesis' : `any of the ${relied.length} hypotheses`} the strategy rests on.`,
    evidence: { reliedHypotheses: relied.length, tested },
  };
}

/** The flags as a projection of the one fold, so the score and the debrief share one pass. */
export function flagsProjection(sc: Scenario): Projection<Flag[]> {
  const flags: Flag[] = [];
  return {
    onDecision: (s, d) => {
      for (const rule of Object.values(RULES)) {
        const f = rule(s, d, sc);
        if (f) flags.push({ ...f, week: d.week, seq: d.seq, decision: d.type });
      }
    },
    result: () => flags,
  };
}

/** Every phase-alignment flag in a log, in log order. */
export function alignmentFlags(log: GameLog, sc: Scenario): Flag[] {
  return foldLog(log, sc, { flags: flagsProjection(sc) }).flags;
}

type Unit = 'money' | 'share' | 'weeks' | 'count' | 'ms' | 'hours' | 'text';

/** A plain-language label and unit for every evidence key the rules above cite. */
export const EVIDENCE_LABELS: Readonly<Record<string, { label: string; unit: Unit }>> = {
  contracts: { label: 'contracts in breach or past grace', unit: 'count' },
  breaches: { label: 'breaches so far', unit: 'count' },
  runwayWeeks: { label: 'runway', unit: 'weeks' },
  cash: { label: 'cash', unit: 'money' },
  dataDrift: { label: 'data drift', unit: 'share' },
  conceptDrift: { label: 'concept drift', unit: 'share' },
  freeMlWeeks: { label: 'free ML-engineer time', unit: 'weeks' },
  neededPerRetrain: { label: 'ML-engineer time one retrain needs', unit: 'weeks' },
  missing: { label: 'capabilities missing', unit: 'text' },
  weeksNeeded: { label: 'time to build them', unit: 'weeks' },
  graceWeeks: { label: 'grace period', unit: 'weeks' },
  p95Ms: { label: 'p95 latency', unit: 'ms' },
  demandedP95Ms: { label: 'p95 latency demanded', unit: 'ms' },
  gpuHoursPerMonth: { label: 'projected GPU use a month', unit: 'hours' },
  signoffLine: { label: 'sign-off line a month', unit: 'hours' },
  experimentsConcluded: { label: 'experiments concluded', unit: 'count' },
  instrumentedFeatures: { label: 'features collecting feedback', unit: 'count' },
  reliedHypotheses: { label: 'hypotheses the strategy rests on', unit: 'count' },
  tested: { label: 'hypotheses tested', unit: 'count' },
};

function inUnit(v: number, unit: Unit, key: string): string {
  switch (unit) {
    case 'money':
      return money(v);
    case 'share':
      return pct(v);
    case 'weeks':
      return key === 'runwayWeeks' && v >= 999 ? 'not burning cash' : key === 'runwayWeeks' && v < 0 ? 'out of cash' : `${num(v)} wk`;
    case 'ms':
      return `${num(v)} ms`;
    case 'hours':
      return `${num(v)} GPU-hours`;
    case 'count':
    case 'text':
      return num(v);
    default: {
      const never: never = unit;
      return never;
    }
  }
}

/** A flag rule's id in words, e.g. "discovery during breach" (reports and viewer). */
export const ruleWords = (rule: string): string => rule.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

/** A flag's evidence as plain lines, e.g. "runway: 12.5 wk", "cash: $90k" (reports and viewer). */
export function evidenceLines(flag: Pick<Flag, 'evidence'>): string[] {
  return Object.entries(flag.evidence).map(([key, v]) => {
    const known = EVIDENCE_LABELS[key];
    const label = known?.label ?? key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
    return `${label}: ${typeof v === 'number' ? inUnit(v, known?.unit ?? 'count', key) : v}`;
  });
}
