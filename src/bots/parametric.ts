import type { Scenario } from '../scenarios/schema.js';
import { DECISION_LIMITS, type Decision } from '../engine/decisions.js';
import { keepable } from '../engine/systems/contracts.js';
import type { Bot, BotRandom, PlayerView } from './types.js';
import { bestThreshold, nextFeature, shipWithSignoff, targetReservation } from './heuristics.js';
import { HARDENING_ORDER, batchTheLeastValuable, experiments, phaseAwareBot, strategyMoves } from './phase-aware.js';

/* A parametric policy for the exploit search (issue 11, point 3): per phase, one weight in
 * [0, 1] for each kind of decision. Every week each kind offers the candidates phase-aware
 * would consider (built with phase-aware's own helpers, in both phases), and the weight decides
 * how many of them the bot tries: w·n rounded up or down at random, so 0 is never, 1 always. */

/** The decision kinds a parametric policy weighs, in the order its plan tries them. */
export const KINDS = ['strategy', 'experiments', 'ship', 'capabilities', 'calibration', 'sign', 'decline', 'gpu', 'retrain', 'labels', 'hiring', 'fundraising', 'debt'] as const;

/** One decision kind of the parametric policy. */
export type Kind = (typeof KINDS)[number];

/** Weights are quarter steps, so policies have short names and hill climbing has neighbours. */
export const LEVELS = 4;

/** A parametric policy: weight levels 0..LEVELS per kind, before fit and after. */
export interface Policy {
  preFit: Record<Kind, number>;
  postFit: Record<Kind, number>;
}

const underway = (v: PlayerView, item: string) => v.projects.some((p) => p.item === item);

function capabilityCandidates(v: PlayerView): Decision[] {
  const demanded = new Set(v.contracts.active.flatMap((c) => c.capabilities));
  const order = [...HARDENING_ORDER].sort((a, b) => Number(demanded.has(b)) - Number(demanded.has(a)));
  return order
    .filter((c) => !v.capabilities.includes(c) && !underway(v, c))
    .slice(0, 2)
    .map((capability) => ({ type: 'capability.build', data: { capability } }));
}

function offers(v: PlayerView, sc: Scenario, keep: boolean | null): Decision[] {
  const list = v.contracts.offers.filter((o) => keep === null || keepable(v, o, sc) === keep);
  const ranked = [...list].sort((a, b) => Number(keepable(v, b, sc)) - Number(keepable(v, a, sc)));
  return ranked.map((o) => (keep === false ? { type: 'contract.decline', data: { offer: o.id } } : { type: 'contract.sign', data: { offer: o.id } }));
}

