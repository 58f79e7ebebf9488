import type { Command } from 'commander';
import { z } from 'zod';
import { BOTS, getBot, makeHeader, playGame, scenarioIds, serializeLog, type Game } from '../../index.js';
import { CliError, validate } from '../errors.js';
import { int, ms, money, pairs, pct } from '../format.js';
import { checkOut, say, sayJson, scenarioOrFail, writeText } from '../io.js';
import { json, oneOf, text } from '../options.js';
import { headline, outcomeText } from '../summary.js';
import type { Finish } from './types.js';

/* `phase-shift play`: a bot plays a whole game headless; the log can be saved as JSON Lines. */

const optionsSchema = () =>
  z.strictObject({
    scenario: oneOf(scenarioIds(), 'scenario'),
    seed: text('seed', 200),
    bot: oneOf(Object.keys(BOTS), 'bot'),
    out: text('output file name', 4096).optional(),
    player: text('player name', 200).optional(),
    json,
  });

/** Registers the `play` command. */
export function registerPlay(program: Command, finish: Finish): void {
  program
    .command('play')
    .description('play a whole game headless with a bot and print how it went')
    .requiredOption('--scenario <id>', 'scenario id (see `phase-shift scenarios`)')
    .requiredOption('--seed <seed>', 'world seed: the same seed gives the same world')
    .requiredOption('--bot <name>', `decision policy: ${Object.keys(BOTS).join(', ')}`)
    .option('--out <file.jsonl>', 'write the game log (JSON Lines) to this file')
    .option('--player <name>', 'player name recorded in the log header')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExample:\n  phase-shift play --scenario devtools-codegen --seed demo --bot phase-aware --out demo.jsonl')
    .action((raw: unknown) => {
      const opts = validate(optionsSchema(), raw);
      const loaded = scenarioOrFail(opts.scenario, 'option --scenario');
      const bot = getBot(opts.bot);
      if (!bot) throw new CliError(`option --bot: unknown bot "${opts.bot}"`);
      if (opts.out !== undefined) checkOut(opts.out, []);
      const game = playGame(loaded.scenario, opts.seed, bot, { mode: 'bulk', record: true });
      let saved: { file: string; lines: number } | null = null;
      if (opts.out !== undefined) {
        const header = makeHeader(loaded.scenario, loaded.hash, opts.seed, { ...(opts.player ? { player: opts.player } : {}), createdAt: new Date().toISOString() });
        writeText(opts.out, serializeLog({ header, entries: [...game.entries()] }));
        saved = { file: opts.out, lines: game.entries().length + 1 };
      }
      const summary = playSummary(game, opts, saved);
      if (opts.json) sayJson(summary);
      else say(playText(game, summary));
      finish(0);
    });
}

/** The JSON summary of a finished game. */
export function playSummary(game: Game, opts: { scenario: string; seed: string; bot: string }, log: { file: string; lines: number } | null) {
  return { ok: true, scenario: opts.scenario, seed: opts.seed, bot: opts.bot, status: game.status(), ...headline(game.state(), game.scenario), log };
}

function playText(game: Game, sum: ReturnType<typeof playSummary>): string {
  const s = game.state();
  return [
    `Played ${sum.scenario} with seed "${sum.seed}" and bot ${sum.bot}.`,
    pairs([
      ['outcome', outcomeText(s)],
      ['phase switch', sum.fitWeek === null ? 'never' : `week ${sum.fitWeek}`],
      ['cash', money(sum.cash)],
      ['ARR', money(sum.arr)],
      ['uptime', `${pct(sum.uptime)} (last week)`],
      ['p95 latency', ms(sum.p95Ms)],
      ['customers', int(sum.customers)],
      ['log', sum.log ? `${sum.log.file} (${int(sum.log.lines)} lines)` : 'not saved (use --out <file.jsonl>)'],
    ]),
  ].join('\n');
}
