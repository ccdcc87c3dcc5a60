/**
 * Each client against its stand-in, one behaviour of the service's public contract per test
 * (the stand-ins and the public source of each behaviour: test/helpers/fakeServer.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventsOfType } from '../../src/core/events.js';
import { compileFor } from '../../src/core/query/index.js';
import { Review } from '../../src/project/review.js';
import { runSearch, type SearchEvent } from '../../src/stages/search/run.js';
import { createHttpClient, createRateLimiter } from '../../src/sources/http.js';
import { SOURCES } from '../../src/sources/index.js';
import { PUBMED_CAP } from '../../src/sources/pubmed.js';
import { TOOL_NAME } from '../../src/core/version.js';
import type { HttpNotice, SearchContext } from '../../src/sources/types.js';
import { article, bvsMatches, startFakeServer, type FakeServer } from '../helpers/fakeServers.js';
import { tempDir } from '../helpers/cli.js';
import { fastContext, newReview } from './helpers.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer({ hits: { bvs: 237, scielo: 143, pubmed: 412 } });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** A review whose protocol is the seed `matriciamento-cuidados-paliativos` with `edit` applied to its YAML. */
function reviewWith(edit: (yaml: string) => string): string {
  const seed = fs.readFileSync(path.resolve('protocols', 'matriciamento-cuidados-paliativos.yaml'), 'utf8');
  const tmp = tempDir('review-contract-');
  const file = path.join(tmp, 'p.yaml');
  fs.writeFileSync(file, edit(seed));
  const dir = path.join(tmp, 'rev');
  Review.init(dir, file).close();
  return dir;
}

async function run(source: 'bvs' | 'scielo' | 'pubmed', dir: string, ctx: Partial<SearchContext> = {}) {
  const review = Review.open(dir, { writer: 'search' });
  try {
    const outcome = await runSearch(review, SOURCES[source], fastContext(server.baseUrls[source], { pageSize: SOURCES[source].pageSize, ...ctx }));
    return { outcome, records: review.records(), events: eventsOfType<SearchEvent>(review.events, 'search') };
  } finally {
    review.close();
  }
}

describe('BVS portal (bireme/iahx-opac)', () => {
  it('reads the DOI from aid and detects the language of each title in the shared ti array', async () => {
    const { outcome, records } = await run('bvs', newReview());
    expect(outcome).toMatchObject({ status: 'complete', hits: 237, fetched: 237 });
    for (const r of records) {
      const a = article('bvs', Number(r.bvsId!.replace(/^\D+-/, '')) - (r.bvsId!.startsWith('mdl') ? 31000001 : 1000001));
      expect(r.doi).toBe(a.doi);
      const original = r.titles.find((x) => x.original);
      expect(original?.lang).toBe(a.la);
      expect(original?.text).toBe(a.la === 'es' ? a.tiEs : a.la === 'en' ? a.tiEn : a.tiPt);
      expect(new Set(r.titles.map((x) => x.lang)).size).toBe(r.titles.length);
    }
    expect(records.filter((r) => r.doi).length).toBe(237 - Math.floor(237 / 7));
  });

  it('completes a one-bound year range, which the portal would ignore, and the records keep to it', async () => {
    const dir = reviewWith((y) => y.replace('limits:\n', 'limits:\n  years: { from: 2019 }\n'));
    const { outcome, records, events } = await run('bvs', dir);
    const asked = new URLSearchParams(outcome.compiled.params);
    expect(server.requests[0].query).toMatchObject({ range_year_start: '2019', range_year_end: String(new Date().getUTCFullYear()) });
    expect(asked.get('range_year_start')).toBe('2019');
    expect(asked.get('range_year_end')).toBe(String(new Date().getUTCFullYear()));
    expect(outcome.hits).toBe(bvsMatches(237, asked).length);
    expect(outcome.hits).toBeLessThan(237);
    expect(records.every((r) => r.year! >= 2019)).toBe(true);
    expect(events[0].limits).toContainEqual({ code: 'years', field: 'year', value: `2019-${new Date().getUTCFullYear()}` });
    // The stand-in, like the portal, ignores one bound alone: the completion is what made the difference.
    const oneBound = new URLSearchParams(asked);
    oneBound.delete('range_year_end');
    expect(bvsMatches(237, oneBound).length).toBe(237);
  });

  it('maps document types to the portal\'s type and type_of_study, and names the allowed values for others', () => {
    const compiled = (types: string) => compileFor('bvs', Review.open(reviewWith((y) => y.replace('limits:\n', `limits:\n  documentTypes: [${types}]\n`))).protocol);
    expect(compiled('article, thesis').params.filter(([k]) => k.startsWith('filter[type'))).toEqual([['filter[type][]', 'article'], ['filter[type][]', 'thesis']]);
    expect(compiled('case-report').params.filter(([k]) => k.startsWith('filter[type'))).toEqual([['filter[type_of_study][]', 'case_reports']]);
    const mixed = compiled('article, review');
    expect(mixed.query.endsWith(' AND (type:article OR type_of_study:systematic_reviews)')).toBe(true);
    expect(mixed.params.some(([k]) => k.startsWith('filter[type'))).toBe(false);
    const bad = compiled('editorial').warnings.find((w) => w.code === 'UNKNOWN_DOCUMENT_TYPE');
    expect(bad?.params.type).toBe('editorial');
    expect(String(bad?.params.allowed)).toContain('article, monography, thesis');
    expect(String(bad?.params.allowed)).toContain('case_reports');
  });

  it('reports an empty 200 page as a rejected query, without retrying it', async () => {
    const dir = reviewWith((y) => y.replace('- keyword: apoio matricial', '- keyword: "apoio matricial (AM"'));
    const { outcome, events } = await run('bvs', dir);
    expect(outcome.failure).toEqual({ kind: 'query', code: 'EMPTY_PAGE', reason: '' });
    expect(server.requests.length).toBe(1);
    expect(events).toEqual([]);
  });

  it('backs off and lowers its pace on 429 without Retry-After (nginx limit_req), and loses nothing', async () => {
    server.setBvsRateLimit(4);
    const notices: HttpNotice[] = [];
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const ctx: Partial<SearchContext> = { http: createHttpClient(), pageSize: 20, backoffMs: 50, retries: 8, sleep, now: () => Date.now(), limiter: createRateLimiter(16, () => Date.now(), sleep), notify: (n) => notices.push(n) };
    const { outcome, records } = await run('bvs', newReview(), ctx);
    expect(outcome).toMatchObject({ status: 'complete', fetched: 237 });
    expect(new Set(records.map((r) => r.bvsId)).size).toBe(237);
    expect(server.rateLimited()).toBeGreaterThan(0);
    const slowed = notices.filter((n) => n.kind === 'rate-limited').map((n) => n.perSecond!);
    expect(slowed.length).toBe(server.rateLimited());
    expect(slowed[0]).toBe(8);
    expect(slowed.every((r, i) => i === 0 || r < slowed[i - 1])).toBe(true);
    expect(ctx.limiter!.perSecond!()).toBeLessThanOrEqual(4);
  });
});

