import type { Command } from 'commander';
import { z } from 'zod';
import { derive, hashOf, replay, type GameState, type Scenario } from '../../index.js';
import { CliError, validate } from '../errors.js';
import { loadLog, say, sayJson } from '../io.js';
import { json, wholeNumber } from '../options.js';
import { headline, scoreText, stateReport } from '../summary.js';
import { scoreCard } from '../../analysis/score.js';
import type { Finish } from './types.js';

/* `phase-shift replay <log> [--week N]`: folds the recorded events (no rules, no draws) and
 * prints the state after week N, or at the end of the log. */

const Options = z.strictObject({ week: wholeNumber('week', 0).optional(), json });

/** Registers the `replay` command. */
export function registerReplay(program: Command, finish: Finish): void {
  program
    .command('replay')
    .description('fold a log and print the state after a week (default: the end)')
    .argument('<log>', 'a JSON Lines game log ("-" reads standard input)')
    .option('--week <n>', 'show the state after week n (0 = before week 1)')
    .option('--json', 'print one JSON object instead of text')
    .action((file: string, raw: unknown) => {
      const opts = validate(Options, raw);
      const { log, loaded } = loadLog(file);
      const last = log.entries.reduce((w, e) => Math.max(w, e.week), 0);
      if (opts.week !== undefined && opts.week > last) {
        throw new CliError(`option --week: the log covers weeks 1–${last} (got ${opts.week})`);
      }
      const week = opts.week ?? last;
      const state = replay(log, loaded.scenario, week);
      const card = week === last ? scoreCard(log, loaded.scenario) : null;
      if (opts.json) sayJson({ ...replayJson(file, week, state, loaded.scenario), ...(card ? { score: card } : {}) });
      else
        say(
          `${file}, ${week === 0 ? 'before week 1' : `after week ${week}`}${week === last ? ' (end of log)' : ''}\n\n${stateReport(state, loaded.scenario)}${card ? `\n\n${scoreText(card)}` : ''}`,
        );
      finish(0);
    });
}

/** The JSON report of a replayed state. */
export function replayJson(file: string, afterWeek: number, s: GameState, sc: Scenario) {
  return {
    ok: true,
    file,
    afterWeek,
    ...headline(s, sc),
    hash: hashOf(s),
    model: { skill: s.model.skill, effectiveSkill: derive.effectiveSkill(s), version: s.model.version, threshold: s.model.threshold },
    beliefs: s.discovery.beliefs,
    capabilities: s.capabilities,
    contracts: { active: s.contracts.active, offers: s.contracts.offers, signed: s.contracts.signed, churned: s.contracts.churned, breaches: s.contracts.breaches },
    debt: s.debt,
  };
}
