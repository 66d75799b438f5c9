// One lint setup for every workspace, run by `npm test` (and so by CI).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/.scratch/**', '**/dist/**', '**/.data/**', '**/.turbo/**', '**/generated/**', 'artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration once, in the package\'s config module (house rule 3).' },
      ],
    },
  },
  {
    // The web app runs in the browser and uses React hooks.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The modules that parse configuration, and tests and scripts that set it, may touch process.env.
    files: ['**/config.ts', '**/*.config.ts', '**/test/**', '**/bench/**', '**/scripts/**', '**/*.test.ts', '**/main.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
