import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

/* The scenario format as a JSON Schema, generated from the zod schema so the two can never
 * disagree on shape. Editors read the generated file (scenarios/schema.json, referenced by each
 * scenario's "$schema") to complete and check keys while someone writes a scenario by hand.
 * Draft-07 because every common editor and validator understands it; the input side because a
 * field with a default may be left out of the file. Cross-references (a hypothesis naming a
 * segment that exists, pullMin ≤ pullMax) are beyond JSON Schema: `phase-shift validate`. */

/** Where the generated schema lives, relative to the repository root. */
export const SCENARIO_JSON_SCHEMA_FILE = 'scenarios/schema.json';

const TITLE = 'Phase Shift scenario';
const DESCRIPTION =
  'One company for the Phase Shift simulation: every balance number of the game. Generated from ScenarioSchema ' +
  '(src/scenarios/schema.ts) by `npm run schema`; do not edit by hand. Checks the shape of the file only: ' +
  'run `phase-shift validate <file>` for the cross-references as well.';
const SELF_REFERENCE = 'Path to this JSON Schema so editors can complete and check the file, usually "./schema.json".';

/** The JSON Schema (draft-07, input side) of a scenario file, with a title and description. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ScenarioSchema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'throw',
    override: ({ jsonSchema, path }) => {
      if (path.length === 2 && path[0] === 'properties' && path[1] === '$schema') jsonSchema.description = SELF_REFERENCE;
    },
  });
  const { $schema, ...rest } = generated;
  return { $schema, title: TITLE, description: DESCRIPTION, ...rest };
}

/** The schema as file text: 2-space JSON and a final newline, so regenerating is byte-stable. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