describe('SciELO Search (scieloorg/search-journals)', () => {
  it('reads the total from output=metasearch and the records from BOM\'d RIS pages, never asking for JSON without a token', async () => {
    const { outcome, records } = await run('scielo', newReview());
    expect(outcome).toMatchObject({ status: 'complete', hits: 143, fetched: 143, warnings: [] });
    expect(server.requests.map((r) => r.query.output)).toEqual(['metasearch', 'ris', 'ris']);
    expect(records.map((r) => r.scieloPid)).toEqual(Array.from({ length: 143 }, (_, i) => article('scielo', i).pid));
    expect(records.map((r) => r.doi)).toEqual(Array.from({ length: 143 }, (_, i) => article('scielo', i).doi));
  });

  it('falls back to RIS pages until a short one when metasearch fails', async () => {
    server.setFaults([{ source: 'scielo', from: 0, kind: '500', times: 'always' }]);
    const { outcome, records } = await run('scielo', newReview(), { retries: 3 });
    expect(outcome).toMatchObject({ status: 'complete', hits: 143, fetched: 143 });
    expect(outcome.warnings).toEqual([{ code: 'SCIELO_NO_TOTAL', params: { why: 'HTTP', status: 500 } }]);
    expect(records.length).toBe(143);
    // Two metasearch tries at most, then RIS from 1 and 101 (short: 43 records, so no third page).
    expect(server.requests.filter((r) => r.query.output === 'ris').map((r) => r.query.from)).toEqual(['1', '101']);
  });

  it('uses JSON with SCIELO_ACCESS_TOKEN, keeps the token out of the review, and falls back when it is refused', async () => {
    const dir = newReview();
    const { outcome, records } = await run('scielo', dir, { accessToken: server.scieloToken });
    expect(outcome).toMatchObject({ status: 'complete', hits: 143, fetched: 143 });
    expect(server.requests.every((r) => r.query.output === 'json')).toBe(true);
    expect(records.filter((r) => r.doi).length).toBe(143 - Math.floor(143 / 7));
    const files = fs.readdirSync(path.join(dir, 'data', 'searches', outcome.searchId));
    for (const f of files) expect(fs.readFileSync(path.join(dir, 'data', 'searches', outcome.searchId, f), 'utf8')).not.toContain(server.scieloToken);
    server.reset();
    const refused = await run('scielo', newReview(), { accessToken: 'wrong-token' });
    expect(refused.outcome).toMatchObject({ status: 'complete', fetched: 143, warnings: [{ code: 'SCIELO_TOKEN_REFUSED', params: {} }] });
  });
});

