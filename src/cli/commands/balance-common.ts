import { scenarioIds } from '../../index.js';
import type { Proportion } from '../../analysis/stats.js';
import { int } from '../format.js';
import type { BalanceOptions } from './balance.js';

/* What the plain balance run and its measuring modes share: defaults, the progress bar, a rate
 * with its interval, and the scenarios the options name. */

/** Seeds per scenario and bot for --lessons when --runs is not given. */
export const LESSON_RUNS = 100;
/** Games an exploit search plays when --budget is not given (seconds on one thread). */
export const SEARCH_BUDGET = 8_000;

/** A progress bar on stderr, redrawn at most ten times a second; `end` clears its line. */
export function progressBar(total: number): { update: (done: number, total: number) => void; end: () => void } {
  const started = Date.now();
  let drawn = 0;
  const draw = (done: number) => {
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? `${int(done / secs)} games/s` : '';
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${int(done)}/${int(total)} games  ${rate}\u001b[K`);
  };
  return {
    update: (done) => {
      const now = Date.now();
      if (done < total && now - drawn < 100) return;
      drawn = now;
      draw(done);
    },
    end: () => process.stderr.write(`\r\u001b[K${int(total)} games in ${((Date.now() - started) / 1000).toFixed(1)} s\n`),
  };
}

/** A rate with its 95% interval, in percent. */
export const pctCI = (p: Proportion) => `${(p.rate * 100).toFixed(1)}% [${(p.lo * 100).toFixed(1)}–${(p.hi * 100).toFixed(1)}]`;

/** The scenario ids the options name (all of them for `all`). */
export function scenariosOf(opts: BalanceOptions): string[] {
  const id = opts.scenario ?? 'all';
  return id === 'all' ? scenarioIds() : [id];
}
