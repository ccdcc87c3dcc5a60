/**
 * Commander in the user's language: its errors, usage line and help headings come from the
 * catalogue, and an error is followed by one line pointing to `--help`, not the whole help
 * (so the error stays on a 24-line screen).
 */
import { Argument, Command, Help, Option } from 'commander';
import { t } from '../ui/i18n.js';

/**
 * Commander's own error sentences (commander 14, lib/command.js: unknownCommand, missingArgument,
 * optionMissingArgument, missingMandatoryOptionValue, unknownOption, _excessArguments,
 * _callParseArg; lib/option.js and lib/argument.js for choices; lib/suggestSimilar.js), each
 * matched by its error code and turned into the catalogue's sentence.
 */
const PATTERNS: Record<string, [RegExp, string, string[]][]> = {
  'commander.unknownCommand': [[/^error: unknown command '(.*?)'/, 'cli.err.unknownCommand', ['name']]],
  'commander.missingArgument': [[/^error: missing required argument '(.*)'$/, 'cli.err.missingArgument', ['name']]],
  'commander.optionMissingArgument': [[/^error: option '(.*)' argument missing$/, 'cli.err.optionMissingArgument', ['option']]],
  'commander.missingMandatoryOptionValue': [[/^error: required option '(.*)' not specified$/, 'cli.err.requiredOption', ['option']]],
  'commander.unknownOption': [[/^error: unknown option '(.*?)'/, 'cli.err.unknownOption', ['option']]],
  'commander.excessArguments': [[/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, 'cli.err.excessArguments', ['command', 'expected', 'got']]],
  'commander.invalidArgument': [
    [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s, 'cli.err.invalidChoice', ['option', 'value', 'choices']],
    [/^error: option '(.*)' argument '(.*)' is invalid\. (.*)$/s, 'cli.err.invalidOptionValue', ['option', 'value', 'reason']],
    [/^error: command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/s, 'cli.err.invalidArgChoice', ['value', 'name', 'choices']],
    [/^error: command-argument value '(.*)' is invalid for argument '(.*)'\. (.*)$/s, 'cli.err.invalidArgValue', ['value', 'name', 'reason']],
  ],
};

/** The catalogue's sentence for one of commander's error messages (its English text otherwise). */
export function translateCommanderError(message: string, code: string | undefined): string {
  for (const [re, key, names] of PATTERNS[code ?? ''] ?? []) {
    const m = re.exec(message);
    if (!m) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, m[i + 1]]));
    let text = t(key, params);
    const similar = /\(Did you mean (?:one of )?(.*)\?\)/.exec(message);
    if (similar) text += `\n${t('cli.err.didYouMean', { names: similar[1] })}`;
    return `${t('cli.error')}: ${text}`;
  }
  return message.replace(/^error:/, `${t('cli.error')}:`);
}

/** `<file>`, `[dir]`, `<files...>` with the name in the user's language (cli.value.<name>). */
export function translatePlaceholders(flags: string): string {
  return flags.replace(/([<[])([\w-]+)(\.\.\.)?([>\]])/g, (whole, open: string, name: string, dots: string | undefined, close: string) => {
    const key = `cli.value.${name}`;
    const shown = t(key);
    return shown === key ? whole : `${open}${shown}${dots ?? ''}${close}`;
  });
}

/** The full name of a command for "review init --help". */
function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Commander's help with its words (Usage, Options, default...) through the catalogue. */
function translatedHelp(cmd: Command, helper: Help): string {
  return Help.prototype.formatHelp
    .call(helper, cmd, helper)
    .replace(/^Usage:/m, t('cli.help.usage'))
    .replace(/^Arguments:/m, t('cli.help.arguments'))
    .replace(/^Options:/m, t('cli.help.options'))
    .replace(/^Commands:/m, t('cli.help.commands'))
    .replace(/\[options\]/g, `[${t('cli.help.optionsWord')}]`)
    .replace(/\[command\]/g, `[${t('cli.help.commandWord')}]`)
    .replace(/\(default:/g, `(${t('cli.help.default')}:`)
    .replace(/\(choices:/g, `(${t('cli.help.choices')}:`);
}

/** A commander Command whose texts come from the catalogue; subcommands are made the same way. */
export class ReviewCommand extends Command {
  constructor(name?: string) {
    super(name);
    this.configureHelp({ formatHelp: translatedHelp });
    this.helpOption('-h, --help', t('cli.opt.help'));
    this.exitOverride();
  }

  override createCommand(name?: string): ReviewCommand {
    return new ReviewCommand(name);
  }

  /** `--protocol <file>` shows as `--protocol <arquivo>` in pt-BR (the value's name is only shown). */
  override createOption(flags: string, description?: string): Option {
    return new Option(translatePlaceholders(flags), description);
  }

  /** `<dir>` shows as `<pasta>` in pt-BR, in the usage line and in errors. */
  override createArgument(name: string, description?: string): Argument {
    return new Argument(translatePlaceholders(name), description);
  }

  /** One line under every error: where the help is, instead of the whole help. */
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    this.showHelpAfterError(t('cli.seeHelp', { command: fullName(this) }));
    return super.error(translateCommanderError(message, errorOptions?.code), errorOptions);
  }
}
