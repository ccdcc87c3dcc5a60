/**
 * Ovid tagged export (Ovid MEDLINE, APA PsycInfo, Embase, Journals@Ovid... "Export > Fields:
 * Complete Reference", format "Ovid" or plain text): an optional header (the database and the
 * search strategy), then one record per `<N>` / `<N. >` line (some exports number with "N." lines),
 * each field a `TAG  - value` line with a 2-4 character tag, continuation lines indented (or not
 * indented at all, as BIOSIS's "Series Information"), blank lines inside fields (PsycInfo's IN
 * and RF). Every record starts with `VN  - Ovid Technologies` and names its database in DB.
 * Layout: Zotero's "OVID Tagged" translator (zotero/translators, OVID Tagged.js: detection by
 * `VN  - Ovid Technologies`, records at `<N. >` or VN, untagged lines continue the last field,
 * the SO parsing of volume(issue):pages) and its test exports (MEDLINE-like BIOSIS, Journals@Ovid,
 * PsycInfo); tags from Ovid's database field guides (ospguides.ovid.com/OSPguides/medline.htm,
 * ovrndb.htm: UI/AN unique identifier, AU/FA authors, TI, OT original title, SO source, JN journal
 * name, VI/VO volume, IP issue, PG page, YR/DP date, LG language, PT/DT type, MH subject
 * headings, KW keywords, DO digital object identifier, IS/ES ISSN).
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type ParsedRecord } from '../core/record.js';
import { lineParsers, mappedFields, TaggedScanner, type TaggedEntry } from './lines.js';
import { parseAuthor, parseYear, toIso6391 } from './text.js';
import { assignLanguages, detectLanguage } from './language-guess.js';
import type { FormatAdapter, ParseOptions } from './types.js';

/** Ovid tag -> what it means here (both MEDLINE's and PsycInfo's spellings); every other tag is kept in `extra`. */
export const OVID_TAGS = {
  DB: 'database', AN: 'accession', UI: 'pmid', PM: 'pmid', AU: 'author', FA: 'fullAuthor', TI: 'title', OT: 'originalTitle',
  SO: 'source', JN: 'journal', JT: 'journal', JA: 'journalAbbrev', TA: 'journalAbbrev', VI: 'volume', VO: 'volume', IP: 'issue',
  PG: 'pages', YR: 'year', DP: 'date', LG: 'language', LA: 'language', PT: 'type', DT: 'type', MH: 'heading', KW: 'keywords',
  ID: 'keyConcepts', DO: 'doi', DI: 'doi', IS: 'issn', ES: 'issn', IB: 'isbn', PU: 'publisher', PB: 'publisher', AB: 'abstract',
} as const satisfies Readonly<Record<string, string>>;

/** A field line: a 2-4 character tag, one or two spaces, a dash (PsycInfo indents the whole record by one space). */
const TAG_LINE = /^ {0,2}([A-Z][A-Z0-9]{1,3}) {1,2}-(?: (.*))?$/;
/** A record-number line: `<1>`, `<12. >`, ` <7. >`, or `1.` alone. */
const NUMBER_LINE = /^\s*(?:<\s*\d+\s*\.?\s*>|\d+\.)\s*$/;

/** Stage 1: lines -> raw entries, one per record-number line (or per VN line when there are none). */
class OvidScanner extends TaggedScanner {
  /** A record-number line was read and no field yet: its line is the record's. */
  private numbered: number | undefined;
  private outsideWarned = false;

