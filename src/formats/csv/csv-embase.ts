/**
 * Embase.com "Export > CSV - Fields by Column": a few preamble lines (the session, the search
 * strategy, the date) before the table, whose header is either upper case (`TITLE,AUTHOR NAMES,
 * AUTHOR ADDRESSES,SOURCE,SOURCE TITLE,PUBLICATION YEAR,VOLUME,ISSUE,FIRST PAGE,LAST PAGE,DATE OF
 * PUBLICATION,ISSN,ABSTRACT,EMTREE DRUG INDEX TERMS,EMTREE MEDICAL INDEX TERMS,...,LANGUAGE OF
 * ARTICLE,MEDLINE PMID,PUI,DOI,EMBASE LINK,...`) or, in newer exports, the same names in title
 * case (`Title,Original Title,Author Names,...,Article Language,Summary Language,Embase Accession
 * ID,Medline PMID,PUI,DOI,Full Text Link,Embase Link,Open URL Link,Copyright`). Multi-value cells
 * (authors, Emtree terms, keywords) hold one value per line, or values joined by `, `.
 * Columns as public readers of the export name them: massimoaria/bibliometrix
 * (R/csvScopus2df.R, `labelling`: "Author Names" -> AU, "Author Addresses" -> C1, "Publication
 * Year" -> PY, "Source title" -> SO) and the pandas rename tables of Embase CSV exports found in
 * public review code (search the code corpus for "Embase Accession ID" "Medline PMID" "PUI").
 * The header is found past the preamble by `locateHeader` (./common.ts); the preamble goes to the
 * import log (CSV_PREAMBLE).
 */
