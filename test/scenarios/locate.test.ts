import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keysAt, lineStartsOf, locate, MAX_JSON_DEPTH, parseJsonPath, positionAt, scanJson, type JsonDocument } from '../../src/scenarios/locate.js';

/* The JSON locator: paths map to the line and column where their value starts, syntax errors
 * are placed where they happen, and the scanner accepts exactly what JSON.parse accepts. */

function doc(text: string): JsonDocument {
  const r = scanJson(text);
  if (!r.ok) throw new Error(`expected valid JSON, got ${r.message} at ${r.at.line}:${r.at.column}`);
  return r.doc;
}

function syntaxError(text: string): { message: string; line: number; column: number } {
  const r = scanJson(text);
  if (r.ok) throw new Error(`expected a syntax error in ${JSON.stringify(text)}`);
  return { message: r.message, line: r.at.line, column: r.at.column };
}

const SAMPLE = ['{', '  "name": "x",', '  "list": [1, {"deep": true}],', '  "obj": {', '    "n": -1.5e3', '  }', '}'].join('\n');

describe('locate', () => {
  it('finds where each value starts, by path string or parts', () => {
    const d = doc(SAMPLE);
    expect(locate(d, '(root)')).toMatchObject({ line: 1, column: 1, exact: true });
    expect(locate(d, 'name')).toMatchObject({ line: 2, column: 11, exact: true });
    expect(locate(d, 'list[0]')).toMatchObject({ line: 3, column: 12 });
    expect(locate(d, 'list[1].deep')).toMatchObject({ line: 3, column: 24, exact: true });
    expect(locate(d, ['obj', 'n'])).toMatchObject({ line: 5, column: 10, exact: true });
  });

  it('falls back to the deepest value on the way when a path is not in the text', () => {
    const d = doc(SAMPLE);
    expect(locate(d, 'obj.missing')).toMatchObject({ line: 4, column: 10, exact: false });
    expect(locate(d, 'list[7]')).toMatchObject({ line: 3, column: 11, exact: false });
    expect(locate(d, 'name.inner')).toMatchObject({ line: 2, column: 11, exact: false });
    expect(locate(d, 'list.key')).toMatchObject({ line: 3, column: 11, exact: false });
  });

  it('lists the keys of an object with their positions', () => {
    const d = doc(SAMPLE);
    expect(keysAt(d, '(root)').map((k) => [k.key, k.at.line, k.at.column])).toEqual([
      ['name', 2, 3],
      ['list', 3, 3],
      ['obj', 4, 3],
    ]);
    expect(keysAt(d, 'list')).toEqual([]);
    expect(keysAt(d, 'nowhere')).toEqual([]);
  });

  it('decodes escaped keys and lets a repeated key count where JSON.parse takes it', () => {
    const d = doc('{"a\\u0062": 1, "x": 1,\n "x": [2]}');
    expect(locate(d, 'ab')).toMatchObject({ line: 1, column: 13, exact: true });
    expect(locate(d, 'x')).toMatchObject({ line: 2, column: 7, exact: true });
    expect(locate(d, 'x[0]')).toMatchObject({ line: 2, column: 8, exact: true });
  });

  it('counts lines ending in \\n, \\r\\n and a lone \\r', () => {
    expect(lineStartsOf('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7]);
    expect(positionAt(lineStartsOf('a\nb\r\nc\rd'), 7)).toEqual({ offset: 7, line: 4, column: 1 });
    expect(locate(doc('{\r\n  "k":\r\n    7\r\n}'), 'k')).toMatchObject({ line: 3, column: 5 });
  });

  it('parses the loader path format back into parts', () => {
    expect(parseJsonPath('(root)')).toEqual([]);
    expect(parseJsonPath('segments[1].pullMin')).toEqual(['segments', 1, 'pullMin']);
    expect(parseJsonPath('a.b[0][2].$schema')).toEqual(['a', 'b', 0, 2, '$schema']);
  });
});

describe('scanJson syntax errors', () => {
  it('places each error where it happens and says what was expected', () => {
    expect(syntaxError('{\n  "a": 1,,\n}')).toMatchObject({ line: 2, column: 10 });
    expect(syntaxError('{\n  "a": 1,\n}').message).toMatch(/trailing comma/);
    expect(syntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 2, column: 9 });
    expect(syntaxError('{"a": 1 "b": 2}')).toMatchObject({ line: 1, column: 9, message: expect.stringMatching(/expected "," or "}"/) });
    expect(syntaxError('{\n  // note\n  "a": 1}')).toMatchObject({ line: 2, column: 3, message: expect.stringMatching(/comments/) });
    expect(syntaxError("{'a': 1}").message).toMatch(/property name in double quotes/);
    expect(syntaxError('["a\nb"]')).toMatchObject({ line: 1, column: 4 });
    expect(syntaxError('{"a": [1, 2}')).toMatchObject({ column: 12 });
    expect(syntaxError('{"a": tru}')).toMatchObject({ column: 7 });
    expect(syntaxError('{"a": 1} x')).toMatchObject({ column: 10, message: expect.stringMatching(/after the end/) });
    expect(syntaxError('  \n ').message).toMatch(/empty/);
    expect(syntaxError('{"a": "\\x"}').message).toMatch(/invalid escape/);
    expect(syntaxError('{"a": "open').message).toMatch(/not closed/);
    expect(syntaxError('{"a": ').message).toMatch(/end of the text/);
  });

  it('refuses nesting deep enough to threaten the stack', () => {
    expect(syntaxError('['.repeat(100_000)).message).toMatch(/nested more than/);
    expect(scanJson(`${'['.repeat(200)}${']'.repeat(200)}`).ok).toBe(true);
  });

  it('accepts exactly what JSON.parse accepts', () => {
    const tokens = ['{', '}', '[', ']', ',', ':', '"k"', '"\\u00e9"', '"\\q"', '1', '-0.5e+2', '01', '-', '1.', 'true', 'nul', ' ', '\n', '\t', '/', "'"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text).ok).toBe(parses);
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.jsonValue(), (v) => void expect(scanJson(JSON.stringify(v, null, 2)).ok).toBe(true)));
  });
});

