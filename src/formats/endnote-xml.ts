/**
 * EndNote XML (EndNote "File > Export", type XML; also written by Zotero, Mendeley, EndNote Web,
 * Covidence): `<xml><records><record>...</record></records></xml>`, often all on one line. Each
 * `<record>` has `<ref-type name="Journal Article">17</ref-type>`, `<contributors><authors><author>`,
 * `<titles><title>/<secondary-title>`, `<periodical><full-title>`, `<pages>`, `<volume>`, `<number>`,
 * `<dates><year>`, `<electronic-resource-num>` (DOI), `<abstract>`, `<keywords><keyword>`,
 * `<language>`, `<accession-num>`, `<isbn>` (ISSN or ISBN), `<urls><related-urls><url>`,
 * `<remote-database-name>`. Any text may be plain or wrapped in `<style face=... font=... size=...>`
 * runs, one value split over several runs.
 * Layout: Zotero's "Endnote XML" translator (zotero/translators, Endnote XML.js: detection by
 * //record/ref-type, its field, title, date, periodical and author lists) and pandoc's reader
 * (jgm/pandoc, Text.Pandoc.Readers.EndNote: the text of a field is all its style runs joined).
 * Records are cut out of the text as it streams (xml-elements.ts), as PubMed XML's are.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type ParsedRecord } from '../core/record.js';
import { ENDNOTE_TYPES } from './endnote.js';
import { parseByStream } from './stream.js';
import { cleanText, decodeEntities, isIsbn, parseAuthor, parseYear, placeTitleAndAbstracts, toIso6391 } from './text.js';
import type { FormatAdapter, ParseOptions, ParseResult, StreamingParser } from './types.js';
import { streamXmlElements } from './xml-elements.js';

/** The elements whose content is text (plain or in style runs): read raw, then flattened. */
const TEXT_ELEMENTS = [
  'author', 'title', 'secondary-title', 'tertiary-title', 'alt-title', 'short-title', 'translated-title', 'full-title', 'abbr-1',
  'pages', 'volume', 'number', 'issue', 'year', 'date', 'electronic-resource-num', 'abstract', 'keyword', 'language', 'accession-num',
  'isbn', 'url', 'publisher', 'pub-location', 'remote-database-name', 'remote-database-provider', 'custom2', 'notes', 'work-type', 'label',
];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  stopNodes: TEXT_ELEMENTS.map((n) => `*.${n}`),
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['author', 'keyword', 'url', 'record'].includes(name),
});

type Node = Record<string, unknown>;

function obj(node: unknown): Node {
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Node) : {};
}

function arr(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

/** A raw text element (stop node) -> its text: style runs joined, entities decoded; line breaks kept as \n. */
function rawText(node: unknown): string {
  const raw = typeof node === 'string' ? node : typeof node === 'object' && node !== null ? String((node as Node)['#text'] ?? '') : '';
  return decodeEntities(raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<\/?[A-Za-z][^<>]*>/g, '')).replace(/\r\n?/g, '\n');
}

/** One text element's value, spaces collapsed ('' when absent). */
function value(node: unknown): string {
  return cleanText(rawText(node));
}

/** A value EndNote gives one item a line ("0034-7167 (Print)\r0034-7167 (Linking)", keywords in one element). */
function lines(node: unknown): string[] {
  return rawText(node).split('\n').map(cleanText).filter(Boolean);
}

