import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkWorkshopCode, decodeWorkshopCode, encodeWorkshopCode, workshopQuery, type WorkshopBuild, type WorkshopCode, type WorkshopPin } from '../../src/engine/workshop.js';
import { ENGINE_VERSION } from '../../src/engine/version.js';
import { getScenario, scenarioIds } from '../../src/scenarios/registry.js';

/* Workshop codes: every pin survives a round trip, every single wrong character and swap of
 * neighbours is caught, typing is forgiving (case, dashes, spaces), and a code that does not fit
 * this build says exactly why. */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// ---- arbitraries -------------------------------------------------------------------------

const idChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-');
const id = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.string({ unit: idChar, maxLength: 47 })).map(([a, b]) => a + b);
const version = fc.tuple(fc.nat(99999), fc.nat(99999), fc.nat(99999)).map((p) => p.join('.'));
const smallVersion = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((p) => p.join('.'));
const hash = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const seed = fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 32 }), fc.string({ unit: idChar, minLength: 1, maxLength: 32 }));
const pin: fc.Arbitrary<WorkshopPin> = fc.record({
  scenarioId: fc.oneof(id, fc.constantFrom(...scenarioIds())),
  scenarioVersion: fc.oneof(version, smallVersion),
  scenarioHash: hash,
  seed,
  engineVersion: fc.oneof(version, smallVersion),
  rules: fc.option(id, { nil: undefined }),
});

function expected(p: WorkshopPin): WorkshopCode {
  const { scenarioHash, rules, ...rest } = p;
  return { ...rest, scenarioHashPrefix: scenarioHash.slice(0, 4), ...(rules === undefined ? {} : { rules }) };
}

function decoded(text: string): WorkshopCode {
  const r = decodeWorkshopCode(text);
  if (!r.ok) throw new Error(`${text} did not decode: ${r.reason}`);
  return r.value;
}

function reason(text: string): string {
  const r = decodeWorkshopCode(text);
  if (r.ok) throw new Error(`${text} decoded to ${JSON.stringify(r.value)}`);
  return r.reason;
}

const bundledPin = (scenarioId: string, s: string): WorkshopPin => {
  const l = getScenario(scenarioId);
  if (!l) throw new Error(scenarioId);
  return { scenarioId, scenarioVersion: l.scenario.version, scenarioHash: l.hash, seed: s, engineVersion: ENGINE_VERSION };
};

const thisBuild: WorkshopBuild = {
  engineVersion: ENGINE_VERSION,
  scenarios: (sid) => {
    const l = getScenario(sid);
    return l ? { version: l.scenario.version, hash: l.hash } : undefined;
  },
};

const DEMO = encodeWorkshopCode(bundledPin('devtools-codegen', 'demo42'));

