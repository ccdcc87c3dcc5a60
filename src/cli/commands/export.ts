/** `review export DIR --format csv|ris|bibtex [--set included|unique|all] [--excel] [--out FILE]` */
import path from 'node:path';
import type { Command } from 'commander';
import type { Review } from '../../project/review.js';
import { NotAvailableError, UserError } from '../../core/errors.js';
import type { BibRecord } from '../../core/record.js';
import { computeReviewOutputs } from '../../core/report/state.js';
import { mergedStudies } from '../../core/report/studies.js';
import { selectedArticleTable, stringifyTable } from '../../core/report/selectedTable.js';
import { neutralizeRecord } from '../../core/report/neutralize.js';
import { formatById } from '../../formats/index.js';
import { formatNumber, getLang, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, withReview } from '../command.js';
import { formatValue } from './report.js';
import { writeOutput } from './prisma.js';

const FORMATS = { csv: 'csv', ris: 'ris', bibtex: 'bib' } as const;
const SETS = ['included', 'unique', 'all'] as const;
type ExportFormat = keyof typeof FORMATS;
type ExportSet = (typeof SETS)[number];

export interface ExportOptions {
  format: string;
  set?: string;
  /** true: BOM + `;`; false: plain; undefined: by language (pt-BR -> Excel). */
  excel?: boolean;
  out?: string;
}

/** Write one export; returns the file and how many records it holds. Used by `export` and `demo`. */
export function writeExport(review: Review, options: ExportOptions): { file: string; count: number; format: ExportFormat; set: ExportSet } {
  const format = options.format.toLowerCase() as ExportFormat;
  if (!(format in FORMATS)) throw new UserError(t('export.badFormat', { format: options.format }));
  const set = (options.set ?? 'included').toLowerCase() as ExportSet;
  if (!SETS.includes(set)) throw new UserError(t('export.badSet', { set: options.set }));
  const records = review.records();
  const state = computeReviewOutputs(records, review.events, review.protocol);
  const chosen: BibRecord[] =
    set === 'included' ? state.studies : set === 'unique' ? mergedStudies(records, state.dedup.canonicalOf, state.dedup.uniqueIds) : [...records];
  const name = format === 'csv' && set === 'included' ? 'selected-articles.csv' : `${set}.${FORMATS[format]}`;
  const file = path.resolve(options.out ?? path.join(review.ensureDir(review.paths.out), name));
  let text: string;
  if (format === 'csv' && set === 'included') {
    const h = (k: string) => t(`export.col.${k}`);
    const table = selectedArticleTable(state.studies, review.protocol, state.extractions, {
      headings: { id: h('id'), authors: h('authors'), year: h('year'), title: h('title'), journal: h('journal'), databases: h('databases'), doi: h('doi'), link: h('link'), themes: h('themes'), themeLabels: h('themeLabels') },
      formatValue,
    });
    text = stringifyTable(table.header, table.rows, { excel: options.excel ?? getLang() === 'pt-BR' });
  } else {
    const adapter = formatById(format === 'csv' ? 'csv-generic' : format);
    if (!adapter?.stringify) throw new NotAvailableError(format === 'csv' ? t('export.noGenericCsv') : t('export.noStringify', { format }));
    text = adapter.stringify(chosen.map(neutralizeRecord));
  }
  writeOutput(file, text);
  return { file, count: chosen.length, format, set };
}

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .requiredOption('--format <format>', t('export.opt.format'))
    .option('--set <set>', t('export.opt.set'), 'included')
    .option('--excel', t('export.opt.excel'))
    .option('--no-excel', t('export.opt.noExcel'))
    .option('--out <file>', t('export.opt.out'))
    .option('--json', t('cli.opt.json'))
    .action(
      action((dir: string, opts: ExportOptions & { json?: boolean }) =>
        withReview(dir, {}, (review) => {
          const r = writeExport(review, opts);
          if (opts.json) printJson(r);
          else if (r.count === 0) print(t('export.empty', { set: r.set }));
          else print(t('export.wrote', { count: formatNumber(r.count), file: r.file }));
          return 0;
        }),
      ),
    );
}
