/** The normalized fields of one record that blocking and scoring look at, computed once per record. */
import type { BibRecord } from '../record.js';
import { recordIdentifiers, type RecordIdentifiers } from './identifiers.js';
import { foldText, journalTokens, leadingNumber, normalizeFamily, normalizePages, normalizeTitle, titleTokens, tokenHashes } from './normalize.js';

export interface TitleKey {
  /** Normalized title (see normalizeTitle). */
  norm: string;
  /** Number of meaningful words. */
  length: number;
  /** Blocking keys of this title: first words, last words, a few long words. */
  keys: string[];
  /** The words as tokenHashes, for similarity. */
  tokenSet: number[];
  /** Numbers in the title (digits and roman numerals), sorted: "Parte II" -> ["2"]. */
  numbers: string;
  /** Erratum, correction, retraction, reply/comment notices. */
  notice: string;
  /** Language the source gives for the title, or `translated` for MEDLINE's bracketed translation. */
  lang: string | null;
}

export interface RecordFeatures {
  id: string;
  titles: TitleKey[];
  /** DOI, PMID, PMCID and SciELO PID keys from every field and URL that carries them. */
  ids: RecordIdentifiers;
  year?: number;
  /** Normalized family names in order. */
  families: string[];
  /** First initial of the first author's given name, when known. */
  firstInitial?: string;
  /** Journal words joined by spaces (split when compared). */
  journal: string;
  volume?: string;
  issue?: string;
  pageFirst?: string;
  pageLast?: string;
  /** Number of distinct words kept from the start of the longest abstract. */
  abstractLength: number;
  /** Those words as tokenHashes. */
  abstractSet: number[];
  /** Conference abstract / proceedings, from document type, journal or volume. */
  conference: boolean;
  /**
   * The record's comparable content in one string: two records with the same fingerprint say
   * the same thing (the same export imported twice, our own export read back).
   */
  fingerprint: string;
  /** The place the record came from: source and its own id, or file and line. */
  origin: string;
  /** Kind of document when the source says: article, thesis, book, conference; undefined when unknown. */
  kind?: string;
}

/** Kind of a document type as sources write it (pt/es/en): a thesis and its article are two works. */
export function documentKind(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const t = foldText(type);
  // Note: PubMed's "Retracted Publication" and "Corrected and Republished Article" are the
  // articles themselves; "Published Erratum", "Retraction of Publication", "Comment" are notices.
  if (!/retracted publication|republished/.test(t) && /\b(?:erratum|errata|correction|corrigendum|retraction|expression of concern|comment|commentary|reply)\b/.test(t)) return 'notice';
  if (/\b(?:tese|tesis|thesis|disserta|dissertation|monografia|tcc)/.test(t)) return 'thesis';
  if (/\b(?:book|livro|libro|chapter|capitulo|inbook|incollection)/.test(t)) return 'book';
  if (/\b(?:confer|congress|congres|proceedings|inproceedings|anais|meeting|evento)/.test(t)) return 'conference';
  if (/\b(?:article|artigo|articulo|journal)/.test(t)) return 'article';
  return undefined;
}

// Note: Maps, not object literals: a word cut out of a title is not an internalized string, and
// an object-key lookup with it searches V8's string table every time.
const ROMAN: ReadonlyMap<string, string> = new Map(Object.entries({ ii: '2', iii: '3', iv: '4', vi: '6', vii: '7', viii: '8', ix: '9', x: '10', xi: '11', xii: '12' }));
const PART_WORDS = new Set(['part', 'parte', 'partie', 'teil', 'section', 'secao', 'seccion', 'volume', 'vol', 'fase', 'phase', 'estudo', 'study']);
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    one: '1', two: '2', three: '3', four: '4', five: '5', first: '1', second: '2', third: '3', fourth: '4', fifth: '5',
    um: '1', dois: '2', tres: '3', quatro: '4', uno: '1', dos: '2', cuatro: '4',
  }),
);
const ORDINALS = new Set(['first', 'second', 'third', 'fourth', 'fifth']);
const NOTICE = /^(?:erratum|errata|correction|corrigendum|corrigenda|correccion|correcao|retraction|retracted|retratacao|retractacion|reply|in reply|authors? reply|response|comment|comments? on|commentary on|comentario|resposta|respuesta|re|expression of concern|notice of retraction|withdrawn)\b/;
// Note: Web of Science titles a correction "<article title> (vol 75, pg 812, 2019)".
const WOS_CORRECTION = /\bvol \d+ (?:pg|p|pp) [a-z]?\d+(?: \d{4})?$/;

