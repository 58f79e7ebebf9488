import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import MATH_FUNCTIONS from '../approximated-math.json';

/* The pure layers (engine, scenarios, analysis, bots) must run unchanged in Node and every
 * browser and give bit-identical results: no ambient randomness or time, no host APIs, no Node
 * built-ins, and none of the implementation-approximated Math functions or `**`. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PURE_DIRS = ['src/engine', 'src/scenarios', 'src/analysis', 'src/bots'];

/** Source with comments removed and string/template/regex contents blanked (code kept). */
export function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  const open: number[] = []; // brace depth inside each open template `${`
  let last = ''; // the last significant token, to tell a regex literal from a division
  const regexCanStart = () => last === '' || /^[(,=:[!&|?{};+\-*%<>~^]$/.test(last) || /^(return|typeof|case|do|else|in|of|void|yield|await|delete|throw|new)$/.test(last);
  const templateBody = () => {
    while (i < n) {
      if (src[i] === '\\') {
        i += 2;
        continue;
      }
      if (src[i] === '`') {
        i++;
        out += '`';
        last = 'x';
        return;
      }
      if (src[i] === '$' && src[i + 1] === '{') {
        i += 2;
        out += '${';
        open.push(0);
        last = '{';
        return;
      }
      i++;
    }
  };
  while (i < n) {
    const c = src[i] as string;
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out += ' ';
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      i++;
      out += `${c}${c}`;
      last = 'x';
      continue;
    }
    if (c === '`') {
      i++;
      out += '`';
      templateBody();
      continue;
    }
    if (c === '{' && open.length > 0) open[open.length - 1] = (open[open.length - 1] ?? 0) + 1;
    if (c === '}' && open.length > 0) {
      const depth = open[open.length - 1] ?? 0;
      if (depth === 0) {
        open.pop();
        i++;
        out += '}';
        templateBody();
        continue;
      }
      open[open.length - 1] = depth - 1;
    }
    if (c === '/' && regexCanStart()) {
      i++;
      let inClass = false;
      while (i < n && (src[i] !== '/' || inClass) && src[i] !== '\n') {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        i++;
      }
      i++;
      while (i < n && /[a-z]/i.test(src[i] as string)) i++;
      out += '/regex/';
      last = 'x';
      continue;
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$]/.test(src[j] as string)) j++;
      last = src.slice(i, j);
      out += last;
      i = j;
      continue;
    }
    if (!/\s/.test(c)) last = c;
    out += c;
    i++;
  }
  return out;
}

/** Source with comments removed but strings kept (for reading import specifiers). */
function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.replace(/^node:/, '')]));

