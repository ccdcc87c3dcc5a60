/** `review init DIR --protocol FILE` */
import type { Command } from 'commander';
import { Review } from '../../project/review.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action } from '../command.js';

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .requiredOption('-p, --protocol <file>', t('init.opt.protocol'))
    .option('--json', t('cli.opt.json'))
    .action(
      action((dir: string, opts: { protocol: string; json?: boolean }) => {
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
