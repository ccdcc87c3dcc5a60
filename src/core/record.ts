/**
 * The one typed bibliographic record every importer and live source produces.
 * Dedup links records to a canonical one and never deletes them.
 */

/**
 * Where a source comes from; `other` is any generic file. Scopus, Web of Science and Embase are
 * imported from their own exports only (no live search).
 */
export type SourceId = 'bvs' | 'scielo' | 'pubmed' | 'google-scholar' | 'scopus' | 'wos' | 'embase' | 'other';

export const SOURCE_IDS: readonly SourceId[] = ['bvs', 'scielo', 'pubmed', 'google-scholar', 'scopus', 'wos', 'embase', 'other'];

/** A text in one language. `lang` is ISO 639-1 (pt, es, en...) or null when unknown. */
export interface LocalizedText {
  lang: string | null;
  text: string;
  /** True for the language the work was published in (LILACS marks it; others: the first title). */
  original?: boolean;
  /** Structured abstracts keep their section labels (BACKGROUND, METHODS...). */
  label?: string;
}

export interface Author {
  family: string;
  given?: string;
  /** Corporate or unparseable names, kept as written. */
  literal?: string;
}

/** Where one record entered the review. */
export interface Provenance {
  source: SourceId;
  /** Database inside the source: LILACS, BDENF, MEDLINE, IBECS, SciELO collection... */
  database?: string;
  /** Name of the file as the user gave it (or `search:<searchId>` for live searches). */
  file: string;
  /** 1-based line where the record starts in that file. */
  line: number;
  /** The record's own id in the file/database (BVS id, PMID, SciELO PID, the CSV's id column). */
  sourceId?: string;
  /** Which import (or search) brought it in. */
  importId: string;
  /** Format module id that parsed it. */
  format: string;
}

export interface BibRecord {
  /** Stable id inside the review: `<importId>-<n>` (n 1-based, zero-padded to 5). */
  id: string;
  titles: LocalizedText[];
  abstracts: LocalizedText[];
  authors: Author[];
  year?: number;
  journal?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  /** Normalized: lower case, no `https://doi.org/` or `doi:` prefix. */
  doi?: string;
  pmid?: string;
  pmcid?: string;
  /** LILACS/BVS id as the portal gives it, e.g. `biblio-1123456`, `lil-123`, `mdl-31234567`. */
  bvsId?: string;
  /** SciELO PID, e.g. `S0104-11692019000100300`. */
  scieloPid?: string;
  issn?: string;
  isbn?: string;
  /** ISO 639-1 codes. */
  languages: string[];
  /** Document type as the source says it (article, thesis, ...), lower case. */
  documentType?: string;
  /** Author keywords (free text). */
  keywords: string[];
  /** Controlled descriptors (DeCS/MeSH), qualifiers kept after a slash. */
  descriptors: string[];
  url?: string;
  fullTextUrls: string[];
  /** True when the source says full text is available, false when it says it is not, undefined when unknown. */
  fullText?: boolean;
  publisher?: string;
  /** Citation count (Publish or Perish / Google Scholar), when given. */
  citations?: number;
  /** Tags/columns outside the mapping, kept verbatim (never dropped). */
  extra: Record<string, string[]>;
  provenance: Provenance;
}

/** A record before the review gives it an id and an import id. */
export type ParsedRecord = Omit<BibRecord, 'id' | 'provenance'> & {
  provenance: Omit<Provenance, 'importId'>;
};

/** An empty record to fill; keeps parsers from forgetting array fields. */
export function emptyRecord(provenance: ParsedRecord['provenance']): ParsedRecord {
  return {
    titles: [],
    abstracts: [],
    authors: [],
    languages: [],
    keywords: [],
    descriptors: [],
    fullTextUrls: [],
    extra: {},
    provenance,
  };
}

/** The title to show: the one in `preferred` language, else the original, else the first. */
export function displayTitle(record: Pick<BibRecord, 'titles'>, preferred?: string): string {
  const t =
    (preferred && record.titles.find((x) => x.lang === preferred)) ||
    record.titles.find((x) => x.original) ||
    record.titles[0];
  return t ? t.text : '';
}

/** The abstract to show, same rule as titles; structured abstracts are joined with their labels. */
export function displayAbstract(record: Pick<BibRecord, 'abstracts'>, preferred?: string): string {
  if (record.abstracts.length === 0) return '';
  const langs = [...new Set(record.abstracts.map((a) => a.lang))];
  const lang =
    (preferred && langs.includes(preferred) ? preferred : undefined) ??
    record.abstracts.find((a) => a.original)?.lang ??
    langs[0];
  return record.abstracts
    .filter((a) => a.lang === lang)
    .map((a) => (a.label ? `${a.label}: ${a.text}` : a.text))
    .join('\n');
}

/** Normalize a DOI: lower case, no resolver URL or `doi:` prefix, trimmed. Undefined when it is not a DOI. */
export function normalizeDoi(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  let s = raw.trim();
  s = s.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');
  s = s.trim().replace(/[.;,\s]+$/, '').toLowerCase();
  const m = s.match(/10\.\d{4,9}\/\S+/);
  return m ? m[0] : undefined;
}

/** Short author string for tables: "Silva AB; Souza C". */
export function formatAuthors(authors: Author[], max = Infinity): string {
  const names = authors.map((a) => a.literal ?? (a.given ? `${a.family}, ${a.given}` : a.family));
  if (names.length > max) return `${names.slice(0, max).join('; ')} et al.`;
  return names.join('; ');
}
