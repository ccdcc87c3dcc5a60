/**
 * PubMed XML as E-utilities efetch returns it (`PubmedArticleSet`). Each article is cut out
 * of the text as it streams and parsed on its own, so memory holds one article at a time and
 * one malformed article is rejected with its line while the others still import. Structured
 * abstracts keep their labels; inline markup (<sub>, <i>) is kept as text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic, DiagnosticParams } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type ParsedRecord, type Author } from '../core/record.js';
import type { FormatAdapter, ParseOptions, ParseResult, StreamingParser } from './types.js';
import { parseByStream } from './stream.js';
import { streamXmlElements } from './xml-elements.js';
import { cleanText, toIso6391, parseYear } from './text.js';

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'Author', 'AbstractText', 'OtherAbstract', 'ELocationID', 'ArticleId', 'Language', 'PublicationType', 'MeshHeading',
  'QualifierName', 'Keyword', 'KeywordList', 'VernacularTitle', 'ISSN',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Note: titles and abstracts are read raw so inline markup and entities are handled once, here.
  stopNodes: ['*.ArticleTitle', '*.VernacularTitle', '*.AbstractText', '*.BookTitle', '*.CollectiveName', '*.Keyword'],
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ARRAYS.has(name),
});

/** Text of a parsed node, whatever shape fast-xml-parser gave it. */
function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join(' ');
  if (typeof node === 'object') {
    const o = node as Node;
    if ('#text' in o) return text(o['#text']);
    return Object.keys(o)
      .filter((k) => !k.startsWith('@_'))
      .map((k) => text(o[k]))
      .join(' ');
  }
  return '';
}

/** Raw inner XML of a stop node -> plain text: tags dropped, entities decoded, spaces collapsed. */
export function markupToText(raw: string): string {
  return cleanText(
    raw
      .replace(/\s+<(sub|sup)>/gi, '<$1>')
      .replace(/<\/?[A-Za-z][^<>]*>/g, '')
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'),
  );
}

function attr(node: unknown, name: string): string | undefined {
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const v = (node as Node)[`@_${name}`];
    return v === undefined ? undefined : String(v);
  }
  return undefined;
}

function arr(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

function obj(node: unknown): Node {
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Node) : {};
}

/** Stage 2: one complete element -> a record, or the fatal diagnostic that rejects it. */
function elementToRecord(name: string, chunk: string, line: number, options: ParseOptions): { record?: ParsedRecord; diagnostic?: Diagnostic } {
  const file = options.file;
  const valid = XMLValidator.validate(chunk);
  if (valid !== true) {
    return { diagnostic: fatal('PUBMED_XML_MALFORMED', { message: valid.err.msg }, file, line + valid.err.line - 1) };
  }
  try {
    const doc = parser.parse(chunk) as Node;
    const rec = name === 'PubmedArticle' ? articleToRecord(obj(doc.PubmedArticle), options, line) : bookToRecord(obj(doc.PubmedBookArticle), options, line);
    if (rec.titles.length === 0) return { diagnostic: fatal('PUBMED_XML_NO_TITLE', { line }, file, line) };
    return { record: rec };
  } catch (e) {
    return { diagnostic: fatal('PUBMED_XML_MALFORMED', { message: (e as Error).message.slice(0, 200) }, file, line) };
  }
}

/** PubMed XML fed in pieces: each article goes to `onRecord` as soon as its close tag is read. */
export function streamPubmedXml(options: ParseOptions, onRecord: (record: ParsedRecord) => void): StreamingParser {
  return streamXmlElements(['PubmedArticle', 'PubmedBookArticle'], options, (name, element, line) => elementToRecord(name, element, line, options), onRecord, 'PUBMED_XML_UNCLOSED');
}

/** Parse an efetch PubmedArticleSet. Never throws. */
export function parsePubmedXml(input: string, options: ParseOptions): ParseResult {
  return parseByStream(streamPubmedXml, input, options);
}

