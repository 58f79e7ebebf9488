import devtoolsCodegen from '../../scenarios/devtools-codegen.json';
import cvWarehouse from '../../scenarios/cv-warehouse.json';
import healthcareDiagnostics from '../../scenarios/healthcare-diagnostics.json';
import fraudDetection from '../../scenarios/fraud-detection.json';
import supportAgents from '../../scenarios/support-agents.json';
import legalContracts from '../../scenarios/legal-contracts.json';
import speechToText from '../../scenarios/speech-to-text.json';
import voiceCloning from '../../scenarios/voice-cloning.json';
import { loadScenario, type LoadedScenario } from './load.js';

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
  const raw = RAW[id];
  if (raw === undefined) return undefined;
  const r = loadScenario(raw);
  if (!r.ok) throw new Error(`scenarios/${id}.json is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  cache.set(id, r.value);
  return r.value;
}
