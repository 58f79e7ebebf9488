import { cpus, loadavg } from 'node:os';
import { produce } from 'immer';
import {
  createWorldTable,
  DECISION_TYPES,
  evolve,
  getBot,
  getScenario,
  hashOf,
  initialState,
  makeHeader,
  parseLog,
  playGame,
  replay,
  scenarioIds,
  serializeLog,
  verify,
  type GameEvent,
  type GameState,
  type ParsedLog,
  type Scenario,
} from '../../src/index.js';
import { compare, duration, renderTable, times, type BenchConfig } from './harness.js';
import { debriefBench } from './debrief.js';
import { bundledGames } from './games-bundled.js';
import { poolBench } from './pool.js';
import { cloneBench } from './clone.js';
import { annotationsBench } from './annotations.js';

/* `npm run bench`: the performance budgets of ARCHITECTURE.md, each figure printed beside a
 * baseline measured in the same run (median of several interleaved samples). Timings never
 * pass or fail anything; the last lines only say whether each target is met on this machine.
 * BENCH_QUICK=1 takes fewer, shorter samples. */

const QUICK = process.env['BENCH_QUICK'] === '1';
const CFG: BenchConfig = QUICK ? { sampleMs: 60, samples: 3, warmupMs: 100 } : { sampleMs: 250, samples: 7, warmupMs: 400 };
const SCENARIO = 'devtools-codegen';

type Row = [string, string, string, string, string];
interface Target {
  name: string;
  met: boolean;
  figure: string;
}

const decisionTypes = new Set<string>(DECISION_TYPES);

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`bench: ${what} not found`);
  return x;
}

/** The longest of a dozen phase-aware games: a full recorded log to fold, parse and verify. */
function recordedGame(sc: Scenario, hash: string): { seed: string; text: string; log: ParsedLog } {
  const bot = need(getBot('phase-aware'), 'bot phase-aware');
  let best = { seed: '', lines: -1, text: '' };
  for (let i = 0; i < 12; i++) {
    const seed = `bench-${i}`;
    const game = playGame(sc, seed, bot, { mode: 'bulk', record: true });
    const entries = [...game.entries()];
    if (entries.length > best.lines) best = { seed, lines: entries.length, text: serializeLog({ header: makeHeader(sc, hash, seed), entries }) };
  }
  const parsed = parseLog(best.text);
  if (!parsed.ok) throw new Error(`bench: the recorded log does not parse: line ${parsed.error.line}: ${parsed.error.message}`);
  return { seed: best.seed, text: best.text, log: parsed.log };
}

/** The event lines of a log (decisions are skipped, as replay does). */
function eventsOf(log: ParsedLog): (GameEvent & { seq: number; week: number })[] {
  const out: (GameEvent & { seq: number; week: number })[] = [];
  for (const e of log.entries) if (e.kind === 'event' && !decisionTypes.has(e.type)) out.push(e as GameEvent & { seq: number; week: number });
  return out;
}

/** (a) Folding a recorded log: evolve on a fresh state, immer per event and per week, vs a plain loop. */
function foldBench(sc: Scenario, seed: string, log: ParsedLog, rows: Row[], targets: Target[]): void {
  const events = eventsOf(log);
  const table = createWorldTable(seed, sc.weeks);
  const byWeek = new Map<number, GameEvent[]>();
  for (const e of events) byWeek.set(e.week, [...(byWeek.get(e.week) ?? []), e]);
  const weeks = [...byWeek.values()];
  const loop = () => {
    let sum = 0;
    for (const e of events) sum += e.seq + e.week;
    return sum;
  };
  const fresh = () => initialState(sc, seed, table);
  const fold = () => {
    const s = fresh();
    for (const e of events) evolve(s, e);
    return s;
  };
  const immerEvent = () => events.reduce<GameState>((s, e) => produce(s, (d) => void evolve(d, e)), fresh());
  const immerWeek = () => weeks.reduce<GameState>((s, es) => produce(s, (d) => es.forEach((e) => evolve(d, e))), fresh());
  const replayed = hashOf(replay(log, sc));
  if (hashOf(fold()) !== replayed || hashOf(immerEvent()) !== replayed || hashOf(immerWeek()) !== replayed) throw new Error('bench: the folds disagree with replay()');
  // The engine's fold is replay(): build the initial state, then apply every event with evolve.
  // Its baseline is the plain mutable reducer the architecture budgets against: the same events
  // applied in place to a private copy made once (no parsing, no dispatch through the library).
  const f = compare(() => replay(log, sc), fold, CFG);
  rows.push([`(a) fold a full log: replay() (${events.length} events)`, duration(f.ms), `plain mutable reducer: ${duration(f.baseMs)}`, times(f.ratio), '≤ 5×']);
  const vsFold = (name: string, fn: () => unknown, target = '') => {
    const x = compare(fn, fold, CFG);
    rows.push([`    ${name}`, duration(x.ms), `mutable reducer: ${duration(x.baseMs)}`, times(x.ratio), target]);
  };
  vsFold('of which initialState alone', fresh);
  vsFold('immer: one produce per week (live play)', immerWeek, '(compare)');
  vsFold('immer: one produce per event (autoFreeze)', immerEvent, '(compare)');
  vsFold(`a walk over the ${events.length} events doing no work`, loop, '(floor)');
  targets.push({ name: 'replay() of a full log ≤ 5× the plain mutable reducer', met: f.ratio <= 5, figure: times(f.ratio) });
  targets.push({ name: 'fold a full log in a few milliseconds (≤ 5 ms)', met: f.ms <= 5, figure: duration(f.ms) });
}

