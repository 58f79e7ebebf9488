import { z } from 'zod';
import { getScenario, scenarioIds } from '../scenarios/registry.js';
import { ENGINE_VERSION } from '../engine/version.js';
import { StoredKeySchema } from './viewer/handoff.js';
import { checkWorkshopCode, decodeWorkshopCode, encodeWorkshopCode, workshopSeedProblem, WORKSHOP_QUERY_KEY, type WorkshopBuild } from '../engine/workshop.js';

/* The URL carries the game: ?scenario=…&seed=…&player=…, or ?code=PS1-…(&player=…), validated
 * before anything starts. */

/** A game's identity as the URL states it; a fork ("Play from here") also names its parent
 *  log's facts hash and the week it starts at. */
export interface GameParams {
  scenario: string;
  seed: string;
  player: string;
  fork?: { parent: string; week: number };
}

const player = z.string().max(200, 'the player name is longer than 200 characters').default('');

const ParamsSchema = z
  .strictObject({
    scenario: z.string().refine((id) => scenarioIds().includes(id), {
      message: `unknown scenario; choose one of ${scenarioIds().join(', ')}`,
    }),
    seed: z.string().trim().min(1, 'the seed is empty').max(200, 'the seed is longer than 200 characters'),
    player,
    fork: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the fork parent must be a log facts hash (64 hex digits)')
      .optional(),
    forkWeek: z.coerce.number().int('the fork week must be a whole number').min(1, 'the fork week starts at 1').max(10_000, 'the fork week is too large').optional(),
  })
  .refine((p) => (p.fork === undefined) === (p.forkWeek === undefined), { message: 'give both fork=… and forkWeek=…, or neither', path: ['fork'] });

/** What the replay viewer's URL may carry: a log to fetch, a log stored by this page, or neither. */
const ReplaySchema = z
  .strictObject({
    view: z.literal('replay'),
    log: z
      .string()
      .trim()
      .min(1, 'the log address is empty')
      .max(2000, 'the log address is longer than 2000 characters')
      .refine(isHttpAddress, { message: 'the log address must be an http(s) address or a path on this site' })
      .optional(),
    stored: StoredKeySchema.optional(),
  })
  .refine((p) => p.log === undefined || p.stored === undefined, { message: 'give either log=… or stored=…, not both', path: ['log'] });

const CompareSchema = z.strictObject({ view: z.literal('compare') });

