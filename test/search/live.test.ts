import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventsOfType, type ImportEvent } from '../../src/core/events.js';
import { Review } from '../../src/project/review.js';
import { runSearch, type SearchEvent } from '../../src/stages/search/run.js';
import { SOURCES } from '../../src/sources/index.js';
import { USER_AGENT, redactUrl, parseRetryAfter } from '../../src/sources/http.js';
import { TOOL_NAME, TOOL_VERSION } from '../../src/core/version.js';
import { article, startFakeServer, type FakeServer } from '../helpers/fakeServers.js';
import { allFiles, fastContext, newReview } from './helpers.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer({ hits: { bvs: 237, scielo: 143, pubmed: 412 } });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const expectedIds = {
  bvs: (n: number) => Array.from({ length: n }, (_, i) => article('bvs', i).bvsId),
  scielo: (n: number) => Array.from({ length: n }, (_, i) => article('scielo', i).pid),
  pubmed: (n: number) => Array.from({ length: n }, (_, i) => article('pubmed', i).pmid),
};
const idOf = {
  bvs: (r: { bvsId?: string }) => r.bvsId,
  scielo: (r: { scieloPid?: string }) => r.scieloPid,
  pubmed: (r: { pmid?: string }) => r.pmid,
};

async function search(source: 'bvs' | 'scielo' | 'pubmed', dir: string, opts: { resume?: boolean; max?: number; apiKey?: string; ctx?: Parameters<typeof fastContext>[1] } = {}) {
  const review = Review.open(dir, { writer: 'search' });
  const ctx = fastContext(server.baseUrls[source], { pageSize: SOURCES[source].pageSize, apiKey: opts.apiKey, ...opts.ctx });
  try {
    const outcome = await runSearch(review, SOURCES[source], ctx, { resume: opts.resume, max: opts.max });
    return { outcome, ctx, review };
  } finally {
    review.close();
  }
}

describe('a full search of each source against the local server', () => {
  for (const source of ['bvs', 'scielo', 'pubmed'] as const)
    it(`${source}: fetches every page, adds each record once and logs the search`, async () => {
      const dir = newReview();
      const { outcome } = await search(source, dir);
      const hits = server.hits[source];
      expect(outcome).toMatchObject({ status: 'complete', hits, fetched: hits, duplicates: 0, resumed: false });
      const review = Review.open(dir);
      const records = review.records();
      expect(records.map((r) => idOf[source](r as never))).toEqual(expectedIds[source](hits));
      expect(new Set(records.map((r) => r.id)).size).toBe(hits);
      expect(records[0].provenance).toMatchObject({ source, importId: outcome.importId, file: expect.stringMatching(new RegExp(`^search:${outcome.searchId}/page-000001\\.`)) });
      const [imp] = eventsOfType<ImportEvent>(review.events, 'import');
      expect(imp).toMatchObject({ file: `search:${outcome.searchId}`, source, searchId: outcome.searchId, recordsRead: hits, format: SOURCES[source].format });
      const [ev] = eventsOfType<SearchEvent>(review.events, 'search');
      expect(ev).toMatchObject({
        searchId: outcome.searchId, source, status: 'complete', hits, fetched: hits, importId: imp.importId, toolVersion: TOOL_VERSION,
        platform: outcome.compiled.platform, databases: outcome.compiled.databases, query: outcome.compiled.query, limits: outcome.compiled.limits, resumed: false,
      });
      expect(ev.url.startsWith(server.baseUrls[source])).toBe(true);
      expect(Date.parse(ev.startedAt)).toBeLessThanOrEqual(Date.parse(ev.at));
      // Raw pages are kept for offline re-parsing.
      const pages = fs.readdirSync(path.join(dir, 'data', 'searches', outcome.searchId)).filter((n) => n.startsWith('page-'));
      expect(pages.length).toBe(Math.ceil(hits / SOURCES[source].pageSize));
      expect(server.requests.every((r) => r.userAgent === USER_AGENT)).toBe(true);
      expect(USER_AGENT).toBe(`${TOOL_NAME}/${TOOL_VERSION} (+literature review tool)`);
      review.close();
    });

  it('stops at --max and says the search is partial', async () => {
    const dir = newReview();
    const { outcome } = await search('bvs', dir, { max: 150 });
    expect(outcome).toMatchObject({ status: 'partial', hits: 237, fetched: 150 });
    expect(server.requests.filter((r) => r.path.startsWith('/bvs')).map((r) => r.query.from)).toEqual(['1', '101']);
  });
});

