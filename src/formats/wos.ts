/**
 * Web of Science plain text ("Other file formats > Plain text"): a file header `FN Clarivate
 * Analytics Web of Science` / `VR 1.0`, records from `PT` to `ER`, the file closed by `EF`. A tag
 * is two characters and a space at the start of a line; continuation lines start with three
 * spaces (one author, address or cited reference per line in AU, AF, C1, CR...).
 * Layout and tags: Clarivate's "Web of Science Core Collection field tags" help page; read the
 * same way by bibliometrix (massimoaria/bibliometrix, R/isi2df.R: records start at "PT ",
 * continuation rows start with spaces, AU/AF/CR/C1 are lists) and metaknowledge
 * (UWNETLAB/metaknowledge, WOS record reader).
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type ParsedRecord } from '../core/record.js';
import { lineParsers, mappedFields, TaggedScanner, type TaggedEntry } from './lines.js';
import type { EntryScanner } from './stream.js';
import { cleanValue, parseAuthor, parseYear, placeTitleAndAbstracts, toIso6391 } from './text.js';
import type { FormatAdapter, ParseOptions } from './types.js';

/** WoS tags -> what they mean here; every other tag is kept in `extra` under its own name. */
export const WOS_TAGS = {
  PT: 'publicationType', AU: 'author', AF: 'fullAuthor', CA: 'groupAuthor', TI: 'title', SO: 'journal', SE: 'series',
  LA: 'language', DT: 'documentType', DE: 'keywords', AB: 'abstract', SN: 'issn', EI: 'eissn', BN: 'isbn',
  PY: 'year', PD: 'date', VL: 'volume', IS: 'issue', BP: 'startPage', EP: 'endPage', AR: 'articleNumber',
  DI: 'doi', PM: 'pmid', UT: 'accession', PU: 'publisher', TC: 'citations',
} as const satisfies Readonly<Record<string, string>>;

/** Tags whose continuation lines are separate items (one per line), not a wrapped value. */
const LIST_TAGS = new Set(['AU', 'AF', 'CA', 'C1', 'CR', 'BA', 'BF', 'ED', 'EM', 'RI', 'OI']);

const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;

/** Stage 1: lines -> raw entries from PT (or the first tag) to ER. */
class WosScanner extends TaggedScanner implements EntryScanner {
  private outsideWarned = false;

  protected override endOpen(): void {
    if (this.current) this.diagnostics.push({ code: 'WOS_MISSING_ER', params: { line: this.current.line }, file: this.file, line: this.line, fatal: false });
    this.close();
  }

  protected lineOf(text: string, line: number): void {
    if (text.trim() === '') return;
    if (/^\s/.test(text)) {
      if (this.last) this.last.values.push(text.trim());
      else this.outside(line);
      return;
    }
    const m = TAG_LINE.exec(text.trimEnd());
    if (!m) return this.outside(line);
    const tag = m[1];
    const value = m[2] ?? '';
    if (!this.current && (tag === 'FN' || tag === 'VR' || tag === 'EF')) return;
    if (tag === 'ER') return this.close();
    if (tag === 'PT' && this.current) {
      this.diagnostics.push({ code: 'WOS_MISSING_ER', params: { line: this.current.line }, file: this.file, line, fatal: false });
      this.close();
    }
    this.current ??= { line, fields: [] };
    this.last = { tag, values: [value], line };
    this.current.fields.push(this.last);
  }

  private outside(line: number): void {
    if (this.outsideWarned) return;
    this.outsideWarned = true;
    this.diagnostics.push({ code: 'WOS_TEXT_OUTSIDE_RECORD', params: {}, file: this.file, line, fatal: false });
  }
}

/** WoS document types -> the record's kind (lower case); others kept lower-cased as written. */
const DOC_TYPES: Record<string, string> = {
  article: 'article', review: 'review', 'editorial material': 'editorial', letter: 'letter', 'proceedings paper': 'conference paper',
  'meeting abstract': 'abstract', 'book chapter': 'book chapter', book: 'book', 'book review': 'book review', correction: 'correction',
  'early access': 'article', 'data paper': 'article',
};

