/**
 * The selected-article table: one row per included study with authors, year, title, journal,
 * databases, DOI/link, the extraction fields and the themes. Written as CSV that Excel pt-BR
 * opens with accents right (UTF-8 BOM, `;`), with spreadsheet formula injection neutralised.
 */
import { stringify } from 'csv-stringify/sync';
import { displayTitle, formatAuthors } from '../record.js';
import type { Protocol } from '../protocol.js';
import type { MergedRecord } from '../dedup/merge.js';
import type { ExtractEvent, ExtractValue } from '../extraction/events.js';
import { studyDatabases, studyLink } from './studies.js';
import type { SourceNames } from '../prisma/counts.js';
import { neutralizeCell } from './neutralize.js';

export { neutralizeCell };

/** Column headings the caller translates. */
export interface SelectedTableHeadings {
  id: string;
  authors: string;
  year: string;
  title: string;
  journal: string;
  databases: string;
  doi: string;
  link: string;
  themes: string;
  themeLabels: string;
}

export interface SelectedTableOptions {
  headings: SelectedTableHeadings;
  /** How a value is written: booleans as sim/não, decimals with a comma in pt-BR... */
  formatValue: (v: ExtractValue) => string;
  /** Source names in the table's language (Google Acadêmico in pt-BR). */
  sourceNames?: SourceNames;
}

/** Header and rows, plain strings (not yet neutralised). */
export function selectedArticleTable(
  studies: readonly MergedRecord[],
  protocol: Pick<Protocol, 'extraction' | 'themes' | 'language'>,
  extractions: ReadonlyMap<string, ExtractEvent>,
  options: SelectedTableOptions,
): { header: string[]; rows: string[][] } {
  const h = options.headings;
  const fields = protocol.extraction ?? [];
  const codebook = protocol.themes ?? [];
  const header = [h.id, h.authors, h.year, h.title, h.journal, h.databases, h.doi, h.link, ...fields.map((f) => f.label), h.themes, h.themeLabels];
  const rows = studies.map((s) => {
    const x = extractions.get(s.id);
    const themes = x?.themes ?? [];
    return [
      s.id,
      formatAuthors(s.authors),
      s.year !== undefined ? String(s.year) : '',
      displayTitle(s, protocol.language),
      s.journal ?? '',
      studyDatabases(s, options.sourceNames).join('; '),
      s.doi ?? '',
      studyLink(s),
      ...fields.map((f) => (x && x.fields[f.name] !== undefined ? options.formatValue(x.fields[f.name]) : '')),
      themes.join('; '),
      themes.map((id) => codebook.find((c) => c.id === id)?.label ?? id).join('; '),
    ];
  });
  return { header, rows };
}

export interface CsvTableOptions {
  /** UTF-8 BOM and `;` separators (Excel pt-BR); otherwise `,` and no BOM. */
  excel: boolean;
}

/** The table as CSV text: every cell neutralised, quoted when needed, CRLF line ends for Excel. */
export function stringifyTable(header: readonly string[], rows: readonly (readonly string[])[], options: CsvTableOptions): string {
  const body = stringify([header, ...rows].map((r) => r.map(neutralizeCell)), {
    delimiter: options.excel ? ';' : ',',
    record_delimiter: options.excel ? '\r\n' : '\n',
    quoted_match: /[\r\n"]/,
  });
  return (options.excel ? '\uFEFF' : '') + body;
}
