/** `review export DIR --format docx|csv|ris|bibtex [--set included|unique|all] [--style abnt|vancouver|apa] [--excel] [--out FILE]` */
import type { Command } from 'commander';
import { writeExport, type ExportOptions } from '../../stages/outputs/export.js';
import { outputWords } from '../../ui/outputWords.js';
import { formatNumber, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, withReview } from '../command.js';
import { inWords } from '../stageErrors.js';

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .requiredOption('--format <format>', t('outputs.opt.format'))
    .option('--set <set>', t('export.opt.set'), 'included')
    .option('--style <style>', t('outputs.opt.style'))
    .option('--excel', t('export.opt.excel'))
    .option('--no-excel', t('export.opt.noExcel'))
    .option('--out <file>', t('export.opt.out'))
    .option('--json', t('cli.opt.json'))
    .action(
      action((dir: string, opts: ExportOptions & { json?: boolean }) =>
        withReview(dir, {}, async (review) => {
          const r = await inWords(() => writeExport(review, outputWords(), opts));
          if (opts.json) printJson(r);
          else if (r.format === 'docx') print(t('outputs.wroteDocx', { count: formatNumber(r.count), file: r.file }));
          else if (r.count === 0) print(t('export.empty', { set: r.set }));
          else print(t('export.wrote', { count: formatNumber(r.count), file: r.file }));
          return 0;
        }),
      ),
    );
}