function fatal(code: string, params: DiagnosticParams, file: string, line: number): Diagnostic {
  return { code, params, file, line, fatal: true };
}

function authorsOf(list: unknown): Author[] {
  const out: Author[] = [];
  for (const a of arr(obj(list).Author)) {
    const o = obj(a);
    if (o.CollectiveName !== undefined) {
      const name = markupToText(text(o.CollectiveName));
      if (name) out.push({ family: name, literal: name });
      continue;
    }
    const family = cleanText(text(o.LastName));
    if (!family) continue;
    const given = cleanText(text(o.ForeName)) || cleanText(text(o.Initials));
    out.push(given ? { family, given } : { family });
  }
  return out;
}

function yearOf(pubDate: unknown): number | undefined {
  const d = obj(pubDate);
  return parseYear(text(d.Year)) ?? parseYear(text(d.MedlineDate));
}

function addIds(rec: ParsedRecord, idList: unknown): void {
  for (const id of arr(obj(idList).ArticleId)) {
    const type = attr(id, 'IdType');
    const v = cleanText(text(id));
    if (type === 'doi' && !rec.doi) rec.doi = normalizeDoi(v);
    if (type === 'pmc' && !rec.pmcid && /^PMC\d+$/i.test(v)) rec.pmcid = v.toUpperCase();
  }
}

function addAbstracts(rec: ParsedRecord, abstract: unknown, lang: string | null, original: boolean): void {
  for (const part of arr(obj(abstract).AbstractText)) {
    const body = markupToText(text(part));
    if (!body) continue;
    const label = attr(part, 'Label');
    rec.abstracts.push({ lang, text: body, ...(original ? { original: true } : {}), ...(label ? { label } : {}) });
  }
}

/** PubMed titles translated into English are written in brackets: "[Nursing care...]." */
function unbracket(title: string): string {
  const m = /^\[(.*)\]\.?$/.exec(title);
  return m ? m[1] : title;
}

function articleToRecord(article: Node, options: ParseOptions, line: number): ParsedRecord {
  const citation = obj(article.MedlineCitation);
  const art = obj(citation.Article);
  const journal = obj(art.Journal);
  const issue = obj(journal.JournalIssue);
  const pmid = cleanText(text(citation.PMID));
  const status = attr(citation, 'Status');
  const rec = emptyRecord({
    source: options.source ?? 'pubmed',
    database: options.database ?? (status === 'MEDLINE' ? 'MEDLINE' : 'PubMed'),
    file: options.file,
    line,
    format: 'pubmed-xml',
    ...(pmid ? { sourceId: pmid } : {}),
  });
  if (pmid) rec.pmid = pmid;
  for (const l of arr(art.Language)) {
    const iso = toIso6391(text(l));
    if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
  }
  const vernacular = arr(art.VernacularTitle).map((v) => markupToText(text(v))).filter(Boolean);
  const englishOriginal = vernacular.length === 0 && (rec.languages.length === 0 || rec.languages.includes('en'));
  const title = unbracket(markupToText(text(art.ArticleTitle)));
  if (title) rec.titles.push({ lang: 'en', text: title, ...(englishOriginal ? { original: true } : {}) });
  const otherLang = rec.languages.find((l) => l !== 'en') ?? null;
  for (const v of vernacular) rec.titles.push({ lang: otherLang, text: v, original: true });
  addAbstracts(rec, art.Abstract, 'en', englishOriginal || rec.languages.includes('en'));
  for (const other of arr(citation.OtherAbstract)) {
    const lang = toIso6391(attr(other, 'Language') ?? '') ?? null;
    addAbstracts(rec, other, lang, lang !== null && lang === otherLang);
  }
  rec.authors = authorsOf(art.AuthorList);
  rec.journal = cleanText(text(journal.Title)) || cleanText(text(journal.ISOAbbreviation)) || undefined;
  const volume = cleanText(text(issue.Volume));
  if (volume) rec.volume = volume;
  const iss = cleanText(text(issue.Issue));
  if (iss) rec.issue = iss;
  rec.year = yearOf(issue.PubDate) ?? parseYear(text(obj(art.ArticleDate).Year));
  const pages = cleanText(text(obj(art.Pagination).MedlinePgn));
  if (pages) rec.pages = pages;
  const issn = arr(journal.ISSN).map((x) => cleanText(text(x)))[0];
  if (issn) rec.issn = issn;
  for (const e of arr(art.ELocationID)) {
    if (attr(e, 'EIdType') === 'doi' && !rec.doi) rec.doi = normalizeDoi(text(e));
  }
  addIds(rec, obj(article.PubmedData).ArticleIdList);
  const types = arr(obj(art.PublicationTypeList).PublicationType).map((x) => cleanText(text(x))).filter(Boolean);
  if (types.length > 0) {
    rec.documentType = (types.find((x) => /review/i.test(x)) ?? types.find((x) => x === 'Journal Article') ?? types[0]).toLowerCase();
    rec.extra.PT = types;
  }
  for (const h of arr(obj(citation.MeshHeadingList).MeshHeading)) {
    const ho = obj(h);
    const name = cleanText(text(ho.DescriptorName));
    if (!name) continue;
    const quals = arr(ho.QualifierName).map((q) => cleanText(text(q))).filter(Boolean);
    if (quals.length === 0) rec.descriptors.push(name);
    else for (const q of quals) rec.descriptors.push(`${name}/${q}`);
  }
  for (const list of arr(citation.KeywordList)) for (const k of arr(obj(list).Keyword)) {
    const kw = markupToText(text(k));
    if (kw) rec.keywords.push(kw);
  }
  if (pmid) rec.url = `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;
  if (rec.pmcid) rec.fullTextUrls.push(`https://www.ncbi.nlm.nih.gov/pmc/articles/${rec.pmcid}/`);
  return rec;
}

