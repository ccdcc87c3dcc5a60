import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { iahxPageToRecords, parseAuthor, parseSource } from '../../src/sources/iahx.js';
import { createRateLimiter, looksLikeHtml } from '../../src/sources/http.js';
import { SOURCES } from '../../src/sources/index.js';
import { checkRisPage, countRis, parseMetasearch } from '../../src/sources/scielo.js';
import { checkEfetch, countArticles, parseEsearch } from '../../src/sources/pubmed.js';
import { pageName, pageStarts } from '../../src/sources/paging.js';
import { Review } from '../../src/project/review.js';
import { readSearchRecords, runSearch } from '../../src/stages/search/run.js';
import { fixturePath, ROOT } from '../helpers/cli.js';
import { startFakeServer } from '../helpers/fakeServers.js';
import { fastContext, newReview } from './helpers.js';

describe('iAHx JSON to records', () => {
  it('maps a BVS page (ti/ab arrays of mixed languages, DOI in aid) field by field and keeps unknown fields', () => {
    const res = iahxPageToRecords(fs.readFileSync(fixturePath('sources', 'bvs', 'page-000001.json'), 'utf8'), 'bvs', 'search:s001-bvs/page-000001.json');
    expect(res.diagnostics).toEqual([]);
    expect(res.records).toHaveLength(4);
    const [a, , c, d] = res.records;
    expect(a.titles).toEqual([
      { lang: 'pt', text: 'Matriciamento em saúde mental na atenção básica em Campinas (SP): estudo 1', original: true },
      { lang: 'es', text: 'Apoyo matricial en salud mental en la atención básica en Campinas (SP): estudio 1' },
      { lang: 'en', text: 'Matrix support in mental health in primary care in Campinas (SP): study 1' },
    ]);
    expect(a.authors).toEqual([{ family: 'Silva', given: 'Maria José' }]);
    expect(a).toMatchObject({ year: 2007, journal: 'Rev. bras. enferm', volume: '60', issue: '1', pages: '100-108', doi: '10.1590/fake.bvs.00001', bvsId: 'biblio-1000001', issn: '0034-7167', languages: ['pt'], documentType: 'article', fullText: true });
    expect(a.descriptors).toEqual(['Saúde Mental', 'Atenção Primária à Saúde', 'Enfermagem Psiquiátrica/métodos']);
    expect(a.provenance).toEqual({ source: 'bvs', database: 'LILACS', file: 'search:s001-bvs/page-000001.json', line: 1, sourceId: 'biblio-1000001', format: 'iahx-json' });
    expect(a.extra).toEqual({ cp: ['BR'], entry_date: ['20070615'] });
    expect(c).toMatchObject({ bvsId: 'mdl-31000003', pmid: '31000003', provenance: expect.objectContaining({ database: 'MEDLINE' }) });
    // A Spanish record: its Spanish title comes first in `ti` and is detected as such, not assumed Portuguese.
    expect(d.titles.map((x) => [x.lang, !!x.original])).toEqual([['es', true], ['pt', false], ['en', false]]);
    expect(d.doi).toBe('10.1590/fake.bvs.00004');
    // `doi` is still read when `aid` is absent.
    const old = JSON.parse(fs.readFileSync(fixturePath('sources', 'bvs', 'page-000001.json'), 'utf8'));
    const doc = old.diaServerResponse[0].response.docs[0];
    doc.doi = [doc.aid.toUpperCase()];
    delete doc.aid;
    delete doc.ur;
    expect(iahxPageToRecords(JSON.stringify(old), 'bvs', 'p.json').records[0].doi).toBe('10.1590/fake.bvs.00001');
  });

  it('reads author names and the BVS source string', () => {
    expect(parseAuthor('Gonçalves, Ana Cláudia')).toEqual({ family: 'Gonçalves', given: 'Ana Cláudia' });
    expect(parseAuthor('Ministério da Saúde')).toEqual({ family: 'Ministério da Saúde', literal: 'Ministério da Saúde' });
    expect(parseSource('Ciênc. saúde coletiva;24(3): 1012-1020, mar. 2019')).toEqual({ journal: 'Ciênc. saúde coletiva', volume: '24', issue: '3', pages: '1012-1020' });
    expect(parseSource('Saúde debate;42(spe2): e118, 2018')).toEqual({ journal: 'Saúde debate', volume: '42', issue: 'spe2', pages: 'e118' });
  });

  it('reports a page that is not iAHx JSON instead of inventing records', () => {
    const res = iahxPageToRecords('{"diaServerResponse": [{"resp', 'bvs', 'p.json');
    expect(res.records).toEqual([]);
    expect(res.diagnostics[0]).toMatchObject({ code: 'IAHX_BAD_PAGE', fatal: true, file: 'p.json' });
  });
});

