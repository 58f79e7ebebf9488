import type { Command } from 'commander';
import { z } from 'zod';
import {
  checkWorkshopCode,
  decodeWorkshopCode,
  encodeWorkshopCode,
  ENGINE_VERSION,
  getScenario,
  scenarioIds,
  workshopQuery,
  workshopSeedProblem,
  type WorkshopCode,
  type WorkshopMismatch,
} from '../../index.js';
import { CliError, EXIT, validate } from '../errors.js';
import { pairs } from '../format.js';
import { say, sayJson, scenarioOrFail } from '../io.js';
import { json, oneOf, text } from '../options.js';
import type { Finish } from './types.js';

/* `phase-shift code`: a workshop code that pins scenario, seed and the engine and scenario
 * versions (`--scenario … --seed …`), or a check of one against this build (`--check <code>`):
 * exit 0 when it fits, 1 when it does not (each difference explained), 2 when it is malformed. */

const optionsSchema = () =>
  z
    .strictObject({
      scenario: oneOf(scenarioIds(), 'scenario').optional(),
      seed: text('seed', 200)
        .superRefine((v, ctx) => {
          const problem = workshopSeedProblem(v);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
      check: text('code', 400).optional(),
      json,
    })
    .superRefine((o, ctx) => {
      const say = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
      if (o.check !== undefined && (o.scenario !== undefined || o.seed !== undefined)) say('check', 'give either --check <code>, or --scenario and --seed, not both');
      else if (o.check === undefined && o.scenario === undefined) say('scenario', 'required (with --seed) to make a code; or give --check <code> to check one');
      else if (o.check === undefined && o.seed === undefined) say('seed', 'required with --scenario: the seed everyone will play');
    });

/** Registers the `code` command. */
export function registerCode(program: Command, finish: Finish): void {
  program
    .command('code')
    .description('print a workshop code pinning scenario, seed and versions; or check one against this build')
    .option('--scenario <id>', 'scenario id (see `phase-shift scenarios`)')
    .option('--seed <seed>', 'world seed: printable ASCII, at most 32 characters')
    .option('--check <code>', 'decode a workshop code (or a URL with ?code=…) and check it against this build')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText(
      'after',
      '\nExit codes: 0 code printed, or the code fits this build · 1 the code does not fit this build (explained) · 2 bad usage or a malformed code\n\nExamples:\n  phase-shift code --scenario devtools-codegen --seed demo42\n  phase-shift code --check PS1-…   (the code as typed; case, dashes and spaces do not matter)',
    )
    .action((raw: unknown) => {
      const opts = validate(optionsSchema(), raw);
      if (opts.check !== undefined) finish(checkCode(opts.check, opts.json));
      else finish(makeCode(opts.scenario ?? '', opts.seed ?? '', opts.json));
    });
}

/** The pins of a code in JSON: what `--json` prints for both making and checking. */
export function pinsJson(v: WorkshopCode) {
  return { scenario: { id: v.scenarioId, version: v.scenarioVersion, hashPrefix: v.scenarioHashPrefix }, seed: v.seed, rules: v.rules ?? null, engine: v.engineVersion };
}

function makeCode(id: string, seed: string, asJson: boolean): number {
  const { scenario, hash } = scenarioOrFail(id, 'option --scenario');
  const code = encodeWorkshopCode({ scenarioId: id, scenarioVersion: scenario.version, scenarioHash: hash, seed, engineVersion: ENGINE_VERSION });
  const decoded = decodeWorkshopCode(code);
  if (!decoded.ok) throw new Error(`a fresh workshop code does not decode: ${decoded.reason}`);
  if (asJson) sayJson({ ok: true, code, query: workshopQuery(code), pins: pinsJson(decoded.value) });
  else
    say(
      [
        `workshop code: ${code}`,
        `URL query:     ${workshopQuery(code)}`,
        '',
        'It pins:',
        pinLines(decoded.value),
        '',
        'Everyone who enters this code plays the same world; only their decisions differ.',
      ].join('\n'),
    );
  return EXIT.ok;
}

function checkCode(text: string, asJson: boolean): number {
  const decoded = decodeWorkshopCode(text);
  if (!decoded.ok) throw new CliError(`option --check: ${decoded.reason}`);
  const v = decoded.value;
  const code = encodeWorkshopCode({ ...v, scenarioHash: v.scenarioHashPrefix });
  const checked = checkWorkshopCode(v, { engineVersion: ENGINE_VERSION, scenarios: (id) => bundled(id) });
  const mismatches = checked.ok ? [] : checked.mismatches.map(withBundledList);
  if (asJson) sayJson({ ok: checked.ok, code, query: workshopQuery(code), pins: pinsJson(v), mismatches });
  else say(checkText(code, v, mismatches));
  return checked.ok ? EXIT.ok : EXIT.mismatch;
}

function bundled(id: string): { version: string; hash: string } | undefined {
  const loaded = getScenario(id);
  return loaded ? { version: loaded.scenario.version, hash: loaded.hash } : undefined;
}

function withBundledList(m: WorkshopMismatch): WorkshopMismatch {
  return m.kind === 'scenario-unknown' ? { ...m, message: `${m.message} (this build ships: ${scenarioIds().join(', ')})` } : m;
}

function checkText(code: string, v: WorkshopCode, mismatches: WorkshopMismatch[]): string {
  const head = mismatches.length === 0 ? `${code}: fits this build` : `${code}: does not fit this build`;
  const lines = [head, '', 'It pins:', pinLines(v)];
  if (mismatches.length > 0) lines.push('', ...mismatches.map((m) => `mismatch: ${m.message}`));
  else lines.push('', `To play it headless: phase-shift play --scenario ${v.scenarioId} --seed ${shellQuote(v.seed)} --bot <name>`);
  return lines.join('\n');
}

function pinLines(v: WorkshopCode): string {
  return pairs([
    ['scenario', `${v.scenarioId} ${v.scenarioVersion} (content ${v.scenarioHashPrefix}…)`],
    ['seed', JSON.stringify(v.seed)],
    ['rules', v.rules ?? 'standard'],
    ['engine', v.engineVersion],
  ]).replace(/^/gm, '  ');
}

/** A word the shell passes through unchanged: bare when safe, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._\-/:=@%+,]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
