/** Entry point: builds the commander program, loads the invoked command, maps errors to exit codes. */
import { CommanderError, Option } from 'commander';
import { COMMANDS } from './commands.js';
import { takeExitCode } from './command.js';
import { ReviewCommand } from './program.js';
import { CodedUserError, UserError, NotAvailableError, EXIT } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { parseLang, setLang, t } from '../ui/i18n.js';
import { printDiagnostics, printError, setupColour } from '../ui/output.js';
import { describeError } from '../ui/diagnosticText.js';

/** `--lang X` or `--lang=X` anywhere in argv, read before commander so help texts are translated. */
function langFromArgv(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--lang') return args[i + 1];
    if (args[i].startsWith('--lang=')) return args[i].slice(7);
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  const langArg = langFromArgv(args);
  if (langArg !== undefined) {
    const lang = parseLang(langArg);
    if (!lang) {
      printError(t('cli.unknownLang', { lang: langArg }));
      return EXIT.user;
    }
    setLang(lang);
  }
  setupColour();
  // Note: `review ... | head` closes the pipe early; that is the reader's choice, not an error.
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);

  const program = new ReviewCommand('review')
    .description(t('cli.description'))
    .version(TOOL_VERSION, '-V, --version', t('cli.opt.version'))
    .addOption(new Option(`--lang <${t('cli.value.lang')}>`, t('cli.opt.lang')))
    .addHelpText('after', `\n${t('cli.exitCodes')}`)
    .helpCommand(`help [${t('cli.help.commandWord')}]`, t('cli.opt.help'));

  // Only the invoked command's module is loaded (also for `review help CMD`).
  const invoked = args.find((a) => !a.startsWith('-') && a !== langArg && a !== 'help');
  for (const entry of COMMANDS) {
    const cmd = program
      .command(entry.name)
      .description(t(entry.description))
      .addHelpText('after', `\n${t('cli.exitCodes')}`);
    if (entry.name === invoked) (await entry.load()).register(cmd);
  }

  try {
    await program.parseAsync(argv);
    return takeExitCode();
  } catch (e) {
    return handleError(e);
  }
}

function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
}

function handleError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return e.exitCode === 0 ? EXIT.ok : EXIT.user;
  }
  if (e instanceof UserError) {
    printError(e instanceof CodedUserError ? describeError(e) : e.message);
    printDiagnostics(e.diagnostics);
    return e instanceof CodedUserError && e.kind === 'notAvailable' ? EXIT.notAvailable : EXIT.user;
  }
  if (e instanceof NotAvailableError) {
    printError(e.message);
    return EXIT.notAvailable;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  printError(t('cli.internal', { message: err.message }));
  if (process.env.REVIEW_DEBUG) process.stderr.write(`${err.stack}\n`);
  return EXIT.internal;
}
