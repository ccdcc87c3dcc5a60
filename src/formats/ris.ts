/**
 * RIS as the BVS portal (LILACS 2021 template with DeCS in KW, post-2022 template with MH),
 * search.scielo.org and reference managers export it. Two stages: text -> raw tagged entries
 * with line numbers (`scanRis`), then entries -> records through `RIS_TAGS`, a mapping table.
 * Tags outside the table are kept in `extra`.
 */
import type { Diagnostic, DiagnosticParams } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type BibRecord, type LocalizedText, type ParsedRecord, type SourceId } from '../core/record.js';
import type { FormatAdapter, ParseOptions, ParseResult, StreamingParser } from './types.js';
import { parseByStream, streamEntries } from './stream.js';
import { authorToString, cleanValue, parseAuthor, parseYear, toIso6391 } from './text.js';
import { assignLanguages, detectLanguage, languageOrDeclared } from './language-guess.js';

/** One `TAG  - value` line (continuation lines already joined). */
export interface RisTag {
  tag: string;
  value: string;
  line: number;
}

/** One record as written in the file, before mapping. */
export interface RisEntry {
  /** Line of its first tag (normally TY). */
  line: number;
  tags: RisTag[];
}

/** What a tag means in the typed record. Tags not listed here go to `extra`. */
export type RisField =
  | 'type' | 'title' | 'translatedTitle' | 'author' | 'journal' | 'journalAlt' | 'volume' | 'issue'
  | 'startPage' | 'endPage' | 'year' | 'doi' | 'abstract' | 'keyword' | 'descriptor' | 'language'
  | 'id' | 'accession' | 'url' | 'fullTextUrl' | 'issn' | 'publisher' | 'database' | 'pmcid' | 'articleNumber';

/** The mapping table (data, not code): RIS tag -> field. */
export const RIS_TAGS: Readonly<Record<string, RisField>> = {
  TY: 'type',
  TI: 'title', T1: 'title', CT: 'title',
  TT: 'translatedTitle',
  AU: 'author', A1: 'author',
  JO: 'journal', JF: 'journal', T2: 'journal',
  JA: 'journalAlt', J2: 'journalAlt', J1: 'journalAlt',
  VL: 'volume', IS: 'issue', SP: 'startPage', EP: 'endPage',
  PY: 'year', Y1: 'year',
  DO: 'doi',
  AB: 'abstract', N2: 'abstract',
  KW: 'keyword', MH: 'descriptor',
  LA: 'language',
  ID: 'id', AN: 'accession',
  UR: 'url', L1: 'fullTextUrl', L2: 'fullTextUrl', LK: 'fullTextUrl',
  SN: 'issn', PB: 'publisher', DB: 'database', C2: 'pmcid',
  // Note: Scopus writes the article number (e20200123) in C7 and no SP (RIS spec: C7 = article number).
  C7: 'articleNumber',
};

/**
 * EBSCOhost writes its database codes in DB (`DB  - ccm`); the names from EBSCO's database
 * short-name list, so the record says CINAHL, not ccm.
 */
const EBSCO_DATABASES: Readonly<Record<string, string>> = {
  ccm: 'CINAHL Complete', c8h: 'CINAHL', rzh: 'CINAHL Plus with Full Text', cin20: 'CINAHL Ultimate', ccu: 'CINAHL Ultimate',
  mdc: 'MEDLINE Complete', cmedm: 'MEDLINE', mnh: 'MEDLINE with Full Text', psyh: 'APA PsycInfo', pdh: 'APA PsycArticles',
  eric: 'ERIC', lth: 'Library, Information Science & Technology Abstracts', a9h: 'Academic Search Complete', buh: 'Business Source Complete',
};

/** RIS reference types -> document type (lower case, as the record keeps it). */
export const RIS_TYPES: Readonly<Record<string, string>> = {
  JOUR: 'article', EJOUR: 'article', JFULL: 'journal', MGZN: 'magazine article', NEWS: 'newspaper article',
  THES: 'thesis', BOOK: 'book', EBOOK: 'book', CHAP: 'book chapter', ECHAP: 'book chapter', EDBOOK: 'edited book',
  CONF: 'conference proceedings', CPAPER: 'conference paper', RPRT: 'report', GOVDOC: 'government document',
  GEN: 'generic', ELEC: 'web page', ABST: 'abstract', DATA: 'dataset', PAT: 'patent', UNPB: 'unpublished',
  LEGAL: 'legal', STAT: 'statute', SER: 'serial', PAMP: 'pamphlet', CASE: 'case', STAND: 'standard',
};

