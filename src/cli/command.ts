/** What every command file exports, and the helpers they share. */
import type { Command } from 'commander';
import type { Review, OpenOptions } from '../project/review.js';
import { t } from '../ui/i18n.js';

export interface CommandModule {
  /** Declare arguments and options on `cmd` and set its action. */
  register(cmd: Command): void;
}

let exitCode = 0;

/** Wrap an action so its returned number becomes the process exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void> | number | void) {
  return async (...args: A): Promise<void> => {
    const code = await fn(...args);
    if (typeof code === 'number') exitCode = code;
  };
}

export function takeExitCode(): number {
  const c = exitCode;
  exitCode = 0;
  return c;
}

/** Open a review for the length of `fn`, always releasing the lock. */
export async function withReview<T>(dir: string, options: OpenOptions, fn: (review: Review) => Promise<T> | T): Promise<T> {
  // Note: loaded here, not at the top, so `review --help` does not pay for YAML and the schema.
  const { Review } = await import('../project/review.js');
  const review = Review.open(dir, options);
  const onSignal = () => {
    review.close();
    process.stderr.write(`\n${t('common.interrupted', { dir })}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(review);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    review.close();
  }
}
