// Layering is a build failure, not a convention (design.md "Process model"):
//  - src/ is the engine: it runs in plain Node, Electron's main or a utility process, so it never imports
//    electron, react or UI kits.
//  - renderer/ is sandboxed UI: no Node built-ins, no electron, and nothing from src/ except the API contract
//    (src/api/) and pure shared types (src/shared/).
// Do not relax these rules; add an explicit, commented exception instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export const engineForbidden = {
  paths: [
    { name: 'electron', message: 'src/ must not import electron: pass platform services in as interfaces.' },
    { name: 'react', message: 'src/ must not import react: UI lives in renderer/.' },
    { name: 'react-dom', message: 'src/ must not import react-dom: UI lives in renderer/.' },
  ],
  patterns: [
    {
      group: ['electron/*', 'react/*', 'react-dom/*', '@fluentui/*'],
      message: 'src/ must stay free of UI and Electron.',
    },
    { group: ['**/renderer/**', '**/main/**'], message: 'src/ must not import from renderer/ or main/.' },
  ],
};

export const rendererForbidden = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ must not import Node built-ins: call the API.' })),
    { name: 'electron', message: 'renderer/ must not import electron: use the API client.' },
  ],
  patterns: [
    {
      group: ['**/src/**', '!**/src/api', '!**/src/api/**', '!**/src/shared', '!**/src/shared/**'],
      message: 'renderer/ may import only src/api (the contract) and src/shared (pure types) from src/.',
    },
    { group: ['**/main/**'], message: 'renderer/ must not import main/.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.tools/**', 'test-output/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']",
          message: '.only never lands.',
        },
      ],
    },
  },
  { files: ['src/**/*.ts'], rules: { 'no-restricted-imports': ['error', engineForbidden] } },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererForbidden] },
  },
);
