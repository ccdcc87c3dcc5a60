/**
 * Scopus "Export > CSV": UTF-8 with a BOM (sometimes inside the quotes of the first header cell),
 * `Authors,Author full names,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,
 * Page end,Page count,Cited by,DOI,Link,Affiliations,Authors with affiliations,Abstract,Author Keywords,
 * Index Keywords,...,Publisher,...,ISSN,ISBN,CODEN,PubMed ID,Language of Original Document,
 * Abbreviated Source Title,Document Type,Publication Stage,Open Access,Source,EID` (the user picks
 * the columns; older exports have no `Author full names`). `Authors` is `Family I.J.` joined by
 * `; ` (older exports: `, `); `Author full names` is `Family, Given (Scopus author id)`.
 * A non-English title is written as its English translation followed by `[Original title]`;
 * a missing abstract as `[No abstract available]`.
 * Columns as read by massimoaria/bibliometrix (R/csvScopus2df.R, `labelling`: Authors -> AU,
 * Source title -> SO, Abbreviated Source Title -> JI, Author/Index Keywords -> DE/ID,
 * Language of Original Document -> LA, Document Type -> DT, EID -> UT) and in Scopus's help page
 * "What does the Scopus CSV export include".
 */
import { type Author, type LocalizedText, type ParsedRecord } from '../../core/record.js';
import type { FormatAdapter } from '../types.js';
import { detectLanguage } from '../language-guess.js';
import {
  authorDottedInitials,
  authorFromFamilyFirst,
  authorInitialsLast,
  joinPages,
  keyCoverage,
  literalAuthor,
  readCount,
  readDoiCell,
  readLanguages,
  readYear,
  sniffHeaderKeys,
  splitList,
  tableReaders,
  type BuildContext,
  type RowReader,
  type TableSpec,
} from './common.js';

/** The columns of a default Scopus export (as header keys). */
const COLUMNS = ['authors', 'authorfullnames', 'authorsid', 'title', 'year', 'sourcetitle', 'volume', 'issue', 'artno', 'pagestart', 'pageend', 'pagecount', 'citedby', 'doi', 'link', 'abstract', 'authorkeywords', 'indexkeywords', 'languageoforiginaldocument', 'abbreviatedsourcetitle', 'documenttype', 'publicationstage', 'source', 'eid'];

/** Scopus document types -> the record's kind (lower case); others kept lower-cased as written. */
const DOC_TYPES: Record<string, string> = { 'conference paper': 'conference paper', 'book chapter': 'book chapter', 'short survey': 'review', 'conference review': 'review' };

/** `Silva, Ana Maria (57212345678)` -> the name without the Scopus author id. */
function withoutId(name: string): string {
  return name.replace(/\s*\(\d+\)\s*$/, '').trim();
}

/**
 * Authors from `Author full names` when the export has it (`Family, Given (id); ...`), else from
 * `Authors` (`Family I.; ...`, or `Family I., Family J.` in older exports). A name that is not
 * `Family Initials` (a group) is kept whole as a literal.
 */
export function splitScopusAuthors(fullNames: string, short: string): Author[] {
  if (fullNames) {
    return splitList(fullNames)
      .map(withoutId)
      .map((n) => (n.includes(',') ? authorFromFamilyFirst(n) : literalAuthor(n)))
      .filter((a) => a !== undefined);
  }
  if (!short || /^\[No author name available\]$/i.test(short)) return [];
  const names = short.includes(';') ? splitList(short) : splitList(short, /\s*,\s*/);
  return names.map((n) => authorDottedInitials(n) ?? authorInitialsLast(n) ?? literalAuthor(n));
}

/** `English title [Título original]` -> both titles when the record is in another language. */
export function scopusTitles(cell: string, languages: readonly string[]): LocalizedText[] {
  if (!cell) return [];
  const original = languages.find((l) => l !== 'en');
  const m = /^(.+?)\s*\[([^[\]]+)\]\.?$/.exec(cell);
  if (m && original) return [{ lang: original, text: m[2].trim(), original: true }, { lang: 'en', text: m[1].trim() }];
  return [{ lang: languages.length === 1 ? languages[0] : null, text: cell, original: true }];
}

/** `00347167` -> `0034-7167` (Scopus writes ISSNs without the hyphen); several joined by `; ` keep the first. */
function readIssn(cell: string): string | undefined {
  const first = splitList(cell)[0];
  if (!first) return undefined;
  const m = /^(\d{4})-?(\d{3}[\dXx])$/.exec(first);
  return m ? `${m[1]}-${m[2].toUpperCase()}` : first;
}

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  rec.languages = readLanguages(row.text('languageoforiginaldocument', 'language'));
  rec.titles = scopusTitles(row.text('title'), rec.languages);
  rec.authors = splitScopusAuthors(row.text('authorfullnames'), row.text('authors'));
  rec.year = readYear(row.text('year'), ctx);
  rec.journal = row.text('sourcetitle') || undefined;
  const abbreviation = row.text('abbreviatedsourcetitle');
  if (abbreviation) rec.extra['Abbreviated Source Title'] = [abbreviation];
  rec.volume = row.text('volume') || undefined;
  rec.issue = row.text('issue') || undefined;
  const articleNumber = row.text('artno');
  rec.pages = joinPages(row.text('pagestart'), row.text('pageend')) ?? (articleNumber || undefined);
  if (articleNumber && rec.pages !== articleNumber) rec.extra['Art. No.'] = [articleNumber];
  rec.citations = readCount(row.text('citedby'));
  rec.doi = readDoiCell(row.text('doi'), rec, ctx);
  rec.url = row.text('link') || undefined;
  const abstract = row.text('abstract');
  if (abstract && !/^\[No abstract available\]$/i.test(abstract)) {
    // Note: Scopus gives the English abstract of most non-English articles, so the text decides.
    const lang = detectLanguage(abstract, { minLead: 1 }) ?? (rec.languages.length === 1 ? rec.languages[0] : null);
    rec.abstracts = [lang === rec.titles[0]?.lang ? { lang, text: abstract, original: true } : { lang, text: abstract }];
  } else row.skip('abstract');
  rec.keywords = splitList(row.text('authorkeywords'));
  // Note: Index Keywords are the indexers' controlled terms (Emtree, MeSH), so they are descriptors.
  rec.descriptors = splitList(row.text('indexkeywords'));
  rec.publisher = row.text('publisher') || undefined;
  rec.issn = readIssn(row.text('issn'));
  rec.isbn = splitList(row.text('isbn'))[0];
  const pmid = row.text('pubmedid');
  if (/^\d{1,9}$/.test(pmid)) rec.pmid = pmid;
  const type = row.text('documenttype').toLowerCase();
  if (type) rec.documentType = DOC_TYPES[type] ?? type;
  rec.provenance.database = row.text('source') || 'Scopus';
  const eid = row.text('eid');
  if (eid) rec.provenance.sourceId = eid;
}

const SPEC: TableSpec = { format: 'csv-scopus', source: 'scopus', build };

/** Scopus CSV export. */
export const csvScopus = {
  id: 'csv-scopus',
  /** In the interface language at the time it is read. */
  label: 'Scopus CSV export',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (!keys.includes('title')) return 0;
    const cover = keyCoverage(keys, COLUMNS);
    // Note: the EID (`2-s2.0-...`) column is Scopus's own; without it the export must look like one.
    if (keys.includes('eid')) return cover >= 0.25 ? 0.75 + 0.2 * cover : 0;
    return keys.includes('sourcetitle') && cover >= 0.6 ? 0.55 + 0.3 * cover : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
