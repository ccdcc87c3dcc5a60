import { defineConfig } from 'vitest/config';
import { TTY_TESTS } from './vitest.config.js';

// Note: the terminal tests wait for screens to appear; run after the rest and one file at a time
// so a CPU-heavy suite (fuzzing) never starves the process behind the terminal.
export default defineConfig({
  test: {
    include: TTY_TESTS,
    testTimeout: 120_000,
    hookTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
