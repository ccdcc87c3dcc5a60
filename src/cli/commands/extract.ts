/** `review extract DIR [--record ID] [--reviewer NAME] [--from FILE.csv] [--template FILE] [--json]` */
import type { Command } from 'commander';
import { reviewerName } from '../../stages/dedup/review.js';
import { extractFromCsv, writeExtractionTemplate } from '../../stages/extract/index.js';
import { formatNumber, getLang, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { onReview } from '../command.js';


const OPTIONS = {
  record: { value: 'id', help: 'extract.opt.record' },
  reviewer: { value: 'name', help: 'extract.opt.reviewer' },
  from: { value: 'file', help: 'extract.opt.from' },
  template: { value: 'file', help: 'extract.opt.template' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  onReview(cmd, OPTIONS, { writer: 'extract' }, async (review, opts) => {
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
  });
}
