import type { Scenario } from '../scenarios/schema.js';
import { METHOD_IDS } from '../scenarios/schema.js';
import type { GameState } from '../engine/state.js';
import type { Decision } from '../engine/decisions.js';
import type { DecisionCost } from '../engine/rules.js';
import { money, pct } from './format.js';

/* The decision menu: cards described from scenario data. Neither a card's cost nor whether it
 * can be played is decided here: the view asks the engine's costOf and the game's probe. */

/** A choice inside a card (a hypothesis, a feature, an amount…). */
export interface Option {
  value: string;
  label: string;
}

/** One decision card. */
export interface Card {
  id: string;
  title: string;
  effect: string;
  /** Terms that are not a cost (an offer's expiry, the GPU price list). */
  note?: string;
  options?: Option[];
  /** The decision for the chosen option (the first option when there is a select). */
  make(option: string): Decision;
}

/** A titled group of cards. */
export interface Group {
  name: string;
  cards: Card[];
}

/** One line of cost, from the engine's own cost of the decision in this state. */
export function costText(c: DecisionCost | null): string {
  if (!c) return '';
  const parts: string[] = [];
  if (c.cash > 0) parts.push(c.gpuOnDemand > 0 ? `${money(c.cash)} (${money(c.gpuOnDemand)} on-demand GPU)` : money(c.cash));
  if (c.billedLater > 0) parts.push(`${money(c.billedLater)} on delivery`);
  if (c.focus > 0) parts.push(`${c.focus} focus`);
  if (c.engWeeks > 0) parts.push(`${c.engWeeks} eng-wk`);
  if (c.mlWeeks > 0) parts.push(`${c.mlWeeks} ML-wk`);
  if (c.perWeek && (c.perWeek.eng > 0 || c.perWeek.ml > 0)) {
    const team = [c.perWeek.eng > 0 ? `${c.perWeek.eng} eng` : '', c.perWeek.ml > 0 ? `${c.perWeek.ml} ML` : ''].filter(Boolean).join(' + ');
    parts.push(`${team} per wk for ${c.perWeek.weeks} wk`);
  } else if (c.perWeek) parts.push(`${c.perWeek.weeks} wk`);
  if (c.gpuHours > 0) parts.push(`${c.gpuHours.toLocaleString('en-US')} GPU-h`);
  if (c.trust > 0) parts.push(`−${pct(c.trust)} trust`);
  if (c.customers > 0) parts.push(`−${Math.round(c.customers * 10) / 10} customers`);
  return parts.length ? parts.join(' · ') : 'no cost';
}

const opts = <T extends { id: string; name: string }>(xs: readonly T[]): Option[] => xs.map((x) => ({ value: x.id, label: x.name }));

function discover(sc: Scenario, s: GameState): Card[] {
  const hyps = sc.hypotheses.map((h) => ({ value: h.id, label: h.statement }));
  const cards: Card[] = METHOD_IDS.map((m) => {
    const spec = sc.discovery.methods[m];
    return {
      id: `experiment-${m}`,
      title: spec.name,
      options: hyps,
      effect: `Evidence ×${spec.strength} on a hypothesis; says "yes" to a false one ${Math.round(spec.falseYes * 100)}% of the time.`,
      make: (h) => ({ type: 'experiment.run', data: { method: m, hypothesis: h, isolated: false } }),
    };
  });
  cards.push({
    id: 'target',
    title: 'Target a segment',
    options: opts(sc.segments),
    effect: `Now: ${sc.segments.find((x) => x.id === s.strategy.segment)?.name ?? 'none'}. Sets who you sell to.`,
    make: (v) => ({ type: 'strategy.target', data: { segment: v } }),
  });
  cards.push({
    id: 'adopt',
    title: 'Adopt a UI paradigm',
    options: opts(sc.paradigms),
    effect: `Now: ${sc.paradigms.find((x) => x.id === s.strategy.paradigm)?.name ?? 'none'}. How users meet the model.`,
    make: (v) => ({ type: 'strategy.adopt', data: { paradigm: v } }),
  });
  if (sc.valueProps)
    cards.push({
      id: 'position',
      title: 'Position the promise',
      options: opts(sc.valueProps),
      effect: `Now: ${sc.valueProps.find((x) => x.id === s.strategy.valueProp)?.name ?? 'none'}. What you promise the segment.`,
      make: (v) => ({ type: 'strategy.position', data: { valueProp: v } }),
    });
  cards.push({
    id: 'kill',
    title: 'Kill a paradigm',
    options: opts(sc.paradigms),
    effect: 'Stop exploring a UI idea for good.',
    make: (v) => ({ type: 'paradigm.kill', data: { paradigm: v } }),
  });
  return cards;
}

