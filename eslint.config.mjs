import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', '.vscode-test/**', '.bench/**', '.cache/**', 'node_modules/**', 'test/fixtures/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      // `import vscode = require('vscode')` binds the API object once; a namespace import makes the
      // bundle copy the whole API per module at activation (esbuild's __toESM).
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$'] }],
    },
  },
  {
    // The core is plain Node: it never reaches for the editor API, nor for the layers built on it.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode.' }],
          patterns: [{ regex: '(^|/)(features|services|cli|extension)(/|$)', message: 'src/core must not import features, services, the CLI or the extension entry.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The CLI must not import vscode.' }] }],
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    // Webviews run in the browser: from the core they take types only, plus the key-kind helper.
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webviews must not import vscode.' }],
          patterns: [
            { regex: '(^|/)core/(?!jwt/keyKind$)', allowTypeImports: true, message: 'Webviews import only types from src/core (and core/jwt/keyKind).' },
            { regex: '(^|/)(features|services|cli|extension)(/|$)', message: 'Webviews must not import the extension side.' },
          ],
        },
      ],
    },
  },
);
