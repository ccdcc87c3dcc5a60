import { defineConfig } from 'vitest/config';

// The suite that reads the real third-party data in ../shared/ (present in CI, absent on a user's clone).
export default defineConfig({
  test: {
    include: ['test/shared/**/*.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