function isHttpAddress(text: string): boolean {
  try {
    const url = new URL(text, 'http://localhost/');
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What a pasted workshop code (or a URL holding one) may be before it is decoded. */
const CodeTextSchema = z.string().trim().min(1, 'the workshop code is empty').max(2000, 'the workshop code is longer than 2000 characters');

const CodeParamsSchema = z.strictObject({ [WORKSHOP_QUERY_KEY]: CodeTextSchema, player });

/** Where the replay viewer gets its log: the open-a-file screen, a URL to fetch, or storage. */
export type ReplaySource = { kind: 'pick' } | { kind: 'url'; url: string } | { kind: 'stored'; key: string };

/** What the URL asks for: nothing (new-game screen), a valid game, the replay viewer, the
 *  comparison view, or a list of problems. */
export type ParamsResult =
  | { kind: 'none' }
  | { kind: 'game'; params: GameParams }
  | { kind: 'replay'; source: ReplaySource }
  | { kind: 'compare' }
  | { kind: 'error'; problems: string[]; title?: string; code?: string };

/** The scenarios of this build, as workshop codes see them. */
export const WORKSHOP_BUILD: WorkshopBuild = {
  engineVersion: ENGINE_VERSION,
  scenarios: (id) => {
    const loaded = scenarioIds().includes(id) ? getScenario(id) : undefined;
    return loaded ? { version: loaded.scenario.version, hash: loaded.hash } : undefined;
  },
};

/** What a workshop code resolves to in this build: the game it pins (and its canonical code), or why not. */
export type CodeResult = { ok: true; scenario: string; seed: string; code: string } | { ok: false; title: string; problems: string[] };

/** Decodes a typed or pasted code (or URL) and checks it against this build. */
export function resolveWorkshopCode(text: string): CodeResult {
  const raw = CodeTextSchema.safeParse(text);
  if (!raw.success) return { ok: false, title: 'That is not a workshop code', problems: raw.error.issues.map((i) => i.message) };
  const decoded = decodeWorkshopCode(raw.data);
  if (!decoded.ok) return { ok: false, title: 'That is not a valid workshop code', problems: [decoded.reason] };
  const check = checkWorkshopCode(decoded.value, WORKSHOP_BUILD);
  if (!check.ok) return { ok: false, title: 'This workshop code was made for a different build of Phase Shift', problems: check.mismatches.map((m) => m.message) };
  const { scenarioId, seed } = decoded.value;
  const pinned = ParamsSchema.safeParse({ scenario: scenarioId, seed });
  if (!pinned.success || pinned.data.seed !== seed)
    return { ok: false, title: 'This workshop code cannot start a game', problems: ['the seed in the code has leading or trailing spaces, which this game does not accept'] };
  const code = shareCode(scenarioId, seed);
  return code.ok ? { ok: true, scenario: scenarioId, seed, code: code.code } : { ok: false, title: 'This workshop code cannot start a game', problems: [code.reason] };
}

/** The workshop code a facilitator shares for a scenario and seed of this build, or why there is none. */
export function shareCode(scenario: string, seed: string): { ok: true; code: string } | { ok: false; reason: string } {
  const sc = WORKSHOP_BUILD.scenarios(scenario);
  if (!sc) return { ok: false, reason: `unknown scenario "${scenario}"` };
  const seedProblem = workshopSeedProblem(seed);
  if (seedProblem) return { ok: false, reason: seedProblem };
  try {
    return { ok: true, code: encodeWorkshopCode({ scenarioId: scenario, scenarioVersion: sc.version, scenarioHash: sc.hash, seed, engineVersion: ENGINE_VERSION }) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'url'}: ${i.message}`);

/** Reads and validates the viewer parameters (?view=replay|compare…). */
function readView(raw: Record<string, string>): ParamsResult {
  if (raw['view'] === 'compare') {
    const parsed = CompareSchema.safeParse(raw);
    return parsed.success ? { kind: 'compare' } : { kind: 'error', title: 'That link does not describe a comparison', problems: issues(parsed.error) };
  }
  const parsed = ReplaySchema.safeParse(raw);
  if (!parsed.success) return { kind: 'error', title: 'That link does not describe a log to review', problems: issues(parsed.error) };
  const { log, stored } = parsed.data;
  return { kind: 'replay', source: log !== undefined ? { kind: 'url', url: log } : stored !== undefined ? { kind: 'stored', key: stored } : { kind: 'pick' } };
}

function gameOf(data: z.infer<typeof ParamsSchema>): GameParams {
  const { fork, forkWeek, ...rest } = data;
  return fork !== undefined && forkWeek !== undefined ? { ...rest, fork: { parent: fork, week: forkWeek } } : rest;
}

/** Reads and validates the game parameters of a query string. */
export function readParams(search: string): ParamsResult {
  const q = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const [k, v] of q) raw[k] = v;
  if (q.has('view')) return readView(raw);
  if (q.has(WORKSHOP_QUERY_KEY)) {
    if (q.has('scenario') || q.has('seed')) return { kind: 'error', problems: [`url: give either ${WORKSHOP_QUERY_KEY}=… or scenario=…&seed=…, not both`] };
    const parsed = CodeParamsSchema.safeParse(raw);
    if (!parsed.success) return { kind: 'error', problems: issues(parsed.error), code: raw[WORKSHOP_QUERY_KEY] ?? '' };
    const r = resolveWorkshopCode(parsed.data[WORKSHOP_QUERY_KEY]);
    if (!r.ok) return { kind: 'error', title: r.title, problems: r.problems, code: parsed.data[WORKSHOP_QUERY_KEY] };
    return { kind: 'game', params: { scenario: r.scenario, seed: r.seed, player: parsed.data.player } };
  }
  if (!q.has('scenario') && !q.has('seed')) return { kind: 'none' };
  const parsed = ParamsSchema.safeParse(raw);
  if (parsed.success) return { kind: 'game', params: gameOf(parsed.data) };
  return { kind: 'error', problems: issues(parsed.error) };
}

/** The query string for a game (a fork's names its parent and week). */
export function paramsQuery(p: GameParams): string {
  const q = new URLSearchParams({ scenario: p.scenario, seed: p.seed });
  if (p.player) q.set('player', p.player);
  if (p.fork) {
    q.set('fork', p.fork.parent);
    q.set('forkWeek', String(p.fork.week));
  }
  return `?${q.toString()}`;
}

/** The query string that opens a workshop code (with an optional player name). */
export function codeQuery(code: string, playerName = ''): string {
  const q = new URLSearchParams({ [WORKSHOP_QUERY_KEY]: code });
  if (playerName) q.set('player', playerName);
  return `?${q.toString()}`;
}
