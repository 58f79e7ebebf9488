import { z } from 'zod';

/* Hands a log's text to the replay viewer in another page load: the text is stored under a
 * generated key (sessionStorage first, localStorage when that is full or missing) and the URL
 * carries only the key, because logs of a few hundred KB do not fit in a URL. */

const PREFIX = 'phase-shift:viewer:';

/** What a stored key may look like (the viewer validates `?stored=` against this). */
export const StoredKeySchema = z.string().regex(/^[a-z0-9-]{4,64}$/, 'the stored-log key is not one this page made');

/** A stored log as the viewer reads it back. */
const StoredSchema = z.strictObject({ name: z.string(), text: z.string() });

function freshKey(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function storages(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(sessionStorage);
  } catch {
    /* blocked storage */
  }
  try {
    out.push(localStorage);
  } catch {
    /* blocked storage */
  }
  return out;
}

/** Stores a log's text for the viewer and returns the URL that opens it there. */
export function viewerUrlFor(text: string, name = 'game.jsonl'): string {
  const key = freshKey();
  const value = JSON.stringify({ name, text });
  let stored = false;
  for (const s of storages()) {
    try {
      s.setItem(PREFIX + key, value);
      stored = true;
      break;
    } catch {
      /* quota: try the next storage */
    }
  }
  if (!stored) throw new Error('The browser refused to store the log for the viewer (storage is full or blocked).');
  return `./?${new URLSearchParams({ view: 'replay', stored: key }).toString()}`;
}

/** Reads back a log stored by viewerUrlFor, or null when no storage holds that key. */
export function readStored(key: string): { name: string; text: string } | null {
  for (const s of storages()) {
    const raw = s.getItem(PREFIX + key);
    if (raw === null) continue;
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      /* unreadable entry */
    }
  }
  return null;
}

/** Drops a log this tab stored (its URL no longer points at it), so picked logs do not pile up. */
export function forgetStored(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    /* blocked storage */
  }
}