/** Stage 2: one entry -> a record through WOS_TAGS, or the fatal diagnostic that rejects it. */
export function wosEntryToRecord(entry: TaggedEntry, options: ParseOptions): { record?: ParsedRecord; diagnostics: Diagnostic[] } {
  const file = options.file;
  const rec = emptyRecord({ source: options.source ?? 'wos', file, line: entry.line, format: 'wos' });
  rec.provenance.database = options.database ?? 'Web of Science';
  const short: string[] = [];
  const full: string[] = [];
  const group: string[] = [];
  let title: string | undefined;
  let abstract: string | undefined;
  let start: string | undefined;
  let end: string | undefined;
  let articleNumber: string | undefined;
  for (const { field, value: joined, tagged: f } of mappedFields(entry, WOS_TAGS, rec.extra, (f) => (LIST_TAGS.has(f.tag) ? f.values.map(cleanValue) : [cleanValue(f.values.join(' '))]))) {
    switch (field) {
      case 'author':
        short.push(...f.values);
        break;
      case 'fullAuthor':
        full.push(...f.values);
        break;
      case 'groupAuthor':
        group.push(...f.values.map(cleanValue));
        break;
      case 'title':
        title ??= joined;
        break;
      case 'journal':
        rec.journal ??= joined;
        break;
      case 'language':
        for (const part of joined.split(/\s*;\s*/)) {
          const iso = toIso6391(part);
          if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
        }
        break;
      case 'documentType': {
        const first = joined.split(/\s*;\s*/)[0].toLowerCase();
        rec.documentType = DOC_TYPES[first] ?? first;
        if (joined.includes(';')) (rec.extra.DT ??= []).push(joined);
        break;
      }
      case 'keywords':
        for (const k of joined.split(/\s*;\s*/)) if (k) rec.keywords.push(k);
        break;
      case 'abstract':
        abstract ??= joined;
        break;
      case 'issn':
        rec.issn ??= joined;
        break;
      case 'eissn':
        if (rec.issn === undefined) rec.issn = joined;
        else (rec.extra.EI ??= []).push(joined);
        break;
      case 'isbn':
        rec.isbn ??= joined;
        break;
      case 'year':
        rec.year ??= parseYear(joined);
        break;
      case 'date':
        (rec.extra.PD ??= []).push(joined);
        break;
      case 'volume':
        rec.volume ??= joined;
        break;
      case 'issue':
        rec.issue ??= joined;
        break;
      case 'startPage':
        start ??= joined;
        break;
      case 'endPage':
        end ??= joined;
        break;
      case 'articleNumber':
        articleNumber ??= joined;
        break;
      case 'doi':
        rec.doi ??= normalizeDoi(joined);
        break;
      case 'pmid':
        if (/^\d{1,9}$/.test(joined)) rec.pmid ??= joined;
        break;
      case 'accession':
        rec.provenance.sourceId ??= joined;
        break;
      case 'publisher':
        rec.publisher ??= joined;
        break;
      case 'citations':
        if (/^\d+$/.test(joined)) rec.citations ??= Number(joined);
        break;
      case 'publicationType':
      case 'series':
        (rec.extra[f.tag] ??= []).push(joined);
        break;
    }
  }
  // Note: AF has the full names ("Silva, Ana Maria"); AU the short ones ("Silva, AM"): AF when given.
  for (const name of full.length > 0 ? full : short) {
    const a = parseAuthor(cleanValue(name));
    if (a) rec.authors.push(a);
  }
  // Note: the group (CA) comes after the persons, as WoS lists it last in AU.
  for (const name of group) if (name) rec.authors.push({ family: name, literal: name });
  if (start !== undefined) rec.pages = end !== undefined && end !== start ? `${start}-${end}` : start;
  else if (articleNumber !== undefined) rec.pages = articleNumber;
  placeTitleAndAbstracts(rec, title, abstract ? [abstract] : []);
  if (rec.titles.length === 0) return { diagnostics: [{ code: 'WOS_NO_TITLE', params: { line: entry.line }, file, line: entry.line, fatal: true }] };
  return { record: rec, diagnostics: [] };
}

/** Web of Science plain text, fed in pieces (each record goes on at its ER) or whole. */
export const { stream: streamWos, parse: parseWos } = lineParsers(WosScanner, wosEntryToRecord);

/** The FN/VR header, or PT...ER records with a UT WOS: accession. */
export function sniffWos(head: string): number {
  const text = head.replace(/^\ufeff/, '').trimStart();
  if (/^FN (?:Clarivate|Thomson|ISI)[^\n]*\r?\n\s*VR \d/.test(text)) return 1;
  if (/^PT [A-Z]\r?$/m.test(text) && /^ER\s*$/m.test(text) && /^(?:TI|AU|SO) /m.test(text)) return /^UT (?:WOS|ISI):/m.test(text) ? 0.95 : 0.6;
  return 0;
}

export const wos = {
  id: 'wos',
  label: 'Web of Science plain text',
  extensions: ['txt', 'ciw'],
  sniff: sniffWos,
  parse: parseWos,
  stream: streamWos,
} satisfies FormatAdapter;