function bookToRecord(book: Node, options: ParseOptions, line: number): ParsedRecord {
  const doc = obj(book.BookDocument);
  const b = obj(doc.Book);
  const pmid = cleanText(text(doc.PMID));
  const rec = emptyRecord({ source: options.source ?? 'pubmed', database: options.database ?? 'PubMed', file: options.file, line, format: 'pubmed-xml', ...(pmid ? { sourceId: pmid } : {}) });
  if (pmid) rec.pmid = pmid;
  const title = markupToText(text(doc.ArticleTitle)) || markupToText(text(b.BookTitle));
  if (title) rec.titles.push({ lang: 'en', text: title, original: true });
  addAbstracts(rec, doc.Abstract, 'en', true);
  rec.authors = authorsOf(doc.AuthorList).concat(authorsOf(b.AuthorList));
  rec.year = yearOf(b.PubDate);
  rec.publisher = cleanText(text(obj(b.Publisher).PublisherName)) || undefined;
  rec.documentType = 'book';
  addIds(rec, obj(book.PubmedBookData).ArticleIdList);
  for (const l of arr(doc.Language)) {
    const iso = toIso6391(text(l));
    if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
  }
  if (pmid) rec.url = `https://www.ncbi.nlm.nih.gov/books/n/${pmid}/`;
  if (rec.publisher === undefined) delete rec.publisher;
  return rec;
}

/** PubmedArticleSet or a bare PubmedArticle near the start. */
export function sniffPubmedXml(head: string): number {
  if (/<PubmedArticleSet[\s>]/.test(head)) return 1;
  if (/<(?:PubmedArticle|PubmedBookArticle)[\s>]/.test(head)) return 0.9;
  if (/<MedlineCitation[\s>]/.test(head)) return 0.5;
  return 0;
}

export const pubmedXml = {
  id: 'pubmed-xml',
  label: 'PubMed XML (efetch)',
  extensions: ['xml'],
  sniff: sniffPubmedXml,
  parse: parsePubmedXml,
  stream: streamPubmedXml,
} satisfies FormatAdapter;
