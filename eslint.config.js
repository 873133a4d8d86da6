// Lint is also where process boundaries are enforced: `shared/` is pure
// TypeScript used by the renderer and the Node core alike, so it may not reach
// for Electron, Node built-ins, React or either side's code. `renderer/` may
// not import `electron/`.
//
// TypeScript files are linted with type information (the same tsconfig
// projects the typecheck uses, tests included) so that a promise nobody awaits
// or a promise handed to a void callback is an error, not a silent rejection.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }]
    }
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.test-web.json'],
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error'
    }
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts', 'tests/renderer/**/*.tsx', 'tests/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error'
    }
  },
  {
    files: ['**/*.js', '**/*.mjs', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' })),
            { name: 'electron', message: 'shared/ is pure: no Electron.' },
            { name: 'react', message: 'shared/ is pure: no React.' },
            { name: 'react-dom', message: 'shared/ is pure: no React.' }
          ],
          patterns: [
            { group: ['**/electron/**', 'electron/*'], message: 'shared/ may not import the Electron side.' },
            { group: ['**/renderer/**'], message: 'shared/ may not import the renderer.' },
            { group: ['react/*', 'react-dom/*'], message: 'shared/ is pure: no React.' }
          ]
        }
      ]
    }
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the contract client.' }],
          patterns: [{ group: ['**/electron/**'], message: 'renderer/ may not import the Electron side.' }]
        }
      ]
    }
  }
)
