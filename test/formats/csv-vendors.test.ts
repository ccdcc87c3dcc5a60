/**
 * The big databases' own CSV/tab-delimited exports (Web of Science, Scopus, Embase) and older
 * variants: each fixture against its expected JSON, chosen as its own format by extension and by
 * content under a misleading extension, and the quirks each layout has. (Read in pieces: the
 * shared check over every fixture, pieces.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { csvEmbase, splitEmbaseAuthors, splitEmbaseList } from '../../src/formats/csv/csv-embase.js';
import { csvEmbaseRows } from '../../src/formats/csv/csv-embase-rows.js';
import { csvPubmed } from '../../src/formats/csv/csv-pubmed.js';
import { csvScopus, scopusTitles, splitScopusAuthors } from '../../src/formats/csv/csv-scopus.js';
import { csvWos, splitWosList } from '../../src/formats/csv/csv-wos.js';
import type { FormatAdapter } from '../../src/formats/types.js';
import { describeFixtures, fixtureText } from './fixtures.js';

const FIXTURES: [FormatAdapter, string[]][] = [
  [csvWos, ['wos-tab-delimited-utf8.txt', 'wos-tab-delimited-utf16le.txt']],
  [csvScopus, ['scopus-2023.csv', 'scopus-2019-comma-authors-bom-in-quotes.csv']],
  [csvEmbase, ['embase-uppercase-preamble.csv', 'embase-titlecase-preamble.csv']],
  [csvEmbaseRows, ['embase-fields-by-row.csv']],
  [csvPubmed, ['pubmed-2019-legacy-trailing-comma.csv']],
];

for (const [adapter, names] of FIXTURES) describeFixtures(adapter, 'csv', names);

describe('each vendor fixture is detected as its own format', () => {
  const cases = FIXTURES.flatMap(([adapter, names]) => names.map((name) => [name, adapter.id] as const));
  it.each(cases)('%s -> %s, by its extension and under misleading ones', (name, id) => {
    const head = fixtureText('csv', name).slice(0, 65536);
    expect(detectFormat(name, head).id).toBe(id);
    for (const ext of ['csv', 'txt', 'ris', 'bib', 'xml', 'dat']) expect(detectFormat(name.replace(/\.\w+$/, `.${ext}`), head).id).toBe(id);
  });
});

describe('Web of Science tab-delimited', () => {
  const header = 'PT\tAU\tAF\tTI\tSO\tLA\tDT\tPY\tVL\tBP\tEP\tDI\tUT';
  it('takes a " as text (the export never quotes), and a row without a title is rejected with its line', () => {
    const text = `${header}\nJ\tSilva, A\tSilva, Ana\t"Quoted" start of a title\tREV X\tPortuguese\tArticle\t2020\t1\t10\t12\t\tWOS:1\nJ\tSouza, B\tSouza, Beatriz\t\tREV Y\tEnglish\tArticle\t2021\t2\t3\t4\t\tWOS:2\n`;
    const r = csvWos.parse(text, { file: 'savedrecs.txt' });
    expect(r.records.map((x) => x.titles[0].text)).toEqual(['"Quoted" start of a title']);
    expect(r.records[0].languages).toEqual(['pt']);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'WOS_NO_TITLE', line: 3, fatal: true, file: 'savedrecs.txt' })]);
  });

  it('refuses a row with more cells than the header, naming the line and the count expected', () => {
    const text = `${header}\nJ\tSilva, A\tSilva, Ana\tTitle\tREV X\tEnglish\tArticle\t2020\t1\t10\t12\t\tWOS:1\textra\tcells\n`;
    const r = csvWos.parse(text, { file: 'savedrecs.txt' });
    expect(r.records).toHaveLength(0);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: 2, fatal: true, params: { got: 15, expected: 13 } })]);
  });

  it('splits C1 at semicolons outside the bracketed author groups', () => {
    expect(splitWosList('[Silva, A; Souza, B] Univ X, Brazil; [Costa, C] Univ Y, Brazil')).toEqual(['[Silva, A; Souza, B] Univ X, Brazil', '[Costa, C] Univ Y, Brazil']);
  });

  it('does not take a generic table with a few two-letter columns for Web of Science', () => {
    expect(csvWos.sniff('TI\tAU\tPY\tSO\tnotes\n')).toBe(0);
    expect(csvWos.sniff('PT\tAU\tTI\tSO\tPY\tUT\tnotes\tlabel\tscore\n')).toBe(0);
  });
});

describe('Scopus CSV', () => {
  it('reads names from Author full names (ids dropped), else the short names joined by ; or by ,', () => {
    expect(splitScopusAuthors('Salazar de Pablo, Gonzalo (57201234567); Costa, C. (1)', 'x')).toEqual([
      { family: 'Salazar de Pablo', given: 'Gonzalo' },
      { family: 'Costa', given: 'C.' },
    ]);
    expect(splitScopusAuthors('', 'Salazar de Pablo G.; Costa C.')).toEqual([
      { family: 'Salazar de Pablo', given: 'G.' },
      { family: 'Costa', given: 'C.' },
    ]);
    expect(splitScopusAuthors('', 'Salazar de Pablo G., Costa C., World Health Organization')).toEqual([
      { family: 'Salazar de Pablo', given: 'G.' },
      { family: 'Costa', given: 'C.' },
      { family: 'World Health Organization', literal: 'World Health Organization' },
    ]);
    expect(splitScopusAuthors('', '[No author name available]')).toEqual([]);
  });

  it('splits "English [Original]" only when the record is in another language', () => {
    expect(scopusTitles('Care [Cuidado]', ['pt'])).toEqual([
      { lang: 'pt', text: 'Cuidado', original: true },
      { lang: 'en', text: 'Care' },
    ]);
    expect(scopusTitles('Trial of drug X [published erratum]', ['en'])).toEqual([{ lang: 'en', text: 'Trial of drug X [published erratum]', original: true }]);
  });

  it('refuses a row with more cells than the header, naming its line, and keeps the rows around it', () => {
    const text = '\uFEFF"Authors","Title","Year","Source title","EID"\n"Silva A.","One","2020","J A","2-s2.0-1"\n"Souza B.","Two, with","a cut","2021","J B","2-s2.0-2"\n"Costa C.","Three","2022","J C","2-s2.0-3"\n';
    const r = csvScopus.parse(text, { file: 'scopus.csv' });
    expect(r.records.map((x) => x.provenance.sourceId)).toEqual(['2-s2.0-1', '2-s2.0-3']);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: 3, fatal: true, file: 'scopus.csv', params: { got: 6, expected: 5 } })]);
  });
});

describe('Embase CSV (fields by column)', () => {
  it('keeps the preamble for the log, never as records, and counts lines as the file has them', () => {
    const r = csvEmbase.parse(fixtureText('csv', 'embase-uppercase-preamble.csv'), { file: 'embase.csv' });
    expect(r.records.map((x) => x.provenance.line)).toEqual([8, 19]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'CSV_PREAMBLE', line: 7, fatal: false, params: expect.objectContaining({ lines: 5, text: expect.stringContaining("'burnout'/exp AND 'nurse'/exp") }) }),
    ]);
  });

  it('reads multi-value cells one per line or joined by ", "', () => {
    expect(splitEmbaseList('adult\nburnout\r\nnurse')).toEqual(['adult', 'burnout', 'nurse']);
    expect(splitEmbaseList('aged, caregiver, dementia')).toEqual(['aged', 'caregiver', 'dementia']);
    expect(splitEmbaseAuthors('Salazar de Pablo G., Costa C.-A., World Health Organization')).toEqual([
      { family: 'Salazar de Pablo', given: 'G.' },
      { family: 'Costa', given: 'C.-A.' },
      { family: 'World Health Organization', literal: 'World Health Organization' },
    ]);
    expect(splitEmbaseAuthors('Salazar de Pablo, Gonzalo\nCosta, Carla')).toEqual([
      { family: 'Salazar de Pablo', given: 'Gonzalo' },
      { family: 'Costa', given: 'Carla' },
    ]);
  });

  it('does not take a preamble line that names a title column but is short for the header', () => {
    const text = 'Title of my export\nTITLE,AUTHOR NAMES,SOURCE TITLE,PUI\nA study,Silva A.,J Test,L1\n';
    const r = csvEmbase.parse(text, { file: 'e.csv' });
    expect(r.records.map((x) => [x.titles[0].text, x.provenance.line])).toEqual([['A study', 3]]);
    expect(detectFormat('e.csv', text).id).toBe('csv-embase');
  });
});

describe('older variants', () => {
  it('reads the legacy PubMed CSV: the trailing comma of every row is no cell, the repeated header no record', () => {
    const r = csvPubmed.parse(fixtureText('csv', 'pubmed-2019-legacy-trailing-comma.csv'), { file: 'pubmed_result.csv' });
    expect(r.records.map((x) => x.pmid)).toEqual(['31234567', '30987654', '31555555']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_HEADER_REPEATED', line: 4, fatal: false, params: { count: 1 } })]);
  });

  it('refuses a legacy PubMed row whose extra cell holds text, naming its line and the count expected', () => {
    const text = 'Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties\n"T","/pubmed/1","A B.","J. 2019;1:1.","J. 2019","PubMed","citation","PMID:1","pubmed","1","p",\n"U","/pubmed/2","C D.","J. 2019;1:2.","J. 2019","PubMed","citation","PMID:2","pubmed","2","p","stray"\n';
    const r = csvPubmed.parse(text, { file: 'pubmed_result.csv' });
    expect(r.records.map((x) => x.pmid)).toEqual(['1']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: 3, fatal: true, params: { got: 12, expected: 11 } })]);
  });

  it('reads a BOM and CRLF line ends the same as LF', () => {
    const lf = fixtureText('csv', 'scopus-2023.csv');
    const crlf = '\uFEFF' + lf.replace(/^\uFEFF/, '').replace(/\n/g, '\r\n');
    expect(csvScopus.parse(crlf, { file: 'a.csv' }).records).toEqual(csvScopus.parse(lf, { file: 'a.csv' }).records);
  });
});

describe('Embase CSV (fields by row)', () => {
  it('starts a record at RECORD n or at a second TITLE, and reports a record without a title', () => {
    const text = '"TITLE","One"\n"AUTHOR NAMES","Silva A.","Souza B."\n"PUI","L1"\n"TITLE","Two"\n"PUI","L2"\n"RECORD 3"\n"AUTHOR NAMES","Costa C."\n"PUI","L3"\n';
    const r = csvEmbaseRows.parse(text, { file: 'embase.csv' });
    expect(r.records.map((x) => [x.provenance.sourceId, x.provenance.line, x.authors.length])).toEqual([
      ['L1', 1, 2],
      ['L2', 4, 0],
      ['L3', 7, 1],
    ]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_NO_TITLE', line: 7, fatal: false })]);
  });

  it('is not taken for the column layout, nor the column layout for it', () => {
    const columns = fixtureText('csv', 'embase-uppercase-preamble.csv');
    expect(csvEmbaseRows.sniff(columns)).toBe(0);
    expect(csvEmbase.sniff(fixtureText('csv', 'embase-fields-by-row.csv'))).toBe(0);
  });
});
