import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Memory tests sample what is live after a collection, not garbage a loaded machine has not collected yet.
    execArgv: ['--expose-gc'],
    setupFiles: ['src/test/setup.ts'],
    // XIAOJIA_TEST_DATABASE=postgres: a PostgreSQL server for the run (src/test/global-setup.ts).
    globalSetup: ['src/test/global-setup.ts'],
  },
});