function build(sc: Scenario): Card[] {
  const cards: Card[] = sc.features.map((f) => ({
    id: `feature-${f.id}`,
    title: `Ship ${f.name}`,
    effect: f.blurb,
    make: () => ({ type: 'feature.ship', data: { feature: f.id } }),
  }));
  const modes: Option[] = sc.features.flatMap((f) => [
    { value: `${f.id}|realtime`, label: `${f.name} → real time` },
    { value: `${f.id}|batch`, label: `${f.name} → batch` },
  ]);
  cards.push({
    id: 'mode',
    title: 'Set inference mode',
    options: modes,
    effect: `Real time pulls users but uses ×${sc.gpu.realtimeFactor} the GPU-hours of batch.`,
    make: (v) => ({ type: 'inference.setMode', data: { feature: v.split('|')[0] ?? '', mode: v.endsWith('realtime') ? 'realtime' : 'batch' } }),
  });
  return cards;
}

function modelData(sc: Scenario, s: GameState): Card[] {
  const thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t) => ({ value: String(t), label: `threshold ${t.toFixed(2)}` }));
  const cadence = [0, 1, 2, 4, 8].map((w) => ({ value: String(w), label: w === 0 ? 'manual only' : `every ${w} wk` }));
  const batches = [1, 2, 5, 10].map((b) => ({ value: String(b), label: `${b} × ${sc.labeling.batch} labels` }));
  const cards: Card[] = [
    {
      id: 'retrain',
      title: 'Retrain the model',
      effect: `Folds new labels into ${sc.model.metricName}; v${s.model.version} now.`,
      make: () => ({ type: 'model.retrain', data: {} }),
    },
    {
      id: 'labels',
      title: 'Buy labels',
      note: `the vendor bills on delivery`,
      options: batches,
      effect: `Vendor labels arrive next week; ~${Math.round(sc.labeling.noise * 100)}% are noisy.`,
      make: (v) => ({ type: 'labels.buy', data: { batches: Number(v) } }),
    },
    {
      id: 'threshold',
      title: 'Set the operating threshold',
      options: thresholds,
      effect: `Now ${s.model.threshold.toFixed(2)}: higher trades recall for precision.`,
      make: (v) => ({ type: 'model.setThreshold', data: { threshold: Number(v) } }),
    },
    {
      id: 'cadence',
      title: 'Set retraining cadence',
      options: cadence,
      effect: `Now ${s.model.cadence === 0 ? 'manual' : `every ${s.model.cadence} wk`}: scheduled retrains fight drift.`,
      make: (v) => ({ type: 'model.setCadence', data: { everyWeeks: Number(v) as 0 | 1 | 2 | 4 | 8 } }),
    },
  ];
  for (const c of sc.calibration) {
    cards.push({
      id: `calibration-${c.id}`,
      title: `Build ${c.name}`,
      effect: 'Shows users when to trust the model, so trust tracks accuracy.',
      make: () => ({ type: 'calibration.build', data: { kind: c.id } }),
    });
  }
  return cards;
}

function compute(sc: Scenario, s: GameState): Card[] {
  const step = sc.gpu.reservationStepHours;
  const now = s.gpu.reservedHoursPerMonth;
  const levels = [-2, -1, 1, 2, 4].map((k) => now + k * step).filter((h) => h >= 0);
  const items: Option[] = [...sc.features.map((f) => ({ value: f.id, label: f.name })), { value: 'training', label: 'Model training' }];
  return [
    {
      id: 'reserve',
      title: 'Reserve GPU-hours',
      note: `$${sc.gpu.reservedPricePerHour}/h reserved vs $${sc.gpu.onDemandPricePerHour}/h on demand`,
      options: levels.map((h) => ({ value: String(h), label: `${h.toLocaleString('en-US')} h/month` })),
      effect: `Now ${now.toLocaleString('en-US')} h/month, ${s.gpu.monthUsed.toLocaleString('en-US')} used this month.`,
      make: (v) => ({ type: 'gpu.reserve', data: { hoursPerMonth: Number(v) } }),
    },
    {
      id: 'signoff',
      title: 'Ask the founder to sign off',
      options: items,
      effect: `Needed above ${sc.gpu.signoffGpuWeeksPerMonth} GPU-weeks a month; ${sc.gpu.signoffsPerQuarter} a quarter.`,
      make: (v) => ({ type: 'gpu.signoff', data: { item: v } }),
    },
  ];
}