describe('scanJson over jsonc-parser keeps to strict JSON', () => {
  it('refuses what the library would tolerate elsewhere: a byte order mark, odd white space, comments', () => {
    expect(syntaxError('\uFEFF{}')).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/U\+FEFF/) });
    expect(syntaxError('{\u00a0}')).toMatchObject({ column: 2, message: expect.stringMatching(/U\+00A0/) });
    expect(syntaxError('[1,\f2]')).toMatchObject({ column: 4 });
    expect(syntaxError('{"a": 1 /* open').message).toMatch(/comments/);
    expect(syntaxError('[1] // done').message).toMatch(/comments/);
  });

  it('places errors inside a string at the offending character', () => {
    expect(syntaxError('{"a": "x\ty"}')).toMatchObject({ column: 9, message: expect.stringMatching(/control character/) });
    expect(syntaxError('["ok\\u12"]')).toMatchObject({ column: 5, message: expect.stringMatching(/invalid escape "\\u"/) });
    expect(syntaxError('["a\r\n"]')).toMatchObject({ line: 1, column: 4, message: expect.stringMatching(/line break/) });
  });

  it('words the other errors by what the parser was waiting for', () => {
    expect(syntaxError('[1.]')).toMatchObject({ column: 2, message: expect.stringMatching(/number/) });
    expect(syntaxError('{"a": \'x\'}').message).toMatch(/double quotes/);
    expect(syntaxError('{"a" 1}')).toMatchObject({ column: 6, message: expect.stringMatching(/expected ":"/) });
    expect(syntaxError('[1 2]').message).toMatch(/expected "," or "\]"/);
    expect(syntaxError('[1,]')).toMatchObject({ column: 3, message: expect.stringMatching(/trailing comma before "\]"/) });
    expect(syntaxError('[,1]')).toMatchObject({ column: 2, message: expect.stringMatching(/expected a value/) });
  });

  it('reports an earlier error before a too-deep nesting, and the depth otherwise', () => {
    expect(syntaxError(`[1,,${'['.repeat(1000)}`)).toMatchObject({ column: 4 });
    expect(scanJson(`{"a": "${'['.repeat(1000)}"}`).ok).toBe(true);
    expect(syntaxError(`${'['.repeat(MAX_JSON_DEPTH + 1)}`)).toMatchObject({ column: MAX_JSON_DEPTH + 1, message: expect.stringMatching(/nested/) });
  });

  it('keeps a repeated key where it first appeared but points at its last place', () => {
    const d = doc('{"x": 1, "y": 2, "x": 3}');
    expect(keysAt(d, '(root)').map((k) => [k.key, k.at.column])).toEqual([
      ['x', 18],
      ['y', 10],
    ]);
  });

  it('agrees with JSON.parse on tokens the library treats specially', () => {
    const tokens = ['{', '}', '[', ']', ',', ':', '"k"', '"a\tb"', '"\\u00"', '1', '1e', '\uFEFF', '\u00a0', '\f', '\r', '\n', '/*', '*/', '//', 'null', '"'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text).ok).toBe(parses);
      }),
      { numRuns: 3000 },
    );
  });
});
