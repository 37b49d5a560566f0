// Lint rules that keep the process boundaries mechanical (style.md §4.2, §4.11):
// core/ never reaches for Electron, React or the DOM; the renderer never reaches for Node or Electron;
// only electron/ipc.ts touches ipcMain and only electron/preload.ts touches ipcRenderer/contextBridge.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectronOrUi = {
  paths: [
    { name: 'electron', message: 'core/ is plain TypeScript: Electron belongs in electron/.' },
    { name: 'react', message: 'core/ is plain TypeScript: React belongs in renderer/.' },
    { name: 'react-dom', message: 'core/ is plain TypeScript: React belongs in renderer/.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'screenshots/**', 'test-artifacts/**', 'bench-data/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noElectronOrUi],
      'no-restricted-globals': ['error', { name: 'window', message: 'core/ has no DOM.' }, { name: 'document', message: 'core/ has no DOM.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', HTMLElement: 'readonly', KeyboardEvent: 'readonly', FileReader: 'readonly', File: 'readonly', Event: 'readonly', matchMedia: 'readonly', requestAnimationFrame: 'readonly', HTMLInputElement: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.firebreak (the preload API).' }],
          patterns: [{ group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer has no Node: ask the main process through the API.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/ipc.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'], message: 'Only electron/ipc.ts registers handlers and only electron/preload.ts exposes the API.' }] },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.{ts,mjs}', 'bin/**/*.mjs', '*.config.{js,ts}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