function teamMoney(sc: Scenario): Card[] {
  const role = (r: 'engineer' | 'mlEngineer') => (r === 'engineer' ? 'engineer' : 'ML engineer');
  const cards: Card[] = (['engineer', 'mlEngineer'] as const).flatMap(
    (r) =>
      [
        {
          id: `hire-${r}`,
          title: `Hire an ${role(r)}`,
          note: `then ${money(r === 'engineer' ? sc.team.engineerPerWeek : sc.team.mlEngineerPerWeek)} a week in payroll`,
          effect: `Joins in ${sc.team.hireWeeks} wk; more capacity, more burn.`,
          make: () => ({ type: 'team.hire', data: { role: r } }),
        },
        { id: `release-${r}`, title: `Let an ${role(r)} go`, effect: 'Lowers burn; loses capacity.', make: () => ({ type: 'team.release', data: { role: r } }) },
      ] satisfies Card[],
  );
  for (const r of sc.rounds) {
    cards.push({
      id: `raise-${r.id}`,
      title: `Raise ${r.name}`,
      effect: `${money(r.amount)} in ${r.weeksToClose} wk (${r.phase === 'preFit' ? 'before' : 'after'} fit).`,
      make: () => ({ type: 'funding.raise', data: { round: r.id } }),
    });
  }
  cards.push({
    id: 'paydown',
    title: 'Pay down tech debt',
    options: [1, 2, 4].map((w) => ({ value: String(w), label: `${w} eng-week${w > 1 ? 's' : ''}` })),
    effect: 'Debt drags capacity and invites incidents.',
    make: (v) => ({ type: 'debt.paydown', data: { engWeeks: Number(v) } }),
  });
  return cards;
}

function reliability(sc: Scenario): Card[] {
  return sc.capabilities.map((c) => ({
    id: `capability-${c.id}`,
    title: `Build ${c.name}`,
    effect: c.blurb,
    make: () => ({ type: 'capability.build', data: { capability: c.id } }),
  }));
}

function contracts(s: GameState): Card[] {
  return s.contracts.offers.flatMap((o) => {
    const terms = `${money(o.arr)} ARR · ${(o.uptime * 100).toFixed(2)}% · p95 ≤ ${o.p95Ms} ms${o.capabilities.length ? ` · needs ${o.capabilities.join(', ')}` : ''}`;
    return [
      { id: `sign-${o.id}`, title: `Sign ${o.buyer}`, note: `expires week ${o.expiresWeek}`, effect: terms, make: () => ({ type: 'contract.sign', data: { offer: o.id } }) },
      { id: `decline-${o.id}`, title: `Decline ${o.buyer}`, effect: 'Keeps the SLO promises you can hold.', make: () => ({ type: 'contract.decline', data: { offer: o.id } }) },
    ] satisfies Card[];
  });
}

/** The decision groups for the state, in the order the phase makes them matter. */
export function groupsFor(sc: Scenario, s: GameState): Group[] {
  const base: Group[] = [
    { name: 'Discover', cards: discover(sc, s) },
    { name: 'Build', cards: build(sc) },
    { name: 'Model & Data', cards: modelData(sc, s) },
    { name: 'Compute', cards: compute(sc, s) },
    { name: 'Team & Money', cards: teamMoney(sc) },
  ];
  if (s.phase !== 'postFit') return [...base, { name: 'Reliability (hardening)', cards: reliability(sc) }];
  const ops = [
    { name: 'Reliability', cards: reliability(sc) },
    { name: 'Contracts', cards: contracts(s) },
  ];
  return [...ops, ...base.slice(1), base[0] as Group];
}
