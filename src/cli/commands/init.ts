/** `review init DIR --protocol FILE` */
import type { Command } from 'commander';
import { Review } from '../../project/review.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, declareArgument, declareOptions, type OptionValues } from '../command.js';

const OPTIONS = {
  protocol: { short: '-p', value: 'file', help: 'init.opt.protocol', required: true },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action((dir: string, opts: OptionValues<typeof OPTIONS>) => {
      const review = Review.init(dir, opts.protocol);
      if (opts.json) printJson({ dir: review.paths.root, protocol: review.protocol.id, title: review.protocol.title });
      else {
        print(t('init.done', { dir: review.paths.root, title: review.protocol.title }));
        print(t('init.next', { dir }));
      }
      review.close();
      return 0;
    }),
  );
}