describe('encoding and decoding', () => {
  it('round-trips every pin: decode(encode(x)) = x', () => {
    fc.assert(
      fc.property(pin, (p) => {
        expect(decoded(encodeWorkshopCode(p))).toEqual(expected(p));
      }),
      { numRuns: 500 },
    );
  });

  it('writes PS1, then Crockford base32 in dashed groups of five', () => {
    fc.assert(
      fc.property(pin, (p) => {
        expect(encodeWorkshopCode(p)).toMatch(/^PS1(-[0-9A-HJKMNP-TV-Z]{1,5})+$/);
      }),
    );
  });

  it('keeps codes short: at most 40 characters for a bundled scenario and a 6-character seed', () => {
    expect(DEMO).toMatch(/^PS1-/);
    expect(DEMO.length).toBeLessThanOrEqual(40);
    const lengths = scenarioIds().map((sid) => encodeWorkshopCode(bundledPin(sid, 'demo42')).length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(48); // the 22-character healthcare-diagnostics id
  });

  it('decodes the smallest and the largest possible codes', () => {
    const small: WorkshopPin = { scenarioId: 'a', scenarioVersion: '0.0.0', scenarioHash: '0000', seed: 'a', engineVersion: '0.0.0' };
    const big: WorkshopPin = {
      scenarioId: `z${'9'.repeat(47)}`,
      scenarioVersion: '99999.99999.99999',
      scenarioHash: 'ffff',
      seed: '~'.repeat(32),
      engineVersion: '99999.99999.99999',
      rules: `q${'x'.repeat(47)}`,
    };
    expect(decoded(encodeWorkshopCode(small))).toEqual(expected(small));
    expect(decoded(encodeWorkshopCode(big))).toEqual(expected(big));
  });

  it('gives the URL query that carries a code', () => {
    expect(workshopQuery(DEMO)).toBe(`?code=${DEMO}`);
    expect(decoded(`https://example.org/play${workshopQuery(DEMO)}&lang=en`)).toEqual(expected(bundledPin('devtools-codegen', 'demo42')));
  });

  it('refuses pins that cannot be encoded, naming the field', () => {
    const base = bundledPin('devtools-codegen', 'demo42');
    expect(() => encodeWorkshopCode({ ...base, seed: 'x'.repeat(33) })).toThrow(/at most 32 characters \(got 33\)/);
    expect(() => encodeWorkshopCode({ ...base, seed: '' })).toThrow(/must not be empty/);
    expect(() => encodeWorkshopCode({ ...base, seed: 'héllo' })).toThrow(/character 2 of the seed \("é"\) is not printable ASCII/);
    expect(() => encodeWorkshopCode({ ...base, scenarioId: 'Dev' })).toThrow(/scenario id "Dev"/);
    expect(() => encodeWorkshopCode({ ...base, engineVersion: '1.0' })).toThrow(/engine version "1.0" must look like 1.2.3/);
    expect(() => encodeWorkshopCode({ ...base, scenarioVersion: '100000.0.0' })).toThrow(/scenario version/);
    expect(() => encodeWorkshopCode({ ...base, scenarioHash: 'xyz' })).toThrow(/hex/);
    expect(() => encodeWorkshopCode({ ...base, rules: 'Hard Mode' })).toThrow(/rules name/);
  });
});

describe('typing a code', () => {
  const value = expected(bundledPin('devtools-codegen', 'demo42'));

  it('ignores case, dashes and spaces, and reads I and L as 1, O as 0', () => {
    const bare = DEMO.replace(/-/g, '');
    expect(decoded(DEMO.toLowerCase())).toEqual(value);
    expect(decoded(bare)).toEqual(value);
    expect(decoded(`  ${bare.match(/.{1,3}/g)?.join(' ')}\n`)).toEqual(value);
    expect(decoded(DEMO.replace(/1/g, 'l').replace(/0/g, 'o'))).toEqual(value);
    expect(decoded(DEMO.replace(/1/g, 'I'))).toEqual(value);
  });

  it('catches every single wrong character', () => {
    fc.assert(
      fc.property(pin, fc.nat(), fc.constantFrom(...ALPHABET), (p, at, c) => {
        const chars = encodeWorkshopCode(p).replace(/-/g, '');
        const i = at % chars.length;
        fc.pre(chars[i] !== c);
        expect(decodeWorkshopCode(chars.slice(0, i) + c + chars.slice(i + 1)).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('catches every swap of two neighbouring characters', () => {
    fc.assert(
      fc.property(pin, fc.nat(), (p, at) => {
        const chars = encodeWorkshopCode(p).replace(/-/g, '');
        const i = at % (chars.length - 1);
        fc.pre(chars[i] !== chars[i + 1]);
        expect(decodeWorkshopCode(chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2)).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('catches nearly every dropped or doubled character', () => {
    let tried = 0;
    let missed = 0;
    for (const sid of scenarioIds()) {
      for (const s of ['demo42', 'Workshop 7', 'x', 'a-longer-seed-for-the-room']) {
        const chars = encodeWorkshopCode(bundledPin(sid, s)).replace(/-/g, '');
        for (let i = 3; i < chars.length; i++) {
          for (const variant of [chars.slice(0, i) + chars.slice(i + 1), chars.slice(0, i) + chars[i] + chars.slice(i)]) {
            tried += 1;
            const r = decodeWorkshopCode(variant);
            if (r.ok && checkWorkshopCode(r.value, thisBuild).ok) missed += 1;
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
    expect(missed).toBe(0);
  });

  it('explains what is wrong with a malformed code', () => {
    expect(reason('PS1-1X2NZ-QKUEH')).toBe('bad character "U" at position 13: a workshop code uses digits and the letters A–Z except I, L, O and U');
    expect(reason('PS1-1X2N?')).toMatch(/^bad character "\?" at position 9/);
    expect(reason(`${DEMO.slice(0, -1)}${DEMO.endsWith('0') ? '1' : '0'}`)).toBe('checksum mismatch — probably a typo: compare the code character by character');
    expect(reason(`PS2${DEMO.slice(3)}`)).toMatch(/^unknown format version 2: this build reads PS1 codes/);
    expect(reason('XY1-1234')).toMatch(/^not a Phase Shift workshop code: it should start with PS1-/);
    expect(reason(' - ')).toBe('the code is empty');
    expect(reason('PS1-1X2NZ')).toMatch(/^the code is too short/);
    expect(reason(`PS1-${'1'.repeat(330)}`)).toMatch(/^the code is too long/);
  });
});

describe('checking a code against this build', () => {
  const code = (p: Partial<WorkshopPin>) => decoded(encodeWorkshopCode({ ...bundledPin('devtools-codegen', 'demo42'), ...p }));

  it('accepts a code made by this build for every bundled scenario', () => {
    expect(scenarioIds().length, 'no bundled scenarios').toBeGreaterThan(1);
    for (const sid of scenarioIds()) expect(checkWorkshopCode(decoded(encodeWorkshopCode(bundledPin(sid, 'w-1'))), thisBuild)).toEqual({ ok: true });
  });

  it('explains an unknown scenario', () => {
    const r = checkWorkshopCode(code({ scenarioId: 'mars-colony', scenarioVersion: '2.0.0' }), thisBuild);
    expect(r).toEqual({ ok: false, mismatches: [expect.objectContaining({ kind: 'scenario-unknown', code: 'mars-colony 2.0.0', build: null })] });
    if (!r.ok)
      expect(r.mismatches[0]?.message).toBe('this build has no scenario "mars-colony" (the code was made with mars-colony version 2.0.0); a newer Phase Shift may ship it');
  });

  it('explains a different scenario version', () => {
    const r = checkWorkshopCode(code({ scenarioVersion: '1.1.0' }), thisBuild);
    expect(r).toEqual({ ok: false, mismatches: [expect.objectContaining({ kind: 'scenario-version', code: '1.1.0', build: '1.0.0' })] });
    if (!r.ok)
      expect(r.mismatches[0]?.message).toMatch(/^scenario devtools-codegen: the code says version 1\.1\.0, this build has version 1\.0\.0 — the world would not be the same/);
  });

  it('explains changed scenario content under the same version', () => {
    const mine = getScenario('devtools-codegen')?.hash ?? '';
    const other = `${mine[0] === 'f' ? '0' : 'f'}${mine.slice(1)}`;
    const r = checkWorkshopCode(code({ scenarioHash: other }), thisBuild);
    expect(r).toEqual({ ok: false, mismatches: [expect.objectContaining({ kind: 'scenario-changed', code: other.slice(0, 4), build: mine.slice(0, 4) })] });
    if (!r.ok) expect(r.mismatches[0]?.message).toContain(`has changed: the code pins content ${other.slice(0, 4)}…, this build's is ${mine.slice(0, 4)}…`);
  });

  it('explains a different engine version, and lists every difference at once', () => {
    const r = checkWorkshopCode(code({ engineVersion: '0.2.0', scenarioVersion: '3.0.0', rules: 'hard-mode' }), thisBuild);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.mismatches.map((m) => m.kind)).toEqual(['scenario-version', 'engine-version', 'rules-unknown']);
    expect(r.mismatches[1]?.message).toBe(
      `engine: the code says version 0.2.0, this build runs ${ENGINE_VERSION} — the rules may play out differently; use engine 0.2.0, or ask for a new code`,
    );
    expect(r.mismatches[2]?.message).toBe('rules "hard-mode": this build does not know them (it has only the standard rules)');
  });

  it('accepts rules this build knows', () => {
    expect(checkWorkshopCode(code({ rules: 'hard-mode' }), { ...thisBuild, rules: ['hard-mode'] })).toEqual({ ok: true });
  });
});
