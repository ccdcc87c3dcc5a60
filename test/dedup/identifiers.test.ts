/**
 * Identifiers in every spelling: table-driven from fixtures/dedup/identifier-spellings.json
 * (pairs of records naming one identifier two ways, or two different ones), plus the keys
 * themselves.
 */
import { describe, expect, it } from 'vitest';
import { compareIdentifiers, doiKeys, pmcidKey, pmidKey, recordIdentifiers, scieloPidFromUrl, scieloPidKey } from '../../src/core/dedup/identifiers.js';
import { recordFeatures } from '../../src/core/dedup/features.js';
import { comparePair } from '../../src/core/dedup/score.js';
import { fixturePairs, pairRecord as build, type PairSide } from './fixture.js';

interface Pair {
  name: string;
  a: PairSide;
  b: PairSide;
  rule?: string;
  conflict?: string;
  weak?: boolean;
  none?: boolean;
}

const pairs = fixturePairs<Pair>('identifier-spellings.json').pairs;

describe('identifier spellings (fixtures/dedup/identifier-spellings.json)', () => {
  it.each(pairs.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    const a = recordIdentifiers(build('i001-00001', p.a));
    const b = recordIdentifiers(build('i002-00001', p.b));
    const v = compareIdentifiers(a, b);
    expect(compareIdentifiers(b, a)).toEqual(v);
    if (p.rule) expect(v).toEqual(p.weak ? { rule: p.rule, weak: true } : { rule: p.rule });
    else if (p.conflict) expect(v).toEqual({ conflict: p.conflict });
    else expect(v).toEqual({});
  });

  it('a conflicting identifier makes the pair distinct however alike the titles, authors and year', () => {
    const same = { titles: [{ lang: 'pt', text: 'Apoio matricial em saúde mental na atenção básica' }], authors: [{ family: 'Lima', given: 'Ana' }], year: 2014, journal: 'Rev Bras Enferm', volume: '67', pages: '123-129' };
    for (const p of pairs.filter((x) => x.conflict)) {
      const v = comparePair(recordFeatures(build('i001-00001', { ...same, ...p.a })), recordFeatures(build('i002-00001', { ...same, ...p.b })));
      expect(v, p.name).toMatchObject({ outcome: 'distinct', reasons: [`conflict:${p.conflict}`] });
    }
  });
});

describe('identifier keys', () => {
  it('DOIs: every DOI of a field, lower case, tails trimmed, a SICI kept whole', () => {
    expect(doiKeys('10.1590/a.1; 10.1590/B.2')).toEqual(['10.1590/a.1', '10.1590/b.2']);
    expect(doiKeys('https://onlinelibrary.wiley.com/doi/full/10.1002/jan.13000')).toEqual(['10.1002/jan.13000']);
    expect(doiKeys('https://doi.org/10.1371/journal.pone.0123456?utm_source=x#s1')).toEqual(['10.1371/journal.pone.0123456']);
    expect(doiKeys('10.1175/1520-0469(1999)056<1245:ESOTPO>2.0.CO;2')).toEqual(['10.1175/1520-0469(1999)056<1245:esotpo>2.0.co;2']);
    expect(doiKeys('NA')).toEqual([]);
    expect(doiKeys('')).toEqual([]);
  });
  it('PMIDs, PMCIDs and PIDs', () => {
    expect(pmidKey('0')).toBeUndefined();
    expect(pmidKey('pubmed:027000001')).toBe('27000001');
    expect(pmidKey('lil-654321')).toBeUndefined();
    expect(pmcidKey('pmc0123')).toBe('PMC123');
    expect(pmcidKey('NIHMS123')).toBeUndefined();
    expect(scieloPidKey('S0102-311X2019000500001-scl')).toBe('S0102-311X2019000500001');
    expect(scieloPidKey('lil-1')).toBeUndefined();
    expect(scieloPidFromUrl('http://www.scielo.br/scielo.php?script=sci_arttext&pid=S0102-311X20190005000012')).toBeUndefined();
  });
  it('a lilacs id or an unrelated URL gives no identifier', () => {
    const r = build('i001-00001', { source: 'bvs', sourceId: 'biblio-1123456', bvsId: 'biblio-1123456', url: 'https://pesquisa.bvsalud.org/portal/resource/pt/biblio-1123456' });
    expect(recordIdentifiers(r)).toEqual({ dois: [], pmids: [], mdlPmids: [], pmcids: [], pids: [], doiPids: [] });
  });
});
