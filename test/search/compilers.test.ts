import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProtocol, type Protocol } from '../../src/core/protocol.js';
import { compileFor, type SearchSourceId } from '../../src/core/query/index.js';
import { buildQueryTree, parseTextTerm } from '../../src/core/query/tree.js';
import { SCIELO_MAX_CLAUSES } from '../../src/core/query/scielo.js';
import { planSource } from '../../src/sources/plan.js';
import { fixturePath, protocolPath } from '../helpers/cli.js';

const SEEDS = ['matriciamento-saude-mental', 'desafios-saude-mental-atencao-basica', 'matriciamento-cuidados-paliativos'];
const ALL: SearchSourceId[] = ['bvs', 'scielo', 'pubmed', 'google-scholar'];

function load(name: string): Protocol {
  const r = parseProtocol(fs.readFileSync(protocolPath(`${name}.yaml`), 'utf8'), name);
  if (!r.protocol) throw new Error(JSON.stringify(r.problems));
  return r.protocol;
}

function base(extra: Partial<Protocol['search']> = {}, limits?: Protocol['limits']): Protocol {
  return {
    id: 'x',
    title: 'x',
    question: { framework: 'PICo' },
    search: { blocks: [{ name: 'A', terms: [{ descriptor: 'Enfermagem', es: 'Enfermería', en: 'Nursing', mesh: 'D009729' }] }], ...extra },
    sources: [{ id: 'bvs', databases: ['LILACS'] }, { id: 'scielo' }, { id: 'pubmed' }, { id: 'google-scholar' }],
    limits,
    eligibility: { inclusion: [], exclusion: [{ code: 'E1', text: 'x' }] },
  };
}

describe('golden strategies of the seed protocols', () => {
  for (const seed of SEEDS)
    for (const source of ALL)
      it(`${seed} on ${source}`, () => {
        const p = load(seed);
        const c = compileFor(source, p);
        const plan = planSource(source, p, 'REVIEW');
        const actual = { query: c.query, params: c.params, limits: c.limits, databases: c.databases, clauses: c.clauses, warnings: c.warnings, url: plan.url };
        const file = fixturePath('sources', 'golden', `${seed}.${source}.json`);
        if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
        expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
      });
});

