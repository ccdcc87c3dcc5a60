/**
 * PubMed's web "Save > CSV" export:
 * `PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI`.
 * Authors are `Family AB, Family C.`; volume, issue and pages live only in Citation
 * (`Eur J Med Genet. 2020 Feb;63(2):103640. doi: ...`).
 * Also the legacy PubMed's "Send to > File > CSV" (until 2020):
 * `Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties`,
 * every row ending with a `,` (one cell more than the header) and the header repeated every 50 or
 * 200 rows (both handled in ./common.ts). Description holds the authors, Details the citation,
 * ShortDetails `Journal abbreviation. Year`, Identifiers `PMID:n | PMCID:PMCn | DOI:...`. Layout as
 * public scripts read it (code corpus, "Title,URL,Description,Details,ShortDetails,Resource,Type,
 * Identifiers,Db,EntrezUID,Properties": an R reader names the extra trailing column `cn`, a shell
 * script notes the repeated headers).
 */
import { normalizeDoi, type LocalizedText, type ParsedRecord } from '../../core/record.js';
import type { FormatAdapter } from '../types.js';
import { tableReaders, authorInitialsLast, keyCoverage, literalAuthor, type TableSpec, readYear, sniffHeaderKeys, type BuildContext, type RowReader } from './common.js';
import type { Author } from '../../core/record.js';

const COLUMNS = ['pmid', 'title', 'authors', 'citation', 'firstauthor', 'journalbook', 'publicationyear', 'createdate', 'pmcid', 'nihmsid', 'doi'];

/** `Griffin DK, Larkin DM, O'Connor RE.` -> authors; collective names kept as literals. */
export function splitPubmedAuthors(cell: string): Author[] {
  return cell
    .replace(/\.\s*$/, '')
    .split(/\s*,\s*/)
    .filter(Boolean)
    .map((name) => authorInitialsLast(name) ?? literalAuthor(name));
}

/** Volume, issue and pages from a PubMed citation line. */
export function parsePubmedCitation(citation: string): { volume?: string; issue?: string; pages?: string } {
  const m = /;\s*([^;:()]*?)\s*(?:\(([^)]*)\))?\s*:\s*([^\s.;]+(?:\s*-\s*[^\s.;]+)?)\s*\./.exec(citation);
  if (!m) return {};
  return { volume: m[1] || undefined, issue: m[2] || undefined, pages: m[3] || undefined };
}

/** PubMed shows a translated title in brackets: `[Title in English].` */
export function pubmedTitle(title: string): LocalizedText {
  const m = /^\[(.+)\]\.?$/.exec(title);
  return m ? { lang: 'en', text: m[1].trim(), original: false } : { lang: null, text: title, original: true };
}

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const pmid = row.text('pmid');
  if (pmid) {
    rec.pmid = pmid;
    rec.provenance.sourceId = pmid;
  }
  const title = row.text('title');
  if (title) rec.titles = [pubmedTitle(title)];
  rec.authors = splitPubmedAuthors(row.text('authors'));
  row.skip('firstauthor');
  // Note: Citation stays in extra too: it holds the dates and epub notes no field carries.
  const citation = row.text('citation');
  Object.assign(rec, Object.fromEntries(Object.entries(parsePubmedCitation(citation)).filter(([, v]) => v)));
  rec.journal = row.text('journalbook', 'journal') || undefined;
  rec.year = readYear(row.text('publicationyear'), ctx);
  const pmcid = row.text('pmcid');
  if (pmcid) rec.pmcid = pmcid.toUpperCase();
  rec.doi = normalizeDoi(row.text('doi'));
  rec.provenance.database = 'PubMed';
  if (citation) rec.extra.Citation = [citation];
}

/** Columns of the legacy layout (as header keys). */
const LEGACY = ['title', 'url', 'description', 'details', 'shortdetails', 'resource', 'type', 'identifiers', 'db', 'entrezuid', 'properties'];

/** `PMID:31234567 | PMCID:PMC6543210 | DOI:10.1/x` -> identifiers by kind (upper case). */
function readIdentifiers(cell: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of cell.split(/\s*\|\s*/)) {
    const m = /^([A-Za-z]+)\s*:\s*(\S.*)$/.exec(part.trim());
    if (m) out[m[1].toUpperCase()] ??= m[2].trim();
  }
  return out;
}

function buildLegacy(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const ids = readIdentifiers(row.text('identifiers'));
  const pmid = /^\d{1,9}$/.exec(row.text('entrezuid'))?.[0] ?? ids.PMID;
  if (pmid) {
    rec.pmid = pmid;
    rec.provenance.sourceId = pmid;
  }
  const title = row.text('title');
  if (title) rec.titles = [pubmedTitle(title)];
  rec.authors = splitPubmedAuthors(row.text('description'));
  const details = row.text('details');
  Object.assign(rec, Object.fromEntries(Object.entries(parsePubmedCitation(details)).filter(([, v]) => v)));
  if (details) rec.extra.Details = [details];
  // Note: the legacy export names the journal only by its abbreviation (`Rev Bras Enferm. 2019`).
  const short = row.text('shortdetails');
  const journal = /^(.+?)\.\s*(?:\d{4})?\s*$/.exec(short)?.[1];
  rec.journal = journal || undefined;
  rec.year = readYear(short, ctx) ?? readYear(details, ctx);
  if (ids.PMCID) rec.pmcid = ids.PMCID.toUpperCase();
  rec.doi = normalizeDoi(ids.DOI) ?? normalizeDoi(/doi:\s*(10\.\S+?)\.?(?:\s|$)/i.exec(details)?.[1]);
  const url = row.text('url');
  if (url) rec.url = url.startsWith('/') ? `https://www.ncbi.nlm.nih.gov${url}` : url;
  row.skip('resource', 'db');
  rec.provenance.database = 'PubMed';
}

const SPEC: TableSpec = {
  format: 'csv-pubmed',
  source: 'pubmed',
  build: (row, rec, ctx) => (row.has('entrezuid') && row.has('shortdetails') ? buildLegacy(row, rec, ctx) : build(row, rec, ctx)),
};

/** PubMed web CSV. */
export const csvPubmed = {
  id: 'csv-pubmed',
  /** In the interface language at the time it is read. */
  label: 'PubMed web CSV ("Save > CSV")',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (keys.includes('entrezuid') && keys.includes('shortdetails')) return keyCoverage(keys, LEGACY) >= 0.8 ? 0.9 : 0;
    if (!keys.includes('pmid') || !keys.includes('citation')) return 0;
    const cover = keyCoverage(keys, COLUMNS);
    return cover >= 0.7 ? 0.6 + 0.35 * cover : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