  protected lineOf(text: string, line: number): void {
    if (NUMBER_LINE.test(text)) {
      this.close();
      this.numbered = line;
      return;
    }
    const m = TAG_LINE.exec(text.trimEnd());
    if (m && (this.current || this.numbered !== undefined || m[1] === 'VN' || m[1] === 'DB')) {
      // Note: exports without number lines still start each record with VN (as Zotero's reader splits them).
      if (m[1] === 'VN' && this.current && this.current.fields.length > 0) this.close();
      this.current ??= { line: this.numbered ?? line, fields: [] };
      this.numbered = undefined;
      this.last = { tag: m[1], values: [m[2] ?? ''], line };
      this.current.fields.push(this.last);
      return;
    }
    if (text.trim() === '') return;
    if (this.last) this.last.values.push(text.trim());
    else if (this.numbered !== undefined && !this.outsideWarned) {
      this.outsideWarned = true;
      this.diagnostics.push({ code: 'OVID_TEXT_OUTSIDE_RECORD', params: {}, file: this.file, line, fatal: false });
    }
    // Note: before the first record Ovid writes its header (database, search strategy): not a record.
  }
}

/** PsycInfo and Journals@Ovid end titles with a label ("... depression. [References].", "[Article]"): no part of the title. */
function cleanTitle(raw: string): string {
  const m = /^(.*?)\.?\s*\[(?:Article|Report|Miscellaneous|References|Review)\]\.?\s*$/i.exec(raw);
  return m ? m[1] : raw;
}

/** Ovid's subject headings: "*Mental Health Services/og [Organization & Administration]" -> "Mental Health Services/organization & administration". */
export function ovidHeading(raw: string): string {
  const [head, ...qualifiers] = raw.replace(/\*/g, '').split('/');
  if (qualifiers.length === 0) return head.trim();
  const q = qualifiers.join('/').trim();
  const named = /\[(.+)\]\s*$/.exec(q);
  return `${head.trim()}/${named ? named[1].toLowerCase() : q}`;
}

/**
 * What SO says when the record has no JN/VI/IP/PG: "Revista Brasileira de Enfermagem. 74(3):e20200123,
 * 2021 May.", "Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.",
 * "Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653" (the shapes Zotero's reader parses).
 */
export function parseOvidSource(so: string): { journal?: string; volume?: string; issue?: string; pages?: string; year?: number } {
  const out: { journal?: string; volume?: string; issue?: string; pages?: string; year?: number } = { year: parseYear(so) };
  const vi = /(?:Vol\.\s*)?(\d+)\s*\(([^)]+)\)/i.exec(so) ?? /Vol\.\s*(\d+)/i.exec(so) ?? /\d{4};\s*(\d+):/.exec(so);
  if (vi) {
    out.volume = vi[1];
    if (vi[2]) out.issue = vi[2];
  }
  // Note: PsycInfo gives an article number as "ArtID e3612" where there are no pages.
  const pages = /pp\.\s*([A-Za-z]?\d+(?:\s*-\s*[A-Za-z]?\d+)?)/.exec(so) ?? /ArtID:?\s*([\w-]+)/.exec(so) ?? /\)?:\s*([A-Za-z]?\d+(?:-[A-Za-z]?\d+)?)/.exec(so);
  if (pages) out.pages = pages[1].replace(/\s+/g, '');
  const journal = /^(.+?)\.\s+(?:Vol\.|\d)/.exec(so) ?? /^(.+?)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\/\w+)?\s+)?\d{4};/.exec(so);
  if (journal) out.journal = journal[1].trim();
  return out;
}

/** Ovid's document types -> the record's kind; others lower-cased as written. */
function kindOf(types: readonly string[]): string | undefined {
  const t = types.map((x) => x.replace(/\.$/, '').toLowerCase());
  if (t.length === 0) return undefined;
  if (t.some((x) => /\breview\b/.test(x))) return 'review';
  if (t.some((x) => x === 'journal article' || x === 'journal' || x === 'article' || x === 'peer reviewed journal')) return 'article';
  return t[0];
}

/**
 * Titles and abstracts with their languages. Ovid's TI is English in MEDLINE and PsycInfo whatever
 * the article's language (MEDLINE brackets older translations; the article's own title is in OT),
 * so the words decide a title's language before the declared one, and a text is the original only
 * in a language the record declares.
 */
