import { defineConfig } from 'vitest/config';

// The real-Electron suite (Playwright _electron). It needs the Electron binary and `npm run build`;
// where the binary is missing it prints one line saying so and skips.
export default defineConfig({
  test: {
    include: ['tests/electron-e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
