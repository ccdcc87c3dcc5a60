/**
 * Google Scholar's own CSV export (from "My library"):
 * `Authors,Title,Publication,Volume,Number,Pages,Year,Publisher`, authors as
 * `Family, Given; Family, Given; ` (with a trailing separator).
 */
import type { ParsedRecord } from '../../core/record.js';
import type { FormatAdapter } from '../types.js';
import { tableReaders, authorFromFamilyFirst, keyCoverage, type TableSpec, readYear, sniffHeaderKeys, splitList, type BuildContext, type RowReader } from './common.js';

const COLUMNS = ['authors', 'title', 'publication', 'volume', 'number', 'pages', 'year', 'publisher'];

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  rec.authors = splitList(row.raw('authors')).map(authorFromFamilyFirst).filter((a) => a !== undefined);
  const title = row.text('title');
  if (title) rec.titles = [{ lang: null, text: title, original: true }];
  rec.journal = row.text('publication') || undefined;
  rec.volume = row.text('volume') || undefined;
  rec.issue = row.text('number') || undefined;
  rec.pages = row.text('pages') || undefined;
  rec.year = readYear(row.text('year'), ctx);
  rec.publisher = row.text('publisher') || undefined;
  rec.provenance.database = 'Google Scholar';
}

const SPEC: TableSpec = { format: 'csv-gscholar', source: 'google-scholar', build };

/** Google Scholar's CSV export. */
export const csvGscholar = {
  id: 'csv-gscholar',
  /** In the interface language at the time it is read. */
  label: 'Google Scholar CSV',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (keyCoverage(keys, COLUMNS) < 1) return 0;
    // Note: the export has exactly these columns; a wider table is some other tool's CSV.
    return keys.length === COLUMNS.length ? 0.85 : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
