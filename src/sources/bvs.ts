/**
 * BVS portal (pesquisa.bvsalud.org) through its iAHx JSON output: `q` and the filters of the
 * compiled query, `count` records per page (max 100) from `from` (1-based), `output=json`.
 * Contract read in bireme/iahx-opac src/Controller/SearchController.php and src/Service/SearchSolr.php:
 * `count` is capped at max_documents_per_page, `start = from - 1`, `output=json` returns the iAHx
 * answer as is, and a query with unbalanced quotes or parentheses is never searched (the JSON
 * output is then an empty 200 page, which this client reports as a rejected query).
 */
import { compileFor } from '../core/query/index.js';
import { queryString, type CompiledQuery } from '../core/query/compiled.js';
import { fetchText, joinUrl, QueryRejectedError } from './http.js';
import { iahxPageToRecords, parseIahxPage } from './iahx.js';
import { pageName, pageStarts } from './paging.js';
import type { SourceAdapter, SearchStep, SearchContext } from './types.js';

const PATH = 'portal/';

function pageUrl(compiled: CompiledQuery, baseUrl: string, from: number, count: number): string {
  return joinUrl(baseUrl, PATH, queryString([...compiled.params, ['count', String(count)], ['from', String(from)], ['output', 'json']]));
}

/** GET one JSON page; an empty 200 answer means the portal did not run the query. */
function fetchPage(ctx: SearchContext, url: string): Promise<string> {
  return fetchText(ctx, url, {
    validate: (t) => {
      if (t.trim() === '') throw new QueryRejectedError(url, 'EMPTY_PAGE', '');
      parseIahxPage(t);
    },
  });
}

export const bvs: SourceAdapter = {
  id: 'bvs',
  label: 'BVS',
  defaultBaseUrl: 'https://pesquisa.bvsalud.org',
  // Note: nginx in front of the portal allows 10 requests/s per IP with no burst
  // (bireme/iahx-opac docker/nginx/nginx.conf); 2 a second stays well clear of it.
  requestsPerSecond: () => 2,
  pageSize: 100,
  format: 'iahx-json',
  manualExport: { format: 'RIS', how: 'Exportar > RIS (or CSV)' },
  compileQuery: (protocol) => compileFor('bvs', protocol),
  browserUrl: (compiled) => joinUrl('https://pesquisa.bvsalud.org', PATH, queryString(compiled.params)),
  firstUrl: (compiled, baseUrl) => pageUrl(compiled, baseUrl, 1, 100),
  async *search(compiled, ctx, { max, saved }): AsyncIterable<SearchStep> {
    const size = Math.min(100, ctx.pageSize);
    const get = async (start: number): Promise<{ text: string; fresh: boolean; url: string }> => {
      const url = pageUrl(compiled, ctx.baseUrl, start + 1, size);
      const old = saved.read(pageName(start, 'json'));
      if (old !== undefined) return { text: old, fresh: false, url };
      return { text: await fetchPage(ctx, url), fresh: true, url };
    };
    const first = await get(0);
    const page1 = parseIahxPage(first.text);
    yield { kind: 'total', hits: page1.numFound };
    // Note: an empty result is still saved: its page is the proof of zero hits.
    if (page1.numFound === 0 && first.fresh) yield { kind: 'page', page: { name: pageName(0, 'json'), start: 0, text: first.text, url: first.url }, records: 0 };
    for (const start of pageStarts(page1.numFound, size, max)) {
      const p = start === 0 ? first : await get(start);
      const records = start === 0 ? page1.docs.length : parseIahxPage(p.text).docs.length;
      if (p.fresh) yield { kind: 'page', page: { name: pageName(start, 'json'), start, text: p.text, url: p.url }, records };
      else yield { kind: 'saved', name: pageName(start, 'json'), records };
      if (records === 0) break;
    }
  },
  async probe(compiled, ctx) {
    const url = pageUrl(compiled, ctx.baseUrl, 1, 1);
    const page = parseIahxPage(await fetchPage(ctx, url));
    const doc = page.docs[0] ?? {};
    const rec = page.docs.length ? iahxPageToRecords(JSON.stringify({ response: { numFound: 1, start: 0, docs: [doc] } }), 'bvs', 'probe').records[0] : undefined;
    return { hits: page.numFound, fields: Object.keys(doc), doi: rec?.doi, url };
  },
  async toRecords(page, file) {
    return iahxPageToRecords(page.text, 'bvs', file);
  },
};