// Note: the tables are read through Maps: a tag or value cut out of the file is not an
// internalized string, and looking one up as an object key costs a string-table search per
// lookup (the first line of the profile of a 100,000-record import).
const FIELD_OF_TAG: ReadonlyMap<string, RisField> = new Map(Object.entries(RIS_TAGS));
const TYPE_OF_CODE: ReadonlyMap<string, string> = new Map(Object.entries(RIS_TYPES));
const EBSCO_DATABASE_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(EBSCO_DATABASES));

const TYPE_TO_RIS: Record<string, string> = Object.fromEntries(
  Object.entries(RIS_TYPES)
    .filter(([code]) => !['EJOUR', 'EBOOK', 'ECHAP'].includes(code))
    .map(([code, name]) => [name, code]),
);
Object.assign(TYPE_TO_RIS, { 'journal article': 'JOUR', dissertation: 'THES', monograph: 'BOOK' });

/** Id prefixes the BVS portal uses (biblio-, lil-, mdl-, ibc-, bde-...). */
const BVS_ID = /^(?:biblio|lil|mdl|ibc|bde|bdenf|sus|ses|cvsp|who|paho|wpr|psi|index|coleciona|pah|ripsa|des|bbo|binacis|cumed|hisa|lipecs|medcarib|mtycis|phr|repidisca|sms|sec|vti|ctd|ltf|nlm|lis|resource)-[0-9a-z.-]+$/i;
/** SciELO PID: S + ISSN + year + issue + order, e.g. S0104-11692019000100300. */
const SCIELO_PID = /S\d{4}-\d{3}[\dXx]\d{13}/;

const MAX_OUTSIDE_WARNINGS = 20;

/**
 * Record-number lines some databases write between records, read as nothing: Cochrane Library's
 * "Record #3 of 25" and Ovid's "3." / "<3>" (Medline, PsycINFO, Embase exported from Ovid).
 */
