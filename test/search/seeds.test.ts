/**
 * The three seed protocols searched end to end against the stand-ins: every record that has a DOI
 * in the source keeps it, and the hit counts of `review status`, the search log and PRISMA agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, startFakeServer, type FakeServer } from '../helpers/fakeServers.js';
import { newReview, runCliAsync } from './helpers.js';

let server: FakeServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await startFakeServer({ hits: { bvs: 237, scielo: 143, pubmed: 412 } });
  env = { REVIEW_BVS_URL: server.baseUrls.bvs, REVIEW_SCIELO_URL: server.baseUrls.scielo, REVIEW_PUBMED_URL: server.baseUrls.pubmed, NCBI_API_KEY: '', REVIEW_BVS_RATE: '1000', REVIEW_SCIELO_RATE: '1000', REVIEW_PUBMED_RATE: '1000' };
});
afterAll(() => server.close());

/** The stand-in's article behind a record, found by the record's id in its source. */
function sourceArticle(r: Record<string, unknown>): { doi?: string } | undefined {
  const source = (r.provenance as { source: string }).source;
  const n = (id: unknown, re: RegExp) => (typeof id === 'string' && re.test(id) ? Number(re.exec(id)![1]) : undefined);
  const i = source === 'bvs' ? (n(r.bvsId, /^biblio-(\d+)$/) ?? 0) - 1000001 + (n(r.bvsId, /^mdl-(\d+)$/) ? n(r.bvsId, /^mdl-(\d+)$/)! - 31000001 + 1000001 : 0) : source === 'pubmed' ? Number(r.pmid) - 30000001 : Number(String(r.scieloPid).slice(-5)) - 1;
  return Number.isInteger(i) && i >= 0 ? article(source, i) : undefined;
}

function jsonLines(file: string): Record<string, unknown>[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the seed protocols against the stand-ins', () => {
  for (const seed of ['matriciamento-saude-mental', 'desafios-saude-mental-atencao-basica', 'matriciamento-cuidados-paliativos'])
    it(`${seed}: every DOI kept; status, search log and PRISMA agree`, async () => {
      const dir = newReview(seed);
      const r = await runCliAsync(['search', dir], env);
      expect(r.code).toBe(0);
      const records = fs.readdirSync(path.join(dir, 'data', 'records')).flatMap((f) => jsonLines(path.join(dir, 'data', 'records', f)));
      expect(records.length).toBeGreaterThan(0);
      let withDoi = 0;
      for (const rec of records) {
        const a = sourceArticle(rec);
        expect(a, JSON.stringify(rec.provenance)).toBeDefined();
        expect(rec.doi ?? undefined).toBe(a!.doi);
        if (a!.doi) withDoi++;
      }
      expect(withDoi).toBeGreaterThan(records.length * 0.8);
      const searches = jsonLines(path.join(dir, 'data', 'events.jsonl')).filter((e) => e.type === 'search');
      expect(searches.every((e) => e.status === 'complete' && e.hits === e.fetched)).toBe(true);
      const logged = searches.reduce((n, e) => n + (e.fetched as number), 0);
      const status = JSON.parse((await runCliAsync(['status', dir, '--json'])).stdout) as { records: number; bySource: Record<string, number> };
      // PRISMA2020 template fields: database_results and "LILACS (BVS), 22; BDENF (BVS), 24; SciELO, 49".
      const prisma = JSON.parse((await runCliAsync(['prisma', dir, '--json'])).stdout) as { database_results: number; database_specific_results: string };
      expect(status.records).toBe(logged);
      expect(prisma.database_results).toBe(logged);
      expect(records.length).toBe(logged);
      const perSource = Object.fromEntries(searches.map((e) => [e.source as string, e.hits as number]));
      expect(status.bySource).toEqual(perSource);
      const prismaBySource: Record<string, number> = {};
      for (const part of prisma.database_specific_results.split('; ')) {
        const [, name, n] = /^(.*), (\d+)$/.exec(part)!;
        const source = /BVS/.test(name) ? 'bvs' : /SciELO/.test(name) ? 'scielo' : /PubMed|MEDLINE/.test(name) ? 'pubmed' : name;
        prismaBySource[source] = (prismaBySource[source] ?? 0) + Number(n);
      }
      expect(prismaBySource).toEqual(perSource);
    });
});
