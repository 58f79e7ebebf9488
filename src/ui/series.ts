import type { LogEntry } from '../engine/log/format.js';

/* Week-by-week figures for the charts, read from the game's own log lines. */

/** One week's books as finance.booked reported them. */
export interface WeekBooks {
  revenue: number;
  payroll: number;
  gpu: number;
  labeling: number;
  tooling: number;
  credits: number;
}

/** The history of the figures the dashboard plots, indexed by week (index 0 = start). */
export interface Series {
  weeks: number;
  cash: number[];
  survey: number[];
  retention: number[];
  trust: number[];
  accuracy: number[];
  p95: number[];
  uptime: number[];
  /** Downtime hours accumulated in the month, as measured at each week's end. */
  downtimeMonth: number[];
  /** The books of each week (undefined before the first week closes). */
  books: (WeekBooks | undefined)[];
  dataDrift: number[];
  conceptDrift: number[];
  /** The week drift monitoring came online, or null while it is not built. */
  driftSince: number | null;
}

type Start = { cash: number; trust: number; accuracy: number; p95: number };

function empty(start: Start): Series {
  return {
    weeks: 0,
    cash: [start.cash],
    survey: [0],
    retention: [0],
    trust: [start.trust],
    accuracy: [start.accuracy],
    p95: [start.p95],
    uptime: [1],
    downtimeMonth: [0],
    books: [],
    dataDrift: [0],
    conceptDrift: [0],
    driftSince: null,
  };
}

/** Builds the series from log entries, starting from the opening values. */
export function seriesOf(entries: readonly LogEntry[], start: Start): Series {
  const out = empty(start);
  for (const e of entries) {
    if (e.kind === 'checkpoint') {
      out.weeks = e.week;
      out.cash[e.week] = e.cash;
    } else if (e.kind === 'event') {
      readEvent(out, e.type, e.week, e.data);
    }
  }
  fill(out.dataDrift, out.weeks);
  fill(out.conceptDrift, out.weeks);
  return out;
}

/* A level holds until the next event moves it. */
function fill(values: number[], weeks: number): void {
  for (let w = 1; w <= weeks; w++) if (values[w] === undefined) values[w] = values[w - 1] ?? 0;
}

function readEvent(out: Series, type: string, week: number, data: unknown): void {
  if (type === 'market.moved') {
    const d = data as { survey: number; retention: number; trust: number; perceivedAccuracy: number };
    out.survey[week] = d.survey;
    out.retention[week] = d.retention;
    out.trust[week] = d.trust;
    out.accuracy[week] = d.perceivedAccuracy;
  } else if (type === 'reliability.measured') {
    const d = data as { p95Ms: number; uptime: number; downtimeMonth: number };
    out.p95[week] = d.p95Ms;
    out.uptime[week] = d.uptime;
    out.downtimeMonth[week] = d.downtimeMonth;
  } else if (type === 'finance.booked') {
    const d = data as WeekBooks;
    out.books[week] = { revenue: d.revenue, payroll: d.payroll, gpu: d.gpu, labeling: d.labeling, tooling: d.tooling, credits: d.credits };
  } else if (type === 'model.drifted') {
    const d = data as { dataDrift: number; conceptDrift: number };
    out.dataDrift[week] = d.dataDrift;
    out.conceptDrift[week] = d.conceptDrift;
  } else if (type === 'project.completed') {
    const d = data as { kind: string; item: string };
    if (d.kind === 'capability' && d.item === 'driftMonitoring' && out.driftSince === null) out.driftSince = week;
  }
}
