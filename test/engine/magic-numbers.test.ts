import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/* Every balance number is scenario data (the rules block, src/scenarios/rules.ts): the systems
 * of the engine may write only the few numbers below, which carry structure, not balance. The
 * file is parsed with the TypeScript compiler, so numbers in strings and comments do not count. */

const SYSTEMS = fileURLToPath(new URL('../../src/engine/systems/', import.meta.url));

/** The numbers a system may write, each for a reason that is not balance. */
const ALLOWED = new Map<number, string>([
  [0, 'nothing: empty counts, lower clamps, "none yet"'],
  [1, 'one: whole shares (1 - p), the next id or week, a single unit'],
  [-1, 'one back: the previous week or version'],
  [2, 'halves: splitting something in two'],
  [100, 'percent: turning shares into percentages for messages'],
]);

/** Every numeric literal outside an element-access index, as `file:line=value`. */
function literalsIn(file: string, text = readFileSync(join(SYSTEMS, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const hits: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNumericLiteral(node)) {
      const negated = ts.isPrefixUnaryExpression(node.parent) && node.parent.operator === ts.SyntaxKind.MinusToken;
      const value = negated ? -Number(node.text) : Number(node.text);
      const index = ts.isElementAccessExpression(node.parent) && node.parent.argumentExpression === node;
      if (!index && !ALLOWED.has(value) && !ALLOWED.has(Number(node.text))) {
        hits.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}=${negated ? '-' : ''}${node.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

describe('balance numbers', () => {
  const files = readdirSync(SYSTEMS)
    .filter((f) => f.endsWith('.ts'))
    .sort();

  it('finds the systems to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it('the detector sees a literal (so an empty result means something)', () => {
    const probe = 'const x = y * 0.7 + z[3] - 1;\nconst w = -4 + 100 * 2; // 0.9 in a comment\nconst m = "0.8 in a string";';
    expect(literalsIn('probe.ts', probe)).toEqual(['probe.ts:1=0.7', 'probe.ts:2=-4']);
  });

  it('src/engine/systems writes no number but 0, 1, -1, 2 and 100 (the rest lives in the scenario rules)', () => {
    const hits = files.flatMap((f) => literalsIn(f));
    expect(hits, `balance numbers in code (move each to src/scenarios/rules.ts): ${hits.join(' ')}`).toEqual([]);
  });
});
