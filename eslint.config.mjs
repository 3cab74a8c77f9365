// ESLint flat config: typescript-eslint with type information for the TypeScript sources, plus the architecture's
// import boundaries (a pure domain core; cards that know no store and no bot framework).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages that belong to the edges: the bot framework, the web server and the database drivers. */
const EDGE_PACKAGES = ['botbuilder', 'botbuilder-*', 'botframework-*', 'restify', 'restify-*', 'pg', 'pg-*', 'better-sqlite3'];

const NODE_GLOBALS = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setImmediate: 'readonly',
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'manifest/*.js', '.probe/**'],
  },

  // Plain JavaScript (scripts, jest.config.js): Node CommonJS.
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022, globals: NODE_GLOBALS },
  },
  // The tabs' page script: a classic browser script, served as it is (type-checked by tsconfig.tab.json).
  {
    files: ['src/features/tab/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'navigator', 'performance', 'fetch', 'FormData', 'FileReader', 'btoa', 'URL', 'URLSearchParams', 'setTimeout', 'matchMedia'].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', ecmaVersion: 2022, globals: NODE_GLOBALS },
  },

  // TypeScript: recommended rules, and the type-aware ones that catch lost promises.
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always'],
    },
  },

  // The domain is pure: no bot framework, web server, database driver, nor the edges that use them.
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: EDGE_PACKAGES, message: 'src/domain is pure: edge packages belong in src/bot, src/web or src/store.' },
            {
              regex: '^(\\.\\./)+(bot|web|store)(/|$)',
              message: 'src/domain may not import src/bot, src/web or src/store: they depend on the domain, not the reverse.',
            },
            { regex: '^(\\.\\./)+cards(/|$)', message: 'src/domain may not import cards: cards render domain views, not the reverse.' },
          ],
        },
      ],
    },
  },

  // Cards are pure functions of a view model: no bot framework, web server, database, store or bot.
  {
    files: ['cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: EDGE_PACKAGES, message: 'cards are pure (viewModel, locale) => AdaptiveCard functions: no edge packages.' },
            { regex: '^(\\.\\./)+src/(store|bot)(/|$)', message: 'cards may not import src/store or src/bot.' },
          ],
        },
      ],
    },
  },
);
