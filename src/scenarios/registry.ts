import devtoolsCodegen from '../../scenarios/devtools-codegen.json';
import cvWarehouse from '../../scenarios/cv-warehouse.json';
import healthcareDiagnostics from '../../scenarios/healthcare-diagnostics.json';
import fraudDetection from '../../scenarios/fraud-detection.json';
import supportAgents from '../../scenarios/support-agents.json';
import legalContracts from '../../scenarios/legal-contracts.json';
import speechToText from '../../scenarios/speech-to-text.json';
import voiceCloning from '../../scenarios/voice-cloning.json';
import { loadScenario, type LoadedScenario } from './load.js';
import { RELEASED } from './released.js';

/* The scenarios that ship with the game, validated once on first use. */

const RAW: Record<string, unknown> = {
  'devtools-codegen': devtoolsCodegen,
  'cv-warehouse': cvWarehouse,
  'healthcare-diagnostics': healthcareDiagnostics,
  'fraud-detection': fraudDetection,
  'support-agents': supportAgents,
  'legal-contracts': legalContracts,
  'speech-to-text': speechToText,
  'voice-cloning': voiceCloning,
};

const cache = new Map<string, LoadedScenario>();

/** Ids of the bundled scenarios, in display order. */
export function scenarioIds(): string[] {
  return Object.keys(RAW);
}

/** A bundled scenario by id (throws with the file's problems if a shipped file is broken). */
export function getScenario(id: string): LoadedScenario | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  if (!Object.hasOwn(RAW, id)) return undefined; // not '__proto__' or 'constructor' either
  const raw = RAW[id];
  const r = loadScenario(raw);
  if (!r.ok) throw new Error(`scenarios/${id}.json is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  cache.set(id, r.value);
  return r.value;
}

/** Finds the current version of a scenario by id: the registry's own, or a test's stand-in. */
export type CurrentLookup = (id: string) => LoadedScenario | undefined;

/** How a log's scenario pin resolved: the version to replay it with, or why none is kept. */
export type LogScenario = { ok: true; loaded: LoadedScenario; current: LoadedScenario | undefined } | { ok: false; reason: string };

const released = new Map<(typeof RELEASED)[number], LoadedScenario>();

/** The released versions of one scenario, loaded on first use (a broken copy throws, like a broken current file). */
function releasedOf(id: string): LoadedScenario[] {
  const out: LoadedScenario[] = [];
  for (const entry of RELEASED) {
    if (entry.id !== id) continue;
    let hit = released.get(entry);
    if (!hit) {
      const r = loadScenario(entry.raw);
      if (!r.ok) throw new Error(`scenarios/released/${id}@${entry.version}.json is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      hit = r.value;
      released.set(entry, hit);
    }
    out.push(hit);
  }
  return out;
}

/** The scenario version a log pinned by hash: the current one when it matches, else the
 * released copy with that hash, else the reason this build cannot replay it. `currentOf` lets
 * a test stand in a changed current version without editing files. */
export function scenarioForLog(id: string, hash: string, currentOf: CurrentLookup = getScenario): LogScenario {
  const current = currentOf(id);
  if (current && current.hash === hash) return { ok: true, loaded: current, current };
  const versions = releasedOf(id);
  const kept = versions.find((v) => v.hash === hash);
  if (kept) return { ok: true, loaded: kept, current };
  if (!current && versions.length === 0) return { ok: false, reason: `this build has no scenario "${id}"` };
  const names = versions.map((v) => v.scenario.version).join(', ');
  const now = current ? `its current version is ${current.scenario.version} (hash ${current.hash.slice(0, 12)}…)` : 'it is no longer current';
  return { ok: false, reason: `this build keeps no version of ${id} with hash ${hash.slice(0, 12)}…: ${now}${names === '' ? '' : `; released: ${names}`}` };
}

/** The version a log pinned by hash when this build keeps it, else the current one (so the
 * caller's pin check names the difference); undefined only for an unknown id. Fits the
 * comparison's `ScenarioLookup`. */
export function scenarioFor(id: string, hash: string, currentOf: CurrentLookup = getScenario): LoadedScenario | undefined {
  const r = scenarioForLog(id, hash, currentOf);
  return r.ok ? r.loaded : currentOf(id);
}

/** A line for output when a log replays with an older version than the current one, else null. */
export function olderVersionNote(loaded: LoadedScenario, currentOf: CurrentLookup = getScenario): string | null {
  const current = currentOf(loaded.scenario.id);
  if (!current || current.hash === loaded.hash) return null;
  return `recorded with ${loaded.scenario.id} ${loaded.scenario.version}; the current version is ${current.scenario.version}`;
}
