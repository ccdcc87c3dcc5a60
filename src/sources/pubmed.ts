/**
 * PubMed through NCBI E-utilities: esearch with `usehistory=y` (count, WebEnv, query_key), then
 * efetch in batches (`retstart`/`retmax`, XML) parsed by the PubMed XML importer. 3 requests a
 * second without an API key, 10 with one; the key travels as `api_key` and is never saved.
 */
import { compileFor } from '../core/query/index.js';
import { queryString } from '../core/query/compiled.js';
import { TOOL_NAME } from '../core/version.js';
import { fetchText, joinUrl, redactUrl, TruncatedAnswerError } from './http.js';
import { pubmedXml } from '../formats/pubmed-xml.js';
import { pageName, pageStarts } from './paging.js';
import type { SourceAdapter, SearchStep } from './types.js';

export const ESEARCH_PAGE = 'esearch.json';

export interface EsearchResult {
  count: number;
  webenv: string;
  querykey: string;
}

/** Read esearch's JSON answer; a cut body throws TruncatedAnswerError, an error message from NCBI throws Error. */
export function parseEsearch(text: string): EsearchResult {
  let data: { esearchresult?: Record<string, unknown>; error?: string };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new TruncatedAnswerError(`unreadable esearch JSON (${text.length} bytes)`);
  }
  const r = data.esearchresult;
  if (!r) throw new TruncatedAnswerError(data.error ? `esearch error: ${data.error}` : 'esearch JSON without esearchresult');
  if (r.ERROR) throw new Error(`PubMed refused the query: ${String(r.ERROR)}`);
  return { count: Number(r.count ?? 0), webenv: String(r.webenv ?? ''), querykey: String(r.querykey ?? '') };
}

/** Articles in an efetch answer. */
export function countArticles(xml: string): number {
  return (xml.match(/<Pubmed(Book)?Article[\s>]/g) ?? []).length;
}

/** An efetch answer is whole when it closes its PubmedArticleSet. */
export function checkEfetch(xml: string): void {
  if (!/<\/PubmedArticleSet>\s*$/.test(xml)) throw new TruncatedAnswerError('efetch XML cut before </PubmedArticleSet>');
}

function common(apiKey?: string): [string, string][] {
  return apiKey ? [['tool', TOOL_NAME], ['api_key', apiKey]] : [['tool', TOOL_NAME]];
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
    const esUrl = joinUrl(ctx.baseUrl, 'esearch.fcgi', queryString([...compiled.params, ['retmax', '0'], ...common(ctx.apiKey)]));
    const esText = await fetchText(ctx, esUrl, { validate: (t) => void parseEsearch(t) });
    const es = parseEsearch(esText);
    yield { kind: 'page', page: { name: ESEARCH_PAGE, start: -1, text: esText, url: redactUrl(esUrl) }, records: 0 };
    yield { kind: 'total', hits: es.count };
    const size = ctx.pageSize;
    for (const start of pageStarts(es.count, size, max)) {
      const name = pageName(start, 'xml');
      const old = saved.read(name);
      if (old !== undefined) {
        yield { kind: 'saved', name, records: countArticles(old) };
        continue;
      }
      const params: [string, string][] = [['db', 'pubmed'], ['query_key', es.querykey], ['WebEnv', es.webenv], ['retstart', String(start)], ['retmax', String(size)], ['retmode', 'xml'], ...common(ctx.apiKey)];
      const url = joinUrl(ctx.baseUrl, 'efetch.fcgi', queryString(params));
      const text = await fetchText(ctx, url, { validate: checkEfetch });
      const records = countArticles(text);
      yield { kind: 'page', page: { name, start, text, url: redactUrl(url) }, records };
      if (records === 0) break;
    }
  },
  async toRecords(page, file) {
    if (!page.name.endsWith('.xml')) return { records: [], diagnostics: [], rejected: 0 };
    return pubmedXml.parse(page.text, { file, source: 'pubmed', database: 'MEDLINE' });
  },
};
