/** `review extract DIR [--record ID] [--reviewer NAME] [--from FILE.csv] [--template FILE] [--json]` */
import type { Command } from 'commander';
import { reviewerName } from '../../project/dedup.js';
import { extractFromCsv, writeExtractionTemplate } from '../../stages/extract/index.js';
import { formatNumber, getLang, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, withReview } from '../command.js';
import { inWords } from '../stageErrors.js';

interface ExtractCliOptions {
  reviewer?: string;
  from?: string;
  template?: string;
  record?: string;
  json?: boolean;
}

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--record <id>', t('extract.opt.record'))
    .option('--reviewer <name>', t('extract.opt.reviewer'))
    .option('--from <file>', t('extract.opt.from'))
    .option('--template <file>', t('extract.opt.template'))
    .option('--json', t('cli.opt.json'))
    .action(
      action((dir: string, opts: ExtractCliOptions) =>
        withReview(dir, { writer: 'extract' }, (review) =>
          inWords(async () => {
            const reviewer = opts.reviewer || process.env.REVIEW_REVIEWER ? reviewerName(opts.reviewer) : undefined;
            if (opts.template) {
              const r = writeExtractionTemplate(review, opts.template, getLang() === 'pt-BR');
              if (opts.json) printJson(r);
              else print(t('extract.templateWritten', { file: r.file, rows: r.rows }));
              return 0;
            }
            if (opts.from) {
              const r = extractFromCsv(review, opts.from, reviewer);
              if (opts.json) printJson(r);
              else print(t('extract.fromSaved', { count: r.saved, file: opts.from, extracted: formatNumber(r.extracted), total: formatNumber(r.included) }));
              return 0;
            }
            const { runExtractionForms } = await import('../../ui/extractSession.js');
            return runExtractionForms(review, { reviewer, json: Boolean(opts.json), record: opts.record });
          }),
        ),
      ),
    );
}
