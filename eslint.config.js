// ESLint for remedi: correctness, not layout. Layout is Prettier's (.prettierrc.json) and no
// stylistic rule is enabled here, so the two never disagree. The layer rules are
// dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The Node globals the plain JavaScript files (bench, scripts, bin, test workers) use. */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'structuredClone', 'performance'].map(
    (name) => [name, 'readonly'],
  ),
);

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'test-output/', 'fixtures/'] },

  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    extends: [js.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-throw-literal': 'error',
      'prefer-const': 'error',
      'no-var': 'error',
      // remedi strips and shows terminal escapes on purpose (ui/terminalText.ts, ui/table.ts and
      // their tests): every control character in those patterns is meant, so the rule only cries wolf.
      'no-control-regex': 'off',
    },
  },

  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...nodeGlobals, module: 'writable', require: 'readonly' } },
  },

  // TypeScript, with the type checker: the rules that catch what tsc does not.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An unawaited promise loses its error and races the exit code; an async callback
      // where a plain one is expected is never awaited.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // A type-only import is erased from the build, so a type never loads a module at run time
      // (remedi --help stays fast); `import { type A }` alone would still load it.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/consistent-type-exports': 'error',
      // A switch over a union names every case (or has a default), so a new kind is handled everywhere.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests parse remedi's JSON output (JSON.parse gives any) and then assert on its shape:
      // the expect() is the check, so the unsafe-any rules would fire on nearly every CLI test.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Test doubles stand in for async functions (prompts, writers) and answer at once.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
