/**
 * SciELO Search (search.scielo.org, iAHx). Records come from its RIS export (`output=ris`),
 * `count` per page (max 100) from `from` (1-based); RIS carries no total, so one small
 * `output=json` request first reads the number of hits.
 */
import { compileFor } from '../core/query/index.js';
import { queryString, type CompiledQuery } from '../core/query/compiled.js';
import { fetchText, joinUrl, TruncatedAnswerError } from './http.js';
import { parseIahxPage } from './iahx.js';
import { ris } from '../formats/ris.js';
import { pageName, pageStarts } from './paging.js';
import type { SourceAdapter, SearchStep } from './types.js';

const PATH = '';
export const SCIELO_COUNT_PAGE = 'count.json';

function url(compiled: CompiledQuery, baseUrl: string, from: number, count: number, output: 'ris' | 'json'): string {
  return joinUrl(baseUrl, PATH, queryString([...compiled.params, ['count', String(count)], ['from', String(from)], ['output', output]]));
}

/** Records in a RIS text: one `ER  -` line closes each. */
export function countRis(text: string): number {
  return (text.match(/^ER {2}-/gm) ?? []).length;
}

/** A RIS page is whole when empty or when its last non-blank line closes a record. */
export function checkRisPage(text: string): void {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return;
  if (!/^TY {2}-/m.test(body)) throw new TruncatedAnswerError('answer is not RIS (no TY tag)');
  const last = body.split(/\r?\n/).pop() ?? '';
  if (!/^ER {2}-/.test(last)) throw new TruncatedAnswerError('RIS answer cut before its last ER line');
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
    const size = Math.min(100, ctx.pageSize);
    let countText = saved.read(SCIELO_COUNT_PAGE);
    const countUrl = url(compiled, ctx.baseUrl, 1, 1, 'json');
    if (countText === undefined) {
      countText = await fetchText(ctx, countUrl, { validate: (t) => void parseIahxPage(t) });
      yield { kind: 'page', page: { name: SCIELO_COUNT_PAGE, start: -1, text: countText, url: countUrl }, records: 0 };
    }
    const hits = parseIahxPage(countText).numFound;
    yield { kind: 'total', hits };
    for (const start of pageStarts(hits, size, max)) {
      const name = pageName(start, 'ris');
      const old = saved.read(name);
      if (old !== undefined) {
        yield { kind: 'saved', name, records: countRis(old) };
        continue;
      }
      const pageUrl = url(compiled, ctx.baseUrl, start + 1, size, 'ris');
      const text = await fetchText(ctx, pageUrl, { validate: checkRisPage });
      const records = countRis(text);
      yield { kind: 'page', page: { name, start, text, url: pageUrl }, records };
      if (records === 0) break;
    }
  },
  async toRecords(page, file) {
    if (!page.name.endsWith('.ris')) return { records: [], diagnostics: [], rejected: 0 };
    return ris.parse(page.text, { file, source: 'scielo', database: 'SciELO' });
  },
};
