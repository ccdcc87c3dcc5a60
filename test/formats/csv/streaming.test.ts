/**
 * The CSV-family formats read in pieces (issue 3): `stream` fed any split of the text gives
 * exactly what `parse` gives (records, diagnostics, rejected), records leave as soon as their
 * row is complete, and through the import's piece reader a large CRLF export keeps its lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../../src/core/record.js';
import { csvBvs } from '../../../src/formats/csv/csv-bvs.js';
import { csvGeneric } from '../../../src/formats/csv/csv-generic.js';
import { csvPop } from '../../../src/formats/csv/csv-pop.js';
import { csvScielo } from '../../../src/formats/csv/csv-scielo.js';
import type { FormatAdapter, ParseResult } from '../../../src/formats/types.js';
import { readFileInto, type FileSink } from '../../../src/stages/import/index.js';
import { fixturePath, tempDir } from '../../helpers/cli.js';
import { inPieces as piecesOf } from '../fixtures.js';

const SIZES = [1, 2, 7, 64, 1000];

/** `adapter.stream` fed `text` in pieces of `size` characters. */
const inPieces = (adapter: FormatAdapter, text: string, size: number, file = 'f.csv'): ParseResult => piecesOf(adapter, text, size, { file });

describe('CSV formats read in pieces', () => {
  it('keeps the lines and codes of a malformed file whatever the split', () => {
    const text = '\ufeff' + fs.readFileSync(fixturePath('csv', 'generic-malformed.csv'), 'utf8').replace(/\n/g, '\r\n');
    for (const size of SIZES) {
      const r = inPieces(csvGeneric, text, size);
      expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
        ['CSV_COLUMN_COUNT', 3],
        ['CSV_BAD_YEAR', 6],
        ['CSV_NO_TITLE', 7],
        ['CSV_BAD_DOI', 8],
        ['CSV_BAD_QUOTE', 10],
      ]);
      expect(r.records.map((x) => x.provenance.line)).toEqual([2, 4, 6, 7, 8, 9]);
      expect(r.rejected).toBe(2);
    }
  });

  it.each([
    ['empty', '', [['CSV_EMPTY', 0]], 0],
    ['blank lines only', '\ufeff \r\n\r\n  \r\n', [['CSV_EMPTY', 0]], 0],
    ['header only', 'title,year\r\n', [['CSV_NO_ROWS', 1]], 0],
    ['header without line end', 'título;ano', [['CSV_NO_ROWS', 1]], 0],
    ['unclosed quote at the end', 'title,year\r\nA,2020\r\n\r\n"B sem fim,2021\r\n', [['CSV_BAD_QUOTE', 4]], 1],
    ['a rejected multi-line row past blank lines', 'title,year\r\nA,2020\r\n\r\n,\r\n"B\r\ncontinua",2021,sobra\r\nC,2022\r\n', [['CSV_COLUMN_COUNT', 5]], 1],
    ['a quoted header cell with the delimiter', '"title;x";year\nA;2020\n', [], 0],
    ['leading blank lines before the header', '\n\n\ntitle\tyear\nA\t2020\nB\t2021\t9\n', [['CSV_COLUMN_COUNT', 6]], 1],
  ])('%s: same diagnostics in pieces as whole', (_name, text, diagnostics, rejected) => {
    const whole = csvGeneric.parse(text, { file: 'f.csv' });
    expect(whole.diagnostics.map((d) => [d.code, d.line])).toEqual(diagnostics);
    expect(whole.rejected).toBe(rejected);
    for (const size of SIZES) expect(inPieces(csvGeneric, text, size), `pieces of ${size}`).toEqual(whole);
  });

  it('hands each record on as soon as its row is complete, before the end', () => {
    const got: ParsedRecord[] = [];
    const parser = csvScielo.stream({ file: 's.csv' }, (r) => got.push(r));
    const text = fs.readFileSync(fixturePath('csv', 'scielo.csv'), 'utf8').replace(/\r?\n/g, '\r\n');
    const rows = text.split('\r\n').filter(Boolean);
    parser.push(`${rows[0]}\r\n${rows[1]}\r\n${rows[2].slice(0, 20)}`);
    expect(got.length).toBe(1);
    expect(parser.line).toBe(2);
    parser.push(`${rows[2].slice(20)}\r`);
    expect(got.length).toBe(1);
    // Note: csv-parse closes a row once it has seen a few characters past its line end.
    parser.push(`\n${rows[3].slice(0, 20)}`);
    expect(got.length).toBe(2);
    expect(got.map((r) => r.provenance.line)).toEqual([2, 3]);
    expect(parser.line).toBe(3);
  });

  it('counts the cut author lists of Publish or Perish as records pass', () => {
    const text = fs.readFileSync(fixturePath('csv', 'pop-googlescholar.csv'), 'utf8');
    const whole = csvPop.parse(text, { file: 'p.csv' });
    const cut = whole.records.filter((r) => r.extra.truncated?.includes('authors')).length;
    expect(cut).toBeGreaterThan(0);
    const r = inPieces(csvPop, text, 7);
    expect(r.diagnostics.find((d) => d.code === 'CSV_AUTHORS_TRUNCATED')?.params).toEqual({ count: cut });
  });
});

