import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/coverage/**',
      'e2e/screenshots/**',
      '**/*.config.js',
      '**/*.config.cjs',
      'miniapp/babel.config.js',
      '**/.swc/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['admin/src/**/*.{ts,tsx}', 'miniapp/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // CLIs and scripts talk to a person on the terminal.
    files: [
      'scripts/**',
      'mock-devices/src/cli.ts',
      'bff/src/cli/**',
      'bff/scripts/**',
      'bff/bench/**',
      'bff/chaos/chaos.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
