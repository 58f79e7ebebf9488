import { z } from 'zod';
import { DecisionSchema, type Decision } from '../engine/decisions.js';
import { HeaderSchema, type LogHeader } from '../engine/log/format.js';

/* The browser save, versioned: its metadata fields are the log header's own schemas (so a save
 * always exports a log that parseLog takes), and a save written by an older build is upcast
 * to the current version when read. A save from a newer build is never read as current. */

/** The format name every versioned save carries. */
export const SAVE_FORMAT = 'phase-shift-save';
/** The save version this build writes. */
export const SAVE_VERSION = 1;

const H = HeaderSchema.shape;

/** The player name a save and a log header both accept (the header's own field). */
export const PlayerSchema = H.player;
/** The longest player name a log header (hence a save) keeps. */
export const PLAYER_MAX = H.player.unwrap().maxLength ?? 200;

/** Save format version 1: the header's game fields plus the decisions made so far. */
export const SaveSchema = z.strictObject({
  format: z.literal(SAVE_FORMAT),
  version: z.literal(SAVE_VERSION),
  scenario: H.scenario.shape.id,
  seed: H.seed,
  player: H.player,
  createdAt: H.createdAt,
  fork: H.fork,
  decisions: z.array(DecisionSchema),
});
/** A save of the current version. */
export type Save = z.infer<typeof SaveSchema>;

/** The unversioned save of the builds before version 1 (read only, to upcast it). */
const SaveV0Schema = z.strictObject({
  scenario: z.string(),
  seed: z.string(),
  player: z.string(),
  createdAt: z.string(),
  decisions: z.array(DecisionSchema),
  fork: z.strictObject({ parent: z.string(), week: z.number() }).optional(),
});

/** Why a player name cannot be kept, in plain words, or null when it can. */
export function playerProblem(name: string): string | null {
  return name.length > PLAYER_MAX ? `Your name is ${name.length} characters long; a game log keeps at most ${PLAYER_MAX}. Shorten it to start.` : null;
}

/** A save built from its parts (empty name and absent fields left out), checked against the schema. */
export function makeSave(parts: { scenario: string; seed: string; player?: string; createdAt?: string; fork?: LogHeader['fork']; decisions: readonly Decision[] }): Save {
  const problem = parts.player ? playerProblem(parts.player) : null;
  if (problem) throw new Error(problem);
  return SaveSchema.parse({
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    scenario: parts.scenario,
    seed: parts.seed,
    ...(parts.player ? { player: parts.player } : {}),
    ...(parts.createdAt !== undefined ? { createdAt: parts.createdAt } : {}),
    ...(parts.fork ? { fork: parts.fork } : {}),
    decisions: [...parts.decisions],
  });
}

/** The header metadata a save's log carries (what makeHeader takes besides scenario and seed). */
export function headerMeta(save: Save): { player?: string; createdAt?: string; fork?: LogHeader['fork'] } {
  return { ...(save.player ? { player: save.player } : {}), ...(save.createdAt !== undefined ? { createdAt: save.createdAt } : {}), ...(save.fork ? { fork: save.fork } : {}) };
}

/** What reading a save's text gives: the save (with notes on what upcasting changed), or why not. */
export type SaveRead = { ok: true; save: Save; notes: string[]; upcastFrom: number | null } | { ok: false; reason: string; future: boolean };

/** One zod issue in words a player can follow. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const [top, index, field] = issue.path;
  const where =
    top === 'decisions' && typeof index === 'number'
      ? `decision ${index + 1}${field === 'type' ? '' : field !== undefined ? ` (${issue.path.slice(2).join('.')})` : ''}`
      : issue.path.length
        ? `the field "${issue.path.join('.')}"`
        : 'the save';
  if (issue.code === 'unrecognized_keys') return `${where} has a field this build does not know (${issue.keys.map((k) => `"${k}"`).join(', ')})`;
  if (issue.code === 'invalid_union' && top === 'decisions') return `${where} is of a kind this build does not know`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${where} is missing`;
  return `${where}: ${issue.message}`;
}

/** The upcaster of an unversioned save to version 1: names longer than the header allows are cut. */
export function upcastV0(raw: unknown): SaveRead {
  const v0 = SaveV0Schema.safeParse(raw);
  if (!v0.success) return { ok: false, reason: describeIssue(v0.error.issues[0] as z.core.$ZodIssue), future: false };
  const notes: string[] = [];
  let player = v0.data.player;
  if (player.length > PLAYER_MAX) {
    notes.push(`The player name was ${player.length} characters long and was cut to the ${PLAYER_MAX} a game log keeps.`);
    player = player.slice(0, PLAYER_MAX);
  }
  const createdAt = H.createdAt.safeParse(v0.data.createdAt).success ? v0.data.createdAt : undefined;
  const { scenario, seed, decisions, fork } = v0.data;
  const v1 = {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    scenario,
    seed,
    ...(player ? { player } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(fork ? { fork } : {}),
    decisions,
  };
  const parsed = SaveSchema.safeParse(v1);
  return parsed.success ? { ok: true, save: parsed.data, notes, upcastFrom: 0 } : { ok: false, reason: describeIssue(parsed.error.issues[0] as z.core.$ZodIssue), future: false };
}

/** Reads a save's text: parse, detect its version, upcast an older one, refuse a newer one. */
export function readSaveText(text: string): SaveRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the save is not complete (it may have been cut off while it was written)', future: false };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'the save is not a save object', future: false };
  const rec = raw as Record<string, unknown>;
  if (!('version' in rec) && !('format' in rec)) return upcastV0(raw);
  if (rec['format'] !== SAVE_FORMAT) return { ok: false, reason: 'the save names a format this build does not know', future: false };
  const version = rec['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, reason: 'the save has no valid format version', future: false };
  if (version > SAVE_VERSION)
    return { ok: false, reason: `the save was written by a newer build of Phase Shift (save format ${version}; this build reads up to ${SAVE_VERSION})`, future: true };
  const parsed = SaveSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, save: parsed.data, notes: [], upcastFrom: null }
    : { ok: false, reason: describeIssue(parsed.error.issues[0] as z.core.$ZodIssue), future: false };
}

/** The elements of the array under a key that can still be read from a (possibly truncated)
 *  JSON text: each complete object element in order, up to the first that is cut or broken. */
export function salvageArray(text: string, key: string): unknown[] {
  const m = new RegExp(`"${key}"\\s*:\\s*\\[`).exec(text);
  if (!m) return [];
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = m.index + m[0].length; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      if (depth === 0) return out;
      inString = true;
    } else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) return out;
      depth--;
      if (depth > 0) continue;
      try {
        out.push(JSON.parse(text.slice(start, i + 1)));
      } catch {
        return out;
      }
    } else if (depth === 0 && !/[\s,]/.test(c ?? '')) return out;
  }
  return out;
}