describe('page checks', () => {
  it('tells whole answers from cut ones', () => {
    const ris = fs.readFileSync(fixturePath('sources', 'scielo', 'page-000001.ris'), 'utf8');
    expect(ris.charCodeAt(0)).toBe(0xfeff);
    expect(parseMetasearch(fs.readFileSync(fixturePath('sources', 'scielo', 'count.xml'), 'utf8'))).toBe(143);
    expect(() => parseMetasearch('<html><body>Erro</body></html>')).toThrow(/^METASEARCH_NO_TOTAL$/);
    expect(countRis(ris)).toBe(2);
    expect(() => checkRisPage(ris)).not.toThrow();
    expect(() => checkRisPage(ris.slice(0, ris.length - 40))).toThrow(/^RIS_CUT$/);
    expect(() => checkRisPage('')).not.toThrow();
    const xml = fs.readFileSync(fixturePath('sources', 'pubmed', 'efetch-000001.xml'), 'utf8');
    expect(countArticles(xml)).toBe(2);
    expect(() => checkEfetch(xml)).not.toThrow();
    expect(() => checkEfetch(xml.slice(0, 2000))).toThrow(/^XML_CUT$/);
    expect(parseEsearch(fs.readFileSync(fixturePath('sources', 'pubmed', 'esearch.json'), 'utf8'))).toEqual({ count: 2, webenv: 'MCID_fake_0123456789abcdef', querykey: '1', warnings: [] });
    expect(() => parseEsearch('{"esearchresult": {"ERROR": "Invalid query"}}')).toThrow(/query rejected: REFUSED Invalid query/);
    // errorlist/warninglist as NCBI sends them (NBK25499, ESearch output): each becomes a warning.
    expect(parseEsearch(JSON.stringify({ esearchresult: { count: '3', errorlist: { phrasesnotfound: ['matriciamento xyz'], fieldsnotfound: ['titl'] }, warninglist: { phrasesignored: ['and of'], quotedphrasesnotfound: [], outputmessages: ['No items found.'] } } })).warnings).toEqual([
      { code: 'PUBMED_PHRASE_NOT_FOUND', params: { phrases: 'matriciamento xyz' } },
      { code: 'PUBMED_FIELD_NOT_FOUND', params: { fields: 'titl' } },
      { code: 'PUBMED_PHRASE_IGNORED', params: { phrases: 'and of' } },
      { code: 'PUBMED_OUTPUT_MESSAGE', params: { message: 'No items found.' } },
    ]);
    expect(looksLikeHtml(fs.readFileSync(fixturePath('sources', 'blocked', 'captcha.html'), 'utf8'), 'text/html')).toBe(true);
    expect(looksLikeHtml('{"a":1}', 'text/html')).toBe(false);
  });

  it('names pages by their first record and stops at --max', () => {
    expect(pageName(0, 'json')).toBe('page-000001.json');
    expect(pageName(200, 'xml')).toBe('page-000201.xml');
    expect(pageStarts(237, 100)).toEqual([0, 100, 200]);
    expect(pageStarts(237, 100, 150)).toEqual([0, 100]);
    expect(pageStarts(0, 100)).toEqual([]);
  });
});

describe('rate limits', () => {
  it('spaces PubMed requests 3 a second, 10 with an API key', async () => {
    expect(SOURCES.pubmed.requestsPerSecond()).toBe(3);
    expect(SOURCES.pubmed.requestsPerSecond('k')).toBe(10);
    for (const [perSecond, gap] of [[3, 333], [10, 100]] as const) {
      let clock = 0;
      const starts: number[] = [];
      const limiter = createRateLimiter(perSecond, () => clock, async (ms) => void (clock += ms));
      for (let i = 0; i < 5; i++) {
        await limiter.wait();
        starts.push(clock);
      }
      const gaps = starts.slice(1).map((s, i) => s - starts[i]);
      for (const g of gaps) expect(Math.round(g)).toBeGreaterThanOrEqual(gap);
    }
  });
});

describe('empty results and offline re-parsing', () => {
  it('logs a search with zero hits for every source', async () => {
    const server = await startFakeServer({ hits: { bvs: 0, scielo: 0, pubmed: 0 } });
    try {
      const dir = newReview();
      const review = Review.open(dir, { writer: 'search' });
      for (const s of ['bvs', 'scielo', 'pubmed'] as const) {
        const o = await runSearch(review, SOURCES[s], fastContext(server.baseUrls[s], { pageSize: SOURCES[s].pageSize }));
        expect(o).toMatchObject({ status: 'complete', hits: 0, fetched: 0 });
      }
      expect(review.records()).toEqual([]);
      expect(review.events.filter((e) => e.type === 'search')).toHaveLength(3);
      review.close();
    } finally {
      await server.close();
    }
  });

  it('re-parses the saved pages offline into the same records', async () => {
    const server = await startFakeServer({ hits: { scielo: 143 } });
    try {
      const dir = newReview();
      const review = Review.open(dir, { writer: 'search' });
      const o = await runSearch(review, SOURCES.scielo, fastContext(server.baseUrls.scielo));
      await server.close();
      const again = await readSearchRecords(path.join(dir, 'data', 'searches', o.searchId), SOURCES.scielo, o.searchId);
      const stored = review.records().map(({ id: _id, provenance: { importId: _i, ...prov }, ...r }) => ({ ...r, provenance: prov }));
      expect(again.records).toEqual(stored);
      review.close();
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});

describe('standalone fake server', () => {
  it('prints the REVIEW_*_URL lines and answers until stopped', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/helpers/fakeServer.mjs'), '--bvs', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = await new Promise<string[]>((resolve) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('REVIEW_DECS_URL=')) resolve(out.trim().split('\n'));
        });
      });
      const env = Object.fromEntries(lines.map((l) => l.split('=', 2) as [string, string]));
      expect(env.REVIEW_BVS_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bvs$/);
      const res = await fetch(`${env.REVIEW_BVS_URL}/portal/?q=x&count=5&from=6&output=json`);
      const body = (await res.json()) as { diaServerResponse: { response: { numFound: number; docs: unknown[] } }[] };
      expect(body.diaServerResponse[0].response.numFound).toBe(7);
      expect(body.diaServerResponse[0].response.docs).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
