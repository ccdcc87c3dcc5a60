import { defineConfig } from 'vitest/config';

/** Tests that drive the real CLI through tmux: run apart, one file at a time (see vitest.tty.config.ts). */
export const TTY_TESTS = ['test/e2e/**/*.test.ts', 'test/screening/interactive.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/shared/**', 'node_modules/**', ...TTY_TESTS],
    // Note: timeouts catch hangs, not slowness: on a 2-core machine with other work beside the
    // suite, a CLI test that takes 3 s alone has been seen to take over 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
