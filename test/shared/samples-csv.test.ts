/**
 * The real CSV exports in ../shared/samples/ (third-party data, read in place): exact record
 * counts and field values picked from the files by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../src/core/record.js';
import { csvFormats } from '../../src/formats/csv/index.js';
import { csvGeneric } from '../../src/formats/csv/csv-generic.js';
import { SHARED } from '../helpers/cli.js';

const sample = (name: string) => fs.readFileSync(path.join(SHARED, 'samples', name), 'utf8');

/** Pick by sniffing, as the import pipeline does, and check the choice. */
function parseSample(name: string, formatId: string) {
  const text = sample(name);
  const head = text.slice(0, 65536);
  const best = csvFormats.reduce((a, b) => (b.sniff(head) > a.sniff(head) ? b : a));
  expect(best.id).toBe(formatId);
  return best.parse(text, { file: name });
}

function countBy<T>(items: T[], key: (x: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) {
    const k = key(x) ?? '(none)';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i;

describe('BVS portal CSV (bvs_2022_barbieri97-tcc_tools.csv)', () => {
  const { records, diagnostics, rejected } = parseSample('bvs_2022_barbieri97-tcc_tools.csv', 'csv-bvs');
  const byId = (id: string) => records.find((r) => r.bvsId === id) as ParsedRecord;

  it('reads all 617 records with no problem', () => {
    expect(records).toHaveLength(617);
    expect(rejected).toBe(0);
    expect(diagnostics).toEqual([]);
    expect(records.at(-1)).toMatchObject({ bvsId: 'lil-315081', provenance: { line: 618 } });
  });

  it('maps the Database column: MEDLINE 586, LILACS 21, IBECS 6, INDEXPSI 2 (and BIGG, tese)', () => {
    expect(countBy(records, (r) => r.provenance.database)).toEqual({ MEDLINE: 586, LILACS: 21, IBECS: 6, INDEXPSI: 2, BIGG: 1, tese: 1 });
  });

  it('gives every mdl- record its PMID and every record its BVS id as source id', () => {
    expect(records.filter((r) => r.pmid).length).toBe(586);
    expect(records.every((r) => r.bvsId && r.provenance.sourceId === r.bvsId)).toBe(true);
    expect(records.filter((r) => r.pmid).every((r) => r.bvsId === `mdl-${r.pmid}`)).toBe(true);
  });

  it('decodes every HTML entity in titles, abstracts and descriptors', () => {
    const texts = records.flatMap((r) => [...r.titles.map((t) => t.text), ...r.abstracts.map((a) => a.text), ...r.descriptors]);
    expect(texts.filter((s) => ENTITY.test(s))).toEqual([]);
    expect(byId('lil-748986').descriptors).toContain('Anticonvulsivantes/administração & dosagem');
  });

  it('reads the first record field by field', () => {
    expect(records[0]).toMatchObject({
      bvsId: 'mdl-35320244',
      pmid: '35320244',
      titles: [{ lang: 'en', text: 'Effectiveness of adapted cognitive behaviour therapy for dysthymia: An evidence based case study.', original: true }],
      authors: [
        { family: 'Shafiq', given: 'Sameera' },
        { family: 'Bano', given: 'Zaqia' },
        { family: 'Randhawa', given: 'Shahid Sharif' },
        { family: 'Khan', given: 'Khalid Hayat' },
        { family: 'Muhammad', given: 'Qurat-Ul-Ain' },
        { family: 'Muhammad', given: 'Abdullah' },
      ],
      journal: 'J Pak Med Assoc',
      year: 2022,
      volume: '72',
      issue: '3',
      pages: '554-556',
      doi: '10.47391/jpma.1412',
      issn: '0030-9982',
      languages: ['en'],
      documentType: 'article',
      fullTextUrls: ['https://dx.doi.org/10.47391/JPMA.1412'],
      provenance: { source: 'bvs', database: 'MEDLINE', line: 2, format: 'csv-bvs' },
    });
    expect(records[0].descriptors).toContain('Transtorno Distímico/terapia');
    expect(records[0].abstracts[0].text.startsWith('Several empirical researches imply')).toBe(true);
  });

  it('splits LILACS titles per language, original first', () => {
    expect(byId('biblio-1150018')).toMatchObject({
      titles: [
        { lang: 'es', text: 'Funciones cognitivas en la descendencia de pacientes con trastorno bipolar I', original: true },
        { lang: 'en', text: 'Psychopathological and neuropsychological profile in the offspring of patients with bipolar disorder type I' },
      ],
      doi: '10.22517/25395203.23161',
      pages: '110-122',
      provenance: { database: 'LILACS', line: 28 },
    });
    expect(byId('lil-597073').titles.map((t) => t.lang)).toEqual(['pt', 'en', 'es']);
    expect(records.filter((r) => r.titles.length > 1)).toHaveLength(61);
  });

  it('marks MEDLINE bracketed titles as English translations of the original', () => {
    expect(byId('mdl-27286526').titles).toEqual([
      { lang: 'en', text: 'Impression Formation in the Diagnosis and Treatment of Mental Disorders', original: false },
      { lang: 'de', text: 'Der "allgemeine Eindruck (Impression Formation)" in der Diagnostik und Therapie psychischer Störungen.', original: true },
    ]);
  });

  it('repairs the titles whose inner quotes the portal did not escape, and drops "No disponible"', () => {
    expect(byId('ibc-162222').titles).toEqual([
      { lang: 'es', text: '"La klave de RE©". Psicoeducación y terapia cognitiva para la recuperación de la esquizofrenia', original: true },
    ]);
    expect(records.flatMap((r) => r.titles).filter((t) => /^".*"$/.test(t.text) || /No disponible/.test(t.text))).toEqual([]);
  });

  it('keeps theses and guidelines without a journal', () => {
    expect(byId('pte-52703')).toMatchObject({ documentType: 'thesis', year: 2011, provenance: { database: 'tese' } });
    expect(byId('pte-52703').journal).toBeUndefined();
    expect(byId('biblio-966514').authors).toEqual([{ family: 'National Institute for Health and Care Excellence', literal: 'National Institute for Health and Care Excellence' }]);
  });

  it('counts years, DOIs and full texts as the file has them', () => {
    expect(records.filter((r) => r.year === 2015)).toHaveLength(64);
    expect(records.filter((r) => r.doi)).toHaveLength(592);
    expect(records.every((r) => r.fullText === true && r.fullTextUrls.length === 1)).toBe(true);
  });

  it('round-trips through the generic CSV export', () => {
    const bib = records.map((r, i) => ({ ...r, id: `b-${i + 1}`, provenance: { ...r.provenance, importId: 'b' } }));
    const back = csvGeneric.parse(csvGeneric.stringify(bib), { file: 'export.csv' });
    const strip = (r: ParsedRecord) => ({ ...r, provenance: undefined, id: undefined });
    expect(back.records.map(strip)).toEqual(bib.map(strip));
  });
});

describe('Publish or Perish CSV (pop_googlescholar_PoPCites_funkepunkemonke.csv)', () => {
  const { records, diagnostics, rejected } = parseSample('pop_googlescholar_PoPCites_funkepunkemonke.csv', 'csv-pop');

  it('reads all 980 records; one warning about the cut author lists', () => {
    expect(records).toHaveLength(980);
    expect(rejected).toBe(0);
    expect(diagnostics.map((d) => [d.code, d.line, d.fatal])).toEqual([['CSV_AUTHORS_TRUNCATED', 0, false]]);
    expect(diagnostics[0].params).toEqual({ count: 367 });
  });

  it('reads the first record without inventing the authors Google Scholar cut', () => {
    expect(records[0]).toMatchObject({
      citations: 39,
      titles: [{ text: 'New density estimates of a threatened sifaka species (Propithecus coquereli) in Ankarafantsika National Park' }],
      authors: [
        { family: 'Kun‐Rodrigues', given: 'C' },
        { family: 'Salmona', given: 'J' },
        { family: 'Besolo', given: 'A' },
      ],
      year: 2014,
      journal: 'American Journal of …',
      publisher: 'Wiley Online Library',
      doi: '10.1002/ajp.22243',
      url: 'https://onlinelibrary.wiley.com/doi/abs/10.1002/ajp.22243',
      fullTextUrls: ['https://arca.igc.gulbenkian.pt/bitstream/10400.7/558/1/Kun-Rodrigues-AJP-13-0044.R3-Manuscript.pdf'],
      extra: expect.objectContaining({ truncated: ['authors', 'journal', 'abstract'], Authors: ['C Kun‐Rodrigues, J Salmona, A Besolo, ...'], AuthorCount: ['4'], GSRank: ['1'] }),
      provenance: { source: 'google-scholar', database: 'Google Scholar', sourceId: '885744689098478713', line: 2 },
    });
    expect(records.filter((r) => r.extra.truncated?.includes('authors'))).toHaveLength(367);
    expect(records.filter((r) => r.extra.truncated?.includes('title'))).toHaveLength(67);
  });

  it('counts DOIs, years and books as the file has them', () => {
    expect(records.filter((r) => r.doi)).toHaveLength(408);
    expect(records.filter((r) => r.year !== undefined)).toHaveLength(911);
    expect(records.filter((r) => r.documentType === 'book')).toHaveLength(40);
  });

  it('keeps names it cannot split (Japanese, Chinese) as written', () => {
    expect(records[294].authors).toEqual([
      { family: '小山直樹', literal: '小山直樹' },
      { family: '高畑由起夫', literal: '高畑由起夫' },
    ]);
    expect(records[979]).toMatchObject({
      titles: [{ text: "Diplôme d'Etudes Approfondies (DEA)" }],
      authors: [{ family: 'RANAIVOSON', given: 'MT' }],
      provenance: { sourceId: 'pkc0jpaazo0J', line: 981 },
    });
  });
});

describe("Google Scholar's own CSV (googlescholar_native_asreview_baseline.csv)", () => {
  const { records, diagnostics } = parseSample('googlescholar_native_asreview_baseline.csv', 'csv-gscholar');

  it('reads the 10 records', () => {
    expect(records).toHaveLength(10);
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({
      titles: [{ text: 'Did dinosaurs invent flowers? Dinosaur–angiosperm coevolution revisited' }],
      authors: [
        { family: 'Barrett', given: 'Paul M' },
        { family: 'Willis', given: 'Katherine J' },
      ],
      journal: 'Biological Reviews',
      volume: '76',
      issue: '3',
      pages: '411-447',
      year: 2001,
      publisher: 'Cambridge University Press',
      provenance: { source: 'google-scholar', line: 2 },
    });
    expect(records[3].authors).toContainEqual({ family: 'Campione', given: 'Nicolás' });
    expect(records[6]).toMatchObject({ titles: [{ text: 'Ontogeny and the fossil record: what, if anything, is an adult dinosaur?' }], pages: '20150947', year: 2016 });
    expect(records[9]).toMatchObject({ volume: '2009', issue: '3654', pages: '1-63', year: 2009 });
    expect(records.map((r) => r.authors.length)).toEqual([2, 2, 5, 4, 1, 10, 3, 6, 2, 7]);
  });
});

describe('PubMed web CSV (pubmed_csv_asreview_baseline.csv)', () => {
  const { records, diagnostics } = parseSample('pubmed_csv_asreview_baseline.csv', 'csv-pubmed');

  it('reads the 10 records', () => {
    expect(records).toHaveLength(10);
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => r.pmid)).toEqual(['30922926', '37068225', '36448670', '26754250', '21251189', '35962036', '37464026', '33990610', '35444275', '36122246']);
    expect(records.every((r) => r.pmcid?.startsWith('PMC') && r.doi)).toBe(true);
  });

  it('reads authors, volume, issue and pages from the citation', () => {
    expect(records[0]).toMatchObject({
      titles: [{ text: 'Time lapse: A glimpse into prehistoric genomics' }],
      authors: [
        { family: 'Griffin', given: 'DK' },
        { family: 'Larkin', given: 'DM' },
        { family: "O'Connor", given: 'RE' },
      ],
      journal: 'Eur J Med Genet',
      year: 2020,
      volume: '63',
      issue: '2',
      pages: '103640',
      pmcid: 'PMC7026692',
      doi: '10.1016/j.ejmg.2019.03.004',
      provenance: { source: 'pubmed', sourceId: '30922926', line: 2 },
    });
    expect(records[1].authors).toHaveLength(11);
    expect(records[1].authors.at(-1)).toEqual({ family: 'Pérez-de la Fuente', given: 'R' });
    expect(records[2]).toMatchObject({ volume: '11', pages: 'e80092' });
    expect(records[4]).toMatchObject({ volume: '86', issue: '1', pages: '117-55' });
    expect(records[8]).toMatchObject({ volume: '604', issue: '7907', pages: '684-688' });
  });
});
