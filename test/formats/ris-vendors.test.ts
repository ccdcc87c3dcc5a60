/**
 * RIS as the big databases export it (issue 18), fixtures written from each vendor's layout:
 * Cochrane Library ("Record #n of N" between records), Ovid (Medline, PsycINFO: "N." lines,
 * A1/T1/JF/Y1 tags), EBSCOhost CINAHL (database code in DB, PMID in U2), Scopus (journal in T2,
 * article number in C7) and Embase (A1 "Silva A.M.", two DB lines). Each is chosen by content,
 * read with the exact count and fields, and with no warning about text outside records.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { ris } from '../../src/formats/ris.js';
import { describeFixtures, fixtureText } from './fixtures.js';

const VENDORS = ['cochrane-library.ris', 'ovid-medline.ris', 'ebsco-cinahl.ris', 'scopus.ris', 'embase.ris'];

// Every record of each vendor's file against its .expected.json (count, rejections, codes, fields).
describeFixtures(ris, 'ris', VENDORS);

function read(name: string) {
  const text = fixtureText('ris', name);
  const adapter = detectFormat(name, text.slice(0, 65536));
  return { id: adapter.id, ...adapter.parse(text, { file: name }) };
}

const SILVA = { family: 'Silva', given: 'Ana Maria' };
const DOI = '10.1590/0034-7167-2020-0123';

describe('RIS of the big databases', () => {
  it.each([
    ['cochrane-library.ris', 2, { authors: [SILVA, { family: 'Souza', given: 'Beatriz' }], journal: 'Revista brasileira de enfermagem', year: 2021, pages: 'e20200123', doi: DOI, pmid: '34037101', provenance: { sourceId: 'CN-02012345' } }],
    ['ovid-medline.ris', 2, { authors: [SILVA, { family: 'Souza', given: 'Beatriz' }], journal: 'Revista brasileira de enfermagem', year: 2021, doi: DOI, pmid: '34037101', languages: ['pt'], provenance: { database: 'Ovid MEDLINE(R) ALL' } }],
    ['ebsco-cinahl.ris', 2, { titles: [{ text: 'Apoio matricial em saúde mental na atenção básica' }], year: 2021, pages: '1-8', doi: DOI, pmid: '34037101', provenance: { database: 'CINAHL Complete' } }],
    ['scopus.ris', 2, { authors: [{ family: 'Silva', given: 'A.M.' }, { family: 'de Souza', given: 'B.' }], journal: 'Revista Brasileira de Enfermagem', pages: 'e20200123', doi: DOI, languages: ['en'], provenance: { database: 'Scopus' } }],
    ['embase.ris', 1, { authors: [{ family: 'Silva', given: 'A.M.' }, { family: 'de Souza', given: 'B.' }], journal: 'Revista brasileira de enfermagem', pages: 'e20200123', doi: DOI, provenance: { database: 'Embase', sourceId: '2011234567' } }],
  ])('%s: %i records, first with its fields', (name, count, first) => {
    const r = read(name);
    expect(r.id).toBe('ris');
    expect(r.records).toHaveLength(count);
    expect(r.rejected).toBe(0);
    expect(r.diagnostics).toEqual([]);
    expect(r.records[0]).toMatchObject(first);
  });

  it('each vendor file is chosen as RIS by content, also under a misleading extension', () => {
    for (const name of VENDORS) expect(detectFormat(name.replace(/\.ris$/, '.txt'), fixtureText('ris', name)).id).toBe('ris');
  });

  it('Ovid\'s major-topic star is no part of the term', () => {
    expect(read('ovid-medline.ris').records[0].keywords).toEqual(['Humans', 'Mental Health', 'Primary Health Care']);
  });

  it('Ovid MEDLINE: "ID - N [pmid]" is the PMID, not the record id; the English title of a Portuguese article is English', () => {
    const rec = read('ovid-medline.ris').records[0];
    expect(rec.pmid).toBe('34037101');
    expect(rec.provenance.sourceId).toBeUndefined();
    expect(rec.languages).toEqual(['pt']);
    expect(rec.titles.map((t) => t.lang)).toEqual(['en']);
  });

  it('a title keeps the one declared language unless its words clearly say another', () => {
    const lang = (ti: string) => ris.parse(`TY  - JOUR\nTI  - ${ti}\nLA  - Portuguese\nER  - \n`, { file: 'x.ris' }).records[0].titles[0].lang;
    expect(lang('COVID-19 vaccines')).toBe('pt');
    expect(lang('Matriciamento')).toBe('pt');
    expect(lang('Nurses in primary care: a study of the workload')).toBe('en');
  });

  it('the second Ovid record keeps its own database (PsycINFO) and EBSCO names its code', () => {
    expect(read('ovid-medline.ris').records[1].provenance.database).toBe('APA PsycInfo');
    expect(read('ebsco-cinahl.ris').records[1].provenance.database).toBe('CINAHL');
  });
});
