import { describe, expect, it } from 'vitest';
import { recordFeatures } from '../../src/core/dedup/features.js';
import { comparePair, identifierMatch } from '../../src/core/dedup/score.js';
import { candidatePairs, blockingKeys } from '../../src/core/dedup/blocking.js';
import { detectDuplicates } from '../../src/core/dedup/detect.js';
import { fixtureRecords, rec } from './fixture.js';

const fx = fixtureRecords();
const F = (key: string) => recordFeatures(fx.records.find((r) => r.id === fx.id(key))!);
const verdict = (a: string, b: string) => comparePair(F(a), F(b));

describe('exact identifiers first', () => {
  it('DOI with and without the https://doi.org/ prefix (LILACS vs SciELO)', () => {
    expect(verdict('matricial-lilacs', 'matricial-scielo')).toMatchObject({ outcome: 'duplicate', rule: 'doi' });
  });
  it('BVS mdl-<PMID> id equals the PubMed PMID', () => {
    expect(verdict('idosos-mdl', 'idosos-pubmed')).toMatchObject({ outcome: 'duplicate', rule: 'bvs-mdl' });
  });
  it('same PMID and same SciELO PID', () => {
    const a = recordFeatures(rec('i001-00001', { pmid: '27000001', titles: [{ lang: 'en', text: 'Quality of life in older adults' }] }));
    const b = recordFeatures(rec('i002-00001', { pmid: '027000001', titles: [{ lang: 'en', text: 'Quality of life in older adults.' }] }));
    expect(identifierMatch(a, b)).toEqual({ rule: 'pmid' });
    const s1 = recordFeatures(rec('i001-00002', { scieloPid: 'S0034-71672014000200123' }));
    const s2 = recordFeatures(rec('i002-00002', { scieloPid: 's0034-71672014000200123' }));
    expect(identifierMatch(s1, s2)).toEqual({ rule: 'scielo-pid' });
  });
  it('different DOIs or PMIDs are different works whatever the titles say', () => {
    const t = [{ lang: 'pt', text: 'Apoio matricial em saúde mental na atenção básica' }];
    const a = recordFeatures(rec('i001-00001', { titles: t, doi: '10.1590/a', year: 2014 }));
    const b = recordFeatures(rec('i001-00002', { titles: t, doi: '10.1590/b', year: 2014 }));
    expect(comparePair(a, b)).toMatchObject({ outcome: 'distinct', reasons: ['conflict:doi'] });
    const c = recordFeatures(rec('i001-00003', { titles: t, pmid: '1', year: 2014 }));
    const d = recordFeatures(rec('i001-00004', { titles: t, bvsId: 'mdl-2', year: 2014 }));
    expect(comparePair(c, d)).toMatchObject({ outcome: 'distinct', reasons: ['conflict:pmid'] });
  });
  it('a shared supplement DOI with different titles is only uncertain', () => {
    const a = recordFeatures(rec('i001-00001', { doi: '10.1093/eurheartj/ehx502', titles: [{ lang: 'en', text: 'SGLT2 inhibition improves coronary function in mice' }] }));
    const b = recordFeatures(rec('i001-00002', { doi: '10.1093/eurheartj/ehx502', titles: [{ lang: 'en', text: 'Statin adherence after myocardial infarction in Sweden' }] }));
    expect(comparePair(a, b).outcome).toBe('uncertain');
  });
});

describe('identifiers with titles that differ', () => {
  const doi = '10.1590/s0102-311x2019000500001';
  it('a supplement DOI shared by abstracts of different authors is not a match', () => {
    const a = recordFeatures(rec('i001-00001', { doi, year: 2017, authors: [{ family: 'Arnold', given: 'S V' }], titles: [{ lang: 'en', text: 'Patterns of glucose-lowering medication use in heart failure' }] }));
    const b = recordFeatures(rec('i001-00002', { doi, year: 2017, authors: [{ family: 'Heymans', given: 'S' }], titles: [{ lang: 'en', text: 'DPP4 inhibition by linagliptin prevents heart failure' }] }));
    expect(comparePair(a, b).outcome).toBe('distinct');
  });
  it('the same DOI and first author with the title in Portuguese in one and English in the other is a match', () => {
    const a = recordFeatures(rec('i001-00001', { doi, year: 2019, authors: [{ family: 'Gonçalves', given: 'Márcia' }], titles: [{ lang: 'pt', text: 'Violência contra a mulher na atenção primária' }] }));
    const b = recordFeatures(rec('i002-00001', { doi: `https://doi.org/${doi}`, year: 2019, authors: [{ family: 'Goncalves', given: 'M' }], titles: [{ lang: 'en', text: 'Violence against women in primary care' }] }));
    expect(comparePair(a, b)).toMatchObject({ outcome: 'duplicate', rule: 'doi' });
  });
});

