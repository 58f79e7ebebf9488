import type { LogEntry } from '../engine/log/format.js';
import type { Scenario } from '../scenarios/schema.js';
import { money, pct } from './format.js';

/* The week's story: world events of the last closed week told in plain words. */

/** One line of the story, with a tone for its marker. */
export interface StoryLine {
  tone: 'good' | 'bad' | 'info';
  text: string;
}

type Data = Record<string, unknown>;
type Teller = (d: Data, sc: Scenario) => StoryLine | null;

const n = (v: unknown) => (typeof v === 'number' ? v : 0);
const s = (v: unknown) => (typeof v === 'string' ? v : String(v));
const line = (tone: StoryLine['tone'], text: string): StoryLine => ({ tone, text });
const hyp = (sc: Scenario, id: unknown) => sc.hypotheses.find((h) => h.id === id)?.statement ?? s(id);
const named = (sc: Scenario, id: unknown) => [...sc.features, ...sc.capabilities, ...sc.calibration].find((x) => x.id === id)?.name ?? s(id);

const TELLERS: Record<string, Teller> = {
  'experiment.concluded': (d, sc) =>
    line(
      d.supported ? 'good' : 'bad',
      `${sc.discovery.methods[s(d.method) as 'interviews']?.name ?? s(d.method)} ${d.supported ? 'supported' : 'did not support'} “${hyp(sc, d.hypothesis)}” — belief now ${pct(n(d.belief))}${d.status !== 'open' ? ` (${s(d.status)})` : ''}${d.confounded ? '; the result was confounded' : ''}.`,
    ),
  'project.completed': (d, sc) => line('good', `${named(sc, d.item)} is done${n(d.debt) ? ` (+${n(d.debt)} tech debt)` : ''}.`),
  'model.retrained': (d) =>
    line(
      d.regressed ? 'bad' : 'good',
      `Model v${n(d.version)} trained: skill ${pct(n(d.skill))}${d.regressed ? (d.caught ? ' — a regression, caught by the eval harness' : ' — it regressed') : ''}.`,
    ),
  'model.retrainSkipped': (d) => line('info', `Scheduled retrain skipped: ${s(d.reason)}`),
  'model.drifted': (d) => (d.dataOnset || d.conceptOnset ? line('bad', `${d.conceptOnset ? 'Concept' : 'Data'} drift set in: the world moved away from the training data.`) : null),
  'labels.collected': (d) => line('info', `${n(d.clean) + n(d.noisy)} labels came in (${n(d.noisy)} noisy).`),
  'gpu.monthClosed': (d) =>
    line(n(d.used) > n(d.reserved) ? 'bad' : 'info', `GPU month closed: ${n(d.used).toLocaleString('en-US')} of ${n(d.reserved).toLocaleString('en-US')} reserved hours used.`),
  'team.joined': (d) => line('good', `A new ${d.role === 'engineer' ? 'engineer' : 'ML engineer'} joined.`),
  'funding.closed': (d) => line('good', `Round closed: ${money(n(d.amount))} in the bank.`),
  'debt.accrued': (d) => (n(d.amount) >= 1 ? line('bad', `Tech debt grew by ${n(d.amount).toFixed(1)}.`) : null),
  'market.moved': (d) =>
    line('info', `${Math.floor(n(d.customers))} paying customers; survey ${pct(n(d.survey))} “very disappointed”, retention ${pct(n(d.retention))}, trust ${pct(n(d.trust))}.`),
  'reliability.measured': (d) =>
    n(d.downtimeWeek) > 0 ? line('bad', `${n(d.downtimeWeek).toFixed(1)} h of downtime; uptime ${pct(n(d.uptime), 2)}, p95 ${Math.round(n(d.p95Ms))} ms.`) : null,
  'incident.opened': (d, sc) => line('bad', `Incident #${n(d.id)}: ${sc.reliability.incidents.find((i) => i.kind === d.kind)?.name ?? s(d.kind)}.`),
  'contract.offered': (d) => line('good', `${s((d.offer as Data).buyer)} offers a contract worth ${money(n((d.offer as Data).arr))} ARR.`),
  'contract.expired': (d) => line('info', `Offer #${n(d.offer)} expired.`),
  'contract.breached': (d) => line('bad', `Contract #${n(d.contract)} breached (${s(d.reason)}); ${money(n(d.credit))} credited.`),
  'contract.churned': (d) => line('bad', `Contract #${n(d.contract)} churned: ${s(d.reason)}.`),
  'contract.renewed': (d) => line('good', `Contract #${n(d.contract)} renewed.`),
  'finance.booked': (d) => line('info', `Booked ${money(n(d.revenue))} revenue against ${money(n(d.payroll) + n(d.gpu) + n(d.labeling) + n(d.tooling) + n(d.credits))} of costs.`),
  'phase.switched': (d) => line('good', `Product–market fit confirmed: survey ${pct(n(d.survey))}, retention ${pct(n(d.retention))}, ${Math.floor(n(d.customers))} customers.`),
  'shock.struck': (d) =>
    line(
      'bad',
      d.kind === 'competitor'
        ? 'A competitor launched; the market pulls less for a while.'
        : d.kind === 'fundingWinter'
          ? 'A funding winter: rounds shrink for a while.'
          : 'A key customer left.',
    ),
  'game.ended': (d) => line(d.reason === 'won' ? 'good' : 'bad', `The game ended: ${s(d.reason)}.`),
};

/** The story of the world events in a week (most telling first: bad news, then good, then info). */
export function storyOf(entries: readonly LogEntry[], week: number, sc: Scenario): StoryLine[] {
  const out: StoryLine[] = [];
  for (const e of entries) {
    if (e.kind !== 'event' || e.by !== 'world' || e.week !== week) continue;
    const told = TELLERS[e.type]?.(e.data as Data, sc);
    if (told) out.push(told);
  }
  const rank = { bad: 0, good: 1, info: 2 };
  return out.sort((a, b) => rank[a.tone] - rank[b.tone]);
}
