/**
 * The iAHx JSON answer (BVS portal and SciELO Search, both Solr behind iAHx) to typed records.
 * Shape: `{diaServerResponse: [{response: {numFound, start, docs: [...]}}]}`; each doc has
 * `id`, `ti_pt`/`ti_es`/`ti_en`, `ab_*`, `au`, `da`, `db`, `la`, `type`, `fulltext`, `mh`, `doi`, `ur`...
 * Mapping as data (field -> record) so unknown fields are kept in `extra`, never dropped.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { emptyRecord, normalizeDoi, type Author, type ParsedRecord, type SourceId } from '../core/record.js';
import { cleanText } from '../formats/text.js';
import { assignLanguages } from '../formats/language-guess.js';
import type { ParseResult } from '../formats/types.js';
import { TruncatedAnswerError, why } from './http.js';

export type IahxDoc = Record<string, unknown>;

export interface IahxPage {
  numFound: number;
  start: number;
  docs: IahxDoc[];
}

/** Read an iAHx JSON answer; a cut or foreign body throws TruncatedAnswerError (the caller retries). */
export function parseIahxPage(text: string): IahxPage {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TruncatedAnswerError(why('BAD_JSON', { bytes: text.length }));
  }
  const root = data as { diaServerResponse?: { response?: unknown }[]; response?: unknown };
  const response = (root.diaServerResponse?.[0]?.response ?? root.response) as Partial<IahxPage> | undefined;
  if (!response || typeof response.numFound !== 'number' || !Array.isArray(response.docs))
    throw new TruncatedAnswerError(why('JSON_NO_RESULTS'));
  return { numFound: response.numFound, start: Number(response.start ?? 0), docs: response.docs };
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const arr = Array.isArray(v) ? v : [v];
  return arr.map((x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : JSON.stringify(x))).filter((s) => s.trim() !== '');
}

/** "Silva, Maria José" -> family/given; names without a comma are kept whole. */
export function parseAuthor(raw: string): Author {
  const s = cleanText(raw);
  const i = s.indexOf(',');
  if (i > 0) return { family: s.slice(0, i).trim(), given: s.slice(i + 1).trim() || undefined };
  return { family: s, literal: s };
}

/** "Rev. bras. enferm;72(1): 52-58, 2019" -> journal, volume, issue, pages. */
export function parseSource(fo: string): { journal?: string; volume?: string; issue?: string; pages?: string } {
  const [journal, rest = ''] = fo.split(';', 2);
  const m = rest.match(/^\s*([^(:,]*)(?:\(([^)]*)\))?\s*(?::\s*([^,]+))?/);
  const clean = (x?: string) => (x && x.trim() ? x.trim() : undefined);
  return { journal: clean(journal), volume: clean(m?.[1]), issue: clean(m?.[2]), pages: clean(m?.[3]?.replace(/^p\.?\s*/i, '')) };
}

const LANGS = ['pt', 'es', 'en', 'fr', 'it', 'de'];
const KNOWN = new Set(['id', 'ti', 'ab', 'au', 'da', 'db', 'la', 'type', 'fulltext', 'mh', 'mj', 'aid', 'doi', 'ur', 'fo', 'ta', 'is', 'kw', 'in', 'year_cluster', 'publication_year', 'journal_title', 'volume', 'issue', 'pg', 'vi', 'ip', 'pmid', ...LANGS.flatMap((l) => [`ti_${l}`, `ab_${l}`])]);

/** Texts of one mixed-language array with each language detected; the record's language marks the original. */
function withLanguages(texts: string[], original: string | undefined): { lang: string | null; text: string; original?: boolean }[] {
  const clean = texts.map(cleanText).filter(Boolean);
  const langs = assignLanguages(clean);
  const originalAt = Math.max(0, original ? langs.indexOf(original) : 0);
  return clean.map((text, i) => ({ lang: langs[i], text, ...(i === originalAt ? { original: true } : {}) }));
}

