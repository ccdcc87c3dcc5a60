/**
 * The big databases' own CSV/tab-delimited exports (Web of Science, Scopus, Embase) and older
 * variants: each fixture against its expected JSON, chosen as its own format by extension and by
 * content under a misleading extension, and the quirks each layout has.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { csvWos, splitWosList } from '../../src/formats/csv/csv-wos.js';
import type { FormatAdapter } from '../../src/formats/types.js';
import { describeFixtures, fixtureText, inPieces } from './fixtures.js';

const FIXTURES: [FormatAdapter, string[]][] = [[csvWos, ['wos-tab-delimited-utf8.txt', 'wos-tab-delimited-utf16le.txt']]];

for (const [adapter, names] of FIXTURES) describeFixtures(adapter, 'csv', names);

describe('each vendor fixture is detected as its own format', () => {
  const cases = FIXTURES.flatMap(([adapter, names]) => names.map((name) => [name, adapter.id] as const));
  it.each(cases)('%s -> %s, by its extension and under misleading ones', (name, id) => {
    const head = fixtureText('csv', name).slice(0, 65536);
    expect(detectFormat(name, head).id).toBe(id);
    for (const ext of ['csv', 'txt', 'ris', 'bib', 'xml', 'tsv']) expect(detectFormat(name.replace(/\.\w+$/, `.${ext}`), head).id).toBe(id);
  });

  it.each(cases)('%s gives the same records read in small pieces (streaming)', (name) => {
    const adapter = FIXTURES.find(([, names]) => names.includes(name))![0];
    const text = fixtureText('csv', name);
    const whole = adapter.parse(text, { file: name });
    const pieces = inPieces(adapter, text, 7, { file: name });
    expect(pieces.records).toEqual(whole.records);
    expect(pieces.diagnostics).toEqual(whole.diagnostics);
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
