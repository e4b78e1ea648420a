import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    setupFiles: ['src/test/setup.ts'],
  },
});
