// ESLint for the whole tree: typescript-eslint's recommended rules, the layer boundaries of
// ARCHITECTURE.md as import rules, and the pure core's determinism rules (the same bans
// test/engine/purity.test.ts checks by text, here checked on the syntax tree).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import approximatedMath from './test/approximated-math.json' with { type: 'json' };

const CORE = ['src/engine/**', 'src/scenarios/**', 'src/bots/**', 'src/analysis/**'];

/** A relative import that climbs into one of the named top-level folders of src/. */
const into = (...dirs) => `^(\\.\\./)+(${dirs.join('|')})(/|$)`;

const NODE_BUILTINS = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];
const NODE_IMPORTS = `^(node:.*|(${NODE_BUILTINS.join('|')})(/.*)?)$`;

/** The import bans of one layer: what it must not reach, with the reason shown to the reader. */
function layer(files, ...bans) {
  const patterns = bans.map(([dirs, message]) => ({ regex: into(...dirs), message }));
  const core = files.every((f) => CORE.includes(f));
  if (core) {
    patterns.push(
      { regex: NODE_IMPORTS, message: 'The pure core runs in browsers too: no Node built-ins.' },
      { regex: '^seedrandom$', message: 'seedrandom pulls crypto into browser builds; import seedrandom/lib/alea.' },
    );
  }
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

const NO_SHELLS = [['ui', 'cli'], 'The pure core must not import the browser (src/ui) or the command line (src/cli).'];

// The Math functions the spec leaves implementation-approximated (the purity test reads the same list).
const MATH_FUNCTIONS = approximatedMath;
const APPROXIMATED = 'is approximated differently by each JS engine; same seed must give the same bytes everywhere.';
const AMBIENT = 'The pure core takes no ambient time, randomness or host state: pass it in.';

export default defineConfig([
  globalIgnores(['dist/**', 'node_modules/**', 'scenarios/schema.json', '.scratch/**', 'coverage/**', 'test/.output/**']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // Type-aware rules the tree passes today; each catches a real bug class, none is style.
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
    },
  },

  // Layers: each may import only what sits below it (ARCHITECTURE.md).
  layer(['src/engine/**'], NO_SHELLS, [['analysis', 'bots'], 'The engine sits below analysis and bots; move shared code down into the engine.']),
  layer(['src/scenarios/**'], NO_SHELLS, [['engine'], 'Scenarios are data the engine reads; they must not import the engine (no cycle).']),
  layer(['src/bots/**'], NO_SHELLS, [['analysis'], 'Bots sit below analysis; move what they share into the engine or the bots.']),
  layer(['src/analysis/**'], NO_SHELLS),
  layer(['src/ui/**'], [['cli'], 'The browser game must not import the command line.']),
  layer(['src/cli/**'], [['ui'], 'The command line must not import the browser game.']),

  // Purity: the core gives the same bytes for the same seed in Node and every browser.
  {
    files: CORE,
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // No `any` may leak in from a library or a cast either (type-aware).
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      'no-restricted-globals': [
        'error',
        ...['Date', 'performance', 'crypto', 'process', 'Buffer', 'require', 'setTimeout', 'setInterval'].map((name) => ({ name, message: AMBIENT })),
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'fetch'].map((name) => ({ name, message: 'No browser APIs in the pure core.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `Math.random: ${AMBIENT} Draw from the world table.` },
        ...MATH_FUNCTIONS.map((property) => ({ object: 'Math', property, message: `Math.${property} ${APPROXIMATED}` })),
        ...['crypto', 'Date', 'performance', 'process', 'window', 'document'].map((property) => ({ object: 'globalThis', property, message: AMBIENT })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='**']", message: `The ** operator ${APPROXIMATED}` },
        { selector: "AssignmentExpression[operator='**=']", message: `The **= operator ${APPROXIMATED}` },
        { selector: "MemberExpression[object.name='Math'][computed=true]", message: 'No computed Math members: name the exact function.' },
        { selector: "VariableDeclarator[init.name='Math']", message: 'No destructured Math members: name the exact function.' },
        { selector: "MemberExpression[object.name='globalThis'][computed=true]", message: AMBIENT },
      ],
    },
  },

  // Plain JavaScript files are not in a tsconfig project: no type-aware rules there.
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
]);
