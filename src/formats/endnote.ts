/**
 * EndNote tagged ("Refer") export: one `%X value` line per field, each record starting at `%0`
 * (the reference type) and ending at a blank line. Repeated tags (%A authors, %K keywords) are
 * lists; %K may also hold several keywords on continuation lines.
 * Tags: EndNote's "Tagged import/export format" table (%0 type, %A author, %T title, %J journal,
 * %B secondary title, %D year, %V volume, %N issue, %P pages, %R DOI, %X abstract, %K keywords,
 * %@ ISSN/ISBN, %G language, %U URL, %M accession, %I publisher, %~ database name, %W database
 * provider), as Zotero's Refer/BibIX translator reads them (zotero/translators, Refer_BibIX.js).
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type ParsedRecord } from '../core/record.js';
import { lineParsers, mappedFields, TaggedScanner, type TaggedEntry } from './lines.js';
import type { EntryScanner } from './stream.js';
import { cleanValue, isIsbn, parseAuthor, parseYear, placeTitleAndAbstracts, toIso6391 } from './text.js';
import type { FormatAdapter, ParseOptions } from './types.js';

export const ENDNOTE_TAGS: Readonly<Record<string, string>> = {
  '%0': 'type', '%A': 'author', '%E': 'editor', '%T': 'title', '%J': 'journal', '%B': 'secondaryTitle', '%D': 'year',
  '%V': 'volume', '%N': 'issue', '%P': 'pages', '%R': 'doi', '%X': 'abstract', '%K': 'keywords', '%@': 'issn',
  '%G': 'language', '%U': 'url', '%M': 'accession', '%I': 'publisher', '%~': 'database', '%W': 'provider',
};

/** EndNote reference types -> the record's kind. */
export const ENDNOTE_TYPES: Readonly<Record<string, string>> = {
  'journal article': 'article', 'electronic article': 'article', book: 'book', 'book section': 'book chapter',
  'edited book': 'edited book', thesis: 'thesis', report: 'report', 'conference paper': 'conference paper',
  'conference proceedings': 'conference proceedings', 'web page': 'web page', generic: 'generic', 'government document': 'government document',
};

const TAG_LINE = /^(%[0-9A-Z@~!#$&()*+^>])(?:\s(.*))?$/;

class EndnoteScanner extends TaggedScanner implements EntryScanner {
  private outsideWarned = false;

  protected lineOf(text: string, line: number): void {
    if (text.trim() === '') return this.close();
    const m = TAG_LINE.exec(text.trimEnd());
    if (!m) {
      if (this.last) this.last.values.push(text.trim());
      else if (!this.outsideWarned) {
        this.outsideWarned = true;
        this.diagnostics.push({ code: 'ENDNOTE_TEXT_OUTSIDE_RECORD', params: {}, file: this.file, line, fatal: false });
      }
      return;
    }
    // Note: a %0 starts a record even without the blank line before it.
    if (m[1] === '%0' && this.current) this.close();
    this.current ??= { line, fields: [] };
    this.last = { tag: m[1], values: [m[2] ?? ''], line };
    this.current.fields.push(this.last);
  }
}

export function endnoteEntryToRecord(entry: TaggedEntry, options: ParseOptions): { record?: ParsedRecord; diagnostics: Diagnostic[] } {
  const file = options.file;
  const rec = emptyRecord({ source: options.source ?? 'other', file, line: entry.line, format: 'endnote' });
  let title: string | undefined;
  let secondary: string | undefined;
  const abstracts: string[] = [];
  for (const { field, value: joined, tagged: f } of mappedFields(entry, ENDNOTE_TAGS, rec.extra)) {
    switch (field) {
      case 'type':
        rec.documentType ??= ENDNOTE_TYPES[joined.toLowerCase()] ?? joined.toLowerCase();
        break;
      case 'author': {
        const a = parseAuthor(joined);
        if (a) rec.authors.push(a);
        break;
      }
      case 'title':
        title ??= joined;
        break;
      case 'journal':
        rec.journal ??= joined;
        break;
      case 'secondaryTitle':
        secondary ??= joined;
        break;
      case 'year':
        rec.year ??= parseYear(joined);
        break;
      case 'volume':
        rec.volume ??= joined;
        break;
      case 'issue':
        rec.issue ??= joined;
        break;
      case 'pages':
        rec.pages ??= joined.replace(/\s*[–-]+\s*/g, '-');
        break;
      case 'doi':
        rec.doi ??= normalizeDoi(joined);
        if (!normalizeDoi(joined)) (rec.extra[f.tag] ??= []).push(joined);
        break;
      case 'abstract':
        abstracts.push(joined);
        break;
      case 'keywords':
        // Note: %K holds one keyword per line; some exports put several on one line with ";".
        for (const v of f.values) for (const k of v.split(/\s*;\s*/)) if (cleanValue(k)) rec.keywords.push(cleanValue(k));
        break;
      case 'issn':
        if (isIsbn(joined)) rec.isbn ??= joined;
        else rec.issn ??= joined;
        break;
      case 'language':
        for (const part of joined.split(/\s*[;,]\s*/)) {
          const iso = toIso6391(part);
          if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
        }
        break;
      case 'url':
        if (rec.url === undefined) rec.url = joined;
        else rec.fullTextUrls.push(joined);
        break;
      case 'accession':
        rec.provenance.sourceId ??= joined;
        break;
      case 'publisher':
        rec.publisher ??= joined;
        break;
      case 'database':
        rec.provenance.database ??= joined;
        break;
      default:
        (rec.extra[f.tag] ??= []).push(joined);
    }
  }
  if (options.database !== undefined) rec.provenance.database = options.database;
  if (rec.journal === undefined && secondary !== undefined) rec.journal = secondary;
  else if (secondary !== undefined) (rec.extra['%B'] ??= []).push(secondary);
  placeTitleAndAbstracts(rec, title, abstracts);
  if (rec.titles.length === 0) return { diagnostics: [{ code: 'ENDNOTE_NO_TITLE', params: { line: entry.line }, file, line: entry.line, fatal: true }] };
  return { record: rec, diagnostics: [] };
}

/** EndNote tagged, fed in pieces or whole. */
export const { stream: streamEndnote, parse: parseEndnote } = lineParsers(EndnoteScanner, endnoteEntryToRecord);

/** `%0 <type>` lines and other %-tags. */
export function sniffEndnote(head: string): number {
  const text = head.replace(/^\ufeff/, '');
  if (!/^%0 \S/m.test(text)) return 0;
  const lines = text.split(/\r\n|\n|\r/, 200).filter((l) => l.trim() !== '');
  const tagged = lines.filter((l) => TAG_LINE.test(l)).length;
  return tagged / lines.length > 0.6 ? 0.9 : 0.4;
}

export const endnote = {
  id: 'endnote',
  label: 'EndNote tagged (%0, %A, %T)',
  extensions: ['enw', 'txt'],
  sniff: sniffEndnote,
  parse: parseEndnote,
  stream: streamEndnote,
} satisfies FormatAdapter;