/** One iAHx doc to a record. `source` decides which id field the doc's id fills. */
export function docToRecord(doc: IahxDoc, source: SourceId, file: string, line: number): ParsedRecord {
  const id = list(doc.id)[0];
  const dbs = list(doc.db);
  const langs = list(doc.la).map((l) => l.toLowerCase().slice(0, 2));
  const database = source === 'scielo' ? list(doc.in)[0] ?? 'SciELO' : dbs[0];
  const r = emptyRecord({ source, database, file, line, sourceId: id, format: 'iahx-json' });
  const original = langs[0];
  for (const lang of LANGS) {
    for (const t of list(doc[`ti_${lang}`])) r.titles.push({ lang, text: cleanText(t), ...(lang === original ? { original: true } : {}) });
    for (const a of list(doc[`ab_${lang}`])) r.abstracts.push({ lang, text: cleanText(a), ...(lang === original ? { original: true } : {}) });
  }
  // Note: the BVS portal puts the titles of every language in one `ti` array (and abstracts in `ab`);
  // `ti_<lang>` exists only on DeCS records (bireme/iahx-opac templates/regional/export-ris.html prints
  // ti.0 as TI and the others as TT). Each text's language is detected, not assumed.
  if (r.titles.length === 0) r.titles.push(...withLanguages(list(doc.ti), original));
  if (r.abstracts.length === 0) r.abstracts.push(...withLanguages(list(doc.ab), original));
  if (r.titles.length > 0 && !r.titles.some((t) => t.original)) r.titles[0].original = true;
  r.authors = list(doc.au).map(parseAuthor);
  const year = (list(doc.publication_year)[0] ?? list(doc.year_cluster)[0] ?? list(doc.da)[0] ?? '').match(/\d{4}/);
  if (year) r.year = Number(year[0]);
  const fo = list(doc.fo)[0];
  const src = fo ? parseSource(cleanText(fo)) : {};
  r.journal = list(doc.journal_title)[0] ?? list(doc.ta)[0] ?? src.journal;
  r.volume = list(doc.volume)[0] ?? list(doc.vi)[0] ?? src.volume;
  r.issue = list(doc.issue)[0] ?? list(doc.ip)[0] ?? src.issue;
  r.pages = list(doc.pg)[0] ?? src.pages;
  const urls = list(doc.ur);
  // Note: the portal's DOI field is `aid` since 2021 (bireme/iahx-opac commit d1fa349 "Altera elemento
  // referente ao DOI", templates/regional/export-ris.html `DO - doc.aid`); `doi` is read as a fallback.
  r.doi = [...list(doc.aid), ...list(doc.doi)].map((d) => normalizeDoi(d)).find(Boolean) ?? urls.map((u) => normalizeDoi(u)).find(Boolean);
  r.pmid = list(doc.pmid)[0];
  if (id) {
    if (source === 'scielo') r.scieloPid = id.replace(/-[a-z]{3}$/, '');
    else r.bvsId = id;
    if (!r.pmid && /^mdl-\d+$/.test(id)) r.pmid = id.slice(4);
  }
  r.issn = list(doc.is)[0];
  r.languages = [...new Set(langs)];
  r.documentType = list(doc.type)[0]?.toLowerCase();
  r.keywords = list(doc.kw).map(cleanText);
  // Note: descriptors exported from ISIS may keep subfield codes such as `^d1234`; only the heading text is kept.
  r.descriptors = [...new Set(list(doc.mh).map((d) => cleanText(d.replace(/\^[a-z]\d+/gi, ''))).filter(Boolean))];
  r.url = urls[0];
  r.fullTextUrls = urls;
  const ft = list(doc.fulltext)[0];
  if (ft !== undefined) r.fullText = ft === '1' || ft.toLowerCase() === 'true';
  for (const [k, v] of Object.entries(doc)) if (!KNOWN.has(k)) r.extra[k] = list(v);
  return r;
}

/** Records of one saved iAHx page. A doc without any title is kept with a warning. */
export function iahxPageToRecords(text: string, source: SourceId, file: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let page: IahxPage;
  try {
    page = parseIahxPage(text);
  } catch (e) {
    return { records: [], rejected: 0, diagnostics: [{ code: 'IAHX_BAD_PAGE', reason: (e as Error).message, file, line: 0, fatal: true }] };
  }
  const records = page.docs.map((d, i) => {
    const r = docToRecord(d, source, file, i + 1);
    if (r.titles.length === 0) diagnostics.push({ code: 'IAHX_NO_TITLE', reason: 'record without a title', file, line: i + 1, path: `docs[${i}]`, fatal: false });
    return r;
  });
  return { records, diagnostics, rejected: 0 };
}