/** Stage 2: one `<record>` element -> a record, or the fatal diagnostic that rejects it. */
function elementToRecord(element: string, line: number, options: ParseOptions): { record?: ParsedRecord; diagnostic?: Diagnostic } {
  const file = options.file;
  const valid = XMLValidator.validate(element);
  if (valid !== true) return { diagnostic: { code: 'ENDNOTE_XML_MALFORMED', params: { message: valid.err.msg }, file, line: line + valid.err.line - 1, fatal: true } };
  let r: Node;
  try {
    r = obj(arr((parser.parse(element) as Node).record)[0]);
  } catch (e) {
    return { diagnostic: { code: 'ENDNOTE_XML_MALFORMED', params: { message: (e as Error).message.slice(0, 200) }, file, line, fatal: true } };
  }
  const rec = emptyRecord({ source: options.source ?? 'other', file, line, format: 'endnote-xml' });
  const type = obj(r['ref-type'])['@_name'];
  if (typeof type === 'string' && type.trim()) rec.documentType = ENDNOTE_TYPES[type.trim().toLowerCase()] ?? type.trim().toLowerCase();
  for (const a of arr(obj(obj(r.contributors).authors).author)) {
    const author = parseAuthor(value(a));
    if (author) rec.authors.push(author);
  }
  const titles = obj(r.titles);
  const title = value(titles.title);
  const periodical = value(obj(r.periodical)['full-title']);
  rec.journal = periodical || value(titles['secondary-title']) || undefined;
  const abbrev = value(obj(r.periodical)['abbr-1']) || value(titles['alt-title']);
  if (abbrev && abbrev !== rec.journal) rec.extra['abbr-1'] = [abbrev];
  const set = (key: 'volume' | 'issue' | 'pages' | 'publisher', v: string) => {
    if (v) rec[key] = v;
  };
  set('volume', value(r.volume));
  set('issue', value(r.number) || value(r.issue));
  set('pages', value(r.pages).replace(/\s*[–-]+\s*/g, '-'));
  set('publisher', value(r.publisher));
  const dates = obj(r.dates);
  rec.year = parseYear(value(dates.year)) ?? parseYear(value(obj(dates['pub-dates']).date));
  const doiText = value(r['electronic-resource-num']);
  rec.doi = normalizeDoi(doiText);
  if (doiText && !rec.doi) rec.extra['electronic-resource-num'] = [doiText];
  for (const k of arr(obj(r.keywords).keyword)) for (const one of lines(k)) for (const kw of one.split(/\s*;\s*/)) if (kw) rec.keywords.push(kw);
  for (const part of value(r.language).split(/\s*[;,]\s*/)) {
    const iso = toIso6391(part);
    if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
  }
  for (const id of lines(r.isbn)) {
    const v = id.replace(/\s*\(.*\)\s*$/, '');
    if (isIsbn(v)) rec.isbn ??= v;
    else rec.issn ??= v;
  }
  const urls = obj(r.urls);
  for (const u of [...arr(obj(urls['related-urls']).url), ...arr(obj(urls['web-urls']).url), ...arr(obj(urls['pdf-urls']).url)].flatMap(lines)) {
    if (rec.url === undefined) rec.url = u;
    else if (!rec.fullTextUrls.includes(u)) rec.fullTextUrls.push(u);
  }
  const database = value(r['remote-database-name']);
  const provider = value(r['remote-database-provider']);
  rec.provenance.database = options.database ?? (database || undefined);
  const accession = value(r['accession-num']);
  if (accession) {
    // Note: records EndNote fetched from PubMed carry the PMID as accession number (remote database "Medline"/"PubMed", provider "NLM").
    if (/^\d{1,9}$/.test(accession) && /medline|pubmed|nlm/i.test(`${database} ${provider}`)) rec.pmid = accession;
    rec.provenance.sourceId = accession;
  }
  const pmc = value(r.custom2);
  if (/^PMC\d+$/i.test(pmc)) rec.pmcid = pmc.toUpperCase();
  const notes = value(r.notes);
  if (notes) rec.extra.notes = [notes];
  placeTitleAndAbstracts(rec, title || undefined, [value(r.abstract)].filter(Boolean));
  if (rec.titles.length === 0) return { diagnostic: { code: 'ENDNOTE_XML_NO_TITLE', params: { line }, file, line, fatal: true } };
  return { record: rec };
}

/** EndNote XML fed in pieces: each record goes to `onRecord` as soon as its `</record>` is read. */
export function streamEndnoteXml(options: ParseOptions, onRecord: (record: ParsedRecord) => void): StreamingParser {
  return streamXmlElements(['record'], options, (_name, element, line) => elementToRecord(element, line, options), onRecord, 'ENDNOTE_XML_UNCLOSED');
}

/** Parse an EndNote XML export. Never throws. */
export function parseEndnoteXml(text: string, options: ParseOptions): ParseResult {
  return parseByStream(streamEndnoteXml, text, options);
}

/** `<xml><records><record>` with a `<ref-type>` is certain; records with ref-type alone are likely. */
export function sniffEndnoteXml(head: string): number {
  if (!/<record[\s>]/.test(head) || !/<ref-type[\s>]/.test(head)) return 0;
  return /<xml[\s>][\s\S]*?<records[\s>]/.test(head.slice(0, 4096)) ? 1 : 0.9;
}

export const endnoteXml = {
  id: 'endnote-xml',
  label: 'EndNote XML',
  extensions: ['xml'],
  sniff: sniffEndnoteXml,
  parse: parseEndnoteXml,
  stream: streamEndnoteXml,
} satisfies FormatAdapter;
