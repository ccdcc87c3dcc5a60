/**
 * The search.scielo.org CSV export (`output=csv`):
 * `ID,Title,Author(s),Source,Journal,Language(s),Publication year,Fulltext URL`
 * (an older template starts with `Result type` and adds Editor(s), Publisher...).
 * ID is the SciELO PID with the collection suffix (`S0104-11692019000100300-scl`);
 * authors are `Family, Given` joined by `, `; Source is `Journal; vol(issue); first-last`;
 * languages are names in the portal's interface language.
 */
import { normalizeDoi, type ParsedRecord } from '../../core/record.js';
import type { FormatAdapter } from '../types.js';
import {
  tableReaders,
  keyCoverage,
  type TableSpec,
  readLanguages,
  readYear,
  sniffHeaderKeys,
  splitPairedAuthors,
  type BuildContext,
  type RowReader,
} from './common.js';

const COLUMNS = ['id', 'title', 'authors', 'source', 'journal', 'languages', 'publicationyear', 'fulltexturl'];

/** SciELO collection codes (PID suffix) -> collection name, stored as the database. */
const COLLECTIONS: Record<string, string> = {
  scl: 'SciELO Brasil',
  arg: 'SciELO Argentina',
  bol: 'SciELO Bolivia',
  chl: 'SciELO Chile',
  col: 'SciELO Colombia',
  cri: 'SciELO Costa Rica',
  cub: 'SciELO Cuba',
  ecu: 'SciELO Ecuador',
  esp: 'SciELO España',
  mex: 'SciELO México',
  per: 'SciELO Perú',
  prt: 'SciELO Portugal',
  pry: 'SciELO Paraguay',
  spa: 'SciELO Saúde Pública',
  sza: 'SciELO South Africa',
  ury: 'SciELO Uruguay',
  ven: 'SciELO Venezuela',
  wid: 'SciELO West Indies',
  psi: 'PePSIC',
  rve: 'REVENF',
  pre: 'SciELO Preprints',
};

/** `S0104-11692019000100300-scl` -> PID and collection code. */
export function parseScieloId(id: string): { pid?: string; collection?: string } {
  const m = /^(S\d{4}-\d{3}[\dXx]\d{13})(?:-([a-z]{3}))?$/.exec(id.trim());
  return m ? { pid: m[1].toUpperCase(), collection: m[2] } : {};
}

/** Volume, issue and pages from `Journal; 27(1); e3120-e3128` (empty parts allowed). */
export function parseScieloSource(source: string): { volume?: string; issue?: string; pages?: string } {
  const m = /;\s*([^;()]*?)\s*\(([^)]*)\)\s*;\s*([^;]*)$/.exec(source);
  if (!m) return {};
  const pages = m[3].trim().replace(/^-+|-+$/g, '');
  const [first, last] = pages.split('-');
  return {
    volume: m[1].trim() || undefined,
    issue: m[2].trim() || undefined,
    pages: last === first ? first || undefined : pages || undefined,
  };
}

/** SciELO authors: `Family, Given` pairs joined by `, ` (see `splitPairedAuthors`). */
export const splitScieloAuthors = splitPairedAuthors;

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const id = row.text('id');
  if (id) {
    rec.provenance.sourceId = id;
    const { pid, collection } = parseScieloId(id);
    if (pid) rec.scieloPid = pid;
    rec.provenance.database = (collection && COLLECTIONS[collection]) || 'SciELO';
  }
  const type = row.text('resulttype');
  if (type) rec.extra['Result type'] = [type];
  rec.languages = readLanguages(row.text('languages', 'language'));
  const title = row.text('title');
  if (title) rec.titles = [{ lang: rec.languages[0] ?? null, text: title, original: true }];
  rec.authors = splitScieloAuthors(row.text('authors', 'author'), ctx);
  const source = row.text('source');
  if (source) {
    rec.extra.Source = [source];
    Object.assign(rec, Object.fromEntries(Object.entries(parseScieloSource(source)).filter(([, v]) => v)));
  }
  rec.journal = row.text('journal') || undefined;
  const publisher = row.text('publisher');
  if (publisher && publisher !== '-') rec.publisher = publisher;
  row.skip('editors', 'publisheraddress');
  rec.year = readYear(row.text('publicationyear', 'year'), ctx);
  const url = row.text('fulltexturl');
  if (url && url !== '-') {
    rec.url = url;
    rec.fullTextUrls = [url];
    rec.fullText = true;
  }
  const doi = normalizeDoi(row.text('doi'));
  if (doi) rec.doi = doi;
}

const SPEC: TableSpec = { format: 'csv-scielo', source: 'scielo', unwrapQuotes: true, build };

/** The SciELO search CSV export. */
export const csvScielo = {
  id: 'csv-scielo',
  /** In the interface language at the time it is read. */
  label: 'SciELO CSV export',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    // Note: BVS writes `Language` and has `Database`; SciELO writes `Language(s)` and has none.
    if (!keys.includes('languages') || keys.includes('database')) return 0;
    const cover = keyCoverage(keys, COLUMNS);
    return cover >= 0.75 ? 0.6 + 0.3 * cover : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
