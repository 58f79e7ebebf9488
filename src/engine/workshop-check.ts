import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/* The check characters of a workshop code: a weighted sum over GF(32) that catches every single
 * wrong character and every swap of neighbours, and five bits of SHA-256 of the code's text that
 * catch most other damage. */

/** Crockford base32: no I, L, O or U, so a code reads aloud and types without confusion. */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The letters every code starts with (the format digit follows). */
export const PREFIX = 'PS';

const EXP: number[] = [];
const LOG: number[] = [];
for (let i = 0, x = 1; i < 31; i++) {
  EXP.push(x);
  LOG[x] = i;
  x <<= 1;
  if (x & 32) x ^= 0b100101; // x^5 + x^2 + 1, primitive: α has order 31
}

function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : (EXP[((LOG[a] ?? 0) + (LOG[b] ?? 0)) % 31] ?? 0);
}

function syndrome(symbols: number[]): number {
  return symbols.reduce((s, x, i) => s ^ gfMul(EXP[i % 31] ?? 0, x), 0);
}

function hashCheck(body: number[]): number {
  const text = PREFIX + body.map((d) => ALPHABET[d] ?? '').join('');
  return (sha256(utf8ToBytes(text))[0] ?? 0) >> 3;
}

/** Appends the two check characters: [format, ...payload] → [...that, hash check, sum check], whose syndrome is zero. */
export function withChecks(body: number[]): number[] {
  const withHash = [...body, hashCheck(body)];
  const n = withHash.length;
  return [...withHash, gfMul(syndrome(withHash), EXP[(31 - (n % 31)) % 31] ?? 0)];
}

/** Whether a code's digits (format, payload and both check characters) pass both checks. */
export function checksumOk(all: number[]): boolean {
  return syndrome(all) === 0 && hashCheck(all.slice(0, -2)) === all[all.length - 2];
}
