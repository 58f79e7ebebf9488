import { getScenario } from '../../src/index.js';
import { gamesBench } from './games.js';
import type { BenchConfig } from './harness.js';

/* The entry of the bundled games bench: plays the games of section (b) in this process, built by
 * esbuild as the browser and the balance workers run the engine, and prints the rows as JSON. */

const [id, cfgJson] = process.argv.slice(2);
const loaded = getScenario(id ?? '');
if (!loaded) throw new Error(`bench: unknown scenario ${id}`);
const cfg = JSON.parse(cfgJson ?? '{}') as BenchConfig;
process.stdout.write(JSON.stringify(await gamesBench(loaded.scenario, cfg)));
