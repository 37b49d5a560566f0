import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/renderer/**/*.test.{ts,tsx}', 'tests/playbooks/**/*.test.ts', 'tests/crash/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
