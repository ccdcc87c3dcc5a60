/**
 * PubMed through NCBI E-utilities: esearch with `usehistory=y` (count, WebEnv, query_key), then
 * efetch in batches (`retstart`/`retmax`, XML) parsed by the PubMed XML importer. 3 requests a
 * second without an API key, 10 with one; the key travels as `api_key` and is never saved.
 *
 * Contract (NCBI Bookshelf NBK25499, "The E-utilities In-Depth", ESearch `retstart`/`retmax`):
 * for PubMed, ESearch (and EFetch from the history server) can only reach the first 9,999 records
 * of a query; beyond that the answer is HTTP 400 and a batch crossing the wall comes back short.
 * So a search over 9,999 hits is split by publication date (`[dp]` ranges, bisected until each
 * part is under the cap), every part is fetched, and the parts must add up to the total.
 * NBK25497 ("A General Introduction to the E-utilities"): callers send `tool` and `email`; long
 * requests go by HTTP POST. `esearchresult.errorlist` / `warninglist` (phrases or fields not
 * found, which silently widen the query) become warnings.
 */
import { compileFor } from '../core/query/index.js';
import { queryString, type CompiledQuery } from '../core/query/compiled.js';
import { TOOL_NAME } from '../core/version.js';
import { fetchText, joinUrl, QueryRejectedError, redactUrl, TruncatedAnswerError, why } from './http.js';
import { pubmedXml } from '../formats/pubmed-xml.js';
import { pageName, pageStarts } from './paging.js';
import type { SourceAdapter, SearchStep, SearchContext, SourceWarning, SearchPart } from './types.js';

export const ESEARCH_PAGE = 'esearch.json';
/** The most records one PubMed query can give (retstart stops at 9,998). */
export const PUBMED_CAP = 9999;
/** Longer request URLs go by POST (NBK25497 advises POST for long requests; many servers stop near 8 KB). */
export const POST_ABOVE = 2000;
/** First day a bisection starts from when the query itself has no earlier bound. */
const FIRST_DAY = Date.UTC(1800, 0, 1) / 864e5;

export interface EsearchResult {
  count: number;
  webenv: string;
  querykey: string;
  /** errorlist / warninglist entries as warnings. */
  warnings: SourceWarning[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String).filter((s) => s.trim() !== '') : typeof v === 'string' && v.trim() ? [v] : [];
}

/** Read esearch's JSON answer; a cut body throws TruncatedAnswerError, an error message from NCBI QueryRejectedError. */
export function parseEsearch(text: string): EsearchResult {
  let data: { esearchresult?: Record<string, unknown>; error?: string };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new TruncatedAnswerError(why('BAD_JSON', { bytes: text.length }));
  }
  const r = data.esearchresult;
  if (!r) throw new TruncatedAnswerError(data.error ? why('ESEARCH_ERROR', { error: String(data.error) }) : why('JSON_NO_RESULTS'));
  if (r.ERROR) throw new QueryRejectedError('', 'REFUSED', String(r.ERROR));
  const warnings: SourceWarning[] = [];
  const errors = (r.errorlist ?? {}) as Record<string, unknown>;
  const notes = (r.warninglist ?? {}) as Record<string, unknown>;
  const add = (code: string, key: string, list: string[]) => list.length && warnings.push({ code, params: { [key]: list.join('; ') } });
  add('PUBMED_PHRASE_NOT_FOUND', 'phrases', strings(errors.phrasesnotfound));
  add('PUBMED_FIELD_NOT_FOUND', 'fields', strings(errors.fieldsnotfound));
  add('PUBMED_PHRASE_IGNORED', 'phrases', strings(notes.phrasesignored));
  add('PUBMED_QUOTED_PHRASE_NOT_FOUND', 'phrases', strings(notes.quotedphrasesnotfound));
  add('PUBMED_OUTPUT_MESSAGE', 'message', strings(notes.outputmessages));
  return { count: Number(r.count ?? 0), webenv: String(r.webenv ?? ''), querykey: String(r.querykey ?? ''), warnings };
}

