import { defineConfig } from 'vitest/config';

/** Tests that drive the real CLI through tmux: run apart, one file at a time (see vitest.tty.config.ts). */
export const TTY_TESTS = ['test/e2e/**/*.test.ts', 'test/screening/interactive.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/shared/**', 'node_modules/**', ...TTY_TESTS],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
