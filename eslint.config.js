// Lint configuration: typescript-eslint recommended, and the core's one rule a module graph cannot see (no
// `process`). Which module may import which is .dependency-cruiser.cjs, run by `npm run lint` after this.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['src/filing/**', 'src/rules/**', 'src/engine/**', 'src/report/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The core knows nothing of process.' }],
    },
  },
);
