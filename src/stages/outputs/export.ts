/**
 * `review export`: the selected-article table (CSV), the records as RIS or BibTeX, or the
 * results as a Word document. Records keep their provenance (source, database), which the RIS
 * writer of src/formats puts back into the file so an export imports back unchanged.
 */
import path from 'node:path';
import type { Review } from '../../project/review.js';
import type { BibRecord } from '../../core/record.js';
import { mergedStudies } from '../../core/report/studies.js';
import { selectedArticleTable, stringifyTable } from '../../core/report/selectedTable.js';
import { neutralizeRecord } from '../../core/report/neutralize.js';
import { formatById } from '../../formats/index.js';
import { readOutputsState } from './state.js';
import { writeOutput } from './files.js';
import { buildDocx } from './docx.js';
import { CITATION_STYLES, defaultCitationStyle, type CitationStyle } from './references.js';
import { localizedName, type OutputWords } from './words.js';
import { CodedUserError } from '../../core/errors.js';

const FORMATS = { csv: 'csv', ris: 'ris', bibtex: 'bib', docx: 'docx' } as const;
const SETS = ['included', 'unique', 'all'] as const;
export type ExportFormat = keyof typeof FORMATS;
export type ExportSet = (typeof SETS)[number];

export interface ExportOptions {
  format: string;
  set?: string;
  /** true: BOM + `;`; false: plain; undefined: by language (pt-BR -> Excel). */
  excel?: boolean;
  out?: string;
  /** Reference style of the .docx: abnt, vancouver or apa. */
  style?: string;
}

export interface ExportResult {
  file: string;
  count: number;
  format: ExportFormat;
  set: ExportSet;
  style?: CitationStyle;
}

/** Write one export; returns the file and how many records (or studies) it holds. */
export async function writeExport(review: Review, words: OutputWords, options: ExportOptions): Promise<ExportResult> {
  const format = options.format.toLowerCase() as ExportFormat;
  if (!(format in FORMATS)) throw new CodedUserError('export.badFormat', { format: options.format });
  const set = (options.set ?? 'included').toLowerCase() as ExportSet;
  if (!SETS.includes(set)) throw new CodedUserError('export.badSet', { set: options.set });
  const state = readOutputsState(review);
  const out = (name: string) => path.resolve(options.out ?? path.join(review.paths.out, name));
  if (format === 'docx') {
    const style = (options.style?.toLowerCase() ?? defaultCitationStyle(review.protocol.outputs?.citationStyle, words.lang)) as CitationStyle;
    if (!CITATION_STYLES.includes(style)) throw new CodedUserError('outputs.badStyle', { style: options.style });
    const file = out(localizedName('review', 'docx', words.lang, review.protocol.language));
    writeOutput(file, await buildDocx(review, words, { style }));
    return { file, count: state.studies.length, format, set: 'included', style };
  }
  const records = review.records();
  const chosen: BibRecord[] =
    set === 'included' ? state.studies : set === 'unique' ? mergedStudies(records, state.dedup.canonicalOf, state.dedup.uniqueIds) : [...records];
  const name = format === 'csv' && set === 'included' ? localizedName('selected-articles', 'csv', words.lang, review.protocol.language) : `${set}.${FORMATS[format]}`;
  const file = out(name);
  let text: string;
  if (format === 'csv' && set === 'included') {
    const h = (k: string) => words.t(`export.col.${k}`);
    const table = selectedArticleTable(state.studies, review.protocol, state.extractions, {
      headings: { id: h('id'), authors: h('authors'), year: h('year'), title: h('title'), journal: h('journal'), databases: h('databases'), doi: h('doi'), link: h('link'), themes: h('themes'), themeLabels: h('themeLabels') },
      formatValue: words.formatValue,
      sourceNames: words.labels.sources,
    });
    text = stringifyTable(table.header, table.rows, { excel: options.excel ?? words.lang === 'pt-BR' });
  } else {
    const adapter = formatById(format === 'csv' ? 'csv-generic' : format);
    if (!adapter?.stringify) throw new CodedUserError(format === 'csv' ? 'export.noGenericCsv' : 'export.noStringify', { format }, [], 'notAvailable');
    // Note: the formula guard (a leading ') belongs to what a spreadsheet opens, the CSV; in RIS or
    // BibTeX it would reach the reference manager as part of the title (issue 18).
    text = format === 'csv' ? adapter.stringify(chosen.map(neutralizeRecord), { excel: options.excel ?? words.lang === 'pt-BR' }) : adapter.stringify(chosen);
  }
  writeOutput(file, text);
  return { file, count: chosen.length, format, set };
}
