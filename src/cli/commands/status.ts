/** `review status DIR [--json]` */
import type { Command } from 'commander';
import { readStatus } from '../../stages/status.js';
import { t } from '../../ui/i18n.js';
import { print, printJson, printDiagnostics, terminalColumns } from '../../ui/output.js';
import { renderStatus } from '../../ui/statusView.js';
import { readOutputsJson } from '../../stages/outputs/tables.js';
import { outputWords } from '../../ui/outputWords.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';

const OPTIONS = { json: { help: 'cli.opt.json' } } as const;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action((dir: string, opts: OptionValues<typeof OPTIONS>) =>
      withReview(dir, {}, (review) => {
        const s = readStatus(review);
        if (opts.json) {
          // Note: with the themes and descriptive tables of the included studies (design, evidence, year...).
          printJson({ protocol: review.protocol.id, ...s, problems: review.problems.length, ...readOutputsJson(review, outputWords()) });
          return 0;
        }
        // Note: everything fits a 24-line, 80-column terminal: at most 3 problems are listed here.
        if (review.problems.length > 0) {
          print(t('status.problems', { count: review.problems.length }));
          printDiagnostics(review.problems.slice(0, 3));
          if (review.problems.length > 3) print(t('status.moreProblems', { count: review.problems.length - 3, dir }));
        }
        const columns = terminalColumns();
        for (const line of renderStatus(review.protocol.title, s, columns ? columns - 1 : Infinity)) print(line);
        return 0;
      }),
    ),
  );
}