describe('scored comparison', () => {
  it('the same LILACS article with two BVS ids (LILACS and BDENF, accents lost, pages 123-9 vs 123-129)', () => {
    expect(verdict('matricial-lilacs', 'matricial-bdenf')).toMatchObject({ outcome: 'duplicate', rule: 'score' });
  });
  it('a SciELO record matches a MEDLINE one through its English title', () => {
    const v = verdict('diabetes-scielo', 'diabetes-medline');
    expect(v).toMatchObject({ outcome: 'duplicate', rule: 'score' });
    expect(v.reasons).toContain('title:1.00');
  });
  it('Google Scholar title with HTML entities and initials only', () => {
    expect(verdict('matricial-bdenf', 'matricial-scholar').outcome).toBe('duplicate');
  });
  it('Parte I and Parte II never merge', () => {
    expect(verdict('paliativos-parte-1', 'paliativos-parte-2')).toMatchObject({ outcome: 'distinct', reasons: ['conflict:numbers'] });
  });
  it('an erratum never merges with its article', () => {
    expect(verdict('matricial-lilacs', 'matricial-errata')).toMatchObject({ outcome: 'distinct', reasons: ['conflict:notice'] });
  });
  it('same title three years apart never merges', () => {
    expect(verdict('revisao-2010', 'revisao-2013')).toMatchObject({ outcome: 'distinct', reasons: ['conflict:year'] });
  });
  it('a congress abstract and the later article are not merged automatically', () => {
    const v = verdict('campinas-congresso', 'campinas-artigo');
    expect(v.outcome).toBe('uncertain');
    expect(v.reasons).toContain('conference-vs-article');
  });
  it('same first author, year, volume and page range links a translated title', () => {
    const a = recordFeatures(rec('i001-00001', { titles: [{ lang: 'fr', text: "Prophylaxie antibiotique en chirurgie thoracique. Étude contrôlée" }], authors: [{ family: 'Regnard', given: 'J F' }], year: 1989, volume: '37', pages: '477-80', journal: 'Pathol Biol' }));
    const b = recordFeatures(rec('i002-00001', { titles: [{ lang: 'en', text: '[Antibiotic and antiseptic prophylaxis in thoracic surgery. Controlled study]' }], authors: [{ family: 'Regnard', given: 'J. F.' }], year: 1989, volume: '37', pages: '477-480', journal: 'Pathologie-biologie' }));
    expect(comparePair(a, b).outcome).toBe('duplicate');
    const c = recordFeatures(rec('i002-00002', { titles: [{ lang: 'en', text: 'Antibiotic prophylaxis of pneumonia' }], authors: [{ family: 'Regnard', given: 'J. F.' }], year: 1989, volume: '37', pages: '481-485' }));
    expect(comparePair(a, c).outcome).toBe('distinct');
  });
  it('a master\'s dissertation and the article drawn from it (same title, author and year) are not merged automatically', () => {
    const title = [{ lang: 'pt', text: 'Apoio matricial em saúde mental: a perspectiva dos agentes comunitários de saúde' }];
    const authors = [{ family: 'Magalhães', given: 'Vânia' }];
    const thesis = recordFeatures(rec('i001-00001', { titles: title, authors, year: 2016, documentType: 'Dissertação de mestrado' }));
    const article = recordFeatures(rec('i002-00001', { titles: title, authors, year: 2016, documentType: 'article', journal: 'Saúde em Debate' }));
    const v = comparePair(thesis, article);
    expect(v.outcome).toBe('uncertain');
    expect(v.reasons).toContain('kind-differs');
    const copy = recordFeatures(rec('i003-00001', { titles: title, authors, year: 2016 }));
    expect(comparePair(article, copy).outcome).toBe('duplicate');
  });
  it('is symmetric', () => {
    for (const [a, b] of [['matricial-lilacs', 'matricial-bdenf'], ['campinas-congresso', 'campinas-artigo'], ['diabetes-scielo', 'diabetes-medline']])
      expect(verdict(a, b)).toEqual(verdict(b, a));
  });
});

describe('blocking', () => {
  it('keys on DOI, PMID, title words in every language and year+volume+page', () => {
    const keys = blockingKeys(F('matricial-scielo'));
    expect(keys).toContain('d|10.1590/0034-7167.2014670201');
    expect(keys.some((k) => k.startsWith('t|apoio matricial'))).toBe(true);
    expect(keys.some((k) => k.startsWith('t|matrix support'))).toBe(true);
    expect(keys).toContain('v|2014|67|123');
  });
  it('never compares all pairs: candidates grow linearly with unrelated records', () => {
    const make = (n: number) =>
      Array.from({ length: n }, (_, i) => recordFeatures(rec(`i001-${String(i).padStart(5, '0')}`, { titles: [{ lang: 'pt', text: `Estudo ${i.toString(36)} sobre tema ${(i * 7919).toString(36)} em saúde` }], year: 2000 + (i % 20) })));
    const small = candidatePairs(make(500)).length;
    const big = candidatePairs(make(2000)).length;
    expect(big).toBeLessThan(2000 * 20);
    expect(big).toBeLessThanOrEqual(small * 4 + 2000);
  });
  it('with isNew, only pairs touching a new record', () => {
    const pairs = candidatePairs(fx.records.map((r) => recordFeatures(r)), (i) => fx.records[i].provenance.importId === 'i004');
    const ids = fx.records.map((r) => r.id);
    expect(pairs.length).toBeGreaterThan(0);
    for (const [i, j] of pairs) expect([ids[i], ids[j]].some((id) => id.startsWith('i004'))).toBe(true);
  });
});

describe('detectDuplicates on the fixture', () => {
  it('accepts the sure pairs and sets the congress abstract aside', () => {
    const d = detectDuplicates(fx.records);
    const acc = d.accepted.map((p) => [fx.key(p.a), fx.key(p.b)].sort().join(' ~ '));
    expect(acc).toContain('matricial-lilacs ~ matricial-scielo');
    expect(acc).toContain('idosos-mdl ~ idosos-pubmed');
    expect(acc).toContain('diabetes-medline ~ diabetes-scielo');
    expect(acc.some((p) => p.includes('parte') || p.includes('errata') || p.includes('revisao') || p.includes('congresso'))).toBe(false);
    expect(d.uncertain.map((p) => [fx.key(p.a), fx.key(p.b)].sort().join(' ~ '))).toContain('campinas-artigo ~ campinas-congresso');
  });
});
