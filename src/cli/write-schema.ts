import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchemaText } from '../scenarios/json-schema.js';

/* `npm run schema`: writes scenarios/schema.json from the zod schema. `npm run schema -- --check`
 * writes nothing and exits 1 when the file is out of date (the test suite checks the same). */

const target = fileURLToPath(new URL(`../../${SCENARIO_JSON_SCHEMA_FILE}`, import.meta.url));
const text = scenarioJsonSchemaText();

function current(): string | undefined {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return undefined;
  }
}

if (process.argv.includes('--check')) {
  const fresh = current() === text;
  process.stdout.write(fresh ? `${SCENARIO_JSON_SCHEMA_FILE} is up to date\n` : `${SCENARIO_JSON_SCHEMA_FILE} is out of date: run npm run schema\n`);
  process.exitCode = fresh ? 0 : 1;
} else if (current() === text) {
  process.stdout.write(`${SCENARIO_JSON_SCHEMA_FILE} is already up to date\n`);
} else {
  writeFileSync(target, text, 'utf8');
  process.stdout.write(`wrote ${SCENARIO_JSON_SCHEMA_FILE} (${text.length} characters)\n`);
}
