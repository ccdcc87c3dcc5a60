/**
 * Any CSV/TSV whose columns have common names (ASReview / revtools style): id or record_id,
 * title, abstract, author(s), year, journal/source/secondary_title, volume, number/issue,
 * pages, doi, pmid, keywords, url, language... (and their Portuguese names: título, resumo,
 * autores, ano, periódico...). Names are compared case-, accent-, space- and
 * punctuation-insensitively; the delimiter (`,` `;` tab) is detected; other columns go to
 * `extra`. It is also the format of `review export --format csv`, which round-trips:
 * list cells are joined with `; ` (a literal `;` or `\` is escaped with `\`), authors are
 * `Family, Given` (`Family,` with no given name, `{Name}` for a name kept as written), and
 * what plain cells cannot say exactly (titles and abstracts per language, extra) goes to
 * `titles_json`, `abstracts_json` and `extra_json`.
 */
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { normalizeDoi, type Author, type BibRecord, type LocalizedText, type ParsedRecord } from '../../core/record.js';
import { cleanText } from '../text.js';
import type { FormatAdapter, StringifyOptions } from '../types.js';
import {
  tableReaders,
  authorFromAnyName,
  joinPages,
  literalAuthor,
  type TableSpec,
  readCount,
  readLanguages,
  readYear,
  sniffHeaderKeys,
  splitAuthorsCell,
  type BuildContext,
  type RowReader,
} from './common.js';

/** Field -> accepted header keys (see `headerKey`), most usual first. */
export const GENERIC_COLUMNS = {
  id: ['id', 'recordid', 'key', 'uid', 'refid', 'referenceid', 'covidencenumber', 'recno'],
  title: ['title', 'primarytitle', 'articletitle', 'documenttitle', 'ti', 't1', 'titulo'],
  abstract: ['abstract', 'abstracts', 'ab', 'abstractnote', 'summary', 'n2', 'resumo', 'resumen'],
  authors: ['authors', 'author', 'au', 'a1', 'authorfullnames', 'authorsfullnames', 'creators', 'creator', 'authornames', 'autores', 'autor', 'autoria'],
  year: ['year', 'publicationyear', 'py', 'pubyear', 'yr', 'y1', 'date', 'publicationdate', 'pubdate', 'issued', 'ano', 'anodepublicacao'],
  journal: ['journal', 'source', 'secondarytitle', 'journaltitle', 'publicationtitle', 'sourcetitle', 't2', 'jo', 'jf', 'publication', 'journalbook', 'so', 'venue', 'containertitle', 'journalname', 'revista', 'periodico', 'fonte'],
  volume: ['volume', 'vl', 'vol', 'volumenumber'],
  issue: ['issue', 'number', 'is', 'no', 'issuenumber', 'numero', 'fasciculo'],
  pages: ['pages', 'page', 'pagerange', 'pp', 'paginas'],
  startPage: ['startpage', 'sp', 'firstpage'],
  endPage: ['endpage', 'ep', 'lastpage'],
  doi: ['doi', 'do', 'di'],
  pmid: ['pmid', 'pubmedid', 'pubmed'],
  pmcid: ['pmcid'],
  bvsId: ['bvsid'],
  scieloPid: ['scielopid'],
  issn: ['issn', 'sn'],
  isbn: ['isbn'],
  keywords: ['keywords', 'keyword', 'kw', 'authorkeywords', 'tags', 'palavraschave', 'palabrasclave'],
  descriptors: ['descriptors', 'mesh', 'meshterms', 'meshheadings', 'mh', 'subjectheadings', 'descritores', 'decs'],
  url: ['url', 'link', 'ur', 'articleurl', 'links'],
  fullTextUrls: ['fulltexturl', 'fulltexturls', 'pdfurl'],
  fullText: ['fulltext'],
  language: ['language', 'languages', 'lang', 'la', 'lg', 'idioma', 'idiomas'],
  documentType: ['documenttype', 'type', 'publicationtype', 'ty', 'pt', 'tipo', 'tipodedocumento'],
  publisher: ['publisher', 'pb', 'editora'],
  citations: ['citations', 'cites', 'citedby', 'timescited', 'citationcount'],
  database: ['database', 'db', 'basededados', 'base'],
  titlesJson: ['titlesjson'],
  abstractsJson: ['abstractsjson'],
  extraJson: ['extrajson'],
} as const;

