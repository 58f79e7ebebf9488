import type { Command } from 'commander';
import { z } from 'zod';
import { getScenario, scenarioIds } from '../../index.js';
import { validate } from '../errors.js';
import { table } from '../format.js';
import { say, sayJson } from '../io.js';
import type { Finish } from './types.js';

/* `phase-shift scenarios`: the bundled scenarios, one per line. */

const Options = z.strictObject({ json: z.boolean().default(false) });

/** One bundled scenario as listed. */
export interface ScenarioRow {
  id: string;
  name: string;
  tagline: string;
  version: string;
  weeks: number;
  hash: string;
}

/** Every bundled scenario's id, name and tagline (plus version, length and content hash). */
export function listScenarios(): ScenarioRow[] {
  return scenarioIds().flatMap((id) => {
    const loaded = getScenario(id);
    if (!loaded) return [];
    const { scenario: sc, hash } = loaded;
    return [{ id, name: sc.name, tagline: sc.tagline, version: sc.version, weeks: sc.weeks, hash }];
  });
}

/** Registers the `scenarios` command. */
export function registerScenarios(program: Command, finish: Finish): void {
  program
    .command('scenarios')
    .description('list the bundled scenarios (id, name, tagline)')
    .option('--json', 'print one JSON object: { scenarios: [...] }')
    .action((raw: unknown) => {
      const opts = validate(Options, raw);
      const rows = listScenarios();
      if (opts.json) sayJson({ ok: true, scenarios: rows });
      else
        say(
          table(
            ['id', 'name', 'tagline'],
            rows.map((r) => [r.id, r.name, r.tagline]),
          ),
        );
      finish(0);
    });
}
