/** `review status DIR [--json]` */
import type { Command } from 'commander';
import { readStatus } from '../../stages/status.js';
import { t, formatNumber } from '../../ui/i18n.js';
import { print, printJson, printDiagnostics, formatPairs } from '../../ui/output.js';
import { action, withReview } from '../command.js';

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--json', t('cli.opt.json'))
    .action(
      action((dir: string, opts: { json?: boolean }) =>
        withReview(dir, {}, (review) => {
          const s = readStatus(review);
          if (review.problems.length > 0 && !opts.json) {
            print(t('status.problems', { count: review.problems.length }));
            printDiagnostics(review.problems);
          }
          if (opts.json) {
            printJson({ protocol: review.protocol.id, ...s, problems: review.problems.length });
            return 0;
          }
          const n = (x: number) => formatNumber(x);
          print(t('status.title', { title: review.protocol.title }));
          print(
            formatPairs([
              [t('status.records'), n(s.records)],
              ...Object.entries(s.byDatabase).map(([k, v]): [string, string] => [`  ${k}`, n(v)]),
              [t('status.duplicates'), n(s.duplicates)],
              [t('status.unique'), n(s.unique)],
              [t('status.uncertainPairs'), n(s.uncertainPairs)],
              [t('status.excludedAutomatic'), n(s.excludedAutomatic)],
              [t('status.screened'), n(s.screened)],
              [t('status.maybe'), n(s.maybe)],
              [t('status.conflicts'), n(s.conflicts)],
              [t('status.notRetrieved'), n(s.notRetrieved)],
              [t('status.fulltextAssessed'), n(s.fulltextAssessed)],
              [t('status.included'), n(s.included)],
              [t('status.extracted'), n(s.extracted)],
            ]),
          );
          return 0;
        }),
      ),
    );
}
