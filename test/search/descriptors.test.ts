import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lookupDecs, parseDecs, toTerm, termsYaml } from '../../src/sources/decs.js';
import { parseProtocol } from '../../src/core/protocol.js';
import { fixturePath, runCli } from '../helpers/cli.js';
import { startFakeServer, type FakeServer } from '../helpers/fakeServers.js';
import { allFiles, fastContext, newReview, runCliAsync } from './helpers.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer({ decsKey: 'decs-chave-1234' });
});
afterAll(() => server.close());

describe('DeCS answers (bireme/decs-api thesaurus_term_api.py)', () => {
  it('reads one object per term, with synonyms of the language asked that carry no attr.lang', () => {
    const all = parseDecs(fs.readFileSync(fixturePath('sources', 'decs', 'search-by-words-pt.json'), 'utf8'), 'pt');
    expect(all).toHaveLength(2);
    expect(all[0]).toEqual({ decs: '8803', mesh: 'D008603', pt: 'Saúde Mental', es: 'Salud Mental', en: 'Mental Health', synonyms: { pt: ['Higiene Mental'], es: [], en: [] }, treeIds: ['F02.418', 'SP4.001.002.015'] });
    // The same answer read as if Spanish had been asked: the unlabelled synonyms follow the language asked.
    expect(parseDecs(fs.readFileSync(fixturePath('sources', 'decs', 'search-by-words-pt.json'), 'utf8'), 'es')[0].synonyms).toEqual({ pt: [], es: ['Higiene Mental'], en: [] });
  });

  it('accepts single items given as objects and synonym lists wrapped in an object', () => {
    const json = JSON.stringify({ objects: [{ decsws_response: { record_list: { record: { attr: { mfn: 10288 }, unique_identifier_nlm: 'D010166', descriptor_list: { descriptor: [{ '@lang': 'pt-br', '#text': 'Cuidados Paliativos' }, { '@lang': 'en', '#text': 'Palliative Care' }] }, synonym_list: { synonym: [{ attr: { lang: 'pt-br' }, '#text': 'Cuidado Paliativo' }] }, tree_id_list: { tree_id: 'E02.760.666' } } } } }] });
    expect(parseDecs(json)).toEqual([{ decs: '10288', mesh: 'D010166', pt: 'Cuidados Paliativos', en: 'Palliative Care', synonyms: { pt: ['Cuidado Paliativo'], es: [], en: [] }, treeIds: ['E02.760.666'] }]);
    expect(parseDecs('{"objects": []}')).toEqual([]);
  });

  it('asks pt, es and en separately and keeps every language\'s synonyms; the terms paste into a protocol as they are', async () => {
    const ctx = fastContext(server.baseUrls.decs);
    server.reset();
    // "primária" is in the Portuguese and the Spanish name ("Atención Primaria"): both answers hold the descriptor.
    const found = await lookupDecs(ctx, 'primária', 'pt', 'decs-chave-1234');
    expect(server.requests.map((r) => r.query.lang)).toEqual(['pt', 'es', 'en']);
    expect(found).toHaveLength(1);
    // "Atención Básica" comes only from the Spanish answer, "Palliative Treatment" only from the English one.
    expect(found[0]).toEqual({ decs: '11646', mesh: 'D011320', pt: 'Atenção Primária à Saúde', es: 'Atención Primaria de Salud', en: 'Primary Health Care', synonyms: { pt: ['Atenção Básica', 'Atenção Básica à Saúde', 'Cuidados Primários de Saúde'], es: ['Atención Básica'], en: [] }, treeIds: ['N04.590.233.727', 'SP2.006.061'] });
    const palliative = await lookupDecs(ctx, 'palliative', 'pt', 'decs-chave-1234');
    expect(palliative[0].synonyms).toEqual({ pt: [], es: [], en: ['Palliative Treatment'] });
    const terms = found.map((d) => toTerm(d));
    expect(terms[0]).toEqual({ descriptor: 'Atenção Primária à Saúde', es: 'Atención Primaria de Salud', en: 'Primary Health Care', decs: '11646', mesh: 'D011320', synonyms: ['Atenção Básica', 'Atenção Básica à Saúde', 'Cuidados Primários de Saúde', 'Atención Básica'] });
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
    expect(r.stdout).toContain('  Cuidados Paliativos: DeCS 10288 · MeSH D010166 · tree numbers E02.760.666, N02.421.585.666');
    const seen = server.requests.filter((q) => q.path.startsWith('/decs') && q.query.words === 'cuidados paliativos');
    expect(seen.map((q) => q.query)).toEqual(['pt', 'es', 'en'].map((lang) => ({ words: 'cuidados paliativos', lang, format: 'json' })));
    expect(seen.every((q) => q.apikeyHeader)).toBe(true);
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
