/**
 * Bad rows: each gets a diagnostic with file, line (where the record starts), a stable code
 * and what was expected; the other rows still come in. Same lines whatever the line ends.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvBvs } from '../../../src/formats/csv/csv-bvs.js';
import { csvGeneric } from '../../../src/formats/csv/csv-generic.js';
import { csvScielo } from '../../../src/formats/csv/csv-scielo.js';
import { readCsvTable } from '../../../src/formats/csv/common.js';
import { fixturePath } from '../../helpers/cli.js';

const malformed = fs.readFileSync(fixturePath('csv', 'generic-malformed.csv'), 'utf8');
const expected = [
  { code: 'CSV_COLUMN_COUNT', line: 3, fatal: true },
  { code: 'CSV_BAD_YEAR', line: 6, fatal: false },
  { code: 'CSV_NO_TITLE', line: 7, fatal: false },
  { code: 'CSV_BAD_DOI', line: 8, fatal: false },
  { code: 'CSV_BAD_QUOTE', line: 10, fatal: true },
];

describe('diagnostics of a malformed CSV', () => {

  it.each([
    ['LF', malformed],
    ['CRLF', malformed.replace(/\n/g, '\r\n')],
    ['CR', malformed.replace(/\n/g, '\r')],
    ['BOM + CRLF', '\uFEFF' + malformed.replace(/\n/g, '\r\n')],
  ])('gives the same codes and lines with %s line ends', (_ends, text) => {
    const r = csvGeneric.parse(text, { file: 'revisao/busca.csv' });
    expect(r.diagnostics.map(({ code, line, fatal }) => ({ code, line, fatal }))).toEqual(expected);
    expect(r.diagnostics.every((d) => d.file === 'revisao/busca.csv')).toBe(true);
    expect(r.records.map((x) => x.provenance.line)).toEqual([2, 4, 6, 7, 8, 9]);
    expect(r.rejected).toBe(2);
  });

  it('gives what was found and what was expected as parameters, no sentence', () => {
    const d = csvGeneric.parse(malformed, { file: 'f.csv' }).diagnostics;
    expect(d[0]).toMatchObject({ code: 'CSV_COLUMN_COUNT', params: { got: 6, expected: 5 } });
    expect(d[1]).toMatchObject({ code: 'CSV_BAD_YEAR', params: { value: expect.any(String) } });
    expect(d.every((x) => x.reason === undefined)).toBe(true);
  });

  it('rejects a BVS row with a column too many and keeps its neighbours', () => {
    const text = fs.readFileSync(fixturePath('csv', 'bvs-2022-template.csv'), 'utf8');
    const lines = text.split('\r\n');
    lines[2] = lines[2].replace('"MEDLINE","article"', '"MEDLINE","extra","article"');
    const r = csvBvs.parse(lines.join('\r\n'), { file: 'bvs.csv' });
    expect(r.records.map((x) => x.bvsId)).toEqual(['biblio-1381234', 'ibc-201234', 'biblio-1099887', 'biblio-1178899']);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: 3, fatal: true, file: 'bvs.csv' })]);
  });

  it('reports an odd SciELO author list and keeps the last name as written', () => {
    const text = 'ID,Title,Author(s),Source,Journal,Language(s),Publication year,Fulltext URL\n' +
      '"S0104-11692020000100001-scl","Título","Silva, Ana, Souza","Rev; 1(1); 1-2","Rev","Portuguese","2020",""\n';
    const r = csvScielo.parse(text, { file: 's.csv' });
    expect(r.records[0].authors).toEqual([{ family: 'Silva', given: 'Ana' }, { family: 'Souza', literal: 'Souza' }]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_AUTHORS_AMBIGUOUS', line: 2, fatal: false })]);
  });

  it('reports an empty file and a header without rows', () => {
    expect(csvGeneric.parse('', { file: 'vazio.csv' }).diagnostics).toEqual([
      expect.objectContaining({ code: 'CSV_EMPTY', line: 0, fatal: true, file: 'vazio.csv' }),
    ]);
    expect(csvGeneric.parse('\uFEFF  \r\n', { file: 'vazio.csv' }).diagnostics[0].code).toBe('CSV_EMPTY');
    const headerOnly = csvGeneric.parse('title,year\r\n', { file: 'h.csv' });
    expect(headerOnly.records).toEqual([]);
    expect(headerOnly.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_NO_ROWS', line: 1, fatal: false })]);
  });

  it('warns when a BVS-looking file lacks the ID and Database columns', () => {
    const text = 'Title,Authors,Source,Journal,Type,Language,Publication year,Descriptor(s),Fulltext URL\n"Título","Silva, Ana","Rev;1(1): 1-2, 2020.","Rev","article","pt","2020","Humanos",""\n';
    const r = csvBvs.parse(text, { file: 'b.csv' });
    expect(r.records).toHaveLength(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_MISSING_COLUMNS', line: 1, fatal: false })]);
    expect(r.diagnostics[0].params).toEqual({ columns: 'id, database', format: 'csv-bvs' });
  });

  it('skips blank and all-empty lines without shifting the line numbers', () => {
    const t = readCsvTable('title,year\n\nA,2020\n,\n\nB,2021\n', 'x.csv');
    expect(t.rows).toEqual([
      { line: 3, cells: ['A', '2020'] },
      { line: 6, cells: ['B', '2021'] },
    ]);
  });

  it('puts a rejected multi-line row at its first line, past blank lines', () => {
    const t = readCsvTable('title,year\nA,2020\n\n,\n"B\ncontinua",2021,sobra\nC,2022\n', 'x.csv');
    expect(t.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'A'],
      [7, 'C'],
    ]);
    expect(t.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: 5 })]);
  });

  it('detects ; and tab delimiters from the header line', () => {
    expect(readCsvTable('titulo;ano\n"A, B";2020\n', 'x').rows[0].cells).toEqual(['A, B', '2020']);
    expect(readCsvTable('title\tyear\nA; B\t2020\n', 'x').rows[0].cells).toEqual(['A; B', '2020']);
    expect(readCsvTable('title,year\nA,2020\n', 'x').delimiter).toBe(',');
  });

  it('lets the user-declared database and source win', () => {
    const text = fs.readFileSync(fixturePath('csv', 'generic-asreview.csv'), 'utf8');
    const r = csvGeneric.parse(text, { file: 'a.csv', source: 'bvs', database: 'BDENF' });
    expect(r.records.every((x) => x.provenance.source === 'bvs' && x.provenance.database === 'BDENF')).toBe(true);
  });
});

describe('older and other-engine variants', () => {
  it('reads the oldest BVS template (Title first, authors joined by ", ")', () => {
    const text =
      'Title,ID,Authors,Source,Journal,Database,Type,Language,Publication year,Descriptor(s),Publication Country,Fulltext URL\n' +
      '"Cuidado ao recém-nascido prematuro/ Care of the premature newborn","456789","Silva, Ana Paula, Souza, Bruno","Rev. enferm. UFPE;5(2): 10-18, 2011.","Rev. enferm. UFPE","BDENF","article","pt","2011","Recém-Nascido Prematuro; Enfermagem Neonatal","BR",""\n';
    const r = csvBvs.parse(text, { file: 'old.csv' });
    expect(r.diagnostics).toEqual([]);
    expect(r.records[0]).toMatchObject({
      bvsId: '456789',
      authors: [
        { family: 'Silva', given: 'Ana Paula' },
        { family: 'Souza', given: 'Bruno' },
      ],
      titles: [
        { lang: 'pt', text: 'Cuidado ao recém-nascido prematuro', original: true },
        { lang: 'en', text: 'Care of the premature newborn' },
      ],
      pages: '10-18',
      provenance: { database: 'BDENF', sourceId: '456789' },
    });
  });

  it('does not call a Publish or Perish export of another engine Google Scholar', async () => {
    const { csvPop } = await import('../../../src/formats/csv/csv-pop.js');
    const text =
      'Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI\n' +
      '4,"A Silva, B Souza","Educação permanente em saúde",2020,"Revista Brasileira de Enfermagem","SciELO","https://doi.org/10.1590/0034-7167-2019-0001","",1,"2024-05-10 10:00:00","journal-article","10.1590/0034-7167-2019-0001"\n';
    const rec = csvPop.parse(text, { file: 'crossref.csv' }).records[0];
    expect(rec.provenance.database).toBeUndefined();
    expect(rec.provenance.source).toBe('google-scholar');
    expect(rec.authors).toEqual([{ family: 'Silva', given: 'A' }, { family: 'Souza', given: 'B' }]);
    expect(rec.extra.Type).toEqual(['journal-article']);
  });
});

describe('generic columns that name the same field', () => {
  it('reads the first alias and keeps the other columns in extra', () => {
    const text = 'Title,Journal,Source,Year,Date\nCuidado de enfermagem na UTI,Rev. Enferm. UERJ,LILACS,2020,2020-05-14\nSem periódico,,BDENF,,2019-01-02\n';
    const [a, b] = csvGeneric.parse(text, { file: 'g.csv' }).records;
    expect(a).toMatchObject({ journal: 'Rev. Enferm. UERJ', year: 2020, extra: { Source: ['LILACS'], Date: ['2020-05-14'] } });
    expect(b).toMatchObject({ journal: 'BDENF', year: 2019, extra: {} });
  });
});

describe('older exports (issue 18)', () => {
  it('reads a CSV whose rows end with a trailing comma (PubMed 2019) and still rejects a row with a real extra cell', () => {
    const text = 'Title,Authors,Publication Year,DOI\r\n"Cuidado na atenção básica","Silva A, Souza B",2019,10.1590/x1,\r\n"Outro título","Lima C",2018,,\r\n"Com célula a mais","Costa D",2017,,"sobra"\r\n';
    const r = csvGeneric.parse(text, { file: 'pubmed-2019.csv' });
    expect(r.records.map((x) => x.titles[0].text)).toEqual(['Cuidado na atenção básica', 'Outro título']);
    expect(r.records[0].year).toBe(2019);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: 4, fatal: true, params: { got: 5, expected: 4 } })]);
  });
});