import { type Author, type LocalizedText, type ParsedRecord } from '../../core/record.js';
import type { FormatAdapter } from '../types.js';
import { detectLanguage } from '../language-guess.js';
import {
  authorDottedInitials,
  authorFromFamilyFirst,
  joinPages,
  keyCoverage,
  literalAuthor,
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

/** Columns of both header spellings (as header keys; `headerKey` folds the case). */
export const EMBASE_COLUMNS = ['title', 'authornames', 'authoraddresses', 'source', 'sourcetitle', 'publicationyear', 'volume', 'issue', 'firstpage', 'lastpage', 'dateofpublication', 'publicationtype', 'issn', 'abstract', 'authorkeywords', 'emtreedrugindexterms', 'emtreemedicalindexterms', 'medlinepmid', 'pui', 'doi', 'embaselink'];

/** Columns only Embase writes: one of them must be in the header. */
const OWN = ['pui', 'embaselink', 'emtreemedicalindexterms', 'emtreedrugindexterms', 'embaseaccessionid'];

/** A multi-value cell: one value per line when it has line ends, else values joined by `, `. */
export function splitEmbaseList(cell: string): string[] {
  if (!cell) return [];
  return splitList(cell, /\n|\r\n?/.test(cell) ? /\s*[\r\n]+\s*/ : /\s*,\s+/);
}

/** `Silva A.M.` -> family and initials as written; `Silva, Ana` -> family, given; else a literal. */
function embaseAuthor(name: string): Author | undefined {
  const s = name.trim().replace(/[,;]$/, '');
  if (!s) return undefined;
  if (s.includes(',')) return authorFromFamilyFirst(s);
  return authorDottedInitials(s) ?? literalAuthor(s);
}

/**
 * Author names: one per line (`Silva, Ana` or `Silva A.`), else `Silva A., Souza B.` (a `, `
 * between names that end in initials; a cell of `Family, Given` pairs has no such initials).
 */
export function splitEmbaseAuthors(cell: string): Author[] {
  if (!cell) return [];
  const names = /[\r\n]/.test(cell) ? cell.split(/\s*[\r\n]+\s*/) : cell.split(/(?<=\p{Lu}\.)\s*,\s+|\s*;\s*/u);
  return names.map(embaseAuthor).filter((a) => a !== undefined);
}

/** The English title and, when Embase gives it, the original one (first, in the article's language). */
function embaseTitles(title: string, original: string, languages: readonly string[]): LocalizedText[] {
  const titles: LocalizedText[] = [];
  const other = languages.find((l) => l !== 'en') ?? null;
  if (original) titles.push({ lang: other, text: original.replace(/^\[|\]\.?$/g, ''), original: true });
  if (!title) return titles;
  if (original) titles.push({ lang: 'en', text: title });
  else {
    // Note: Embase's TITLE is English even for an article in another language (its translation).
    const lang = detectLanguage(title, { minLead: 1 }) ?? languages[0] ?? null;
    titles.push(lang === null || languages.length === 0 || languages.includes(lang) ? { lang, text: title, original: true } : { lang, text: title });
  }
  return titles;
}

/** One Embase record, whichever way the export lays it out (columns here, rows in ./csv-embase-rows.ts). */
export function buildEmbase(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  rec.languages = readLanguages(row.text('languageofarticle', 'articlelanguage'));
  rec.titles = embaseTitles(row.text('title'), row.text('originalnonenglishtitle', 'originaltitle'), rec.languages);
  rec.authors = splitEmbaseAuthors(row.raw('authornames', 'author'));
  rec.journal = row.text('sourcetitle') || undefined;
  rec.year = readYear(row.text('publicationyear'), ctx) ?? readYear(row.text('dateofpublication'), ctx);
  rec.volume = row.text('volume') || undefined;
  rec.issue = row.text('issue') || undefined;
  rec.pages = joinPages(row.text('firstpage'), row.text('lastpage')) ?? (row.text('pages') || undefined);
  // Note: Embase lists the electronic ISSN with "(electronic)"; the print one is preferred, as RIS/WoS give it.
  const issns = splitEmbaseList(row.raw('issn'));
  rec.issn = (issns.find((v) => !/\(electronic\)/i.test(v)) ?? issns[0])?.replace(/\s*\(.*\)$/, '');
  rec.isbn = splitEmbaseList(row.raw('isbn'))[0];
  rec.publisher = row.text('bookpublisher', 'publisher') || undefined;
  const abstract = row.text('abstract');
  if (abstract) {
    const lang = detectLanguage(abstract, { minLead: 1 }) ?? 'en';
    rec.abstracts = [{ lang, text: abstract, ...(rec.languages.includes(lang) ? { original: true } : {}) }];
  }
  const originalAbstract = row.text('originalabstract');
  if (originalAbstract) rec.abstracts.push({ lang: rec.titles[0]?.lang ?? null, text: originalAbstract, original: true });
  rec.keywords = splitEmbaseList(row.raw('authorkeywords'));
  // Note: Emtree (medical, then drug) terms are Embase's controlled vocabulary, like MeSH/DeCS.
  rec.descriptors = [...splitEmbaseList(row.raw('emtreemedicalindexterms')), ...splitEmbaseList(row.raw('emtreedrugindexterms'))];
  const type = row.text('publicationtype');
  if (type) rec.documentType = type.toLowerCase();
  const pmid = /\d{1,9}/.exec(row.text('medlinepmid'))?.[0];
  if (pmid) rec.pmid = pmid;
  rec.doi = readDoiCell(row.text('doi'), rec, ctx);
  rec.url = row.text('embaselink') || undefined;
  const fullText = row.text('fulltextlink');
  if (fullText) rec.fullTextUrls = splitEmbaseList(fullText);
  const pui = row.text('pui');
  if (pui) rec.provenance.sourceId = pui;
  rec.provenance.database = 'Embase';
}

const SPEC: TableSpec = { format: 'csv-embase', source: 'embase', build: buildEmbase };

/** Embase.com CSV export (fields by column), preamble lines and all. */
export const csvEmbase = {
  id: 'csv-embase',
  /** In the interface language at the time it is read. */
  label: 'Embase CSV export',
  extensions: ['csv'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    if (!keys.includes('title') || !OWN.some((k) => keys.includes(k))) return 0;
    // Note: PUI, the Embase link and Emtree terms are Embase's own; with a title they decide even in a narrow export.
    return 0.7 + 0.25 * keyCoverage(keys, EMBASE_COLUMNS);
  },
  ...tableReaders(SPEC),
} satisfies FormatAdapter;