function placeTexts(rec: ParsedRecord, title: string | undefined, originals: readonly string[], abstracts: readonly string[]): void {
  const declared = rec.languages;
  const isOriginal = (lang: string | null) => lang !== null && (declared.length === 0 ? lang === rec.titles[0]?.lang : declared.includes(lang));
  if (title !== undefined) {
    const translated = /^\[(.*)\]\.?$/.exec(title);
    const text = translated ? translated[1] : title;
    const lang = translated ? 'en' : (detectLanguage(text) ?? (declared.length === 1 ? declared[0] : null));
    const original = originals.length === 0 && !translated && (declared.length === 0 || isOriginal(lang));
    rec.titles.push({ lang, text, ...(original ? { original: true } : {}) });
  }
  const own = declared.find((l) => l !== 'en') ?? declared[0] ?? null;
  for (const o of originals) rec.titles.push({ lang: own, text: o, original: true });
  const langs = assignLanguages(abstracts);
  abstracts.forEach((text, i) => rec.abstracts.push({ lang: langs[i], text, ...(isOriginal(langs[i]) ? { original: true } : {}) }));
}

/** Stage 2: one entry -> a record through OVID_TAGS, or the fatal diagnostic that rejects it. */
export function ovidEntryToRecord(entry: TaggedEntry, options: ParseOptions): { record?: ParsedRecord; diagnostics: Diagnostic[] } {
  const file = options.file;
  const rec = emptyRecord({ source: options.source ?? 'other', file, line: entry.line, format: 'ovid' });
  const short: string[] = [];
  const full: string[] = [];
  const abstracts: string[] = [];
  const originals: string[] = [];
  const types: string[] = [];
  let title: string | undefined;
  let source: string | undefined;
  let accession: string | undefined;
  let date: string | undefined;
  for (const { field, value: joined, tagged: f } of mappedFields(entry, OVID_TAGS, rec.extra)) {
    switch (field) {
      case 'database':
        rec.provenance.database ??= joined;
        break;
      case 'accession':
        accession ??= joined;
        break;
      case 'pmid': {
        const pm = /^(?:PMID:?\s*)?(\d{1,9})\.?$/i.exec(joined);
        if (pm) rec.pmid ??= pm[1];
        else (rec.extra[f.tag] ??= []).push(joined);
        break;
      }
      case 'author':
        // Note: AU may carry roles, footnote marks and degrees ("Zhang, Weijia 1,2,+", "Gazic, Barbara MD, PhD *"), as Zotero strips them.
        short.push(joined.replace(/\s*\[.*$/, '').replace(/[\d,+*\s]+$/, '').replace(/,?\s+(?:MD|PhD|Ph\.D\.?|[BM]Sc|[BM]A|MPH|MB|RN|FACSM)\b.*$/i, ''));
        break;
      case 'fullAuthor':
        full.push(joined);
        break;
      case 'title':
        title ??= cleanTitle(joined);
        break;
      case 'originalTitle':
        originals.push(joined);
        break;
      case 'source':
        source ??= joined;
        break;
      case 'journal':
        rec.journal ??= joined;
        break;
      case 'journalAbbrev':
        (rec.extra[f.tag] ??= []).push(joined);
        break;
      case 'volume':
        rec.volume ??= joined;
        break;
      case 'issue':
        rec.issue ??= joined;
        break;
      case 'pages':
        if (!/no pagination/i.test(joined)) rec.pages ??= joined;
        break;
      case 'year':
        rec.year ??= parseYear(joined);
        break;
      case 'date':
        date ??= joined;
        (rec.extra[f.tag] ??= []).push(joined);
        break;
      case 'language':
        for (const part of joined.split(/\s*[;,]\s*/)) {
          const iso = toIso6391(part.replace(/\.$/, ''));
          if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
        }
        break;
      case 'type':
        types.push(joined);
        (rec.extra[f.tag] ??= []).push(joined);
        break;
      case 'heading':
        rec.descriptors.push(ovidHeading(joined));
        break;
      case 'keywords':
        for (const k of joined.split(/\s*;\s*/)) if (k) rec.keywords.push(k);
        break;
      case 'keyConcepts':
        // Note: PsycInfo's key concepts are one comma-separated list.
        for (const k of joined.split(/\s*,\s*/)) if (k) rec.keywords.push(k);
        break;
      case 'doi': {
        const doi = normalizeDoi(joined);
        if (doi) rec.doi ??= doi;
        else (rec.extra[f.tag] ??= []).push(joined);
        break;
      }
      case 'issn':
        rec.issn ??= joined.replace(/\s*\(.*\)\s*$/, '');
        break;
      case 'isbn':
        rec.isbn ??= joined.replace(/\s*\(.*\)\s*$/, '');
        break;
      case 'publisher':
        rec.publisher ??= joined;
        break;
      case 'abstract':
        // Note: PsycInfo closes its abstracts with its copyright line and the abstract's origin.
        abstracts.push(joined.replace(/\s*\((?:APA )?PsycINFO Database Record(?: \(c\))?[^)]*\)(?:\s*\([^)]*abstract\))?\.?\s*$/i, ''));
        break;
    }
  }
  if (options.database !== undefined) rec.provenance.database = options.database;
  for (const name of full.length > 0 ? full : short) {
    const a = parseAuthor(name);
    if (a) rec.authors.push(a);
  }
  if (source) {
    const so = parseOvidSource(source);
    rec.journal ??= so.journal;
    if (rec.volume === undefined && rec.issue === undefined) {
      rec.volume = so.volume;
      rec.issue = so.issue;
    }
    rec.pages ??= so.pages;
    rec.year ??= so.year;
    (rec.extra.SO ??= []).push(source);
  }
  rec.year ??= parseYear(date);
  if (accession !== undefined) {
    // Note: in Ovid MEDLINE the accession number is the PMID; PsycInfo prefixes it with the kind ("Peer Reviewed Journal: 2015-33942-012.").
    const id = accession.replace(/^[^:]*:\s*/, '').replace(/\.$/, '');
    if (/^\d{1,9}$/.test(id) && /medline|pubmed/i.test(rec.provenance.database ?? '')) rec.pmid ??= id;
    rec.provenance.sourceId = id;
  }
  rec.provenance.sourceId ??= rec.pmid;
  rec.documentType = kindOf(types);
  placeTexts(rec, title, originals, abstracts);
  if (rec.titles.length === 0) return { diagnostics: [{ code: 'OVID_NO_TITLE', params: { line: entry.line }, file, line: entry.line, fatal: true }] };
  return { record: rec, diagnostics: [] };
}

/** Ovid tagged, fed in pieces (each record goes on at the next record's number line) or whole. */
export const { stream: streamOvid, parse: parseOvid } = lineParsers(OvidScanner, ovidEntryToRecord);

/** `VN  - Ovid Technologies` (every Ovid record has it) is certain; numbered records with DB/TI tags are likely. */
export function sniffOvid(head: string): number {
  const text = head.replace(/^\ufeff/, '');
  if (/^ {0,2}VN {1,2}- Ovid Technologies/m.test(text)) return 1;
  if (/^\s*<\s*\d+\s*\.?\s*>\s*$/m.test(text) && /^ {0,2}DB {1,2}- /m.test(text) && /^ {0,2}TI {1,2}- /m.test(text)) return 0.8;
  return 0;
}

export const ovid = {
  id: 'ovid',
  label: 'Ovid tagged (MEDLINE, PsycInfo, Embase)',
  extensions: ['txt', 'ovid'],
  sniff: sniffOvid,
  parse: parseOvid,
  stream: streamOvid,
} satisfies FormatAdapter;
