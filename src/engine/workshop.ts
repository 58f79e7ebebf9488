import { checksumOk, withChecks } from './workshop-check.js';

/* Workshop codes: a short, typeable code such as `PS1-2D5QF-…` that pins a scenario (id, version
 * and a prefix of its content hash), a seed, optional rules and the engine version, so a whole
 * room plays the same world. The fields are packed into one mixed-radix number written in
 * Crockford base32 (no I, L, O, U; case-insensitive; dashes and spaces ignored), followed by two
 * check characters: a weighted sum over GF(32) that catches every single wrong character and
 * every swap of neighbours, and five bits of SHA-256 that catch most other damage. */

/** The code format this build writes and reads: the digit after "PS". */
export const WORKSHOP_FORMAT = 1;
/** The URL query parameter that carries a workshop code (`?code=PS1-…`). */
export const WORKSHOP_QUERY_KEY = 'code';
/** What a code can carry, so that every code stays short enough to type. */
export const WORKSHOP_LIMITS = { seedLength: 32, idLength: 48, versionPart: 99999, hashChars: 4 } as const;

/** What a facilitator pins: the scenario (with its full or abbreviated content hash), seed, rules, engine. */
export interface WorkshopPin {
  scenarioId: string;
  scenarioVersion: string;
  scenarioHash: string;
  seed: string;
  engineVersion: string;
  /** A named rules variant; absent means the scenario's standard rules. */
  rules?: string | undefined;
}

/** What a decoded code says: the pin with only the first hex characters of the scenario's content hash. */
export type WorkshopCode = Omit<WorkshopPin, 'scenarioHash'> & { scenarioHashPrefix: string };

/** The answer of decodeWorkshopCode: the pinned values, or a reason a person can act on. */
export type WorkshopDecoded = { ok: true; value: WorkshopCode } | { ok: false; reason: string };

/** What this build offers, for checking a code against it. */
export interface WorkshopBuild {
  engineVersion: string;
  scenarios: (id: string) => { version: string; hash: string } | undefined;
  /** Named rules variants this build knows (none by default: only standard rules). */
  rules?: readonly string[];
}

/** One way a code does not fit this build: what the code says, what the build has, and why it matters. */
export interface WorkshopMismatch {
  kind: 'scenario-unknown' | 'scenario-version' | 'scenario-changed' | 'engine-version' | 'rules-unknown';
  code: string;
  build: string | null;
  message: string;
}

/** The answer of checkWorkshopCode. */
export type WorkshopCheck = { ok: true } | { ok: false; mismatches: WorkshopMismatch[] };

import { ALPHABET, PREFIX } from './workshop-check.js';
const GROUP = 5;
const MIN_BODY = 8; // payload plus check characters of the smallest possible code
const MAX_BODY = 320; // 48-digit ids and rules, a 32-character ASCII seed: about 300
// An id character costs 4 bits when common, 7.7 when rare; a digit is a rare escape, then the digit.
const ID_COMMON = '-etaoinsrhdlcum';
const ID_RARE = 'wfgypbvkjxqz';
const SEED_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const SEED_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const ID_RE = /^[a-z][a-z0-9-]*$/;
const VERSION_RE = /^(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})\.(0|[1-9]\d{0,4})$/;

class CodeError extends Error {}

type Sym = readonly [value: number, radix: number];

/** Why a seed cannot go into a workshop code, or undefined when it can. */
export function workshopSeedProblem(seed: string): string | undefined {
  if (seed.length === 0) return 'the seed must not be empty';
  if (seed.length > WORKSHOP_LIMITS.seedLength) return `a workshop seed has at most ${WORKSHOP_LIMITS.seedLength} characters (got ${seed.length})`;
  const bad = [...seed].findIndex((c) => !SEED_ASCII.includes(c));
  if (bad >= 0) return `character ${bad + 1} of the seed (${JSON.stringify([...seed][bad])}) is not printable ASCII; a workshop seed uses letters, digits, punctuation and spaces`;
  return undefined;
}

/** Why a pin cannot be encoded, or undefined when it can. */
export function workshopPinProblem(pin: WorkshopPin): string | undefined {
  const idProblem = (what: string, v: string) =>
    ID_RE.test(v) && v.length <= WORKSHOP_LIMITS.idLength
      ? undefined
      : `the ${what} "${v}" must be lower-case letters, digits and dashes, starting with a letter, at most ${WORKSHOP_LIMITS.idLength} characters`;
  const versionProblem = (what: string, v: string) =>
    VERSION_RE.test(v) ? undefined : `the ${what} "${v}" must look like 1.2.3 (each number at most ${WORKSHOP_LIMITS.versionPart})`;
  return (
    idProblem('scenario id', pin.scenarioId) ??
    versionProblem('scenario version', pin.scenarioVersion) ??
    versionProblem('engine version', pin.engineVersion) ??
    (/^[0-9a-fA-F]{4,}$/.test(pin.scenarioHash) ? undefined : 'the scenario hash must be at least 4 hex characters') ??
    workshopSeedProblem(pin.seed) ??
    (pin.rules === undefined ? undefined : idProblem('rules name', pin.rules))
  );
}

