import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    // The hunt worker is its own entry so worker_threads can load it by path (core/hunt/index.ts).
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'electron/main.ts'), 'hunt-worker': resolve(root, 'core/hunt/worker.ts') },
        // The app prints PDFs with webContents.printToPDF; playwright-core is only the command line's
        // fallback printer, so it must not be bundled into the main process (6 MB never loaded).
        external: ['playwright-core'],
      },
    },
  },
  preload: {
    // A sandboxed preload cannot be an ES module: emit CommonJS (out/preload/index.cjs).
    build: {
      rollupOptions: { input: { index: resolve(root, 'electron/preload.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    build: {
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
    plugins: [react()],
  },
});