const CORE = ['abstract', 'authors', 'year', 'journal', 'doi', 'pmid', 'keywords', 'volume', 'issue', 'pages', 'url', 'id'] as const;

// ---------------------------------------------------------------- list cells

/** Join values with `; `, escaping `\` and `;` inside them. */
export function joinList(values: readonly string[]): string {
  return values.map((v) => v.replace(/\\/g, '\\\\').replace(/;/g, '\\;')).join('; ');
}

/** Split on unescaped `;` and unescape; trimmed, empties dropped. */
export function splitEscapedList(cell: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '\\' && (cell[i + 1] === ';' || cell[i + 1] === '\\')) {
      cur += cell[++i];
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Escape what would split or mark a name: `\`, `;`, `,` and a leading `{`. */
function escapeName(s: string): string {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/^\{/, '\\{');
}

/** One author in the export's notation: `Family, Given`, `Family,` or `{Name as written}`. */
export function formatAuthor(a: Author): string {
  if (a.literal !== undefined) return `{${escapeName(a.literal)}}`;
  return a.given ? `${escapeName(a.family)}, ${escapeName(a.given)}` : `${escapeName(a.family)},`;
}

/** The authors cell: names joined by `; `; a single name ends with `;` so it cannot be read as two. */
export function formatAuthors(authors: readonly Author[]): string {
  const names = authors.map(formatAuthor);
  return names.length === 1 ? `${names[0]};` : names.join('; ');
}

/** Names of an export-notation cell, each split at its first unescaped comma. */
function splitExportNames(cell: string): { family: string; given?: string; literal?: string }[] {
  const out: { family: string; given?: string; literal?: string }[] = [];
  let cur = '';
  let comma = -1;
  let brace = false;
  const flush = () => {
    const raw = cur;
    cur = '';
    if (brace) {
      const inner = raw.trim().replace(/^\{/, '').replace(/\}$/, '');
      if (inner) out.push({ family: inner, literal: inner });
    } else if (comma === -1) {
      const name = raw.replace(/\s+/g, ' ').trim();
      if (name) out.push(authorFromAnyName(name) ?? literalAuthor(name));
    } else {
      const family = raw.slice(0, comma).replace(/\s+/g, ' ').trim();
      const given = raw.slice(comma + 1).replace(/\s+/g, ' ').trim();
      if (family) out.push(given ? { family, given } : { family });
    }
    comma = -1;
    brace = false;
  };
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '\\' && i + 1 < cell.length) {
      cur += cell[++i];
    } else if (ch === ';') {
      flush();
    } else {
      if (ch === ',' && comma === -1 && !brace) comma = cur.length;
      if (ch === '{' && cur.trim() === '') brace = true;
      cur += ch;
    }
  }
  flush();
  return out;
}

/** Authors of a cell in the export's notation, or of any common shape (see `splitAuthorsCell`). */
export function parseAuthorsCell(cell: string): Author[] {
  const s = cell.trim();
  if (!s) return [];
  // Note: a cell with no `;`, `\`, braces or trailing comma is someone else's list: guess its shape.
  if (!/[;\\]/.test(s) && !/^\{.*\}$/.test(s) && !/,$/.test(s)) return splitAuthorsCell(s);
  return splitExportNames(s);
}

// ---------------------------------------------------------------- parse

function readJson<T>(row: RowReader, key: string, column: string, ctx: BuildContext, valid: (v: unknown) => v is T): T | undefined {
  const cell = row.raw(key);
  if (!cell) return undefined;
  try {
    const value: unknown = JSON.parse(cell);
    if (valid(value)) return value;
  } catch {
    // reported below
  }
  ctx.report('CSV_BAD_JSON', { column });
  return undefined;
}

function isLocalizedList(v: unknown): v is LocalizedText[] {
  return Array.isArray(v) && v.every((x) => x && typeof x === 'object' && typeof (x as LocalizedText).text === 'string');
}

function isExtra(v: unknown): v is Record<string, string[]> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string'));
}

/** Plain-cell reading of a title or abstract: one text, in the record's language when it has exactly one. */
function plainLocalized(text: string, languages: string[], original: boolean): LocalizedText[] {
  if (!text) return [];
  const lang = languages.length === 1 ? languages[0] : null;
  return [original ? { lang, text, original: true } : { lang, text }];
}

function build(row: RowReader, rec: ParsedRecord, ctx: BuildContext): void {
  const C = GENERIC_COLUMNS;
  const text = (keys: readonly string[]) => row.text(...keys);
  const id = text(C.id);
  if (id) rec.provenance.sourceId = id;
  rec.languages = readLanguages(text(C.language));

  const title = text(C.title);
  const titles = readJson(row, 'titlesjson', 'titles_json', ctx, isLocalizedList);
  if (titles) {
    rec.titles = titles;
    // Note: a title edited in a spreadsheet wins over the JSON copy written by review export.
    if (title && titles[0] && cleanText(titles[0].text) !== title) rec.titles[0] = { ...titles[0], text: title };
  } else rec.titles = plainLocalized(title, rec.languages, true);

  const abstract = text(C.abstract);
  const abstracts = readJson(row, 'abstractsjson', 'abstracts_json', ctx, isLocalizedList);
  rec.abstracts = abstracts ?? plainLocalized(abstract, rec.languages, false);

  rec.authors = parseAuthorsCell(row.raw(...C.authors));
  rec.year = readYear(text(C.year), ctx);
  rec.journal = text(C.journal) || undefined;
  rec.volume = text(C.volume) || undefined;
  rec.issue = text(C.issue) || undefined;
  rec.pages = text(C.pages) || joinPages(text(C.startPage), text(C.endPage));
  const doiCell = text(C.doi);
  rec.doi = normalizeDoi(doiCell);
  if (doiCell && !rec.doi) ctx.report('CSV_BAD_DOI', { value: doiCell });
  rec.pmid = text(C.pmid).replace(/\.0$/, '') || undefined;
  rec.pmcid = text(C.pmcid) || undefined;
  rec.bvsId = text(C.bvsId) || undefined;
  rec.scieloPid = text(C.scieloPid) || undefined;
  rec.issn = text(C.issn) || undefined;
  rec.isbn = text(C.isbn) || undefined;
  rec.keywords = splitEscapedList(row.raw(...C.keywords)).map(cleanText);
  rec.descriptors = splitEscapedList(row.raw(...C.descriptors)).map(cleanText);
  rec.url = text(C.url) || undefined;
  rec.fullTextUrls = splitEscapedList(row.raw(...C.fullTextUrls));
  const fullText = text(C.fullText).toLowerCase();
  if (/^(true|yes|sim|1)$/.test(fullText)) rec.fullText = true;
  else if (/^(false|no|não|nao|0)$/.test(fullText)) rec.fullText = false;
  const type = text(C.documentType);
  if (type) rec.documentType = type.toLowerCase();
  rec.publisher = text(C.publisher) || undefined;
  rec.citations = readCount(text(C.citations));
  const database = text(C.database);
  if (database) rec.provenance.database = database;
  const extra = readJson(row, 'extrajson', 'extra_json', ctx, isExtra);
  if (extra) rec.extra = { ...extra };
}

/** Header keys the generic reader knows, whatever field they map to. */
const KNOWN = new Set<string>(Object.values(GENERIC_COLUMNS).flat());

// ---------------------------------------------------------------- stringify

/** Whether plain cells give back exactly these titles/abstracts (else the JSON column is written). */
function plainIsExact(list: LocalizedText[], languages: string[], original: boolean): boolean {
  if (list.length === 0) return true;
  if (list.length > 1) return false;
  const [only] = list;
  const expected = plainLocalized(cleanText(only.text), languages, original)[0];
  return (
    only.text === expected.text &&
    only.lang === expected.lang &&
    only.original === expected.original &&
    only.label === undefined
  );
}

type Column = { name: string; get(r: BibRecord): string; always?: boolean };

const EXPORT_COLUMNS: Column[] = [
  { name: 'id', get: (r) => r.id, always: true },
  { name: 'title', get: (r) => r.titles[0]?.text ?? '', always: true },
  { name: 'abstract', get: (r) => r.abstracts[0]?.text ?? '', always: true },
  { name: 'authors', get: (r) => formatAuthors(r.authors), always: true },
  { name: 'year', get: (r) => (r.year === undefined ? '' : String(r.year)), always: true },
  { name: 'journal', get: (r) => r.journal ?? '', always: true },
  { name: 'volume', get: (r) => r.volume ?? '', always: true },
  { name: 'issue', get: (r) => r.issue ?? '', always: true },
  { name: 'pages', get: (r) => r.pages ?? '', always: true },
  { name: 'doi', get: (r) => r.doi ?? '', always: true },
  { name: 'pmid', get: (r) => r.pmid ?? '', always: true },
  { name: 'keywords', get: (r) => joinList(r.keywords), always: true },
  { name: 'url', get: (r) => r.url ?? '', always: true },
  { name: 'language', get: (r) => joinList(r.languages), always: true },
  { name: 'pmcid', get: (r) => r.pmcid ?? '' },
  { name: 'bvs_id', get: (r) => r.bvsId ?? '' },
  { name: 'scielo_pid', get: (r) => r.scieloPid ?? '' },
  { name: 'issn', get: (r) => r.issn ?? '' },
  { name: 'isbn', get: (r) => r.isbn ?? '' },
  { name: 'document_type', get: (r) => r.documentType ?? '' },
  { name: 'descriptors', get: (r) => joinList(r.descriptors) },
  { name: 'fulltext_url', get: (r) => joinList(r.fullTextUrls) },
  { name: 'fulltext', get: (r) => (r.fullText === undefined ? '' : String(r.fullText)) },
  { name: 'publisher', get: (r) => r.publisher ?? '' },
  { name: 'citations', get: (r) => (r.citations === undefined ? '' : String(r.citations)) },
  { name: 'titles_json', get: (r) => (plainIsExact(r.titles, r.languages, true) ? '' : JSON.stringify(r.titles)) },
  { name: 'abstracts_json', get: (r) => (plainIsExact(r.abstracts, r.languages, false) ? '' : JSON.stringify(r.abstracts)) },
  { name: 'extra_json', get: (r) => (Object.keys(r.extra).length === 0 ? '' : JSON.stringify(r.extra)) },
];

/**
 * Records as a comma-separated table with a header, `\n` line ends, starting with a BOM
 * so that spreadsheet programs read the accents as UTF-8.
 */
export function stringifyGenericCsv(records: readonly BibRecord[], options: StringifyOptions = {}): string {
  const columns = EXPORT_COLUMNS.filter((c) => c.always || records.some((r) => c.get(r) !== ''));
  const rows = records.map((r) => columns.map((c) => c.get(r)));
  // Note: the reader sniffs the delimiter, so the `;` of --excel reads back the same.
  return '\uFEFF' + stringifyCsv([columns.map((c) => c.name), ...rows], { delimiter: options.excel ? ';' : ',', quoted_match: /[",\n\r;]|^\s|\s$/ });
}

const SPEC: TableSpec = { format: 'csv-generic', source: 'other', build, titleKeys: [...GENERIC_COLUMNS.title] };

/** Generic CSV/TSV with named columns; sniffs lower than every specific CSV format. */
export const csvGeneric = {
  id: 'csv-generic',
  /** In the interface language at the time it is read. */
  label: 'CSV/TSV with named columns',
  // Note: not `txt`: a .txt is more often MEDLINE; a CSV saved as .txt is still found by sniffing.
  extensions: ['csv', 'tsv', 'tab'],
  sniff(head: string): number {
    const keys = sniffHeaderKeys(head);
    const has = (field: keyof typeof GENERIC_COLUMNS) => keys.some((k) => (GENERIC_COLUMNS[field] as readonly string[]).includes(k));
    // Note: the registry ignores scores under 0.3; a title column (or, without one, an
    // abstract, DOI or PMID column to identify records by) is enough to be read.
    // A one-column file is a list of titles only when that column says so.
    if (keys.length === 1 && !has('title')) return 0;
    const base = has('title') ? 0.32 : has('abstract') || has('doi') || has('pmid') ? 0.3 : 0;
    if (base === 0) return 0;
    const known = CORE.filter((field) => has(field)).length;
    // Note: at most 0.5, below the 0.6 floor of the specific formats that also have a title column.
    return Math.min(0.5, base + 0.015 * known + (keys.every((k) => KNOWN.has(k)) ? 0.03 : 0));
  },
  ...tableReaders(SPEC),
  stringify: stringifyGenericCsv,
} satisfies FormatAdapter;
