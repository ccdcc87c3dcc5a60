/**
 * SciELO Search (search.scielo.org, iAHx), as scieloorg/search-journals serves it:
 * - records from the RIS export (`output=ris`), `count` per page (at most 100,
 *   iahx-sites/scieloorg/config/config.xml max_documents_per_page) from `from` (1-based,
 *   iahx/lib/class/dia.class.php `start = from - 1`); each page starts with a UTF-8 BOM and closes
 *   records with `ER  -` without a trailing space (iahx/views/search.php, iahx-sites/scieloorg/
 *   templates/custom/export-ris.html);
 * - the total from `output=metasearch` (`<Result><total>N</total></Result>`,
 *   iahx/templates/export-metasearch.html), which the site's own front end reads
 *   (iahx/static/js/main.js get_result_total); when that fails, RIS pages until a short one;
 * - `output=json` only with the deployment's `access_token` (iahx/views/search.php; without it the
 *   page is empty): used when SCIELO_ACCESS_TOKEN is set, never required.
 */
import { compileFor } from '../core/query/index.js';
import { queryString, type CompiledQuery } from '../core/query/compiled.js';
import { fetchText, joinUrl, redactUrl, SourceFailedError, TruncatedAnswerError, why } from './http.js';
import { iahxPageToRecords, parseIahxPage } from './iahx.js';
import { ris } from '../formats/ris.js';
import { pageName, pageStarts } from './paging.js';
import type { SourceAdapter, SearchStep, SearchContext, PageStore, SourceWarning } from './types.js';

const PATH = '';
export const SCIELO_COUNT_PAGE = 'count.xml';

function url(compiled: CompiledQuery, baseUrl: string, from: number, count: number, output: 'ris' | 'json' | 'metasearch', token?: string): string {
  const params: [string, string][] = [...compiled.params, ['count', String(count)], ['from', String(from)], ['output', output]];
  if (token) params.push(['access_token', token]);
  return joinUrl(baseUrl, PATH, queryString(params));
}

/** `<Result><query>..</query><total>N</total></Result>` to N; anything else throws TruncatedAnswerError. */
export function parseMetasearch(xml: string): number {
  const m = /<Result>[\s\S]*<total>\s*(\d+)\s*<\/total>[\s\S]*<\/Result>/.exec(xml);
  if (!m) throw new TruncatedAnswerError(why('METASEARCH_NO_TOTAL'));
  return Number(m[1]);
}

type Steps = AsyncGenerator<SearchStep, void, undefined>;

/** JSON pages (only with the deployment's token); sets `refused`, yielding nothing, when the portal answers an empty page. */
async function* jsonPages(compiled: CompiledQuery, ctx: SearchContext, saved: PageStore, max: number | undefined, refused: { value: boolean }): Steps {
  const size = Math.min(100, ctx.pageSize);
  const get = async (start: number) => {
    const name = pageName(start, 'json');
    const old = saved.read(name);
    if (old !== undefined) return { name, text: old, fresh: false, url: '' };
    const u = url(compiled, ctx.baseUrl, start + 1, size, 'json', ctx.accessToken);
    return { name, text: await fetchText(ctx, u, { validate: (t) => void (t.trim() === '' || parseIahxPage(t)) }), fresh: true, url: redactUrl(u) };
  };
  const first = await get(0);
  if (first.text.trim() === '') {
    refused.value = true;
    return;
  }
  const hits = parseIahxPage(first.text).numFound;
  yield { kind: 'total', hits };
  for (const start of pageStarts(Math.max(hits, 1), size, max)) {
    const p = start === 0 ? first : await get(start);
    const records = parseIahxPage(p.text).docs.length;
    if (p.fresh) yield { kind: 'page', page: { name: p.name, start, text: p.text, url: p.url }, records };
    else yield { kind: 'saved', name: p.name, records };
    if (records === 0) break;
  }
}