/** The workshop code for a pin, e.g. `PS1-…`; throws a RangeError naming the field that cannot be encoded. */
export function encodeWorkshopCode(pin: WorkshopPin): string {
  const problem = workshopPinProblem(pin);
  if (problem) throw new RangeError(problem);
  const body = [WORKSHOP_FORMAT, ...toDigits(packPin(pin))];
  const all = withChecks(body);
  const chars = all
    .slice(1)
    .map((d) => ALPHABET[d] ?? '')
    .join('');
  const groups = chars.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
  return [`${PREFIX}${WORKSHOP_FORMAT}`, ...groups].join('-');
}

/** The URL query that opens a workshop code in the browser game. */
export function workshopQuery(code: string): string {
  return `?${WORKSHOP_QUERY_KEY}=${code}`;
}

/** Reads a typed or pasted code (or a URL holding `code=…`); a reason names the bad character or the likely typo. */
export function decodeWorkshopCode(text: string): WorkshopDecoded {
  try {
    const digits = normalize(text);
    checkHead(digits);
    if (!checksumOk(digits.slice(2))) throw new CodeError('checksum mismatch — probably a typo: compare the code character by character');
    const body = digits.slice(3, -2);
    const value = unpack(body.reduce((n, d) => n * 32n + BigInt(d), 0n));
    const pin = { ...value, scenarioHash: value.scenarioHashPrefix };
    const problem = workshopPinProblem(pin) ?? (toDigits(packPin(pin)).join() === body.join() ? undefined : 'it is not written the way Phase Shift writes codes');
    if (problem) throw new CodeError(`the code is malformed: ${problem}`);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof CodeError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Compares a decoded code with this build and explains every difference that would change the world. */
export function checkWorkshopCode(code: WorkshopCode, build: WorkshopBuild): WorkshopCheck {
  const out: WorkshopMismatch[] = [];
  const id = code.scenarioId;
  const sc = build.scenarios(id);
  if (!sc) {
    out.push({
      kind: 'scenario-unknown',
      code: `${id} ${code.scenarioVersion}`,
      build: null,
      message: `this build has no scenario "${id}" (the code was made with ${id} version ${code.scenarioVersion}); a newer Phase Shift may ship it`,
    });
  } else if (sc.version !== code.scenarioVersion) {
    out.push({
      kind: 'scenario-version',
      code: code.scenarioVersion,
      build: sc.version,
      message: `scenario ${id}: the code says version ${code.scenarioVersion}, this build has version ${sc.version} — the world would not be the same; use the build the code was made with, or ask for a new code`,
    });
  } else if (!sc.hash.toLowerCase().startsWith(code.scenarioHashPrefix)) {
    const mine = sc.hash.slice(0, code.scenarioHashPrefix.length).toLowerCase();
    out.push({
      kind: 'scenario-changed',
      code: code.scenarioHashPrefix,
      build: mine,
      message: `scenario ${id} ${sc.version} has changed: the code pins content ${code.scenarioHashPrefix}…, this build's is ${mine}… — the same seed would not give the same world; ask for a new code`,
    });
  }
  if (code.engineVersion !== build.engineVersion) {
    out.push({
      kind: 'engine-version',
      code: code.engineVersion,
      build: build.engineVersion,
      message: `engine: the code says version ${code.engineVersion}, this build runs ${build.engineVersion} — the rules may play out differently; use engine ${code.engineVersion}, or ask for a new code`,
    });
  }
  if (code.rules !== undefined && !(build.rules ?? []).includes(code.rules)) {
    const known = build.rules && build.rules.length > 0 ? build.rules.join(', ') : 'only the standard rules';
    out.push({ kind: 'rules-unknown', code: code.rules, build: null, message: `rules "${code.rules}": this build does not know them (it has ${known})` });
  }
  return out.length === 0 ? { ok: true } : { ok: false, mismatches: out };
}

/* ---- characters: normalizing what was typed ---- */
function normalize(text: string): number[] {
  const url = /(?:^|[?&#\s])code=([^&#\s]*)/i.exec(text);
  const start = url ? url.index + url[0].length - (url[1] ?? '').length : 0;
  const part = url ? (url[1] ?? '') : text;
  const digits: number[] = [];
  [...part].forEach((raw, i) => {
    if (raw === '-' || /\s/.test(raw)) return;
    const c = raw.toUpperCase().replace(/[IL]/, '1').replace('O', '0');
    const d = /^[0-9A-Za-z]$/.test(raw) ? ALPHABET.indexOf(c) : -1;
    if (d < 0) throw new CodeError(`bad character ${JSON.stringify(raw)} at position ${start + i + 1}: a workshop code uses digits and the letters A–Z except I, L, O and U`);
    digits.push(d);
  });
  if (digits.length === 0) throw new CodeError('the code is empty');
  return digits;
}

function checkHead(digits: number[]): void {
  if (digits[0] !== ALPHABET.indexOf('P') || digits[1] !== ALPHABET.indexOf('S'))
    throw new CodeError(`not a Phase Shift workshop code: it should start with ${PREFIX}${WORKSHOP_FORMAT}-`);
  const version = digits[2];
  if (version === undefined) throw new CodeError('the code is too short — a part is probably missing');
  if (version !== WORKSHOP_FORMAT)
    throw new CodeError(
      `unknown format version ${ALPHABET[version] ?? '?'}: this build reads ${PREFIX}${WORKSHOP_FORMAT} codes (the code was made by another Phase Shift, or mistyped)`,
    );
  const body = digits.length - 3;
  if (body < MIN_BODY)
    throw new CodeError(`the code is too short (${body} characters after ${PREFIX}${WORKSHOP_FORMAT}; a code has at least ${MIN_BODY}) — a part is probably missing`);
  if (body > MAX_BODY) throw new CodeError(`the code is too long (${body} characters after ${PREFIX}${WORKSHOP_FORMAT}; a code has at most ${MAX_BODY})`);
}

/* ---- packing: fields as symbols of a mixed-radix number, the seed as its top ---- */
function toDigits(n: bigint): number[] {
  const out: number[] = [];
  for (let m = n; m > 0n; m /= 32n) out.unshift(Number(m % 32n));
  return out;
}

function packPin(pin: WorkshopPin): bigint {
  const syms: Sym[] = [];
  putVersion(syms, pin.engineVersion);
  putVersion(syms, pin.scenarioVersion);
  syms.push([parseInt(pin.scenarioHash.slice(0, WORKSHOP_LIMITS.hashChars), 16), 65536]);
  syms.push([pin.rules === undefined ? 0 : 1, 2]);
  if (pin.rules !== undefined) putId(syms, pin.rules);
  putId(syms, pin.scenarioId);
  const alphabet = [...pin.seed].every((c) => SEED_LOWER.includes(c)) ? SEED_LOWER : SEED_ASCII;
  syms.push([alphabet === SEED_LOWER ? 0 : 1, 2]);
  // The seed is the top of the number, in bijective numeration (digits 1..k), so it needs no length.
  let n = [...pin.seed].reverse().reduce((t, c) => t * BigInt(alphabet.length) + BigInt(alphabet.indexOf(c) + 1), 0n);
  for (let i = syms.length - 1; i >= 0; i--) {
    const [value, radix] = syms[i] ?? [0, 1];
    n = n * BigInt(radix) + BigInt(value);
  }
  return n;
}

function unpack(n: bigint): WorkshopCode {
  const r = { n };
  const engineVersion = takeVersion(r);
  const scenarioVersion = takeVersion(r);
  const scenarioHashPrefix = take(r, 65536).toString(16).padStart(WORKSHOP_LIMITS.hashChars, '0');
  const rules = take(r, 2) === 1 ? takeId(r) : undefined;
  const scenarioId = takeId(r);
  const alphabet = take(r, 2) === 0 ? SEED_LOWER : SEED_ASCII;
  let seed = '';
  for (let t = r.n, k = BigInt(alphabet.length); t > 0n && seed.length <= WORKSHOP_LIMITS.seedLength; t /= k) {
    t -= 1n;
    seed += alphabet[Number(t % k)] ?? '';
  }
  return { scenarioId, scenarioVersion, scenarioHashPrefix, seed, engineVersion, ...(rules === undefined ? {} : { rules }) };
}

function take(r: { n: bigint }, radix: number): number {
  const v = Number(r.n % BigInt(radix));
  r.n /= BigInt(radix);
  return v;
}

// A version part v is written Elias-gamma style: k ones and a zero, then v + 1 - 2^k in radix 2^k.
function putVersion(out: Sym[], version: string): void {
  for (const part of version.split('.')) {
    const m = Number(part) + 1;
    let k = 0;
    while (m >> (k + 1) > 0) k++;
    for (let i = 0; i < k; i++) out.push([1, 2]);
    out.push([0, 2]);
    if (k > 0) out.push([m - (1 << k), 1 << k]);
  }
}

function takeVersion(r: { n: bigint }): string {
  const parts: number[] = [];
  for (let p = 0; p < 3; p++) {
    let k = 0;
    while (take(r, 2) === 1) if (++k > 16) throw new CodeError('the code is malformed: a version number is too large');
    parts.push((1 << k) + (k > 0 ? take(r, 1 << k) : 0) - 1);
  }
  return parts.join('.');
}

function putId(out: Sym[], id: string): void {
  out.push([id.length - 1, WORKSHOP_LIMITS.idLength]);
  for (const c of id) {
    const common = ID_COMMON.indexOf(c);
    const rare = ID_RARE.indexOf(c);
    if (common >= 0) out.push([common, 16]);
    else if (rare >= 0) out.push([15, 16], [rare, 13]);
    else out.push([15, 16], [12, 13], [Number(c), 10]);
  }
}

function takeId(r: { n: bigint }): string {
  const length = take(r, WORKSHOP_LIMITS.idLength) + 1;
  let s = '';
  for (let i = 0; i < length; i++) {
    const v = take(r, 16);
    const w = v < 15 ? -1 : take(r, 13);
    s += v < 15 ? (ID_COMMON[v] ?? '') : w < 12 ? (ID_RARE[w] ?? '') : String(take(r, 10));
  }
  return s;
}
