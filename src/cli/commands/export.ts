/** `review export DIR --format docx|csv|ris|bibtex [--set included|unique|all] [--style abnt|vancouver|apa] [--excel] [--out FILE]` */
import type { Command } from 'commander';
import { writeExport } from '../../stages/outputs/export.js';
import { outputWords } from '../../ui/outputWords.js';
import { formatNumber, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { onReview } from '../command.js';

const OPTIONS = {
  format: { value: 'format', help: 'outputs.opt.format', required: true },
  set: { value: 'set', help: 'export.opt.set', default: 'included' },
  style: { value: 'style', help: 'outputs.opt.style' },
  excel: { help: 'export.opt.excel', negatedHelp: 'export.opt.noExcel' },
  out: { value: 'file', help: 'export.opt.out' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  onReview(cmd, OPTIONS, {}, async (review, opts) => {
    const r = await writeExport(review, outputWords(), opts);
    if (opts.json) printJson(r);
    else if (r.format === 'docx') print(t('outputs.wroteDocx', { count: formatNumber(r.count), file: r.file }));
    else if (r.count === 0) print(t('export.empty', { set: r.set }));
    else print(t('export.wrote', { count: formatNumber(r.count), file: r.file }));
    return 0;
  });
}