const HEADER = 'ID,Title,Authors,Source,Journal,Database,Type,Language,Publication year,Descriptor(s),Publication Country,Fulltext URL, Abstract';

function bvsRow(i: number): string {
  const abstract = `Objetivo: avaliar o cuidado de enfermagem na atenção primária à saúde ${i}. `.repeat(4).trim();
  return [`"biblio-${100000 + i}"`, `"Atenção básica e saúde mental ${i}/ Primary care and mental health ${i}"`, '"Souza, Maria José; Araújo, João"', '"Rev. baiana enferm;35: e1, 2021"', '"Rev. baiana enferm"', '"LILACS"', '"article"', '"pt"', '"2021"', '"Enfermagem; Saúde Mental"', '"BR"', '""', `"${abstract}"`].join(',');
}

describe('a large CSV through the import reader', () => {
  it('streams a CRLF export with a multi-line cell across a 64 KB boundary and reports the bad row at its line', () => {
    const PIECE = 64 * 1024;
    const lines: string[] = [HEADER];
    let i = 0;
    const bytes = () => Buffer.byteLength(lines.join('\r\n') + '\r\n');
    while (bytes() < PIECE - 2000) lines.push(bvsRow(i++));
    // A row whose quoted abstract holds line ends, one of them split between the two pieces.
    const before = bytes();
    const prefix = `"biblio-999999","Cuidado multilinha/ Multiline care","Lima, Iara","Rev;1: 1, 2021","Rev","LILACS","article","pt","2021","Enfermagem","BR","","Primeira linha do resumo.`;
    const fill = 'x'.repeat(PIECE - before - Buffer.byteLength(prefix) - 1);
    const multiline = `${prefix}${fill}\r\nSegunda linha, depois da fronteira.\r\nTerceira linha."`;
    expect(before + Buffer.byteLength(prefix + fill)).toBe(PIECE - 1);
    const multilineAt = lines.length + 1;
    lines.push(multiline);
    for (let k = 0; k < 50; k++) lines.push(bvsRow(i++));
    // Note: the multi-line row holds two line ends of its own.
    const badAt = lines.length + 4 + 2;
    lines.push(bvsRow(i++), '', '', `${bvsRow(i++)},"coluna a mais"`);
    while (bytes() < 220 * 1024) lines.push(bvsRow(i++));
    const text = lines.join('\r\n') + '\r\n';
    const buffer = Buffer.from(text, 'utf8');
    expect(buffer[PIECE - 1]).toBe(13);
    expect(buffer[PIECE]).toBe(10);

    const file = path.join(tempDir('review-csv-stream-'), 'busca-bvs.csv');
    fs.writeFileSync(file, buffer);
    const got: ParsedRecord[] = [];
    let restarts = 0;
    const sink: FileSink = { bytes: () => {}, record: (r) => got.push(r), restart: () => restarts++ };
    const read = readFileInto(file, {}, sink);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    expect(restarts).toBe(0);
    expect(read.adapter.id).toBe('csv-bvs');
    const whole = csvBvs.parse(text, { file: 'busca-bvs.csv' });
    expect(got).toEqual(whole.records);
    expect(read.rejected).toBe(1);
    expect(read.diagnostics).toEqual(whole.diagnostics);
    expect(read.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_COLUMN_COUNT', line: badAt, fatal: true, file: 'busca-bvs.csv' })]);
    const multi = got.find((r) => r.bvsId === 'biblio-999999')!;
    expect(multi.provenance.line).toBe(multilineAt);
    expect(multi.abstracts[0].text).toContain('Segunda linha, depois da fronteira. Terceira linha.');
    const after = got[got.indexOf(multi) + 1];
    expect(after.provenance.line).toBe(multilineAt + 3);
    expect(got[got.length - 1].provenance.line).toBe(lines.length + 2);
  });
});
