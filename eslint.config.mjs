import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The dependency rules (docs/architecture.md), checked by ESLint's own no-restricted-imports rather than
 * a plugin: import paths are enough to tell the layers apart here. ESLint takes the last matching
 * block's options for a rule, so each block lists everything its files may not import.
 */
const otherApps = (...apps) =>
  apps.flatMap((app) => [`@jiefang/${app}`, `@jiefang/${app}/**`, `**/${app}/src/**`]);
const restricted = (message, ...patterns) => ['error', { patterns: [{ group: patterns, message }] }];
const bffProductionOnly = [...otherApps('admin', 'miniapp', 'mock-devices', 'dev-services', 'e2e')];
const domainForbids = [
  ...bffProductionOnly,
  '**/infra/**',
  '**/modules/**',
  '**/http/**',
  '**/security/**',
  '**/testing/**',
  'mongoose',
  'ioredis',
  'mqtt',
  'bullmq',
  'koa',
  '@koa/*',
];
const infraForbids = [...bffProductionOnly, '**/modules/**', '**/http/**', '**/security/**', '**/testing/**'];
const httpForbids = [...bffProductionOnly, '**/modules/**', '**/security/**', '**/testing/**'];

const dependencyRules = [
  {
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/**/*.test.ts', 'bff/src/testing/**', 'bff/src/security/**'],
    rules: {
      'no-restricted-imports': restricted(
        'The BFF imports contracts, never another app, and never the dev-only service launcher.',
        ...bffProductionOnly,
      ),
    },
  },
  {
    files: ['bff/src/domain/**/*.ts'],
    ignores: ['bff/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted(
        'domain/ is pure rules: no I/O, no adapters (infra), no features (modules), no HTTP.',
        ...domainForbids,
      ),
    },
  },
  {
    files: ['bff/src/infra/**/*.ts'],
    ignores: ['bff/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted(
        'infra/ adapters know no feature (modules) and no HTTP.',
        ...infraForbids,
      ),
    },
  },
  {
    files: ['bff/src/http/**/*.ts'],
    ignores: ['bff/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted(
        'http/ is Koa plumbing: features plug into it, not the other way.',
        ...httpForbids,
      ),
    },
  },
  {
    files: ['contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted(
        'contracts are shared by every app and depend on none.',
        ...otherApps('bff', 'admin', 'miniapp', 'mock-devices', 'dev-services', 'e2e'),
      ),
    },
  },
  {
    files: ['admin/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restricted(
        'The admin panel talks to the BFF over HTTP with contracts, never through another app’s code.',
        ...otherApps('bff', 'miniapp', 'mock-devices', 'dev-services'),
      ),
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restricted(
        'The mini-program talks to the BFF over HTTP with contracts, never through another app’s code.',
        ...otherApps('bff', 'admin', 'mock-devices', 'dev-services'),
      ),
    },
  },
  {
    files: ['mock-devices/src/**/*.ts', 'dev-services/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restricted(
        'Device simulators and the service launcher use contracts, never an app’s code.',
        ...otherApps('bff', 'admin', 'miniapp'),
      ),
    },
  },
];

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
  ...dependencyRules,
);
