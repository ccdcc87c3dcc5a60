/**
 * Publish or Perish CSV (how Google Scholar results usually leave the tool people use
 * for them): `Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,
 * Type,DOI,ISSN,CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,
 * AuthorCount,Age,Abstract,FullTextURL,RelatedURL`.
 * Google Scholar cuts long author lists (`, ...`), sources and titles (`…`); the cut is kept
 * visible (the text as written, and `extra.truncated` names the fields) and no author is invented.
 */
import { normalizeDoi, type ParsedRecord } from '../../core/record.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { FormatAdapter } from '../types.js';
import {
  tableReaders,
  authorInitialsFirst,
  diagnostic,
  joinPages,
  keyCoverage,
  literalAuthor,
  type RecordTally,
  type TableSpec,
  readCount,
  readYear,
  sniffHeaderKeys,
  type BuildContext,
  type RowReader,
} from './common.js';
import type { Author } from '../../core/record.js';

const COLUMNS = ['cites', 'authors', 'title', 'year', 'source', 'publisher', 'articleurl', 'citesurl', 'gsrank', 'querydate'];

/** Google Scholar document markers that are real document types (PDF/HTML are link kinds). */
const DOC_TYPES: Record<string, string> = { BOOK: 'book', CITATION: 'citation' };

/** Authors `AB Family, C Other, ...`; the trailing `...` says the list was cut. */
export function splitPopAuthors(cell: string): { authors: Author[]; truncated: boolean } {
  const parts = cell.split(/\s*,\s*/).filter(Boolean);
  let truncated = false;
  while (parts.length > 0 && /^(?:\.\.\.|…)$/.test(parts[parts.length - 1])) {
    parts.pop();
    truncated = true;
  }
  const authors = parts.map((p) => authorInitialsFirst(p) ?? literalAuthor(p));
  return { authors, truncated };
}

const CUT = /(?:…|\.\.\.)\s*$/;

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const truncated: string[] = [];
  const citations = readCount(row.text('cites'));
  if (citations !== undefined) rec.citations = citations;
  const authorsCell = row.text('authors');
  const { authors, truncated: cutAuthors } = splitPopAuthors(authorsCell);
  rec.authors = authors;
  if (cutAuthors) {
    truncated.push('authors');
    rec.extra.Authors = [authorsCell];
  }
  const title = row.text('title');
  if (title) {
    rec.titles = [{ lang: null, text: title, original: true }];
    if (CUT.test(title)) truncated.push('title');
  }
  rec.year = readYear(row.text('year'), ctx);
  const source = row.text('source');
  if (source) {
    rec.journal = source;
    if (CUT.test(source)) truncated.push('journal');
  }
  rec.publisher = row.text('publisher') || undefined;
  rec.url = row.text('articleurl') || undefined;
  const citesUrl = row.raw('citesurl');
  const related = row.raw('relatedurl');
  // Note: the `cites=` cluster id is Google Scholar's stable id for the work; `related:` ids are per result.
  const cluster = /[?&]cites=(\d+)/.exec(citesUrl)?.[1];
  const resultId = /related:([^:&]+):/.exec(related)?.[1];
  rec.provenance.sourceId = cluster ?? resultId;
  if (citesUrl) rec.extra.CitesURL = [citesUrl];
  if (related) rec.extra.RelatedURL = [related];
  const type = row.text('type');
  if (type) {
    if (DOC_TYPES[type.toUpperCase()]) rec.documentType = DOC_TYPES[type.toUpperCase()];
    else rec.extra.Type = [type];
  }
  rec.doi = normalizeDoi(row.text('doi'));
  rec.issn = row.text('issn') || undefined;
  rec.volume = row.text('volume') || undefined;
  rec.issue = row.text('issue') || undefined;
  rec.pages = joinPages(row.text('startpage'), row.text('endpage'));
  const abstract = row.text('abstract');
  if (abstract) {
    rec.abstracts = [{ lang: null, text: abstract }];
    if (CUT.test(abstract) || /^…/.test(abstract)) truncated.push('abstract');
  }
  const fullText = row.text('fulltexturl');
  if (fullText) {
    rec.fullTextUrls = [fullText];
    rec.fullText = true;
  }
  // Note: Publish or Perish also queries Crossref, Scopus...; only Google Scholar links say it is Google Scholar.
  if (/scholar\.google\./.test(citesUrl + related + (rec.url ?? ''))) rec.provenance.database = 'Google Scholar';
  if (truncated.length > 0) rec.extra.truncated = truncated;
}

/** Counts the records whose author list Google Scholar cut, for one summary warning. */
function tally(): RecordTally {
  let cut = 0;
  return {
    add(record) {
      if (record.extra.truncated?.includes('authors')) cut++;
    },
    diagnostics(file: string): Diagnostic[] {
      return cut > 0 ? [diagnostic('CSV_AUTHORS_TRUNCATED', { count: cut }, file, 0, false)] : [];
    },
  };
}

const SPEC: TableSpec = { format: 'csv-pop', source: 'google-scholar', build, tally };

/** Publish or Perish CSV of Google Scholar (or other engine) results. */
export const csvPop = {
  id: 'csv-pop',
  /** In the interface language at the time it is read. */
  label: 'Publish or Perish CSV',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (!keys.includes('gsrank') && !keys.includes('citesurl')) return 0;
    const cover = keyCoverage(keys, COLUMNS);
    return cover >= 0.7 ? 0.6 + 0.35 * cover : 0;
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
