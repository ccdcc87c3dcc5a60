/**
 * MEDLINE/PubMed text (PubMed "Send to: Citation manager" .nbib, or Format: PubMed .txt):
 * `TAG - value` lines, the tag left-justified in 4 columns, continuation lines indented 6 spaces,
 * records separated by blank lines. Same two stages as RIS: raw tagged entries, then
 * `MEDLINE_TAGS`; tags outside it are kept in `extra`.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type ParsedRecord } from '../core/record.js';
import type { FormatAdapter, ParseOptions } from './types.js';
import { LineScanner, lineParsers } from './lines.js';
import type { RisEntry, RisTag } from './ris.js';
import { cleanValue, parseAuthor, parseYear, toIso6391 } from './text.js';

export type MedlineField =
  | 'pmid' | 'title' | 'vernacularTitle' | 'abstract' | 'otherAbstract' | 'fullAuthor' | 'author' | 'corporate'
  | 'date' | 'language' | 'pubType' | 'mesh' | 'keyword' | 'articleId' | 'locationId' | 'journal' | 'journalAbbrev'
  | 'volume' | 'issue' | 'pages' | 'pmcid' | 'issn' | 'status';

/** The mapping table (data): MEDLINE tag -> field. */
export const MEDLINE_TAGS: Readonly<Record<string, MedlineField>> = {
  PMID: 'pmid', TI: 'title', TT: 'vernacularTitle', AB: 'abstract', OAB: 'otherAbstract',
  FAU: 'fullAuthor', AU: 'author', CN: 'corporate', DP: 'date', LA: 'language', PT: 'pubType',
  MH: 'mesh', OT: 'keyword', AID: 'articleId', LID: 'locationId', JT: 'journal', TA: 'journalAbbrev',
  VI: 'volume', IP: 'issue', PG: 'pages', PMC: 'pmcid', IS: 'issn', STAT: 'status',
};

/** Is this line a tag line? Returns [tag, value start] or undefined. */
function tagOf(line: string): [string, number] | undefined {
  const c0 = line.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return undefined;
  let j = 1;
  while (j < 4 && j < line.length) {
    const c = line.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) j++;
    else break;
  }
  if (j < 2) return undefined;
  const tag = line.slice(0, j);
  while (j < line.length && line.charCodeAt(j) === 32) j++;
  if (line.charCodeAt(j) !== 45) return undefined;
  j++;
  if (j < line.length && line.charCodeAt(j) === 32) j++;
  return [tag, j];
}

/**
 * Stage 1, incremental: text pieces in file order -> raw entries (a new entry at each PMID- line
 * or after a blank line), each handed to `onEntry` as soon as it closes. Pieces may split lines
 * (and CRLF pairs) anywhere.
 */
export class MedlineScanner extends LineScanner<RisEntry> {
  private last: RisTag | undefined;
  private outsideWarned = false;

  protected lineOf(line: string, lineNo: number): void {
    if (line.trim() === '') {
      this.close();
      this.last = undefined;
      return;
    }
    const tg = line.charCodeAt(0) === 32 ? undefined : tagOf(line);
    if (tg) {
      if (tg[0] === 'PMID' && this.current && this.current.tags.length > 0) this.close();
      if (!this.current) this.current = { line: lineNo, tags: [] };
      this.last = { tag: tg[0], value: line.slice(tg[1]), line: lineNo };
      this.current.tags.push(this.last);
    } else if (this.last && line.charCodeAt(0) === 32) {
      this.last.value = this.last.value + ' ' + line.trim();
    } else if (!this.outsideWarned) {
      this.diagnostics.push({ code: 'MEDLINE_TEXT_OUTSIDE_RECORD', params: {}, file: this.file, line: lineNo, fatal: false });
      this.outsideWarned = true;
    }
  }
}

/** "Asthma/*drug therapy/adverse effects" -> one descriptor per qualifier, major-topic stars dropped. */
export function meshToDescriptors(raw: string): string[] {
  const parts = raw.replace(/\*/g, '').split('/').map((p) => p.trim()).filter(Boolean);
  if (parts.length <= 1) return parts;
  return parts.slice(1).map((q) => `${parts[0]}/${q}`);
}