/** (c) Verifying a full log (re-simulation + weekly hashes) vs parsing it, and parsing vs JSON.parse. */
function verifyBench(sc: Scenario, text: string, log: ParsedLog, rows: Row[]): void {
  const lines = text.trimEnd().split('\n');
  const check = verify(log, sc);
  if (!check.ok) throw new Error(`bench: the recorded log does not verify: ${check.message}`);
  const v = compare(
    () => verify(log, sc),
    () => parseLog(text),
    CFG,
  );
  rows.push([`(c) verify a full log (${lines.length} lines, ${(text.length / 1024).toFixed(0)} KB)`, duration(v.ms), `parseLog: ${duration(v.baseMs)}`, times(v.ratio), '']);
  const p = compare(
    () => parseLog(text),
    () => lines.map((l) => JSON.parse(l) as unknown),
    CFG,
  );
  rows.push(['    parseLog (zod, every line)', duration(p.ms), `JSON.parse per line: ${duration(p.baseMs)}`, times(p.ratio), '']);
}

async function main(): Promise<void> {
  const loaded = need(getScenario(SCENARIO), `scenario ${SCENARIO}`);
  const sc = loaded.scenario;
  const started = Date.now();
  const { seed, text, log } = recordedGame(sc, loaded.hash);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Phase Shift bench — Node ${process.version}, ${cpus().length} × ${cpu}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `median of ${CFG.samples} interleaved samples of ~${CFG.sampleMs} ms each; log: ${SCENARIO}, seed "${seed}", ${log.entries.length + 1} lines, ${replay(log, sc).week} weeks\n`,
  );
  const rows: Row[] = [];
  const targets: Target[] = [];
  foldBench(sc, seed, log, rows, targets);
  const largest =
    scenarioIds()
      .map((id) => need(getScenario(id), id).scenario)
      .sort((a, b) => b.weeks - a.weeks || (a.id < b.id ? -1 : 1))[0] ?? sc;
  console.log(`bot games per second are measured on the largest scenario: ${largest.id} (${largest.weeks} weeks)\n`);
  const games = await bundledGames(largest.id, CFG);
  rows.push(...games.rows);
  targets.push(...games.targets);
  verifyBench(sc, text, log, rows);
  const pool = await poolBench(sc, QUICK);
  rows.push(...pool.rows);
  targets.push(...pool.targets);
  const debrief = await debriefBench(sc, loaded.hash, log, CFG);
  rows.push(...debrief.rows);
  targets.push(...debrief.targets);
  const clones = cloneBench(sc, CFG);
  rows.push(...clones.rows);
  targets.push(...clones.targets);
  const notes = annotationsBench(text, log, CFG);
  rows.push(...notes.rows);
  targets.push(...notes.targets);
  console.log(renderTable(['measure', 'figure', 'baseline (same run)', 'ratio', 'target'], rows));
  console.log('');
  console.log("where a game's time goes (shares of one game, measured part by part):");
  for (const n of games.notes) console.log(`  ${n}`);
  console.log('');
  for (const t of targets) console.log(`target ${t.met ? 'met    ' : 'not met'}: ${t.name} (${t.figure})`);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s; timings are reported, never asserted)`);
}

await main();
