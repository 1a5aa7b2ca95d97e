import { defineConfig } from 'vitest/config';

const firefox = process.env.PROTOKOL_BROWSER === 'firefox';

// Real-browser tests: one worker at a time (a 2-core machine runs one browser well).
// `*-firefox.e2e.ts` check what only Firefox has (the TLS record) or what Firefox does with
// Chromium's packs: left out of Chromium runs.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    exclude: firefox ? [] : ['e2e/**/*-firefox.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
