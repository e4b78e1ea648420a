import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One server and one browser at a time: the machines have two cores.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A loaded machine answers late: expect.poll waits for its condition this long unless told otherwise.
    expect: { poll: { timeout: 15_000 } },
  },
});
