// Lint configuration: typescript-eslint recommended, plus the boundary that keeps the core pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapters = ['cli', 'http', 'store', 'scan'];
const adapterPatterns = adapters.flatMap((a) => [`../${a}/*`, `../../${a}/*`, `**/src/${a}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/filing/**', 'src/rules/**', 'src/engine/**', 'src/report/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: adapterPatterns, message: 'The core (filing, rules, engine, report) must not import an adapter.' },
            { group: ['express', 'better-sqlite3', 'pino', 'commander', 'cli-progress', 'node:fs', 'node:fs/*', 'node:worker_threads', 'node:http'], message: 'The core is pure: no I/O, HTTP, database or process state.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'The core knows nothing of process.' }],
    },
  },
  {
    files: ['src/rules/load.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
