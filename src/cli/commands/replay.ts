import type { Command } from 'commander';
import { z } from 'zod';
import { derive, hashOf, replay, verify, type GameState, type Scenario } from '../../index.js';
import { incompleteText } from '../../engine/log/replay.js';
import { olderVersionNote } from '../../scenarios/registry.js';
import { CliError, EXIT, validate } from '../errors.js';
import { loadLog, say, sayJson } from '../io.js';
import { json, wholeNumber } from '../options.js';
import { headline, scoreText, stateReport } from '../summary.js';
import { scoreCard } from '../../analysis/score.js';
import type { Finish } from './types.js';

/* `phase-shift replay <log> [--week N]`: prints the state after week N, or at the end of the
 * log. It verifies first (re-simulates the log and demands every line back) and refuses a log
 * that does not reproduce, so what it prints are the game's facts; with --no-verify it only
 * folds the recorded events and every output says "not verified". */

const Options = z.strictObject({ week: wholeNumber('week', 0).optional(), verify: z.boolean().default(true), json });

const NOT_VERIFIED = 'not verified: these figures are folded from the log as written (--no-verify); a tampered log would show its forged facts';

/** Registers the `replay` command. */
export function registerReplay(program: Command, finish: Finish): void {
  program
    .command('replay')
    .description('verify a log, then print the state after a week (default: the end)')
    .argument('<log>', 'a JSON Lines game log ("-" reads standard input)')
    .option('--week <n>', 'show the state after week n (0 = before week 1)')
    .option('--no-verify', 'skip the re-simulation and fold the recorded events as they are; the output says "not verified"')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText(
      'after',
      '\nreplay verifies the log first (as `phase-shift verify` does) and prints nothing from a log that does not reproduce.\nExit codes: 0 printed · 1 the log does not reproduce (line named) · 2 bad usage, or the log cannot be read or parsed',
    )
    .action((file: string, raw: unknown) => {
      const opts = validate(Options, raw);
      const { log, loaded } = loadLog(file);
      const checked = opts.verify ? verify(log, loaded.scenario) : null;
      if (checked && !checked.ok) throw new CliError(`${file}:${checked.line}: ${checked.message} (run phase-shift verify ${file} for the difference)`, EXIT.mismatch);
      const last = log.entries.reduce((w, e) => (e.kind === 'annotation' ? w : Math.max(w, e.week)), 0);
      if (opts.week !== undefined && opts.week > last) {
        throw new CliError(`option --week: the log covers weeks 1–${last} (got ${opts.week})`);
      }
      const week = opts.week ?? last;
      const state = replay(log, loaded.scenario, week);
      const end = replay(log, loaded.scenario);
      const incomplete = end.ended ? null : incompleteText(last);
      const card = week === last ? scoreCard(log, loaded.scenario) : null;
      if (opts.json) {
        const facts = { verified: opts.verify, ...(opts.verify ? {} : { warning: NOT_VERIFIED }), complete: incomplete === null, ...(incomplete ? { incomplete } : {}) };
        sayJson({ ...replayJson(file, week, state, loaded.scenario), ...facts, ...(card ? { score: card } : {}) });
      } else {
        const head = `${file}, ${week === 0 ? 'before week 1' : `after week ${week}`}${week === last ? ' (end of log)' : ''}`;
        const older = olderVersionNote(loaded);
        const notes = [
          opts.verify ? 'verified: the log reproduces line for line' : NOT_VERIFIED,
          ...(older ? [`${older}; replayed with the released ${loaded.scenario.version}`] : []),
          ...(incomplete ? [incomplete] : []),
        ];
        say(`${head}\n${notes.join('\n')}\n\n${stateReport(state, loaded.scenario)}${card ? `\n\n${scoreText(card)}` : ''}`);
      }
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
