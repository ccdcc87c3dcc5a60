/**
 * PubMed's web "Save > CSV" export:
 * `PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI`.
 * Authors are `Family AB, Family C.`; volume, issue and pages live only in Citation
 * (`Eur J Med Genet. 2020 Feb;63(2):103640. doi: ...`).
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

const SPEC: TableSpec = { format: 'csv-pubmed', source: 'pubmed', build };

/** PubMed web CSV. */
export const csvPubmed = {
  id: 'csv-pubmed',
  /** In the interface language at the time it is read. */
  label: 'PubMed web CSV ("Save > CSV")',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (!keys.includes('pmid') || !keys.includes('citation')) return 0;
    const cover = keyCoverage(keys, COLUMNS);
    return cover >= 0.7 ? 0.6 + 0.35 * cover : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
