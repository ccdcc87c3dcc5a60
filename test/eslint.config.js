// ESLint for src/ and test/ (npm run lint). It lives here, not at the top level, because the
// project's top-level file list is fixed; `eslint --config test/eslint.config.js` resolves the
// patterns below from the working directory (the package root).
// Rules: typescript-eslint's recommended set (https://typescript-eslint.io/users/configs#recommended).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Note: some files still carry `eslint-disable no-control-regex` lines from before this config.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      // Note: terminal and SVG code matches ANSI escapes and control characters on purpose.
      'no-control-regex': 'off',
      // Note: `_`-prefixed names are kept on purpose (destructuring that drops a field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Note: tagged formats have meaningful runs of spaces ("TY  - "); written out they read as the file does.
      'no-regex-spaces': 'off',
      // Note: the house style pairs two assignments with a comma (`if (x) (a = 1), (b = 2);`).
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
