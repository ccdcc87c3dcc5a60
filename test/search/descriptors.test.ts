import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseDecs, toTerm, termsYaml } from '../../src/sources/decs.js';
import { parseProtocol } from '../../src/core/protocol.js';
import { fixturePath, runCli } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fakeServers.js';
import { allFiles, newReview, runCliAsync } from './helpers.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer({ decsKey: 'decs-chave-1234' });
});
afterAll(() => server.close());

describe('DeCS answers', () => {
  it('reads descriptors, ids and synonyms per language from the recorded answer', () => {
    const all = parseDecs(fs.readFileSync(fixturePath('sources', 'decs', 'search-by-words.json'), 'utf8'));
    expect(all).toHaveLength(5);
    expect(all[0]).toEqual({ decs: '8803', mesh: 'D008603', pt: 'Saúde Mental', es: 'Salud Mental', en: 'Mental Health', synonyms: { pt: ['Higiene Mental'], es: ['Higiene Mental'], en: ['Mental Hygiene'] }, treeIds: ['F02.418', 'SP4.001.002.015'] });
    expect(all[4].mesh).toBeUndefined();
  });

  it('accepts single items given as objects and synonym lists wrapped in an object', () => {
    const json = JSON.stringify({ objects: [{ decsws_response: { record_list: { record: { attr: { mfn: 10288 }, unique_identifier_nlm: 'D010166', descriptor_list: { descriptor: [{ '@lang': 'pt-br', '#text': 'Cuidados Paliativos' }, { '@lang': 'en', '#text': 'Palliative Care' }] }, synonym_list: { synonym: [{ attr: { lang: 'pt-br' }, '#text': 'Cuidado Paliativo' }] }, tree_id_list: { tree_id: 'E02.760.666' } } } } }] });
    expect(parseDecs(json)).toEqual([{ decs: '10288', mesh: 'D010166', pt: 'Cuidados Paliativos', en: 'Palliative Care', synonyms: { pt: ['Cuidado Paliativo'], es: [], en: [] }, treeIds: ['E02.760.666'] }]);
    expect(parseDecs('{"objects": []}')).toEqual([]);
  });

  it('prints terms that the protocol schema accepts as they are', () => {
    const terms = parseDecs(fs.readFileSync(fixturePath('sources', 'decs', 'search-by-words.json'), 'utf8')).map((d) => toTerm(d));
    expect(terms[2]).toEqual({ descriptor: 'Atenção Primária à Saúde', es: 'Atención Primaria de Salud', en: 'Primary Health Care', decs: '11646', mesh: 'D011320', synonyms: ['Atenção Básica', 'Atenção Básica à Saúde', 'Cuidados Primários de Saúde', 'Atención Básica'] });
    const yamlText = `id: x\ntitle: x\nquestion: {framework: PICo}\nsearch:\n  blocks:\n    - name: B\n      terms:\n${termsYaml(terms).replace(/^/gm, '        ')}\nsources: [{id: bvs}]\neligibility: {inclusion: [], exclusion: [{code: E1, text: x}]}\n`;
    const parsed = parseProtocol(yamlText, 'x.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.protocol!.search.blocks[0].terms).toEqual(terms);
    expect(parseYaml(termsYaml(terms))).toEqual(terms);
  });
});

describe('review descriptors', () => {
  it('lists each block\'s descriptors with their forms, ids, synonyms and what each source searches', () => {
    const dir = newReview('desafios-saude-mental-atencao-basica');
    const r = runCli(['descriptors', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Block 1: Saúde Mental');
    expect(r.stdout).toContain('descriptor: Serviços de Saúde Mental | es: Servicios de Salud Mental | en: Mental Health Services');
    expect(r.stdout).toContain('ids: MeSH D008605');
    expect(r.stdout).toContain('synonyms: Programa Saúde da Família; Saúde da Família');
    expect(r.stdout).toMatch(/bvs +mh:"Estratégia Saúde da Família" OR tw:"Estratégia Saúde da Família"/);
    expect(r.stdout).toMatch(/scielo +kw:"Saúde Mental" OR kw:"Salud Mental"/);
    const json = JSON.parse(runCli(['descriptors', dir, '--json']).stdout) as { name: string; terms: { searchedAs: Record<string, string> }[] }[];
    expect(json.map((b) => b.name)).toEqual(['Saúde Mental', 'Atenção Primária']);
    expect(Object.keys(json[1].terms[1].searchedAs)).toEqual(['bvs', 'scielo']);
    expect(json[1].terms[1].searchedAs.bvs).toBe('mh:"Estratégia Saúde da Família" OR tw:"Estratégia Saúde da Família" OR tw:"Estrategia de Salud Familiar" OR tw:"Family Health Strategy" OR tw:"Programa Saúde da Família" OR tw:"Saúde da Família"');
  });

  it('looks a term up in DeCS with the key in the apikey header and prints a snippet to paste', async () => {
    const dir = newReview();
    const env = { REVIEW_DECS_URL: server.baseUrls.decs, DECS_API_KEY: '' };
    const r = await runCliAsync(['descriptors', dir, '--lookup', 'cuidados paliativos', '--decs-key', 'decs-chave-1234'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 DeCS descriptor for "cuidados paliativos"');
    expect(r.stdout).toContain('- descriptor: Cuidados Paliativos\n  es: Cuidados Paliativos\n  en: Palliative Care\n  decs: "10288"\n  mesh: D010166');
    const seen = server.requests.filter((q) => q.path.startsWith('/decs'));
    expect(seen.at(-1)).toMatchObject({ apikeyHeader: true, query: { words: 'cuidados paliativos', lang: 'pt', format: 'json' } });
    expect(JSON.stringify(seen)).not.toContain('decs-chave-1234');
    for (const f of allFiles(dir)) expect(fs.readFileSync(f, 'utf8')).not.toContain('decs-chave-1234');
    const none = await runCliAsync(['descriptors', dir, '--lookup', 'matriciamento'], { ...env, DECS_API_KEY: 'decs-chave-1234' });
    expect(none.stdout).toContain('DeCS has no descriptor for "matriciamento".');
  });

  it('asks for a key, and says so when the key is refused', async () => {
    const dir = newReview();
    const noKey = runCli(['descriptors', dir, '--lookup', 'saúde mental'], { env: { DECS_API_KEY: '' } });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('the DeCS lookup needs a key');
    const bad = await runCliAsync(['descriptors', dir, '--lookup', 'saúde mental', '--decs-key', 'errada'], { REVIEW_DECS_URL: server.baseUrls.decs });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the DeCS API refused the key (HTTP 401)');
  });
});
