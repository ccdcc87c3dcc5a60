/** `review report DIR [--json]`: out/report.md, the theme chart, the matrix and the tables; prints the theme table. */
import type { Command } from 'commander';
import { writeReportOutputs } from '../../stages/outputs/report.js';
import { descriptiveTablesJson, readDescriptiveTables } from '../../stages/outputs/tables.js';
import { outputWords } from '../../ui/outputWords.js';
import { t } from '../../ui/i18n.js';
import { formatPairs, print, printError, printJson } from '../../ui/output.js';
import { onReview } from '../command.js';

const OPTIONS = {
  json: { help: 'report.opt.json' },
} as const;

export function register(cmd: Command): void {
  onReview(cmd, OPTIONS, {}, (review, opts) => {
    const words = outputWords();
    const f = writeReportOutputs(review, words);
    if (f.broken.length) printError(t('prisma.invariantBroken', { detail: f.broken.join('; ') }));
    const th = f.state.themes;
    const files = { report: f.report, themes: f.themesSvg, matrix: f.matrix, tables: f.tables, prisma: f.prismaSvg };
    if (opts.json) {
      const tables = descriptiveTablesJson(readDescriptiveTables(review, words), words);
      printJson({ included: th.included, extracted: th.extracted, groups: th.groups, unknownThemes: th.unknownThemes, tables, files });
      return 0;
    }
    print(t('report.table.title', { extracted: words.num(th.extracted), included: words.num(th.included) }));
    const rows: [string, string][] = [];
    for (const g of th.groups) {
      rows.push([g.group, `${words.num(g.n)} (${words.pct(g.percent)})`]);
      for (const x of g.themes) rows.push([`  ${x.id} ${x.label}`, `${words.num(x.n)} (${words.pct(x.percent)})`]);
    }
    print(rows.length ? formatPairs(rows) : t('report.themes.noCodebook'));
    print('');
    print(t('report.wrote', { file: f.report }));
    print(t('report.wroteChart', { file: f.themesSvg }));
    print(t('report.wroteMatrix', { file: f.matrix }));
    print(t('outputs.wroteTables', { file: f.tables }));
    print(t('prisma.wrote', { file: f.prismaSvg }));
    return 0;
  });
}
