/** Placeholder for commands another issue builds: a clear message and exit code 2, never a fake result. */
import type { Command } from 'commander';
import { NotAvailableError } from '../core/errors.js';
import { t } from '../ui/i18n.js';
import type { CommandModule } from './command.js';

export function notBuilt(name: string): CommandModule {
  return {
    register(cmd: Command) {
      cmd.allowUnknownOption().allowExcessArguments().action(() => {
        throw new NotAvailableError(t('cli.notBuilt', { command: name }));
      });
    },
  };
}
