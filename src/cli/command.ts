/** What every command file exports, and the helpers they share. */
import type { Command } from 'commander';
import type { Review, OpenOptions } from '../project/review.js';
import { t } from '../ui/i18n.js';

export interface CommandModule {
  /** Declare arguments and options on `cmd` and set its action. */
  register(cmd: Command): void;
}

/** One option of a command. Its flag is the table key in kebab case (`dryRun` -> `--dry-run`). */
export interface OptionSpec {
  /** Message key of the description. */
  help: string;
  /** Name of the value (`file` shows as `<arquivo>` in pt-BR help, see program.ts); absent for a plain switch. */
  value?: string;
  /** One-letter alias, e.g. `-p`. */
  short?: string;
  default?: string;
  required?: boolean;
  choices?: readonly string[];
  /** Message key of the `--no-<flag>` twin of a switch (`--excel` / `--no-excel`). */
  negatedHelp?: string;
}

export type OptionTable = Record<string, OptionSpec>;

type OptionValue<S extends OptionSpec> = S extends { value: string }
  ? S extends { default: string } | { required: true }
    ? string
    : string | undefined
  : boolean | undefined;

/** The parsed options of a table: the one place a command's options are declared. */
export type OptionValues<T extends OptionTable> = { -readonly [K in keyof T]: OptionValue<T[K]> };

/** Declare every option of `table` on `cmd`. */
export function declareOptions(cmd: Command, table: OptionTable): Command {
  for (const [key, spec] of Object.entries(table)) {
    const long = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const flags = `${spec.short ? `${spec.short}, ` : ''}${long}${spec.value ? ` <${spec.value}>` : ''}`;
    // Note: createOption, so that the command shows the value's name in the user's language.
    const option = cmd.createOption(flags, t(spec.help));
    if (spec.default !== undefined) option.default(spec.default);
    if (spec.choices) option.choices(spec.choices);
    if (spec.required) option.makeOptionMandatory();
    cmd.addOption(option);
    if (spec.negatedHelp) cmd.addOption(cmd.createOption(`--no-${long.slice(2)}`, t(spec.negatedHelp)));
  }
  return cmd;
}

/** A positional argument named in the user's language: `<pasta>`, `[pasta]`, `<arquivos...>`. */
export function declareArgument(cmd: Command, name: string, help: string, kind: 'required' | 'optional' | 'variadic' = 'required'): Command {
  const flags = kind === 'optional' ? `[${name}]` : kind === 'variadic' ? `<${name}...>` : `<${name}>`;
  return cmd.addArgument(cmd.createArgument(flags, t(help)));
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

/**
 * A command on one review folder: the `<dir>` argument and the options of `table`; `fn` runs with
 * the review open (its lock released after) and returns the exit code.
 */
export function onReview<T extends OptionTable>(
  cmd: Command,
  table: T,
  open: OpenOptions,
  fn: (review: Review, opts: OptionValues<T>, dir: string) => Promise<number | void> | number | void,
): Command {
  return declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), table).action(
    action((dir: string, opts: OptionValues<T>) => withReview(dir, open, (review) => fn(review, opts, dir))),
  );
}
