import { defineConfig } from 'vitest/config';

// Real-browser tests: one worker at a time (a 2-core machine runs one Chromium well).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