/** Stage 2: one entry -> a record, or the fatal diagnostic that rejects it. */
export function medlineEntryToRecord(entry: RisEntry, options: ParseOptions): { record?: ParsedRecord; diagnostics: Diagnostic[] } {
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const rec = emptyRecord({ source: options.source ?? 'pubmed', file, line: entry.line, format: 'medline' });
  const keep = (tg: RisTag) => (rec.extra[tg.tag] ??= []).push(tg.value);
  let title: string | undefined;
  const vernacular: string[] = [];
  const abstracts: string[] = [];
  const others: string[] = [];
  const shortNames: string[] = [];
  const types: string[] = [];
  let abbrev: RisTag | undefined;
  let status: string | undefined;
  for (const tg of entry.tags) {
    const field = MEDLINE_TAGS[tg.tag];
    const value = cleanValue(tg.value);
    if (field === undefined) {
      keep(tg);
      continue;
    }
    if (value === '') continue;
    switch (field) {
      case 'pmid':
        if (rec.pmid === undefined && /^\d{1,9}$/.test(value)) rec.pmid = value;
        else keep(tg);
        break;
      case 'title':
        if (title === undefined) title = value;
        else keep(tg);
        break;
      case 'vernacularTitle':
        vernacular.push(value);
        break;
      case 'abstract':
        abstracts.push(value);
        break;
      case 'otherAbstract':
        others.push(value);
        break;
      case 'fullAuthor': {
        const a = parseAuthor(value);
        if (a) rec.authors.push(a);
        break;
      }
      case 'author':
        shortNames.push(value);
        break;
      case 'corporate':
        rec.authors.push({ family: value, literal: value });
        break;
      case 'date':
        if (rec.year === undefined) rec.year = parseYear(value);
        keep(tg);
        break;
      case 'language': {
        const iso = toIso6391(value);
        if (iso && !rec.languages.includes(iso)) rec.languages.push(iso);
        break;
      }
      case 'pubType':
        types.push(value);
        break;
      case 'mesh':
        rec.descriptors.push(...meshToDescriptors(value));
        break;
      case 'keyword':
        rec.keywords.push(value);
        break;
      case 'articleId':
      case 'locationId':
        if (/\[doi\]\s*$/.test(value)) {
          const doi = normalizeDoi(value.replace(/\s*\[doi\]\s*$/, ''));
          if (doi && rec.doi === undefined) rec.doi = doi;
        }
        keep(tg);
        break;
      case 'journal':
        if (rec.journal === undefined) rec.journal = value;
        else keep(tg);
        break;
      case 'journalAbbrev':
        abbrev = tg;
        break;
      case 'volume':
        rec.volume ??= value;
        break;
      case 'issue':
        rec.issue ??= value;
        break;
      case 'pages':
        rec.pages ??= value;
        break;
      case 'pmcid':
        if (/^PMC\d+$/i.test(value)) rec.pmcid ??= value.toUpperCase();
        else keep(tg);
        break;
      case 'issn':
        rec.issn ??= value.replace(/\s*\(.*\)\s*$/, '');
        keep(tg);
        break;
      case 'status':
        status = value;
        keep(tg);
        break;
    }
  }
  // Note: FAU (full names) is preferred; old records only have AU ("Silva AB").
  if (rec.authors.every((a) => a.literal) && shortNames.length > 0) {
    for (const s of shortNames) {
      const a = parseAuthor(s);
      if (a) rec.authors.push(a);
    }
  }
  if (abbrev) {
    if (rec.journal === undefined) rec.journal = cleanValue(abbrev.value);
    else keep(abbrev);
  }
  const otherLang = rec.languages.find((l) => l !== 'en') ?? null;
  const englishOriginal = vernacular.length === 0 && (rec.languages.length === 0 || rec.languages.includes('en'));
  if (title) {
    const m = /^\[(.*)\]\.?$/.exec(title);
    rec.titles.push({ lang: 'en', text: m ? m[1] : title, ...(englishOriginal ? { original: true } : {}) });
  }
  for (const v of vernacular) rec.titles.push({ lang: otherLang, text: v, original: true });
  for (const ab of abstracts) rec.abstracts.push({ lang: 'en', text: ab, ...(englishOriginal || rec.languages.includes('en') ? { original: true } : {}) });
  for (const ab of others) rec.abstracts.push({ lang: otherLang, text: ab, ...(otherLang ? { original: true } : {}) });
  if (types.length > 0) {
    rec.documentType = (types.find((x) => /review/i.test(x)) ?? types.find((x) => x === 'Journal Article') ?? types[0]).toLowerCase();
    rec.extra.PT = types;
  }
  rec.provenance.database = options.database ?? (status === 'MEDLINE' ? 'MEDLINE' : 'PubMed');
  if (rec.pmid) {
    rec.provenance.sourceId = rec.pmid;
    rec.url = `https://pubmed.ncbi.nlm.nih.gov/${rec.pmid}/`;
  } else diagnostics.push({ code: 'MEDLINE_NO_PMID', params: {}, file, line: entry.line, fatal: false });
  if (rec.pmcid) rec.fullTextUrls.push(`https://www.ncbi.nlm.nih.gov/pmc/articles/${rec.pmcid}/`);
  if (rec.titles.length === 0) {
    diagnostics.push({ code: 'MEDLINE_NO_TITLE', params: { line: entry.line }, file, line: entry.line, fatal: true });
    return { diagnostics };
  }
  return { record: rec, diagnostics };
}

/** MEDLINE, fed in pieces (each record goes on as soon as it closes) or whole. Never throws. */
export const { stream: streamMedline, parse: parseMedline } = lineParsers(MedlineScanner, medlineEntryToRecord);

/** A PMID- line near the start is certain; 4-column tags without it are likely. */
export function sniffMedline(head: string): number {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (/^\s*<(?:!doctype|html|\?xml)/i.test(text)) return 0;
  if (/(?:^|\n)PMID- ?\d/.test(text)) return 1;
  if (/(?:^|\n)TY  - /.test(text)) return 0;
  const lines = text.split(/\r\n|\n|\r/, 200).filter((l) => l.trim() !== '');
  const tagged = lines.filter((l) => /^[A-Z][A-Z0-9]{1,3} {0,2}- /.test(l) && l[4] === '-').length;
  return lines.length > 0 && tagged / lines.length > 0.5 ? 0.4 : 0;
}

export const medline = {
  id: 'medline',
  label: 'MEDLINE/PubMed text (.nbib)',
  extensions: ['nbib', 'txt', 'medline'],
  sniff: sniffMedline,
  parse: parseMedline,
  stream: streamMedline,
} satisfies FormatAdapter;