/** The total from output=metasearch (saved as count.xml); undefined when the portal does not give it. */
async function* metasearchTotal(compiled: CompiledQuery, ctx: SearchContext, saved: PageStore, out: { hits?: number }): Steps {
  let text = saved.read(SCIELO_COUNT_PAGE);
  if (text === undefined) {
    const countUrl = url(compiled, ctx.baseUrl, 1, 1, 'metasearch');
    try {
      // Note: one retry only: RIS pages can stand in for the total.
      text = await fetchText({ ...ctx, retries: Math.min(ctx.retries, 1) }, countUrl, { validate: (t) => void parseMetasearch(t) });
    } catch (e) {
      if (!(e instanceof SourceFailedError)) throw e;
      yield { kind: 'warning', warning: { code: 'SCIELO_NO_TOTAL', params: { ...e.reason.params, why: e.reason.code } } };
      return;
    }
    yield { kind: 'page', page: { name: SCIELO_COUNT_PAGE, start: -1, text, url: countUrl }, records: 0 };
  }
  out.hits = parseMetasearch(text);
}

/** Records in a RIS text: one `ER  -` line closes each. */
export function countRis(text: string): number {
  return (text.match(/^ER {2}-/gm) ?? []).length;
}

/** A RIS page is whole when empty or when its last non-blank line closes a record. */
export function checkRisPage(text: string): void {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return;
  if (!/^TY {2}-/m.test(body)) throw new TruncatedAnswerError(why('NOT_RIS'));
  const last = body.split(/\r?\n/).pop() ?? '';
  if (!/^ER {2}-/.test(last)) throw new TruncatedAnswerError(why('RIS_CUT'));
}

export const scielo: SourceAdapter = {
  id: 'scielo',
  label: 'SciELO',
  defaultBaseUrl: 'https://search.scielo.org',
  requestsPerSecond: () => 2,
  pageSize: 100,
  format: 'ris',
  manualExport: { format: 'RIS', how: 'Exportar > RIS' },
  compileQuery: (protocol) => compileFor('scielo', protocol),
  browserUrl: (compiled) => joinUrl('https://search.scielo.org', PATH, queryString(compiled.params)),
  firstUrl: (compiled, baseUrl) => url(compiled, baseUrl, 1, 100, 'ris'),
  async *search(compiled, ctx, { max, saved }): AsyncIterable<SearchStep> {
    if (ctx.accessToken) {
      const refused = { value: false };
      yield* jsonPages(compiled, ctx, saved, max, refused);
      if (!refused.value) return;
      const warning: SourceWarning = { code: 'SCIELO_TOKEN_REFUSED', params: {} };
      yield { kind: 'warning', warning };
    }
    const size = Math.min(100, ctx.pageSize);
    const total: { hits?: number } = {};
    yield* metasearchTotal(compiled, ctx, saved, total);
    if (total.hits !== undefined) yield { kind: 'total', hits: total.hits };
    // Without a total, pages are read until one comes back short (fewer than `size` records).
    const wanted = Math.min(total.hits ?? Infinity, max ?? Infinity);
    let fetched = 0;
    for (let start = 0; start < wanted; start += size) {
      const name = pageName(start, 'ris');
      const old = saved.read(name);
      let records: number;
      if (old !== undefined) {
        records = countRis(old);
        yield { kind: 'saved', name, records };
      } else {
        const pageUrl = url(compiled, ctx.baseUrl, start + 1, size, 'ris');
        const text = await fetchText(ctx, pageUrl, { validate: checkRisPage });
        records = countRis(text);
        yield { kind: 'page', page: { name, start, text, url: pageUrl }, records };
      }
      fetched += records;
      if (records === 0 || (total.hits === undefined && records < size)) break;
    }
    if (total.hits === undefined) yield { kind: 'total', hits: fetched };
  },
  async probe(compiled, ctx) {
    const u = url(compiled, ctx.baseUrl, 1, 1, 'ris');
    const text = await fetchText(ctx, u, { validate: checkRisPage });
    const hits = parseMetasearch(await fetchText(ctx, url(compiled, ctx.baseUrl, 1, 1, 'metasearch'), { validate: (t) => void parseMetasearch(t) }));
    const fields = [...new Set([...text.replace(/^\uFEFF/, '').matchAll(/^([A-Z][A-Z0-9]) {2}-/gm)].map((m) => m[1]))];
    const rec = (await ris.parse(text, { file: 'probe', source: 'scielo', database: 'SciELO' })).records[0];
    return { hits, fields, doi: rec?.doi, url: u };
  },
  async toRecords(page, file) {
    if (page.name.endsWith('.json')) return iahxPageToRecords(page.text, 'scielo', file);
    if (!page.name.endsWith('.ris')) return { records: [], diagnostics: [], rejected: 0 };
    return ris.parse(page.text, { file, source: 'scielo', database: 'SciELO' });
  },
};
