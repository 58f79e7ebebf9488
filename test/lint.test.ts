import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

/* The lint config is part of the rules: the layer boundaries and the core's purity bans must
 * keep reporting, so turning them off (or a glob that stops matching) fails here. The fixtures
 * are linted as text under a path inside src/, never written to disk, so other tests that read
 * src/ (purity.test.ts) and the type checker never see them. */

const ROOT = fileURLToPath(new URL('../', import.meta.url));

// The real config, minus type information (the fixtures are in no tsconfig program).
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function rulesHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal || !m.ruleId);
  if (fatal.length > 0) throw new Error(`not linted: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.map((m) => `${m.ruleId}@${m.line}`);
}

describe('eslint.config.js', () => {
  it('reports layer crossings and impurity in the engine', async () => {
    const code = [
      "import { money } from '../ui/format.js';",
      "import { debriefOf } from '../analysis/debrief.js';",
      "import { readFileSync } from 'node:fs';",
      'export const x: any = Math.random() + Math.exp(1) + 2 ** 3 + Date.now() + money(1) + String(debriefOf) + String(readFileSync);',
    ].join('\n');
    const hits = await rulesHit('src/engine/lint-fixture.ts', code);
    expect(hits.filter((h) => h === 'no-restricted-imports@1' || h === 'no-restricted-imports@2' || h === 'no-restricted-imports@3')).toHaveLength(3);
    for (const rule of ['no-restricted-properties', 'no-restricted-syntax', 'no-restricted-globals', '@typescript-eslint/no-explicit-any']) {
      expect(hits, rule).toContain(`${rule}@4`);
    }
    expect(hits.filter((h) => h === 'no-restricted-properties@4')).toHaveLength(2);
  });

  it('holds each layer to what sits below it, at any folder depth', async () => {
    const crossings: [string, string][] = [
      ['src/engine/systems/lint-fixture.ts', '../../bots/index.js'],
      ['src/engine/log/lint-fixture.ts', '../../cli/io.js'],
      ['src/scenarios/lint-fixture.ts', '../engine/state.js'],
      ['src/bots/lint-fixture.ts', '../analysis/score.js'],
      ['src/analysis/lint-fixture.ts', '../ui/format.js'],
      ['src/ui/lint-fixture.ts', '../cli/io.js'],
      ['src/ui/viewer/lint-fixture.ts', '../../cli/io.js'],
      ['src/cli/commands/lint-fixture.ts', '../../ui/format.js'],
    ];
    const allowed: [string, string][] = [
      ['src/engine/lint-fixture.ts', '../scenarios/schema.js'],
      ['src/engine/systems/lint-fixture.ts', '../state.js'],
      ['src/bots/lint-fixture.ts', '../engine/state.js'],
      ['src/analysis/lint-fixture.ts', '../bots/index.js'],
      ['src/ui/lint-fixture.ts', '../analysis/score.js'],
      ['src/ui/viewer/lint-fixture.ts', '../../index.js'],
      ['src/cli/commands/lint-fixture.ts', '../../analysis/debrief.js'],
    ];
    expect.assertions(crossings.length + allowed.length);
    for (const [file, spec] of crossings) {
      expect(await rulesHit(file, `export * from '${spec}';\n`), `${file} -> ${spec}`).toEqual(['no-restricted-imports@1']);
    }
    for (const [file, spec] of allowed) {
      expect(await rulesHit(file, `export * from '${spec}';\n`), `${file} -> ${spec}`).toEqual([]);
    }
  });

  it('leaves the shells free to use time and randomness', async () => {
    expect(await rulesHit('src/ui/lint-fixture.ts', 'export const t = Date.now() + Math.random() + 2 ** 3;\n')).toEqual([]);
  });
});
