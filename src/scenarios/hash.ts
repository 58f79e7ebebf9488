import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/* Canonical JSON and SHA-256: the same value gives the same bytes and hash in every engine.
 * It lives in the lowest layer (scenarios) because scenario files are pinned by this hash and
 * scenarios import nothing from the engine; src/engine/hash.ts re-exports it for the engine. */

/** JSON with object keys sorted at every depth; undefined members are dropped like JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot hash a non-finite number (${value})`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The hash of a value's canonical JSON; what weekly checkpoints and scenario pins record. */
export function hashOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
