import type { LogEntry } from '../engine/log/format.js';

/* Week-by-week figures for the charts, read from the game's own log lines. */

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
}

/** Builds the series from log entries, starting from the opening values. */
export function seriesOf(entries: readonly LogEntry[], start: { cash: number; trust: number; accuracy: number; p95: number }): Series {
  const out: Series = { weeks: 0, cash: [start.cash], survey: [0], retention: [0], trust: [start.trust], accuracy: [start.accuracy], p95: [start.p95], uptime: [1] };
  for (const e of entries) {
    if (e.kind === 'checkpoint') {
      out.weeks = e.week;
      out.cash[e.week] = e.cash;
    } else if (e.kind === 'event' && e.type === 'market.moved') {
      const d = e.data as { survey: number; retention: number; trust: number; perceivedAccuracy: number };
      out.survey[e.week] = d.survey;
      out.retention[e.week] = d.retention;
      out.trust[e.week] = d.trust;
      out.accuracy[e.week] = d.perceivedAccuracy;
    } else if (e.kind === 'event' && e.type === 'reliability.measured') {
      const d = e.data as { p95Ms: number; uptime: number };
      out.p95[e.week] = d.p95Ms;
      out.uptime[e.week] = d.uptime;
    }
  }
  return out;
}