const RULES: { name: string; re: RegExp }[] = [
  { name: 'Math.random', re: /\bMath\s*\.\s*random\b/ },
  { name: 'Date', re: /(?<![.\w$])Date\b/ },
  { name: 'performance', re: /(?<![.\w$])performance\b/ },
  { name: 'globalThis.crypto', re: /\bglobalThis\s*(\.\s*crypto\b|\[)/ },
  { name: 'crypto API', re: /(?<![.\w$])crypto\s*\.\s*(subtle|getRandomValues|randomUUID|randomBytes)\b/ },
  { name: 'DOM / browser globals', re: /(?<![.\w$])(document|window|localStorage|sessionStorage|navigator|location)\s*[.[]/ },
  { name: 'process / Buffer / require', re: /(?<![.\w$])(process\s*\.|Buffer\s*\.|require\s*\()/ },
  { name: 'approximated Math function', re: new RegExp(`\\bMath\\s*\\.\\s*(${MATH_FUNCTIONS.join('|')})\\b`) },
  { name: 'destructured or computed Math member', re: /\bMath\s*\[|=\s*Math\s*[;,)]|\}\s*=\s*Math\b/ },
  { name: '** operator', re: /\*\*/ },
];

/** Every purity violation in one file's source text. */
export function violations(src: string): string[] {
  const found: string[] = [];
  const code = codeOnly(src);
  const lines = code.split('\n');
  lines.forEach((line, i) => {
    for (const r of RULES) if (r.re.test(line)) found.push(`line ${i + 1}: ${r.name}: ${line.trim().slice(0, 120)}`);
  });
  const imports = withoutComments(src);
  const specifiers = [
    ...imports.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...imports.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...imports.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g),
    ...imports.matchAll(/\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g),
  ].map((m) => m[1] as string);
  for (const spec of specifiers) {
    const bare = spec.replace(/^node:/, '').split('/')[0] as string;
    if (spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(bare)) found.push(`imports Node built-in "${spec}"`);
    if (spec === 'seedrandom') found.push('imports "seedrandom" (pulls crypto into browser builds; use seedrandom/lib/alea)');
  }
  return found;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

describe('the checker', () => {
  it('catches planted violations', () => {
    const planted: [string, string][] = [
      ['const x = Math.random();', 'Math.random'],
      ['const t = Date.now();', 'Date'],
      ['const t = new Date();', 'Date'],
      ['const t = performance.now();', 'performance'],
      ['const c = globalThis.crypto.getRandomValues(a);', 'globalThis.crypto'],
      ['const u = crypto.randomUUID();', 'crypto API'],
      ['document.body.append(x);', 'DOM / browser globals'],
      ['window.alert(1);', 'DOM / browser globals'],
      ['localStorage.setItem("k", v);', 'DOM / browser globals'],
      ['const y = Math.exp(x);', 'approximated Math function'],
      ['const y = Math.pow(1.05, n);', 'approximated Math function'],
      ['const y = Math.log1p(x);', 'approximated Math function'],
      ['const y = Math . atan2(a, b);', 'approximated Math function'],
      ['const y = Math.hypot(a, b);', 'approximated Math function'],
      ['const y = 1.05 ** n;', '** operator'],
      ['x **= 2;', '** operator'],
      ['const { pow } = Math;', 'destructured or computed Math member'],
      ["const f = Math['exp'];", 'destructured or computed Math member'],
      ['const e = process.env.X;', 'process / Buffer / require'],
    ];
    for (const [src, rule] of planted) {
      const v = violations(src);
      expect(
        v.some((x) => x.includes(rule)),
        `${src} should break ${rule}; got ${JSON.stringify(v)}`,
      ).toBe(true);
    }
    for (const imp of [
      "import { readFileSync } from 'fs';",
      "import * as path from 'node:path';",
      "import os from 'os';",
      "export { x } from 'node:crypto';",
      "const cp = await import('child_process');",
      "import 'node:worker_threads';",
      "import { createHash } from 'crypto';",
      "import seedrandom from 'seedrandom';",
    ]) {
      expect(violations(imp).length, imp).toBeGreaterThan(0);
    }
  });

  it('ignores comments and string contents, and allows the exact functions', () => {
    const clean = [
      '// Math.random is banned here, and so is Date.now()',
      '/* performance.now(), Math.exp(x), 2 ** 3 */',
      '/** JSDoc: ** bold ** */',
      "const msg = 'Update the Date of the window. ** Math.pow';",
      'const t = `week ${w} ** Math.exp`;',
      'const re = /\\*\\*/;',
      'const y = Math.sqrt(x) + Math.floor(x) + Math.round(x) + Math.min(a, b) + Math.abs(c) + Math.fround(d) + Math.imul(a, b);',
      'const expected = a * b; const logger = null; const pow2 = 4;',
      "import alea from 'seedrandom/lib/alea';",
      "import { sha256 } from '@noble/hashes/sha2.js';",
      "import { draw } from './rng.js';",
      'const o = { performanceScore: 1, updatedDate: 2 }; o.updatedDate += 1;',
      'const x = `a ${`b ${c} d`} e`; const z = 1 * 2;',
    ].join('\n');
    expect(violations(clean)).toEqual([]);
  });

  it('still sees code inside template literal expressions', () => {
    expect(violations('const s = `now: ${Date.now()}`;').length).toBeGreaterThan(0);
    expect(violations('const s = `x ${Math.exp(1)} y`;').length).toBeGreaterThan(0);
  });
});

describe('the pure layers', () => {
  const files = PURE_DIRS.flatMap((d) => tsFiles(join(ROOT, d)));

  it('exist (the scan is not vacuous)', () => {
    expect(files.some((f) => f.includes(join('src', 'engine')))).toBe(true);
    expect(files.some((f) => f.includes(join('src', 'bots')))).toBe(true);
    expect(files.length).toBeGreaterThan(20);
  });

  it('use no ambient randomness, time, host APIs, Node built-ins or approximated Math', () => {
    const problems: string[] = [];
    for (const f of files) for (const v of violations(readFileSync(f, 'utf8'))) problems.push(`${relative(ROOT, f)} ${v}`);
    expect(problems).toEqual([]);
  });

  it("are scanned to the end: a violation planted after each real file's text is found", () => {
    // Guards the tokenizer: a mis-read string, template or regex would swallow the rest of a file.
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(
        violations(`${src}\nconst planted = Math.exp(1);\n`).some((v) => v.includes('approximated Math function')),
        relative(ROOT, f),
      ).toBe(true);
    }
  });
});