describe('PubMed (NCBI E-utilities)', () => {
  it('sends tool and email, turns errorlist/warninglist into warnings in the search log, and POSTs a long term', async () => {
    server.setUnknownPhrases(['apoyo matricial']);
    const dir = reviewWith((y) => y.replace('variants: [', `variants: [${Array.from({ length: 90 }, (_, i) => `termo longo número ${i}`).join(', ')}, `));
    const { outcome, events } = await run('pubmed', dir, { email: 'pesquisadora@example.org' });
    expect(outcome.status).toBe('complete');
    const es = server.requests.filter((r) => r.path.endsWith('esearch.fcgi'));
    expect(es[0]).toMatchObject({ method: 'POST', query: { tool: TOOL_NAME, email: 'pesquisadora@example.org' } });
    expect(server.requests.filter((r) => r.path.endsWith('efetch.fcgi')).every((r) => r.query.email === 'pesquisadora@example.org' && r.query.tool === TOOL_NAME)).toBe(true);
    expect(events[0].warnings).toEqual([
      { code: 'PUBMED_PHRASE_NOT_FOUND', params: { phrases: 'apoyo matricial' } },
      { code: 'PUBMED_QUOTED_PHRASE_NOT_FOUND', params: { phrases: 'apoyo matricial' } },
    ]);
    expect(JSON.stringify(events)).not.toContain('pesquisadora@example.org');
  });

  it('splits a 12,000-hit search by [dp] date ranges under the 9,999 wall and brings every PMID once', async () => {
    const big = await startFakeServer({ hits: { pubmed: 12_000 } });
    try {
      const dir = newReview();
      const review = Review.open(dir, { writer: 'search' });
      const outcome = await runSearch(review, SOURCES.pubmed, fastContext(big.baseUrls.pubmed, { pageSize: 500 }));
      const records = review.records();
      const [ev] = eventsOfType<SearchEvent>(review.events, 'search');
      review.close();
      expect(outcome).toMatchObject({ status: 'complete', hits: 12_000, fetched: 12_000 });
      expect(new Set(records.map((r) => r.pmid)).size).toBe(12_000);
      expect(records.map((r) => r.pmid).sort()).toEqual(Array.from({ length: 12_000 }, (_, i) => article('pubmed', i).pmid).sort());
      expect(ev.parts!.length).toBeGreaterThan(1);
      // [dp] also matches the electronic date: a record published online before print can sit in two
      // parts; the parts cover at least the total and the PMIDs are kept once.
      const sum = ev.parts!.reduce((n, p) => n + p.hits, 0);
      expect(sum).toBeGreaterThanOrEqual(12_000);
      expect(outcome.duplicates).toBe(sum - 12_000);
      for (const p of ev.parts!) {
        expect(p.hits).toBeLessThanOrEqual(PUBMED_CAP);
        expect(p.query).toBe(`${outcome.compiled.query} AND ("${p.from}"[dp] : "${p.to}"[dp])`);
      }
      expect(ev.warnings).toBeUndefined();
      // Parts are consecutive and do not overlap.
      for (let i = 1; i < ev.parts!.length; i++) expect(Date.parse(ev.parts![i].from)).toBeGreaterThan(Date.parse(ev.parts![i - 1].to));
      expect(big.requests.filter((r) => r.path.endsWith('efetch.fcgi')).every((r) => Number(r.query.retstart) < PUBMED_CAP)).toBe(true);
    } finally {
      await big.close();
    }
  }, 300_000);

  it('says so, and marks the search partial, when one day alone holds more than 9,999 records', async () => {
    const big = await startFakeServer({ hits: { pubmed: 10_200 }, pubmedSameDay: true });
    try {
      const dir = newReview();
      const review = Review.open(dir, { writer: 'search' });
      const outcome = await runSearch(review, SOURCES.pubmed, fastContext(big.baseUrls.pubmed, { pageSize: 2000 }));
      const [ev] = eventsOfType<SearchEvent>(review.events, 'search');
      review.close();
      expect(outcome).toMatchObject({ status: 'partial', hits: 10_200 });
      // The day's first 9,999, plus what the online-first dates (another part) bring; never all.
      expect(outcome.fetched).toBeGreaterThanOrEqual(PUBMED_CAP);
      expect(outcome.fetched).toBeLessThan(10_200);
      expect(ev.warnings).toEqual([{ code: 'PUBMED_DAY_OVER_CAP', params: { day: '2020/01/01', hits: 10_200, cap: PUBMED_CAP } }]);
      expect(ev.parts).toContainEqual({ from: '2020/01/01', to: '2020/01/01', query: `${outcome.compiled.query} AND ("2020/01/01"[dp] : "2020/01/01"[dp])`, hits: 10_200 });
      expect(big.requests.filter((r) => r.path.endsWith('efetch.fcgi')).every((r) => Number(r.query.retstart) + Number(r.query.retmax) <= PUBMED_CAP)).toBe(true);
    } finally {
      await big.close();
    }
  });
});