/** The candidate decisions of one kind this week; a kind's entries are tried or skipped whole. */
export function candidates(kind: Kind, v: PlayerView, sc: Scenario): Decision[][] {
  const one = (d: Decision[]) => (d.length > 0 ? [d] : []);
  switch (kind) {
    case 'strategy':
      return one(strategyMoves(v, sc));
    case 'experiments':
      return experiments(v, sc).map((d) => [d]);
    case 'ship': {
      const next = nextFeature(v, sc, 'flywheel');
      return next ? [shipWithSignoff(v, sc, next)] : [];
    }
    case 'capabilities':
      return capabilityCandidates(v).map((d) => [d]);
    case 'calibration': {
      const kindLeft = (['confidence', 'explanations'] as const).find((k) => !v.calibration.includes(k));
      return kindLeft ? [[{ type: 'calibration.build', data: { kind: kindLeft } }]] : [];
    }
    case 'sign':
      return offers(v, sc, null).map((d) => [d]);
    case 'decline':
      return offers(v, sc, false).map((d) => [d]);
    case 'gpu': {
      const reserve = targetReservation(v, sc);
      const out: Decision[][] = reserve > v.gpu.reservedHoursPerMonth ? [[{ type: 'gpu.reserve', data: { hoursPerMonth: reserve } }]] : [];
      return [...out, ...batchTheLeastValuable(v, sc).map((d) => [d])];
    }
    case 'retrain':
      return v.model.labelsSinceTrain >= 3000 && v.week - v.model.lastTrainWeek >= 4 ? [[{ type: 'model.retrain', data: {} }]] : [];
    case 'labels': {
      const batches = Math.min(DECISION_LIMITS.labelBatches, Math.max(1, Math.floor(sc.labeling.maxPerWeek / sc.labeling.batch / 2)));
      return [[{ type: 'labels.buy', data: { batches } }]];
    }
    case 'hiring':
      return v.team.engineers + v.team.hiring.length < 10 ? [[{ type: 'team.hire', data: { role: 'engineer' } }]] : [];
    case 'fundraising': {
      const round = sc.rounds.find((r) => r.phase === v.phase && !v.rounds.closed.includes(r.id));
      return round ? [[{ type: 'funding.raise', data: { round: round.id } }]] : [];
    }
    case 'debt':
      return v.debt > 4 ? [[{ type: 'debt.paydown', data: { engWeeks: 2 } }]] : [];
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/** How many of n candidates a weight level tries: level/LEVELS · n, rounded at random. */
export function howMany(level: number, n: number, random: BotRandom): number {
  if (level <= 0 || n === 0) return 0;
  if (level >= LEVELS) return n;
  return Math.min(n, Math.floor((level * n) / LEVELS + random()));
}

/** The week's plan of a policy: the threshold kept at its best, then each kind's share of its candidates. */
export function parametricPlan(p: Policy, v: PlayerView, sc: Scenario, random: BotRandom): Decision[] {
  const weights = v.phase === 'postFit' ? p.postFit : p.preFit;
  const t = bestThreshold(v, sc);
  const out: Decision[] = Math.abs(t - v.model.threshold) > 1e-9 ? [{ type: 'model.setThreshold', data: { threshold: t } }] : [];
  for (const kind of KINDS) {
    const c = candidates(kind, v, sc);
    const k = howMany(weights[kind], c.length, random);
    for (const group of c.slice(0, k)) out.push(...group);
  }
  return out;
}

const PREFIX = 'parametric:';

/** A policy's short code: one digit per kind, before fit, a slash, after fit. */
export function policyCode(p: Policy): string {
  return `${KINDS.map((k) => p.preFit[k]).join('')}/${KINDS.map((k) => p.postFit[k]).join('')}`;
}

function levels(digits: string): Record<Kind, number> | null {
  if (!new RegExp(`^[0-${LEVELS}]{${KINDS.length}}$`).test(digits)) return null;
  return Object.fromEntries(KINDS.map((k, i) => [k, Number(digits[i])])) as Record<Kind, number>;
}

/** The policy a code names, or null for a malformed code. */
export function parsePolicy(code: string): Policy | null {
  const [pre = '', post = '', ...rest] = code.split('/');
  const preFit = levels(pre);
  const postFit = levels(post);
  return preFit && postFit && rest.length === 0 ? { preFit, postFit } : null;
}

/** The bot that plays a policy; its name carries the code, so getBot can rebuild it anywhere. */
export function parametricBot(p: Policy): Bot {
  const code = policyCode(p);
  return {
    name: `${PREFIX}${code}`,
    description: `A parametric policy (${code}): per phase, how much of each kind of phase-aware candidate decision it tries.`,
    plan: (v, sc, random) => parametricPlan(p, v, sc, random),
    respond: phaseAwareBot.respond,
  };
}

/** A parametric bot from a name "parametric:<code>", or undefined. */
export function parametricFromName(name: string): Bot | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const p = parsePolicy(name.slice(PREFIX.length));
  return p ? parametricBot(p) : undefined;
}

const uniform = (level: number): Record<Kind, number> => Object.fromEntries(KINDS.map((k) => [k, level])) as Record<Kind, number>;

/** The policy closest to phase-aware: its kinds on in their phase, everything else off. */
export const PHASE_AWARE_LIKE: Policy = {
  preFit: { ...uniform(0), strategy: 4, experiments: 4, ship: 4, calibration: 4, gpu: 2, retrain: 4, fundraising: 1 },
  postFit: { ...uniform(0), strategy: 0, sign: 2, decline: 4, capabilities: 2, gpu: 4, retrain: 4, fundraising: 4, debt: 4, hiring: 1 },
};

/** A policy's weights in words, phase by phase: "before fit: experiments always, capabilities none, …". */
export function policyWords(p: Policy): string {
  const word = (l: number) => (['none', 'low', 'medium', 'high', 'always'] as const)[l] ?? String(l);
  const phase = (w: Record<Kind, number>) => KINDS.map((k) => `${k} ${word(w[k])}`).join(', ');
  return `before fit: ${phase(p.preFit)}; after fit: ${phase(p.postFit)}`;
}