describe('faults', () => {
  it('survives 429 with Retry-After, 500s, a cut connection, a cut body and a slow answer without losing or repeating records', async () => {
    server.setFaults([
      { source: 'bvs', from: 1, kind: 'truncate' },
      { source: 'bvs', from: 101, kind: '429', retryAfter: 3 },
      { source: 'bvs', from: 201, kind: '500', times: 2 },
      { source: 'bvs', from: 201, kind: 'cut-body' },
      { source: 'bvs', from: 101, kind: 'slow', delayMs: 600 },
    ]);
    const dir = newReview();
    const { outcome, ctx } = await search('bvs', dir, { ctx: { timeoutMs: 250 } });
    expect(server.pendingFaults()).toEqual([]);
    expect(outcome).toMatchObject({ status: 'complete', hits: 237, fetched: 237, duplicates: 0 });
    expect(ctx.waits).toContain(3000);
    const review = Review.open(dir);
    expect(review.records().map((r) => r.bvsId)).toEqual(expectedIds.bvs(237));
    review.close();
  });

  it('survives faults on esearch and efetch (PubMed) and on the count and RIS pages (SciELO)', async () => {
    server.setFaults([
      { source: 'pubmed', from: 0, kind: '500', status: 503 },
      { source: 'pubmed', from: 201, kind: 'truncate' },
      { source: 'pubmed', from: 401, kind: 'cut-body' },
      { source: 'scielo', from: 0, kind: '429', retryAfter: 1 },
      { source: 'scielo', from: 101, kind: 'cut-body' },
    ]);
    const a = await search('pubmed', newReview());
    expect(a.outcome).toMatchObject({ status: 'complete', fetched: 412, duplicates: 0 });
    const b = await search('scielo', newReview());
    expect(b.outcome).toMatchObject({ status: 'complete', fetched: 143, duplicates: 0 });
    expect(server.pendingFaults()).toEqual([]);
  });

  it('gives up after the retries with a message that keeps the saved pages for --resume', async () => {
    server.setFaults([{ source: 'bvs', from: 101, kind: '500', times: 'always' }]);
    const dir = newReview();
    const failed = await search('bvs', dir, { ctx: { retries: 2 } });
    expect(failed.outcome).toMatchObject({ status: 'failed', failure: { kind: 'failed', why: { code: 'HTTP', params: { status: 500 } }, attempts: 3 }, fetched: 0 });
    const review = Review.open(dir);
    expect(eventsOfType(review.events, 'search')).toEqual([]);
    review.close();
    server.reset();
    const { outcome } = await search('bvs', dir, { resume: true });
    expect(outcome).toMatchObject({ status: 'complete', fetched: 237, pagesReused: 1, pagesFetched: 2, resumed: true });
    expect(server.requests.map((r) => r.query.from)).toEqual(['101', '201']);
  });

  it('resumes PubMed (new esearch, saved batches kept) and SciELO (saved count reused) without refetching', async () => {
    for (const [source, from, expected] of [['pubmed', 201, [['esearch', undefined], ['efetch', '200'], ['efetch', '400']]], ['scielo', 101, [['', '101']]]] as const) {
      server.reset();
      server.setFaults([{ source, from, kind: '500', times: 'always' }]);
      const dir = newReview();
      expect((await search(source, dir, { ctx: { retries: 1 } })).outcome.failure).toMatchObject({ kind: 'failed', why: { code: 'HTTP', params: { status: 500 } } });
      server.reset();
      const { outcome } = await search(source, dir, { resume: true });
      expect(outcome).toMatchObject({ status: 'complete', fetched: server.hits[source], duplicates: 0, resumed: true, pagesReused: 1 });
      const seen = server.requests.map((r) => [r.path.split('/').pop()!.replace('.fcgi', ''), source === 'pubmed' ? r.query.retstart : r.query.from]);
      expect(seen).toEqual(expected);
    }
  });

  it('refuses to wait for a Retry-After longer than allowed', async () => {
    server.setFaults([{ source: 'bvs', from: 1, kind: '429', retryAfter: 3600 }]);
    const { outcome } = await search('bvs', newReview());
    expect(outcome.failure).toEqual({ kind: 'failed', why: { code: 'RETRY_AFTER', params: { seconds: 3600 } }, attempts: 1 });
  });
});

describe('blocked portal', () => {
  for (const kind of ['html', '403'] as const)
    it(`stops on a ${kind === 'html' ? 'captcha page' : '403 CDN page'}, logs a blocked search and resumes later`, async () => {
      server.setFaults([{ source: 'bvs', from: 101, kind }]);
      const dir = newReview();
      const first = await search('bvs', dir);
      expect(first.outcome.status).toBe('blocked');
      expect(first.outcome.blocked?.reason.code).toBe(kind === 'html' ? 'CAPTCHA' : 'CDN_BLOCK');
      let review = Review.open(dir);
      expect(eventsOfType(review.events, 'import')).toEqual([]);
      expect(eventsOfType<SearchEvent>(review.events, 'search')).toEqual([expect.objectContaining({ status: 'blocked', fetched: 0, hits: 237, blockedReason: first.outcome.blocked?.reason.code })]);
      review.close();
      // Only one request after the block: no retry hammering a portal that refuses us.
      expect(server.requests.map((r) => r.query.from)).toEqual(['1', '101']);
      server.reset();
      const second = await search('bvs', dir, { resume: true });
      expect(second.outcome).toMatchObject({ status: 'complete', fetched: 237, searchId: first.outcome.searchId, pagesReused: 1 });
      review = Review.open(dir);
      expect(review.records().length).toBe(237);
      review.close();
    });
});

describe('keys', () => {
  it('sends the NCBI key but never writes it into the review folder', async () => {
    const key = 'NCBI-SEGREDO-7f3a9c';
    const dir = newReview();
    const { outcome } = await search('pubmed', dir, { apiKey: key });
    expect(outcome.status).toBe('complete');
    expect(server.requests.filter((r) => r.path.includes('eutils')).every((r) => r.query.api_key === key)).toBe(true);
    for (const f of allFiles(dir)) expect(fs.readFileSync(f, 'utf8')).not.toContain(key);
  });

  it('redacts keys from URLs and reads Retry-After in both forms', () => {
    expect(redactUrl('http://x/esearch.fcgi?db=pubmed&api_key=ABC&term=a')).toBe('http://x/esearch.fcgi?db=pubmed&term=a');
    expect(redactUrl('http://x/efetch.fcgi?query_key=1&api_key=ABC')).toBe('http://x/efetch.fcgi?query_key=1');
    expect(redactUrl('http://x/?apikey=Z&q=1')).toBe('http://x/?q=1');
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