/** Articles in an efetch answer. */
export function countArticles(xml: string): number {
  return (xml.match(/<Pubmed(Book)?Article[\s>]/g) ?? []).length;
}

/** An efetch answer is whole when it closes its PubmedArticleSet. */
export function checkEfetch(xml: string): void {
  if (!/<\/PubmedArticleSet>\s*$/.test(xml)) throw new TruncatedAnswerError(why('XML_CUT'));
}

/** `tool`, `email` (NCBI_EMAIL) and `api_key`, as NBK25497 asks every caller to identify itself. */
function common(ctx: Pick<SearchContext, 'apiKey' | 'email'>): [string, string][] {
  return [['tool', TOOL_NAME], ...(ctx.email ? [['email', ctx.email] as [string, string]] : []), ...(ctx.apiKey ? [['api_key', ctx.apiKey] as [string, string]] : [])];
}

/** A day number as PubMed writes a date: 2007/03/15. */
export function pubmedDate(day: number): string {
  const d = new Date(day * 864e5);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The query restricted to publication dates from `a` to `b` (day numbers). */
export function dateQuery(query: string, a: number, b: number): string {
  return `${query} AND ("${pubmedDate(a)}"[dp] : "${pubmedDate(b)}"[dp])`;
}

/** esearch for `term` (POST when the URL would be long); the answer text, its reading and the URL shown. */
async function esearch(ctx: SearchContext, compiled: CompiledQuery, term: string): Promise<{ text: string; es: EsearchResult; url: string }> {
  const params: [string, string][] = [...compiled.params.map(([k, v]): [string, string] => [k, k === 'term' ? term : v]), ['retmax', '0'], ...common(ctx)];
  const endpoint = joinUrl(ctx.baseUrl, 'esearch.fcgi', '');
  const form = queryString(params);
  const long = endpoint.length + form.length + 1 > POST_ABOVE;
  const url = long ? endpoint : `${endpoint}?${form}`;
  const text = await fetchText(ctx, url, { validate: (t) => void parseEsearch(t), ...(long ? { form } : {}) });
  return { text, es: parseEsearch(text), url: redactUrl(long ? `${endpoint}?${form}` : url) };
}

interface Part {
  part?: SearchPart;
  es: EsearchResult;
  /** Page name prefix: '' for an unsplit search, `d20070101-` for a part. */
  prefix: string;
}

/**
 * Split [a, b] until every part holds at most PUBMED_CAP records. Parts come in date order;
 * empty ranges are dropped; a single day over the cap is kept (capped) with a warning.
 */
async function bisect(ctx: SearchContext, compiled: CompiledQuery, a: number, b: number, parts: Part[], warnings: SourceWarning[]): Promise<void> {
  const term = dateQuery(compiled.query, a, b);
  const { es } = await esearch(ctx, compiled, term);
  if (es.count === 0) return;
  if (es.count > PUBMED_CAP && a < b) {
    const mid = Math.floor((a + b) / 2);
    await bisect(ctx, compiled, a, mid, parts, warnings);
    await bisect(ctx, compiled, mid + 1, b, parts, warnings);
    return;
  }
  if (es.count > PUBMED_CAP) warnings.push({ code: 'PUBMED_DAY_OVER_CAP', params: { day: pubmedDate(a), hits: es.count, cap: PUBMED_CAP } });
  parts.push({ part: { from: pubmedDate(a), to: pubmedDate(b), query: term, hits: es.count }, es, prefix: `d${pubmedDate(a).replace(/\//g, '')}-` });
}

export const pubmed: SourceAdapter = {
  id: 'pubmed',
  label: 'PubMed',
  defaultBaseUrl: 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils',
  requestsPerSecond: (apiKey) => (apiKey ? 10 : 3),
  pageSize: 200,
  format: 'pubmed-xml',
  manualExport: { format: 'PubMed (MEDLINE) or CSV', how: 'Save > Format: PubMed' },
  compileQuery: (protocol) => compileFor('pubmed', protocol),
  browserUrl: (compiled) => `https://pubmed.ncbi.nlm.nih.gov/?${queryString([['term', compiled.query]])}`,
  firstUrl: (compiled, baseUrl) => joinUrl(baseUrl, 'esearch.fcgi', queryString([...compiled.params, ['retmax', '0']])),
  async *search(compiled, ctx, { max, saved }): AsyncIterable<SearchStep> {
    // Note: a WebEnv lives only hours, so a resumed search runs esearch again; saved batches are kept
    // and records are deduplicated by PMID when the review reads them.
    const whole = await esearch(ctx, compiled, compiled.query);
    yield { kind: 'page', page: { name: ESEARCH_PAGE, start: -1, text: whole.text, url: whole.url }, records: 0 };
    yield { kind: 'total', hits: whole.es.count };
    for (const warning of whole.es.warnings) yield { kind: 'warning', warning };
    const parts: Part[] = [];
    if (whole.es.count <= PUBMED_CAP) parts.push({ es: whole.es, prefix: '' });
    else {
      const warnings: SourceWarning[] = [];
      // Note: the calendar, not ctx.now() (a test clock): parts end on the last day of this year.
      const lastDay = Date.UTC(new Date().getUTCFullYear(), 11, 31) / 864e5;
      await bisect(ctx, compiled, FIRST_DAY, lastDay, parts, warnings);
      for (const warning of warnings) yield { kind: 'warning', warning };
      // Note: [dp] matches the print and the electronic date, so a record can sit in two parts (the
      // sum then exceeds the total; PMIDs are deduplicated when the pages are read). A sum below the
      // total means records no date range reached.
      const sum = parts.reduce((n, p) => n + p.es.count, 0);
      if (sum < whole.es.count) yield { kind: 'warning', warning: { code: 'PUBMED_PARTS_SHORT', params: { sum, total: whole.es.count, parts: parts.length } } };
    }
    const size = ctx.pageSize;
    let left = max ?? Infinity;
    for (const { part, es, prefix } of parts) {
      if (left <= 0) break;
      if (part) yield { kind: 'part', part };
      const inPart = Math.min(es.count, PUBMED_CAP);
      for (const start of pageStarts(inPart, size, left)) {
        const name = `${pageName(start, 'xml').replace(/^page-/, `page-${prefix}`)}`;
        const old = saved.read(name);
        let records: number;
        if (old !== undefined) {
          records = countArticles(old);
          yield { kind: 'saved', name, records };
        } else {
          const params: [string, string][] = [['db', 'pubmed'], ['query_key', es.querykey], ['WebEnv', es.webenv], ['retstart', String(start)], ['retmax', String(Math.min(size, PUBMED_CAP - start))], ['retmode', 'xml'], ...common(ctx)];
          const url = joinUrl(ctx.baseUrl, 'efetch.fcgi', queryString(params));
          const text = await fetchText(ctx, url, { validate: checkEfetch });
          records = countArticles(text);
          yield { kind: 'page', page: { name, start, text, url: redactUrl(url) }, records };
        }
        if (records === 0) break;
      }
      left -= inPart;
    }
  },
  async probe(compiled, ctx) {
    const { es, url } = await esearch(ctx, compiled, compiled.query);
    const params: [string, string][] = [['db', 'pubmed'], ['query_key', es.querykey], ['WebEnv', es.webenv], ['retstart', '0'], ['retmax', '1'], ['retmode', 'xml'], ...common(ctx)];
    const xml = es.count > 0 ? await fetchText(ctx, joinUrl(ctx.baseUrl, 'efetch.fcgi', queryString(params)), { validate: checkEfetch }) : '';
    const fields = [...new Set([...xml.matchAll(/<([A-Z][A-Za-z]+)[\s>]/g)].map((m) => m[1]))].filter((f) => f !== 'PubmedArticleSet');
    const rec = xml ? (await pubmedXml.parse(xml, { file: 'probe', source: 'pubmed', database: 'MEDLINE' })).records[0] : undefined;
    return { hits: es.count, fields, doi: rec?.doi, url };
  },
  async toRecords(page, file) {
    if (!page.name.endsWith('.xml')) return { records: [], diagnostics: [], rejected: 0 };
    return pubmedXml.parse(page.text, { file, source: 'pubmed', database: 'MEDLINE' });
  },
};
