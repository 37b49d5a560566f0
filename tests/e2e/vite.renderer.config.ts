// Builds only the renderer (same root, base and output as electron.vite.config.ts), so the
// end-to-end tests do not depend on the main-process build.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repo = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: resolve(repo, 'renderer'),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: resolve(repo, 'out/renderer'),
    emptyOutDir: true,
    minify: true,
    chunkSizeWarningLimit: 1_000,
    rollupOptions: { input: resolve(repo, 'renderer/index.html') },
  },
});