const RECORD_NUMBER = /^\s*(?:Record #\d+ of \d+|<?\d+\.?>?)\s*$/;

/** Is [from, to) of `text` a tag line start (`AB  - `)? Returns the value start, or -1. */
function tagValueStart(text: string, from: number, to: number): number {
  if (to - from < 3) return -1;
  const c0 = text.charCodeAt(from);
  const c1 = text.charCodeAt(from + 1);
  if (c0 < 65 || c0 > 90) return -1;
  if (!((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57))) return -1;
  let j = from + 2;
  let spaces = 0;
  while (j < to && text.charCodeAt(j) === 32 && spaces < 4) (j++, spaces++);
  if (spaces === 0 || j >= to || text.charCodeAt(j) !== 45) return -1;
  j++;
  if (j < to) {
    if (text.charCodeAt(j) !== 32) return -1;
    j++;
  }
  return j;
}

/**
 * Tag names are interned by their two character codes (A-Z, then A-Z or 0-9: 26 x 43 slots), so
 * scanning a large file makes no tag strings.
 */
const TAG_NAMES: (string | undefined)[] = new Array(26 * 43).fill(undefined);
function tagName(c0: number, c1: number): string {
  const key = (c0 - 65) * 43 + (c1 - 48);
  return (TAG_NAMES[key] ??= String.fromCharCode(c0, c1));
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}

/**
 * Stage 1, incremental: text pieces in file order -> raw entries, each handed to `onEntry` as soon
 * as it closes. Pieces may split lines anywhere; a large file never has to be one string.
 */
export class RisScanner {
  readonly diagnostics: Diagnostic[] = [];
  /** Lines read so far. */
  line = 0;
  private current: RisEntry | undefined;
  private last: RisTag | undefined;
  private outside = 0;
  private lastOutsideLine = -2;
  private waiting: string[] = [];
  private started = false;
  private loneCr: boolean | undefined;

  constructor(
    private readonly file: string,
    private readonly onEntry: (entry: RisEntry) => void,
    firstLine = 1,
  ) {
    this.line = firstLine - 1;
  }

  /** Feed the next piece of the file. */
  push(piece: string): void {
    if (!this.started) {
      if (piece.length === 0) return;
      this.started = true;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    if (this.loneCr === undefined) {
      // Note: files with lone CR line ends (old Mac exports) are rare; the first line end decides,
      // once the character after a CR is in (pieces may end between CR and LF). A stray CR inside
      // an LF file just becomes a space in its value.
      const seen = this.waiting.length > 0 ? this.waiting.join('') + piece : piece;
      const i = seen.search(/[\r\n]/);
      if (i < 0 || (seen.charCodeAt(i) === 13 && i + 1 >= seen.length)) {
        if (piece !== '') this.waiting.push(piece);
        return;
      }
      this.loneCr = seen.charCodeAt(i) === 13 && seen.charCodeAt(i + 1) !== 10;
      if (this.loneCr) {
        this.waiting = [];
        piece = seen;
      }
    }
    if (this.loneCr) piece = piece.replace(/\r\n?/g, '\n');
    const lastNl = piece.lastIndexOf('\n');
    if (lastNl < 0) {
      // Note: pieces inside one long line wait in a list and are joined once the line ends, so a
      // 100 MB line costs one copy, not one per piece.
      if (piece !== '') this.waiting.push(piece);
      return;
    }
    const head = this.waiting.length > 0 ? this.waiting.join('') : '';
    this.waiting = [];
    const text = head + piece;
    const n = head.length + lastNl + 1;
    this.lines(text, n);
    if (n < text.length) this.waiting.push(text.slice(n));
  }

  /** No more input: read the last line and close the last record. */
  end(): Diagnostic[] {
    if (this.waiting.length > 0) {
      const text = this.waiting.join('');
      this.waiting = [];
      this.lines(text, text.length);
    }
    if (this.current) {
      this.diagnostics.push(warn('RIS_MISSING_ER', { line: this.current.line }, this.file, this.line));
      this.onEntry(this.current);
      this.current = undefined;
    }
    return this.diagnostics;
  }

  /** Read the complete lines of text[0, n). */
  private lines(text: string, n: number): void {
    const file = this.file;
    let pos = 0;
    while (pos < n) {
      let end = text.indexOf('\n', pos);
      if (end < 0 || end > n) end = n;
      const line = ++this.line;
      let stop = end;
      if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
      // Note: exports joined with `cat` carry each file's BOM at the start of its first line.
      if (text.charCodeAt(pos) === 0xfeff && pos < stop) pos++;
      const vs = tagValueStart(text, pos, stop);
      if (vs >= 0) {
        const tag = tagName(text.charCodeAt(pos), text.charCodeAt(pos + 1));
        if (tag === 'ER') {
          if (this.current) this.onEntry(this.current);
          else this.diagnostics.push(warn('RIS_STRAY_ER', {}, file, line));
          this.current = undefined;
          this.last = undefined;
        } else {
          if (tag === 'TY') {
            if (this.current) {
              this.diagnostics.push(warn('RIS_MISSING_ER', { line: this.current.line }, file, line));
              this.onEntry(this.current);
            }
            this.current = { line, tags: [] };
          } else if (!this.current) {
            this.diagnostics.push(warn('RIS_MISSING_TY', { tag }, file, line));
            this.current = { line, tags: [] };
          }
          this.last = { tag, value: text.slice(vs, stop), line };
          this.current.tags.push(this.last);
        }
      } else if (!isBlank(text, pos, stop)) {
        if (this.last) {
          // Note: multi-line values (long abstracts from some managers) continue on lines without a tag.
          this.last.value = this.last.value + ' ' + text.slice(pos, stop).trim();
        } else if (!RECORD_NUMBER.test(text.slice(pos, stop))) {
          if (line !== this.lastOutsideLine + 1 && this.outside < MAX_OUTSIDE_WARNINGS) {
            this.diagnostics.push(warn('RIS_TEXT_OUTSIDE_RECORD', {}, file, line));
            this.outside++;
          }
          this.lastOutsideLine = line;
        }
      }
      pos = end + 1;
    }
  }
}

/** Stage 1 on a whole text: raw entries, in file order, handed to `onEntry`. Never throws. */
export function scanRis(input: string, file: string, onEntry: (entry: RisEntry) => void): Diagnostic[] {
  const scanner = new RisScanner(file, onEntry);
  scanner.push(input);
  return scanner.end();
}

function warn(code: string, params: DiagnosticParams, file: string, line: number): Diagnostic {
  return { code, params, file, line, fatal: false };
}

/**
 * toIso6391 of the language values seen so far. Note: a file names a handful of languages in
 * 100,000s of records; each is looked up once (at most 1,000 are kept).
 */
const LANGUAGE_CODES = new Map<string, string | undefined>();
function languageCode(part: string): string | undefined {
  const known = LANGUAGE_CODES.get(part);
  if (known !== undefined || LANGUAGE_CODES.has(part)) return known;
  const code = toIso6391(part);
  if (LANGUAGE_CODES.size < 1000) LANGUAGE_CODES.set(part, code);
  return code;
}

/** Language of a title or abstract: detected, checked against the record's languages. */
function languageOf(text: string, languages: string[], fallbackToSingle: boolean): string | null {
  if (fallbackToSingle && languages.length === 1) return languageOrDeclared(text, languages[0]);
  const d = detectLanguage(text);
  if (d && (languages.length === 0 || languages.includes(d) || !fallbackToSingle)) return d;
  if (fallbackToSingle && languages.length >= 1) return languages[0];
  return d ?? null;
}

function natural(entry: RisEntry): { source: SourceId; bvs: boolean } {
  for (const tg of entry.tags) {
    if (tg.tag === 'DP') {
      if (/bvsalud|bireme|bvs/i.test(tg.value)) return { source: 'bvs', bvs: true };
      if (/scielo/i.test(tg.value)) return { source: 'scielo', bvs: false };
      if (/nlm|pubmed|ncbi/i.test(tg.value)) return { source: 'pubmed', bvs: false };
    }
  }
  for (const tg of entry.tags) {
    if (tg.tag === 'DB' && /scielo/i.test(tg.value)) return { source: 'scielo', bvs: false };
    if (tg.tag === 'DB' && /^pubmed$/i.test(tg.value.trim())) return { source: 'pubmed', bvs: false };
  }
  return { source: 'other', bvs: false };
}

/** Stage 2: one raw entry -> a record through RIS_TAGS, or the fatal diagnostic that rejects it. */
export function risEntryToRecord(entry: RisEntry, options: ParseOptions): { record?: ParsedRecord; diagnostics: Diagnostic[] } {
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const nat = natural(entry);
  const rec = emptyRecord({ source: options.source ?? nat.source, file, line: entry.line, format: 'ris' });
  const hasMh = entry.tags.some((x) => x.tag === 'MH');
  const titles: { text: string; original: boolean; lang?: string | null }[] = [];
  const abstracts: string[] = [];
  const keep = (tg: RisTag) => (rec.extra[tg.tag] ??= []).push(tg.value);
  let start: string | undefined;
  let end: string | undefined;
  let journalAlt: RisTag | undefined;
  let accession: RisTag | undefined;
  let yearTag: RisTag | undefined;
  let articleNumber: string | undefined;
  const noteAbstracts: { lang: string | null; text: string }[] = [];
  let kind: string | undefined;
  for (const tg of entry.tags) {
    const field = FIELD_OF_TAG.get(tg.tag);
    const value = cleanValue(tg.value);
    if (field === undefined) {
      // Note: what stringifyRis writes beyond RIS's one AB and standard TY comes back as it was.
      const note = tg.tag === 'N1' ? OTHER_ABSTRACT.exec(value) : null;
      const noteTitle = tg.tag === 'N1' && !note ? OTHER_TITLE.exec(value) : null;
      if (note) noteAbstracts.push({ lang: note[1] === 'und' ? null : note[1], text: value.slice(note[0].length) });
      else if (noteTitle) titles.push({ text: value.slice(noteTitle[0].length), original: false, lang: noteTitle[1] === 'und' ? null : noteTitle[1] });
      else if (tg.tag === 'M3' && kind === undefined && KINDS_IN_M3.has(value)) kind = value;
      else if (tg.tag === 'DP' && DP_WRITTEN.has(value)) continue;
      else keep(tg);
      continue;
    }
    if (value === '') continue;
    switch (field) {
      case 'type':
        if (rec.documentType === undefined) rec.documentType = TYPE_OF_CODE.get(value.toUpperCase()) ?? value.toLowerCase();
        else keep(tg);
        break;
      case 'title':
        titles.push({ text: value, original: titles.length === 0 });
        break;
      case 'translatedTitle':
        titles.push({ text: value, original: false });
        break;
      case 'author': {
        const a = parseAuthor(value);
        if (a) rec.authors.push(a);
        break;
      }
      case 'journal':
        if (rec.journal === undefined) rec.journal = value;
        else keep(tg);
        break;
      case 'journalAlt':
        if (journalAlt === undefined) journalAlt = tg;
        else keep(tg);
        break;
      case 'volume':
        if (rec.volume === undefined) rec.volume = value;
        else keep(tg);
        break;
      case 'issue':
        if (rec.issue === undefined) rec.issue = value;
        else keep(tg);
        break;
      case 'startPage':
        if (start === undefined) start = value;
        else keep(tg);
        break;
      case 'endPage':
        if (end === undefined) end = value;
        else keep(tg);
        break;
      case 'year':
        if (rec.year === undefined && parseYear(value) !== undefined) rec.year = parseYear(value);
        else {
          if (rec.year === undefined) yearTag = tg;
          keep(tg);
        }
        break;
      case 'doi': {
        const doi = normalizeDoi(value);
        if (doi && rec.doi === undefined) rec.doi = doi;
        else {
          if (!doi) diagnostics.push(warn('RIS_BAD_DOI', { value: value.slice(0, 80) }, file, tg.line));
          keep(tg);
        }
        break;
      }
      case 'abstract':
        abstracts.push(value);
        break;
      case 'keyword':
        // Note: the BVS 2021 template puts DeCS descriptors (with /qualifier) in KW; the post-2022 one uses MH.
        if (nat.bvs && !hasMh) rec.descriptors.push(value);
        // Note: Ovid marks major MeSH/Emtree topics with a leading star ("*Mental Health"); the star is no part of the term.
        else rec.keywords.push(value.charCodeAt(0) === 42 ? value.replace(/^\*+\s*/, '') : value);
        break;
      case 'descriptor':
        rec.descriptors.push(value);
        break;
      case 'language':
        for (const part of value.split(/[;,]/)) {
          const iso = languageCode(part);
          if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
          else if (!iso && part.trim()) diagnostics.push(warn('RIS_UNKNOWN_LANGUAGE', { value: part.trim().slice(0, 40) }, file, tg.line));
        }
        break;
      case 'id': {
        // Note: Ovid writes the PubMed id as "ID  - 34037101 [pmid]": a PMID, not the record's own id.
        const pmid = /^(\d{1,9})\s*\[pmid\]$/i.exec(value);
        if (pmid) rec.pmid ??= pmid[1];
        else if (rec.provenance.sourceId === undefined) rec.provenance.sourceId = value;
        else keep(tg);
        break;
      }
      case 'accession':
        if (accession === undefined) accession = tg;
        else keep(tg);
        break;
      case 'url':
        if (rec.url === undefined) rec.url = value;
        else rec.fullTextUrls.push(value);
        break;
      case 'fullTextUrl':
        rec.fullTextUrls.push(value);
        break;
      case 'issn':
        if (/^(?:97[89])?[\d-]{9,}[\dXx]$/.test(value) && value.replace(/[^\dXx]/g, '').length >= 10) {
          if (rec.isbn === undefined) rec.isbn = value;
          else keep(tg);
        } else if (rec.issn === undefined) rec.issn = value;
        else keep(tg);
        break;
      case 'publisher':
        if (rec.publisher === undefined) rec.publisher = value;
        else keep(tg);
        break;
      case 'database':
        if (rec.provenance.database === undefined) rec.provenance.database = EBSCO_DATABASE_NAMES.get(value) ?? value;
        else keep(tg);
        break;
      case 'articleNumber':
        if (articleNumber === undefined) articleNumber = value;
        else keep(tg);
        break;
      case 'pmcid':
        if (/^PMC\d+$/i.test(value) && rec.pmcid === undefined) rec.pmcid = value.toUpperCase();
        else keep(tg);
        break;
    }
  }
  if (journalAlt) {
    if (rec.journal === undefined) rec.journal = cleanValue(journalAlt.value);
    else keep(journalAlt);
  }
  if (rec.year === undefined) {
    const da = rec.extra.DA?.[0];
    rec.year = parseYear(da);
    if (rec.year === undefined && yearTag) diagnostics.push(warn('RIS_BAD_YEAR', { value: yearTag.value.slice(0, 40) }, file, yearTag.line));
  }
  if (start !== undefined) rec.pages = end !== undefined && end !== start && !start.includes('-') ? `${start}-${end}` : start;
  else if (end !== undefined) rec.pages = end;
  else if (articleNumber !== undefined) rec.pages = articleNumber;
  if (accession) {
    const v = cleanValue(accession.value);
    // Note: Cochrane Library writes "AN  - PUBMED 34037101".
    const pm = /^(?:(?:PMID|PUBMED):?\s*)?(\d{1,9})$/i.exec(v);
    if (pm && (/^(?:PMID|PUBMED)/i.test(v) || nat.source === 'pubmed' || /pubmed|medline/i.test(rec.provenance.database ?? ''))) rec.pmid = pm[1];
    else if (rec.provenance.sourceId === undefined) rec.provenance.sourceId = v;
    else keep(accession);
  }
  // Note: EBSCOhost gives the PMID in U2 ("PMID: 34037101.").
  const u2 = rec.extra.U2?.map((v) => /^PMID:\s*(\d{1,9})\.?$/i.exec(v.trim())).find(Boolean);
  if (u2 && rec.pmid === undefined) rec.pmid = u2[1];
  const id = rec.provenance.sourceId;
  if (id !== undefined) {
    const pid = SCIELO_PID.exec(id);
    if (pid && id.startsWith('S')) rec.scieloPid = pid[0];
    else if (BVS_ID.test(id)) {
      rec.bvsId = id;
      const mdl = /^mdl-(\d{1,9})$/i.exec(id);
      if (mdl && rec.pmid === undefined) rec.pmid = mdl[1];
    }
  }
  if (rec.scieloPid === undefined && rec.url) {
    const pid = /[?&]pid=(S\d{4}-\d{3}[\dXx]\d{13})/.exec(rec.url);
    if (pid) rec.scieloPid = pid[1];
  }
  if (rec.doi === undefined && rec.url && /doi\.org\//i.test(rec.url)) rec.doi = normalizeDoi(rec.url);
  if (options.database !== undefined) rec.provenance.database = options.database;

  if (titles.length === 1) {
    rec.titles.push({ lang: languageOf(titles[0].text, rec.languages, true), text: titles[0].text, original: true });
  } else if (titles.length > 1) {
    const fixedTitle = titles.map((ti) => (ti.original ? languageOf(ti.text, rec.languages, true) : ti.lang));
    const titleLangs = assignLanguages(titles.map((ti) => ti.text), fixedTitle);
    for (let i = 0; i < titles.length; i++) {
      const ti: LocalizedText = { lang: titleLangs[i], text: titles[i].text };
      if (titles[i].original) ti.original = true;
      rec.titles.push(ti);
    }
  }
  if (kind !== undefined && (rec.documentType === 'article' || rec.documentType === 'generic')) rec.documentType = kind;
  const originalLang = rec.titles.length > 0 ? rec.titles[0].lang : null;
  const abstractLangs = abstracts.length === 1 ? [languageOf(abstracts[0], rec.languages, true)] : assignLanguages(abstracts);
  for (let i = 0; i < abstracts.length; i++) {
    const lang = abstractLangs[i];
    const a: LocalizedText = { lang, text: abstracts[i] };
    if (lang !== null && lang === originalLang) a.original = true;
    rec.abstracts.push(a);
  }
  for (const n of noteAbstracts) rec.abstracts.push({ lang: n.lang, text: n.text });
  if (rec.titles.length === 0) {
    diagnostics.push({ code: 'RIS_NO_TITLE', params: { line: entry.line }, file, line: entry.line, fatal: true });
    return { diagnostics };
  }
  return { record: rec, diagnostics };
}

/** RIS fed in pieces: each record goes to `onRecord` as soon as its ER (or the next TY) is read. */
export function streamRis(options: ParseOptions, onRecord: (record: ParsedRecord) => void): StreamingParser {
  return streamEntries<RisEntry>((onEntry) => new RisScanner(options.file, onEntry, options.firstLine), (entry) => risEntryToRecord(entry, options), onRecord);
}

/** Parse RIS text into records; each rejected record has one fatal diagnostic. */
export function parseRis(text: string, options: ParseOptions): ParseResult {
  return parseByStream(streamRis, text, options);
}

/** One value on one line: RIS has no escaping, so line breaks become spaces. */
function oneLine(v: string): string {
  return v.replace(/[\r\n]+/g, ' ');
}

/**
 * The reference types of the RIS specification (RIS Format Specifications, Research Information
 * Systems 2011; the list rispy and citation-js's RIS plugin accept). Nothing else goes in TY:
 * Zotero and citation-js read an unknown TY (LETTER, EDITORIAL) as an empty or generic record.
 */
const STANDARD_TY = new Set(
  'ABST ADVS AGGR ANCIENT ART BILL BLOG BOOK CASE CHAP CHART CLSWK COMP CONF CPAPER CTLG DATA DBASE DICT EBOOK ECHAP EDBOOK EJOUR ELEC ENCYC EQUA FIGURE GEN GOVDOC GRANT HEAR ICOMM INPR JFULL JOUR LEGAL MANSCPT MAP MGZN MPCT MULTI MUSIC NEWS PAMP PAT PCOMM RPRT SER SLIDE SOUND STAND STAT THES UNBILL UNPB VIDEO WEB'.split(' '),
);

/** Tags this writer writes itself; an imported record's other RIS tags (from `extra`) are written after them. */
const WRITTEN = new Set(['TY', 'AU', 'TI', 'TT', 'T2', 'J2', 'VL', 'IS', 'SP', 'EP', 'PY', 'DO', 'SN', 'PB', 'LA', 'ID', 'AN', 'C2', 'DB', 'DP', 'AB', 'KW', 'UR', 'L1', 'M3', 'N1', 'ER']);

/** RIS tags kept from an imported RIS record's `extra` (their RIS meaning holds): dates, places, notes, custom fields. */
const KEPT_EXTRA = new Set(['DB', 'JA', 'J1', 'J2', 'JF', 'JO', 'T2', 'DA', 'Y2', 'CY', 'ET', 'M1', 'M2', 'N1', 'AD', 'C1', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'CA', 'CN', 'LB', 'NV', 'OP', 'RN', 'SE', 'ST', 'U1', 'U2', 'U3', 'U4', 'U5', 'A2', 'A3', 'A4', 'ED', 'T3', 'RP', 'L2', 'L3', 'L4']);

/** Words for the data provider (DP) that `natural` reads back as the record's source. */
const SOURCE_DP: Readonly<Record<string, string>> = { bvs: 'BVS (bvsalud.org)', scielo: 'SciELO', pubmed: 'PubMed (NLM)' };

const DP_WRITTEN = new Set(Object.values(SOURCE_DP));

/** Written tags whose further values (kept in `extra`) are written too. */
const REPEATABLE = new Set(['N1', 'DB', 'J2', 'T2']);

/**
 * Kinds of record RIS has no TY for: written as JOUR (or GEN) with the kind in M3, and read back
 * from M3 (vendors' own M3 values, "Article", "Journal article", stay in extra).
 */
const KINDS_IN_M3 = new Set(['review', 'editorial', 'letter', 'comment', 'case report', 'correction', 'erratum', 'retraction', 'news', 'note', 'interview', 'book review', 'clinical trial', 'systematic review', 'meta-analysis', 'preprint', 'abstract']);

/** Note prefix for the abstracts beyond the first (RIS has one AB); read back by `risEntryToRecord`. */
const OTHER_ABSTRACT = /^Abstract \(([a-z]{2,3}|und)\): /;
const OTHER_TITLE = /^Title \(([a-z]{2,3}|und)\): /;

/** Records back to RIS as Zotero, Mendeley, EndNote and citation-js read it. parse(stringify(x)) gives the same records. */
export function stringifyRis(records: readonly BibRecord[]): string {
  const out: string[] = [];
  const put = (tag: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') out.push(`${tag}  - ${oneLine(String(v))}`);
  };
  for (const r of records) {
    const mapped = r.documentType ? TYPE_TO_RIS[r.documentType] ?? r.documentType.toUpperCase() : 'JOUR';
    // Note: a kind RIS has no type for (editorial, letter, review...) is a JOUR (GEN without a journal), the kind kept in M3.
    const code = STANDARD_TY.has(mapped) ? mapped : r.journal ? 'JOUR' : 'GEN';
    put('TY', code);
    for (const a of r.authors) put('AU', authorToString(a));
    const titles = [...r.titles].sort((a, b) => Number(Boolean(b.original)) - Number(Boolean(a.original)));
    // Note: one TI; the other languages' titles in N1 notes (citation-js reads TT as the title itself).
    titles.forEach((ti, i) => (i === 0 ? put('TI', ti.text) : put('N1', `Title (${ti.lang ?? 'und'}): ${ti.text}`)));
    // Note: T2 is the journal's full name (Zotero: publicationTitle); JO would be read as its abbreviation.
    put('T2', r.journal);
    // Note: the journal's abbreviation: MEDLINE's TA, WoS's JI (a RIS record's own J2/JA/J1 are written back below as they were).
    if (r.provenance.format !== 'ris') put('J2', r.extra.JI?.[0] ?? (r.provenance.format === 'medline' ? r.extra.TA?.[0] : undefined));
    put('VL', r.volume);
    put('IS', r.issue);
    if (r.pages) {
      const dash = r.pages.indexOf('-');
      if (dash > 0 && dash < r.pages.length - 1) {
        put('SP', r.pages.slice(0, dash));
        put('EP', r.pages.slice(dash + 1));
      } else put('SP', r.pages);
    }
    put('PY', r.year);
    put('DO', r.doi);
    put('SN', r.issn);
    put('SN', r.isbn);
    put('PB', r.publisher);
    for (const l of r.languages) put('LA', l);
    put('ID', r.provenance.sourceId ?? r.bvsId ?? r.scieloPid);
    if (r.pmid) put('AN', `PMID:${r.pmid}`);
    put('C2', r.pmcid);
    put('DB', r.provenance.database);
    put('DP', (r.provenance.format === 'ris' ? r.extra.DP?.[0] : undefined) ?? SOURCE_DP[r.provenance.source]);
    if (code !== mapped && r.documentType) put('M3', r.documentType);
    else if (r.provenance.format === 'ris') for (const v of r.extra.M3 ?? []) put('M3', v);
    // Note: one AB per record (clients keep only one): the original language's; the others in N1 notes.
    const byLang = new Map<string, { lang: string | null; original: boolean; parts: string[] }>();
    r.abstracts.forEach((ab, i) => {
      const key = ab.label ? `labelled:${ab.lang ?? ''}` : `plain:${i}`;
      const entry = byLang.get(key) ?? { lang: ab.lang, original: false, parts: [] };
      entry.parts.push(ab.label ? `${ab.label}: ${ab.text}` : ab.text);
      entry.original ||= Boolean(ab.original);
      byLang.set(key, entry);
    });
    const main = [...byLang.values()].find((a) => a.original) ?? [...byLang.values()][0];
    if (main) put('AB', main.parts.join(' '));
    for (const a of byLang.values()) if (a !== main) put('N1', `Abstract (${a.lang ?? 'und'}): ${a.parts.join(' ')}`);
    // Note: RIS has one keyword tag; DeCS/MeSH descriptors are keywords to a reference manager.
    for (const k of r.keywords) put('KW', k);
    for (const d of r.descriptors) put('KW', d);
    put('UR', r.url);
    for (const u of r.fullTextUrls) put('L1', u);
    if (r.provenance.format === 'ris') {
      for (const [tag, values] of Object.entries(r.extra)) {
        if (!KEPT_EXTRA.has(tag) || (WRITTEN.has(tag) && !REPEATABLE.has(tag))) continue;
        for (const v of values) put(tag, v);
      }
    }
    out.push('ER  - ', '');
  }
  return out.join('\n');
}

const ER_LINE = Buffer.from('\nER  -');

/** Offset just past the first `ER  -` line in bytes (a scanner starting there starts clean), or -1. */
export function risRecordBoundary(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const er = buf.indexOf(ER_LINE);
  if (er < 0) return -1;
  const lf = buf.indexOf(10, er + ER_LINE.length);
  return lf < 0 ? -1 : lf + 1;
}

/** How much `head` looks like RIS: tag lines, a TY line and an ER line. */
export function sniffRis(head: string): number {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (/^\s*<(?:!doctype|html|\?xml)/i.test(text)) return 0;
  const lines = text.split(/\r\n|\n|\r/, 200);
  let tags = 0;
  let nonEmpty = 0;
  let ty = false;
  let er = false;
  for (const l of lines) {
    if (l.trim() === '') continue;
    nonEmpty++;
    if (tagValueStart(l, 0, l.length) >= 0) {
      tags++;
      if (l.startsWith('TY')) ty = true;
      if (l.startsWith('ER')) er = true;
    }
  }
  if (!ty || nonEmpty === 0) return tags > 5 && tags / nonEmpty > 0.8 ? 0.3 : 0;
  return Math.min(1, 0.5 + 0.3 * (tags / nonEmpty) + (er ? 0.2 : 0));
}

export const ris = {
  id: 'ris',
  label: 'RIS',
  extensions: ['ris', 'txt'],
  sniff: sniffRis,
  parse: parseRis,
  stream: streamRis,
  recordBoundary: risRecordBoundary,
  stringify: stringifyRis,
} satisfies FormatAdapter;
