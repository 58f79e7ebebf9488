import type { Command } from 'commander';
import { z } from 'zod';
import { ENGINE_VERSION, verify, type VerifyResult } from '../../index.js';
import { EXIT, validate } from '../errors.js';
import { diffWindow, int } from '../format.js';
import { loadLog, say, sayJson, type LoadedLog } from '../io.js';
import { json } from '../options.js';
import { incompleteText } from '../../engine/log/replay.js';
import { olderVersionNote } from '../../scenarios/registry.js';
import type { Finish } from './types.js';

/* `phase-shift verify <log>`: re-simulates a log from its seed and decisions and demands every
 * recorded line back. Exit 0 when it reproduces, 1 naming the first differing line, 2 when the
 * file cannot be read, parsed, or belongs to a scenario this build does not ship. */

const Options = z.strictObject({ json });

/** Registers the `verify` command. */
export function registerVerify(program: Command, finish: Finish): void {
  program
    .command('verify')
    .description('re-simulate a log and check that it reproduces line for line')
    .argument('<log>', 'a JSON Lines game log ("-" reads standard input)')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText(
      'after',
      "\nA verified log proves the facts of the game, not who played it: the header's player name is metadata.\nA log that stops before the game ended verifies, and is reported as incomplete.\nExit codes: 0 verified · 1 a line differs (named) · 2 unreadable, invalid or foreign log",
    )
    .action((file: string, raw: unknown) => {
      const opts = validate(Options, raw);
      const loaded = loadLog(file);
      const result = verify(loaded.log, loaded.loaded.scenario);
      if (opts.json) sayJson(verifyJson(loaded, result));
      else say(verifyText(loaded, result));
      finish(result.ok ? EXIT.ok : EXIT.mismatch);
    });
}

/** What a verification proves and what it does not: the facts, never who played. */
export const PROVES = 'verify proves the facts of the game (seed, decisions and every event they lead to), not who played it';

function metadataNote(l: LoadedLog): string {
  const h = l.log.header;
  const unproven = [h.player === undefined ? '' : `the player name ${JSON.stringify(h.player)}`, h.createdAt === undefined ? '' : 'the date'].filter((x) => x !== '');
  if (unproven.length === 0) return `note: ${PROVES} (the log names no player).`;
  return `note: ${PROVES}: ${unproven.join(' and ')} in the header ${unproven.length === 1 ? 'is' : 'are'} metadata, not proven.`;
}

/** The JSON report of a verification. */
export function verifyJson(l: LoadedLog, r: VerifyResult) {
  const engine = { log: l.log.header.engine, current: ENGINE_VERSION };
  const unproven = { player: l.log.header.player ?? null, createdAt: l.log.header.createdAt ?? null };
  if (r.ok) {
    const complete = r.ended !== null;
    const game = { complete, ended: r.ended, lastWeek: r.lastWeek, ...(complete ? {} : { incomplete: incompleteText(r.lastWeek) }) };
    return { ok: true, file: l.file, lines: r.lines, weeks: r.weeks, finalHash: r.finalHash, ...game, engine, proves: PROVES, unproven };
  }
  return { ok: false, file: l.file, line: r.line, message: r.message, expected: r.expected, actual: r.actual, engine };
}

function verifyText(l: LoadedLog, r: VerifyResult): string {
  const engine = l.log.header.engine === ENGINE_VERSION ? [] : [`note: the log was recorded by engine ${l.log.header.engine}; this is engine ${ENGINE_VERSION}`];
  const older = olderVersionNote(l.loaded);
  const note = older ? [...engine, `note: ${older}; verified with the released ${l.loaded.scenario.version}`] : engine;
  if (r.ok) {
    const ending = r.ended ? `the game ended: ${r.ended.reason} in week ${r.ended.week}` : incompleteText(r.lastWeek);
    return [...note, `verified: ${int(r.lines)} lines, ${r.weeks} weeks, final hash ${r.finalHash}`, ending, metadataNote(l)].join('\n');
  }
  const w = diffWindow(r.expected, r.actual);
  return [...note, `${l.file}:${r.line}: ${r.message}`, `  first difference at character ${w.at + 1}`, `  expected (log):    ${w.a}`, `  actual (engine):   ${w.b}`].join('\n');
}