describe('query tree', () => {
  it('ORs terms inside a block, ANDs blocks and adds the NOT block', () => {
    const p = base({
      blocks: [
        { name: 'A', terms: [{ descriptor: 'Saúde Mental', en: 'Mental Health', mesh: 'D008603' }, { keyword: 'matriciamento' }] },
        { name: 'B', terms: [{ keyword: 'enfermag$' }] },
      ],
      not: [{ keyword: 'criança' }],
    });
    const tree = buildQueryTree(p.search);
    expect(tree.kind).toBe('not');
    expect(compileFor('bvs', p).query).toBe('((mh:"Saúde Mental" OR tw:"Saúde Mental" OR tw:"Mental Health" OR tw:matriciamento) AND tw:enfermag$) AND NOT tw:criança');
    expect(compileFor('pubmed', p).query).toBe('((("Mental Health"[MeSH Terms] OR "Mental Health"[Title/Abstract] OR matriciamento[Title/Abstract]) AND "enfermag*"[Title/Abstract]) NOT criança[Title/Abstract])');
    expect(compileFor('scielo', p).query).toContain('ti:enfermag* OR ab:enfermag*');
    expect(compileFor('google-scholar', p).query).toBe('("Saúde Mental" OR matriciamento) enfermag -criança');
  });

  it('reads truncation marks and quotes', () => {
    expect(parseTextTerm('"enfermag$"')).toEqual({ text: 'enfermag', truncated: true });
    expect(parseTextTerm('  apoio   matricial ')).toEqual({ text: 'apoio matricial', truncated: false });
    expect(parseTextTerm('criança*')).toEqual({ text: 'criança', truncated: true });
  });

  it('searches a descriptor with freeText: false only as a subject heading', () => {
    const p = base({ blocks: [{ name: 'A', terms: [{ descriptor: 'Encaminhamento e Consulta', en: 'Referral and Consultation', mesh: 'D012017', freeText: false }] }] });
    expect(compileFor('bvs', p).query).toBe('mh:"Encaminhamento e Consulta"');
    expect(compileFor('pubmed', p).query).toBe('"Referral and Consultation"[MeSH Terms]');
  });

  it('does not repeat a synonym equal to a form (accents and case insensitive compare keeps accents)', () => {
    const p = base({ blocks: [{ name: 'A', terms: [{ descriptor: 'Cuidados Paliativos', es: 'Cuidados Paliativos', synonyms: ['cuidados paliativos', 'Cuidado Paliativo'] }] }] });
    expect(compileFor('bvs', p).query).toBe('mh:"Cuidados Paliativos" OR tw:"Cuidados Paliativos" OR tw:"Cuidado Paliativo"');
  });

  it('turns limits into each source\'s filters', () => {
    const p = base({}, { years: { from: 2007, to: 2015 }, languages: ['pt'], fullText: true, documentTypes: ['article'] });
    const bvs = compileFor('bvs', p);
    expect(bvs.params).toEqual([
      ['q', bvs.query], ['lang', 'pt'], ['filter[db][]', 'LILACS'], ['filter[la][]', 'pt'], ['filter[fulltext][]', '1'], ['filter[type][]', 'article'], ['range_year_start', '2007'], ['range_year_end', '2015'],
    ]);
    expect(compileFor('pubmed', p).query).toMatch(/ AND \("2007"\[dp\] : "2015"\[dp\]\) AND portuguese\[la\] AND "full text"\[sb\] AND "journal article"\[pt\]$/);
    expect(compileFor('scielo', p).query).toMatch(/ AND la:pt AND publication_year:\[2007 TO 2015\]$/);
    const gs = compileFor('google-scholar', p);
    expect(gs.params).toContainEqual(['as_ylo', '2007']);
    expect(gs.params).toContainEqual(['as_yhi', '2015']);
  });

  it('warns before SciELO\'s clause limit is passed', () => {
    const terms = Array.from({ length: 300 }, (_, i) => ({ keyword: `termo${i}` }));
    const c = compileFor('scielo', base({ blocks: [{ name: 'Grande', terms }] }));
    expect(c.clauses).toBe(600);
    expect(c.warnings).toEqual([]);
    const big = compileFor('scielo', base({ blocks: [{ name: 'Grande', terms: [...terms, ...terms.map((t) => ({ keyword: `${t.keyword}x` }))] }] }));
    expect(big.clauses).toBeGreaterThan(SCIELO_MAX_CLAUSES);
    expect(big.warnings).toContainEqual({ code: 'TOO_MANY_CLAUSES', params: { clauses: big.clauses, max: SCIELO_MAX_CLAUSES } });
  });

  it('uses [MeSH Terms] only for descriptors with a MeSH id', () => {
    const p = base({ blocks: [{ name: 'A', terms: [{ descriptor: 'Estratégia Saúde da Família', en: 'Family Health Strategy' }] }] });
    const c = compileFor('pubmed', p);
    expect(c.query).toBe('"Family Health Strategy"[Title/Abstract]');
    expect(c.warnings).toEqual([{ code: 'NOT_IN_MESH', params: { term: 'Estratégia Saúde da Família' } }]);
  });
});

describe('NOT keeps precedence', () => {
  it('groups a one-block strategy before AND NOT', () => {
    const p = base({ blocks: [{ name: 'A', terms: [{ keyword: 'enfermagem' }, { keyword: 'enfermeiro' }] }], not: [{ keyword: 'hospital' }, { keyword: 'UTI' }] });
    expect(compileFor('bvs', p).query).toBe('(tw:enfermagem OR tw:enfermeiro) AND NOT (tw:hospital OR tw:UTI)');
    expect(compileFor('pubmed', p).query).toBe('((enfermagem[Title/Abstract] OR enfermeiro[Title/Abstract]) NOT (hospital[Title/Abstract] OR UTI[Title/Abstract]))');
  });
});