/** Whether a folded word is all digits (folded words hold only a-z and 0-9). */
function isDigits(w: string): boolean {
  const c = w.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  for (let k = 1; k < w.length; k++) {
    const d = w.charCodeAt(k);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/** Numbers a title carries, roman numerals read as digits ("Parte I" counts as 1 only after a part word). */
export function titleNumbers(tokens: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    // Note: the same tests as the regular expressions /^\d{3}$/ and /^\d+$/ on folded words.
    const digits = w.length > 0 && isDigits(w);
    // Note: "10,000" folds to "10 000": a 3-digit group after a number continues it.
    if (digits && w.length === 3 && i > 0 && tokens[i - 1].length >= 1 && tokens[i - 1].length <= 3 && isDigits(tokens[i - 1]) && out.length) out[out.length - 1] = String(Number(tokens[i - 1] + w));
    else if (digits) out.push(String(Number(w)));
    else if (ROMAN.has(w)) out.push(ROMAN.get(w)!);
    else if ((w === 'i' || w === 'v') && i > 0 && PART_WORDS.has(tokens[i - 1])) out.push(w === 'i' ? '1' : '5');
    // Note: "part one", "parte dois", "first part": number words count only next to a part word.
    else if (NUMBER_WORDS.has(w) && ((i > 0 && PART_WORDS.has(tokens[i - 1])) || (ORDINALS.has(w) && (tokens[i + 1] === 'part' || tokens[i + 1] === 'parte')))) out.push(NUMBER_WORDS.get(w)!);
  }
  return out.sort().join(' ');
}

/**
 * One title's keys. A class, not an object literal with getters: at 100,000 records the literal
 * made two closures per title and objects V8 could not give a fixed shape.
 */
class LazyTitleKey implements TitleKey {
  // Note: numbers and notices are only looked at when a comparison needs them: computed then, once.
  private numbersCache: string | undefined;
  private noticeCache: string | undefined;

  constructor(
    readonly norm: string,
    readonly length: number,
    readonly keys: string[],
    readonly tokenSet: number[],
    readonly lang: string | null,
  ) {}

  get numbers(): string {
    return (this.numbersCache ??= titleNumbers(this.norm.split(' ')));
  }

  get notice(): string {
    const norm = this.norm;
    return (this.noticeCache ??= NOTICE.test(norm) || /\b(?:erratum|corrigendum|retraction)\b/.test(norm) || WOS_CORRECTION.test(norm) ? 'notice' : '');
  }
}

function titleKey(raw: string, lang: string | null): TitleKey | undefined {
  const norm = normalizeTitle(raw);
  if (!norm) return undefined;
  const tokens = titleTokens(norm);
  const keys: string[] = [];
  if (tokens.length) {
    keys.push(`t|${tokens.slice(0, 3).join(' ')}`);
    if (tokens.length > 3) keys.push(`u|${tokens.slice(-3).join(' ')}`);
    // Note: sorted long words catch titles whose words moved (subtitle first, another word order).
    const long = tokens.filter((x) => x.length >= 6).sort();
    let distinct = 0;
    for (let k = 0; k < long.length && distinct < 3; k++) if (k === 0 || long[k] !== long[k - 1]) long[distinct++] = long[k];
    if (distinct >= 3) keys.push(`w|${long[0]} ${long[1]} ${long[2]}`);
  }
  const translated = /^\s*\[/.test(raw) && /\][.\s]*$/.test(raw);
  return new LazyTitleKey(norm, tokens.length, keys, tokenHashes(tokens), translated ? 'translated' : lang);
}

/**
 * A title field and, when it joins an original and its translation ("Título em português/
 * English title", as LILACS writes them and some exports keep in one field), each half.
 */
export function titleVariants(text: string): string[] {
  if (!text.includes('/')) return [text];
  const parts = text.split(/\s*\/\s+/).map((x) => x.trim());
  if (parts.length < 2 || parts.some((x) => titleTokens(normalizeTitle(x)).length < 3)) return [text];
  return [text, ...parts];
}

/** Unmapped columns and tags that name the document type (BibTeX ENTRYTYPE, RIS TY, MEDLINE PT, WoS DT, Scopus). */
const TYPE_TAGS = /^(?:entrytype|entry ?type|ty|pt|dt|m3|type|document ?type|publication ?type|reference ?type|type of work)$/i;
/** Types that say no more than "a journal record": a kept-aside type (RIS M3, type of work) says more. */
const GENERIC_TYPE = /^(?:article|journal article|journal|jour|generic|gen|misc)$/i;

/**
 * The document type as the source says it: the mapped field, or, when that is missing or only
 * says "article", a column the importer kept aside (RIS M3 type of work, BibTeX ENTRYTYPE...).
 */
export function documentTypeOf(r: BibRecord): string | undefined {
  if (r.documentType && !GENERIC_TYPE.test(r.documentType.trim())) return r.documentType;
  let generic: string | undefined;
  for (const [tag, values] of Object.entries(r.extra)) {
    if (!TYPE_TAGS.test(tag) || !values[0]) continue;
    const v = values.join(' ').toLowerCase();
    if (!GENERIC_TYPE.test(v.trim())) return v;
    generic ??= v;
  }
  return r.documentType ?? generic;
}

const CONFERENCE = /confer|congress|congres|proceedings|symposium|meeting|abstracts?\b|anais|annual|simposio|jornada|encontro|supplement|suppl/i;

/**
 * Features of one record. What blocking needs (titles, identifiers, year, volume, first page) is
 * computed at once; the rest only when a comparison first asks for it.
 */
class LazyFeatures implements RecordFeatures {
  readonly id: string;
  readonly titles: TitleKey[];
  readonly ids: RecordIdentifiers;
  readonly year?: number;
  readonly volume?: string;
  readonly pageFirst?: string;
  readonly pageLast?: string;
  readonly origin: string;
  // Note: at 100,000 records most fields are never looked at; computing them lazily saves the
  // allocations (and garbage collection) that dominated the run time.
  private readonly record: BibRecord;
  private authorsCache?: { families: string[]; firstInitial?: string };
  private fingerprintCache?: string;
  private abstractCache?: number[];
  private journalCache?: string;
  private issueCache?: { v?: string };
  private conferenceCache?: boolean;
  private kindCache?: { v?: string };

  constructor(r: BibRecord, options: FeatureOptions) {
    this.record = r;
    if (options.ignoreIssue) this.issueCache = { v: undefined };
    this.id = r.id;
    const titles: TitleKey[] = [];
    for (const t of r.titles) {
      for (const text of titleVariants(t.text)) {
        const k = titleKey(text, t.lang);
        if (k && !titles.some((x) => x.norm === k.norm)) titles.push(k);
      }
    }
    this.titles = titles;
    this.ids = recordIdentifiers(r);
    this.year = typeof r.year === 'number' && r.year > 0 ? r.year : undefined;
    this.volume = leadingNumber(r.volume);
    const pages = normalizePages(r.pages);
    this.pageFirst = pages.first;
    this.pageLast = pages.last;
    const p = r.provenance;
    this.origin = p.sourceId ? `${p.source}|${p.sourceId}` : `${p.file}|${p.line}`;
  }

  get fingerprint(): string {
    if (this.fingerprintCache === undefined) {
      const r = this.record;
      // Note: copies of one record differ at most in case and spacing: no need to fold accents here.
      const authors = r.authors.map((a) => `${a.literal ?? a.family},${a.given ?? ''}`).join(';');
      this.fingerprintCache = [
        this.titles.map((t) => t.norm).join('|'), authors.toLowerCase().replace(/\s+/g, ' '), this.year ?? '', (r.journal ?? '').toLowerCase().trim(), this.volume ?? '', leadingNumber(r.issue) ?? '',
        this.pageFirst ?? '', this.pageLast ?? '', this.ids.dois.join(' '), this.ids.pmids.join(' '), this.ids.pids.join(' '), documentTypeOf(r) ?? '',
      ].join('\u0001');
    }
    return this.fingerprintCache;
  }

  private get authors(): { families: string[]; firstInitial?: string } {
    if (!this.authorsCache) {
      const r = this.record;
      const first = r.authors[0];
      this.authorsCache = {
        families: r.authors.map((a) => normalizeFamily(a.literal ?? a.family)).filter((f) => f.length > 0),
        firstInitial: first?.given ? foldText(first.given).charAt(0) || undefined : undefined,
      };
    }
    return this.authorsCache;
  }

  get families(): string[] {
    return this.authors.families;
  }

  get firstInitial(): string | undefined {
    return this.authors.firstInitial;
  }

  get journal(): string {
    return (this.journalCache ??= journalTokens(this.record.journal).join(' '));
  }

  get issue(): string | undefined {
    return (this.issueCache ??= { v: leadingNumber(this.record.issue) }).v;
  }

  get abstractSet(): number[] {
    if (!this.abstractCache) {
      let text = '';
      for (const a of this.record.abstracts) if (a.text.length > text.length) text = a.text;
      const words = text ? foldText(text.slice(0, 500)).split(' ').filter((w) => w.length > 2).slice(0, 50) : [];
      this.abstractCache = tokenHashes(words);
    }
    return this.abstractCache;
  }

  get abstractLength(): number {
    return this.abstractSet.length;
  }

  get kind(): string | undefined {
    return (this.kindCache ??= { v: documentKind(documentTypeOf(this.record)) }).v;
  }

  get conference(): boolean {
    const r = this.record;
    return (this.conferenceCache ??=
      CONFERENCE.test(documentTypeOf(r) ?? '') || CONFERENCE.test(r.journal ?? '') || /suppl/i.test(r.volume ?? '') || /suppl/i.test(r.issue ?? ''));
  }
}

/** Compute the features of one record. */
export function recordFeatures(r: BibRecord, options: FeatureOptions = {}): RecordFeatures {
  return new LazyFeatures(r, options);
}

export interface FeatureOptions {
  /** The record's issue field holds something else (see issueIsRecordNumber): ignore it. */
  ignoreIssue?: boolean;
}

/**
 * Imports whose issue field is not an issue: when nearly every record that has one has its own
 * (90% distinct among 30 or more), the column is a reference manager's record number (EndNote
 * and BibTeX exports put it in `number`), and comparing it would call every duplicate distinct.
 */
export function issueIsRecordNumber(records: readonly BibRecord[]): Set<string> {
  const byImport = new Map<string, string[]>();
  for (const r of records) {
    if (!r.issue) continue;
    const list = byImport.get(r.provenance.importId);
    if (list) list.push(r.issue.trim());
    else byImport.set(r.provenance.importId, [r.issue.trim()]);
  }
  const out = new Set<string>();
  for (const [imp, issues] of byImport) if (issues.length >= 30 && new Set(issues).size >= issues.length * 0.9) out.add(imp);
  return out;
}
