import type { Decision } from '../engine/decisions.js';
import type { GameParams } from './params.js';
import { makeSave, readSaveText, type Save } from './save-format.js';

/* Where saves live: one localStorage key per game, written whole by one setItem (atomic), and
 * backups beside it under their own timestamped keys. A save that would be lost — unreadable,
 * or replaced by one that does not extend it — is copied to a backup first, and nothing is
 * written when the backup cannot be made. */

const SAVE_PREFIX = 'phase-shift:save:';
const BACKUP_PREFIX = 'phase-shift:backup:';

/** The storage key of a game's save; a fork keeps its own, so playing it never overwrites its parent. */
export function saveKey(p: GameParams): string {
  return `${SAVE_PREFIX}${p.scenario}:${p.seed}${p.fork ? `:fork:${p.fork.parent}:${p.fork.week}` : ''}`;
}

/** What a game's save slot holds: nothing, a readable save, or text that cannot be read as one. */
export type Slot = { kind: 'empty' } | { kind: 'ok'; text: string; save: Save; notes: string[] } | { kind: 'unreadable'; text: string; reason: string; future: boolean };

/** Reads a game's save slot; a save of another game under this key counts as unreadable. */
export function readSlot(storage: Storage, p: GameParams): Slot {
  const text = storage.getItem(saveKey(p));
  if (text === null) return { kind: 'empty' };
  const r = readSaveText(text);
  if (!r.ok) return { kind: 'unreadable', text, reason: r.reason, future: r.future };
  const s = r.save;
  const forkOf = (f: GameParams['fork']) => (f ? `${f.parent}:${f.week}` : '');
  if (s.scenario !== p.scenario || s.seed !== p.seed || forkOf(s.fork) !== forkOf(p.fork))
    return { kind: 'unreadable', text, reason: 'the save names a different game than the one it is stored under', future: false };
  return { kind: 'ok', text, save: s, notes: r.notes };
}

/** A backup kept aside: its key, the game's save key it came from, and its text. */
export interface Backup {
  key: string;
  of: string;
  at: string;
  text: string;
}

/** Every backup in the storage, newest first. */
export function listBackups(storage: Storage): Backup[] {
  const out: Backup[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(BACKUP_PREFIX)) continue;
    const text = storage.getItem(key);
    const rest = key.slice(BACKUP_PREFIX.length);
    const cut = rest.lastIndexOf('@');
    if (text !== null && cut > 0) out.push({ key, of: SAVE_PREFIX + rest.slice(0, cut), at: rest.slice(cut + 1), text });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Copies a save's text aside under a timestamped backup key (once: the same text already kept
 *  for that save is not copied again); returns the backup's key, or null when storage refused. */
export function keepAside(storage: Storage, fromKey: string, text: string, now = new Date()): string | null {
  const existing = listBackups(storage).find((b) => b.of === fromKey && b.text === text);
  if (existing) return existing.key;
  const base = `${BACKUP_PREFIX}${fromKey.slice(SAVE_PREFIX.length)}@${now.toISOString()}`;
  let key = base;
  for (let n = 2; storage.getItem(key) !== null; n++) key = `${base}-${n}`;
  try {
    storage.setItem(key, text);
    return storage.getItem(key) === text ? key : null;
  } catch {
    return null;
  }
}

/** Whether a list of decisions starts with another (so writing it loses none of the other's). */
export function extendsDecisions(next: readonly Decision[], prior: readonly Decision[]): boolean {
  return prior.length <= next.length && prior.every((d, i) => JSON.stringify(d) === JSON.stringify(next[i]));
}

/** Writes a save whole with one setItem; the text it replaces is kept aside first unless the
 *  new save extends it. Throws (writing nothing) when the save is invalid or a backup fails. */
export function writeSaveOf(storage: Storage, p: GameParams, save: Save): string | null {
  const key = saveKey(p);
  const slot = readSlot(storage, p);
  let backup: string | null = null;
  if (slot.kind === 'unreadable' || (slot.kind === 'ok' && !extendsDecisions(save.decisions, slot.save.decisions))) {
    backup = keepAside(storage, key, slot.text);
    if (!backup) throw new Error('the save it would replace could not be kept as a backup (is the browser storage full?)');
  }
  storage.setItem(key, JSON.stringify(save));
  return backup;
}

/** Writes the save of a game (as a Session would) so that the next Session of those params resumes
 *  from these decisions; used to continue a game from an opened log and to start a fork. Returns
 *  the key of the backup made of the save it replaced, if any. */
export function writeSave(params: GameParams, createdAt: string, decisions: readonly Decision[], storage: Storage = localStorage): string | null {
  const save = makeSave({ scenario: params.scenario, seed: params.seed, player: params.player, createdAt, ...(params.fork ? { fork: params.fork } : {}), decisions });
  return writeSaveOf(storage, params, save);
}
