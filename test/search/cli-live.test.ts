import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../helpers/fakeServers.js';
import { allFiles, newReview, runCliAsync, waitFor } from './helpers.js';

let server: FakeServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await startFakeServer({ hits: { bvs: 237, scielo: 143, pubmed: 412 } });
  env = { REVIEW_BVS_URL: server.baseUrls.bvs, REVIEW_SCIELO_URL: server.baseUrls.scielo, REVIEW_PUBMED_URL: server.baseUrls.pubmed, NCBI_API_KEY: '' };
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function events(dir: string): Record<string, unknown>[] {
  return fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function recordLines(dir: string): Record<string, unknown>[] {
  const folder = path.join(dir, 'data', 'records');
  return fs.readdirSync(folder).flatMap((f) => fs.readFileSync(path.join(folder, f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
}

describe('review search against the local server', () => {
  it('searches every live source of the protocol, survives a 429 and logs each search', async () => {
    server.setFaults([{ source: 'bvs', from: 101, kind: '429', retryAfter: 1 }, { source: 'pubmed', from: 201, kind: '500' }]);
    const dir = newReview();
    const r = await runCliAsync(['search', dir], env);
    expect(r.stderr).toContain('BVS: the server asks to slow down (429); waiting 1.0 s');
    expect(r.stderr).toMatch(/PubMed: try 1 failed \(HTTP 500\)/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('BVS: 237 hits reported, 237 records added (complete; search s001-bvs, import i001; 3 pages fetched, 0 reused)');
    expect(r.stdout).toContain('SciELO: 143 hits reported, 143 records added (complete; search s002-scielo');
    expect(r.stdout).toContain('PubMed: 412 hits reported, 412 records added (complete; search s003-pubmed');
    const searches = events(dir).filter((e) => e.type === 'search');
    expect(searches.map((e) => [e.source, e.status, e.hits, e.fetched])).toEqual([['bvs', 'complete', 237, 237], ['scielo', 'complete', 143, 143], ['pubmed', 'complete', 412, 412]]);
    expect(recordLines(dir).length).toBe(237 + 143 + 412);
  });

  it('prints JSON for scripts', async () => {
    const dir = newReview();
    const r = await runCliAsync(['search', dir, '--source', 'scielo', '--max', '50', '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { source: string; status: string; hits: number; fetched: number }[];
    expect(out).toEqual([expect.objectContaining({ source: 'scielo', status: 'partial', hits: 143, fetched: 50 })]);
  });

  it('resumes after being killed mid-search without fetching saved pages again and without duplicates', async () => {
    server.setFaults([{ source: 'bvs', from: 201, kind: 'hang', delayMs: 20_000 }]);
    const dir = newReview();
    let kill: (s: NodeJS.Signals) => void = () => {};
    const running = runCliAsync(['search', dir, '--source', 'bvs'], env, (k) => (kill = k));
    await waitFor(() => server.requests.some((q) => q.query.from === '201'));
    kill('SIGKILL');
    const killed = await running;
    expect(killed.signal).toBe('SIGKILL');
    const folder = path.join(dir, 'data', 'searches', 's001-bvs');
    expect(fs.readdirSync(folder).filter((n) => n.startsWith('page-')).sort()).toEqual(['page-000001.json', 'page-000101.json']);
    expect(events(dir).filter((e) => e.type === 'search' || e.type === 'import')).toEqual([]);
    server.reset();
    const resumed = await runCliAsync(['search', dir, '--source', 'bvs', '--resume'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('BVS: resuming search s001-bvs');
    expect(resumed.stdout).toContain('237 records added (complete; search s001-bvs, import i001; 1 page fetched, 2 reused)');
    expect(server.requests.map((q) => q.query.from)).toEqual(['201']);
    const recs = recordLines(dir);
    expect(recs.length).toBe(237);
    expect(new Set(recs.map((r) => r.bvsId)).size).toBe(237);
    expect(events(dir).filter((e) => e.type === 'search')).toEqual([expect.objectContaining({ searchId: 's001-bvs', status: 'complete', resumed: true, pagesReused: 2, pagesFetched: 1 })]);
  });

  it('tells exactly what to do when the portal blocks scripted access, and exits 1', async () => {
    server.setFaults([{ source: 'scielo', kind: '403', times: 'always' }]);
    const dir = newReview();
    const r = await runCliAsync(['search', dir, '--source', 'scielo'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SciELO blocked scripted access (block page of the network provider (CDN), HTTP 403). Nothing was scraped.');
    expect(r.stderr).toContain('https://search.scielo.org/?q=');
    expect(r.stderr).toContain('((kw:"Cuidados Paliativos" OR kw:"Palliative Care"');
    expect(r.stderr).toContain(`review import ${dir} FILE --source scielo`);
    expect(server.requests.length).toBe(1);
    expect(events(dir).filter((e) => e.type === 'search')).toEqual([expect.objectContaining({ source: 'scielo', status: 'blocked', blockedReason: 'CDN_BLOCK' })]);
  });

  it('never writes the NCBI key given on the command line into the review folder', async () => {
    const key = 'ncbi-key-0d9e8f7a6b';
    const dir = newReview();
    const r = await runCliAsync(['search', dir, '--source', 'pubmed', '--api-key', key, '--max', '200'], env);
    expect(r.code).toBe(0);
    expect(server.requests.some((q) => q.query.api_key === key)).toBe(true);
    for (const f of allFiles(dir)) expect(fs.readFileSync(f, 'utf8')).not.toContain(key);
    expect(r.stdout + r.stderr).not.toContain(key);
  });
});

describe('SciELO clause limit', () => {
  it('warns in --dry-run and refuses to send a query over 1,024 clauses', async () => {
    const { tempDir } = await import('../helpers/cli.js');
    const words = Array.from({ length: 520 }, (_, i) => `      - keyword: termo${i}`).join('\n');
    const yaml = `id: grande\ntitle: Estratégia grande\nquestion: {framework: PICo}\nsearch:\n  blocks:\n    - name: Muitos\n      terms:\n${words}\nsources: [{id: scielo}]\neligibility: {inclusion: [], exclusion: [{code: E1, text: x}]}\n`;
    const tmp = tempDir();
    fs.writeFileSync(path.join(tmp, 'grande.yaml'), yaml);
    const dir = path.join(tmp, 'rev');
    expect((await runCliAsync(['init', dir, '--protocol', path.join(tmp, 'grande.yaml')])).code).toBe(0);
    const dry = await runCliAsync(['search', dir, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('warning: the query has 1040 boolean clauses; the search engine accepts at most 1024');
    const live = await runCliAsync(['search', dir], env);
    expect(live.code).toBe(1);
    expect(live.stderr).toContain('SciELO: the query has 1040 boolean clauses');
    expect(server.requests).toEqual([]);
  });
});

describe('after a block, the printed import command brings the export in', () => {
  it('imports the RIS export the user downloads by hand', async () => {
    server.setFaults([{ source: 'bvs', kind: 'html', times: 'always' }]);
    const dir = newReview();
    const r = await runCliAsync(['search', dir, '--source', 'bvs'], env);
    expect(r.code).toBe(1);
    const command = r.stderr.split('\n').map((l) => l.trim()).find((l) => l.startsWith('review import '))!;
    expect(command).toBe(`review import ${dir} FILE --source bvs`);
    server.reset();
    // What the researcher saves from the portal's "Exportar > RIS".
    const exported = await (await fetch(`${server.baseUrls.bvs}/portal/?q=x&count=100&from=1&output=ris`)).text();
    const file = path.join(path.dirname(dir), 'bvs-export.ris');
    fs.writeFileSync(file, exported);
    const args = command.replace('FILE', file).split(' ').slice(1);
    const imp = await runCliAsync(args, env);
    expect(imp.code).toBe(0);
    expect(recordLines(dir).length).toBe(100);
  });
});

/** A review made with `review init` from a seed protocol with `edit` applied to its YAML. */
async function initEdited(seed: string, edit: (yaml: string) => string): Promise<string> {
  const { tempDir } = await import('../helpers/cli.js');
  const tmp = tempDir();
  fs.writeFileSync(path.join(tmp, 'p.yaml'), edit(fs.readFileSync(path.resolve('protocols', `${seed}.yaml`), 'utf8')));
  const dir = path.join(tmp, 'rev');
  expect((await runCliAsync(['init', dir, '--protocol', path.join(tmp, 'p.yaml')])).code).toBe(0);
  return dir;
}

describe('when a live search fails, the user gets one line, the query and the manual steps', () => {
  it('a source that keeps failing: what happened, the query to paste, the export and import steps; other sources still run', async () => {
    server.setFaults([{ source: 'bvs', kind: '500', times: 'always' }]);
    const dir = newReview();
    const r = await runCliAsync(['search', dir], { ...env, REVIEW_HTTP_RETRIES: '1' });
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('BVS gave no usable answer after 2 tries (HTTP 500). Do the search by hand:'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toContain('Open this URL in the browser');
    expect(lines[at + 2].trim().startsWith('https://pesquisa.bvsalud.org/portal/?q=')).toBe(true);
    expect(lines[at + 3].trim().startsWith('(mh:"Cuidados Paliativos"')).toBe(true);
    expect(lines[at + 4]).toContain('Export the results as RIS');
    expect(lines[at + 5].trim()).toBe(`review import ${dir} FILE --source bvs`);
    expect(lines[at + 6]).toContain(`review search ${dir} --resume`);
    expect(r.stdout).toContain('SciELO: 143 hits reported, 143 records added (complete');
    expect(r.stdout).toContain('PubMed: 412 hits reported, 412 records added (complete');
  });

  it('a query the portal refuses (empty 200 page) is said to be the query, not retried', async () => {
    const dir = await initEdited('matriciamento-cuidados-paliativos', (y) => y.replace('- keyword: apoio matricial', '- keyword: "apoio matricial (AM"'));
    const r = await runCliAsync(['search', dir, '--source', 'bvs'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BVS did not accept the query (the portal answered an empty page: it did not run the query). Check it, or do the search by hand:');
    expect(r.stderr).toContain('tw:"apoio matricial (AM"');
    expect(r.stderr).toContain(`review import ${dir} FILE --source bvs`);
    expect(server.requests.length).toBe(1);
  });

  it('stops before any request when a document type is not one the BVS portal has, naming the allowed ones', async () => {
    const dir = await initEdited('matriciamento-saude-mental', (y) => y.replace('documentTypes: [article]', 'documentTypes: [article, editorial]'));
    const r = await runCliAsync(['search', dir, '--source', 'bvs'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('BVS: the BVS portal has no document type "editorial"; use one of: article, monography, thesis, book');
    expect(server.requests).toEqual([]);
  });
});

describe('PubMed warnings and parts on the terminal', () => {
  it('prints errorlist/warninglist as warnings and the date parts of a split search', async () => {
    const big = await startFakeServer({ hits: { pubmed: 10_500 }, unknownPhrases: ['apoyo matricial'] });
    try {
      const dir = newReview();
      const r = await runCliAsync(['search', dir, '--source', 'pubmed'], { ...env, REVIEW_PUBMED_URL: big.baseUrls.pubmed, REVIEW_PUBMED_RATE: '1000', REVIEW_PAGE_SIZE: '2000', NCBI_EMAIL: 'equipe@example.org' });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('PubMed: warning: PubMed found nothing for apoyo matricial and ran the rest of the query without it, which may widen the search');
      expect(r.stdout).toContain('PubMed: 10,500 hits reported, 10,500 records added (complete');
      expect(r.stdout).toMatch(/PubMed: more hits than one query can give; searched in \d+ date parts:\n {2}\d{4}\/\d\d\/\d\d - \d{4}\/\d\d\/\d\d: \d+/);
      expect(big.requests.every((q) => q.query.email === 'equipe@example.org')).toBe(true);
      for (const f of allFiles(dir)) expect(fs.readFileSync(f, 'utf8')).not.toContain('equipe@example.org');
    } finally {
      await big.close();
    }
  }, 300_000);
});

describe('review search --probe', () => {
  it('asks each source for one record and prints status, hits, fields and DOI; --json for scripts', async () => {
    const dir = newReview();
    const r = await runCliAsync(['search', dir, '--probe'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^BVS: ok \(HTTP 200\), 237 hits; fields of one record: id, ti, ab, au, da, db, la, type, fulltext, mh, fo, ta, is, cp, entry_date, year_cluster, aid, ur; DOI: yes \(10\.1590\/fake\.bvs\.00001\)$/m);
    expect(r.stdout).toMatch(/^SciELO: ok \(HTTP 200\), 143 hits; fields of one record: TY, AU, TI, TT, JO, J2, SN, VL, IS, DO, DB, DP, ID, LA, SP, EP, DA, PY, AB, UR, KW, ER; DOI: yes \(10\.1590\/fake\.scielo\.00001\)$/m);
    expect(r.stdout).toMatch(/^PubMed: ok \(HTTP 200\), 412 hits; fields of one record: PubmedArticle, .*ArticleIdList.*; DOI: yes \(10\.1590\/fake\.pubmed\.00001\)$/m);
    // Nothing is written: a probe is not a search.
    expect(events(dir).filter((e) => e.type === 'search' || e.type === 'import')).toEqual([]);
    server.reset();
    server.setFaults([{ source: 'scielo', kind: '403', times: 'always' }]);
    const j = await runCliAsync(['search', dir, '--probe', '--json'], env);
    expect(j.code).toBe(1);
    const probes = JSON.parse(j.stdout) as { source: string; status: string; httpStatus?: number; hits?: number; doi?: string; why?: { code: string } }[];
    expect(probes.map((p) => [p.source, p.status, p.httpStatus])).toEqual([['bvs', 'ok', 200], ['scielo', 'blocked', 403], ['pubmed', 'ok', 200]]);
    expect(probes[0]).toMatchObject({ hits: 237, doi: '10.1590/fake.bvs.00001' });
    expect(probes[1].why?.code).toBe('CDN_BLOCK');
  });
});
