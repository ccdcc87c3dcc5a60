import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidUtf8 } from '../../src/formats/encoding.js';
import { ris } from '../../src/formats/ris.js';
import { fixturePath } from '../helpers/cli.js';

const CASES: { file: string; encoding: string; codes: string[]; titles: string[] }[] = [
  {
    file: 'lilacs-cp1252.ris',
    encoding: 'windows-1252',
    codes: [],
    titles: ['Saúde mental na atenção básica: “acolhimento” – desafios', 'Reabilitação psicossocial e cidadania'],
  },
  { file: 'lilacs-latin1.ris', encoding: 'iso-8859-1', codes: [], titles: ['Promoção da saúde e prevenção de agravos no Programa Saúde da Família'] },
  { file: 'scielo-utf16le-bom.ris', encoding: 'utf-16le', codes: [], titles: ['Cuidado em saúde mental: vínculo e corresponsabilização'] },
  { file: 'bvs-utf16be-bom.ris', encoding: 'utf-16be', codes: [], titles: ['Atenção psicossocial e território'] },
  { file: 'bvs-cr-line-ends.ris', encoding: 'utf-8', codes: [], titles: ['Saúde mental e trabalho na Estratégia Saúde da Família', 'Grupos terapêuticos na atenção básica'] },
  { file: 'mixed-utf8-cp1252.ris', encoding: 'utf-8+windows-1252', codes: ['ENCODING_MIXED'], titles: ['Educação em saúde mental', 'Formação profissional e saúde mental'] },
  { file: 'replacement-char.ris', encoding: 'utf-8', codes: ['ENCODING_REPLACEMENT_CHAR'], titles: ['Sa\ufffdde mental na aten\ufffd\ufffdo b\ufffdsica'] },
];

describe('decoding export files', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.encoding}${c.codes.length ? ' with ' + c.codes.join(', ') : ''}`, () => {
      const decoded = decodeBytes(fs.readFileSync(fixturePath('encoding', c.file)), c.file);
      expect(decoded.binary).toBe(false);
      expect(decoded.encoding).toBe(c.encoding);
      expect(decoded.diagnostics.map((d) => d.code)).toEqual(c.codes);
      for (const d of decoded.diagnostics) expect(d.line).toBeGreaterThan(0);
      const r = ris.parse(decoded.text, { file: c.file });
      expect(r.records.map((x) => x.titles[0].text)).toEqual(c.titles);
      expect(r.records[0].authors[0]).toEqual({ family: 'Conceição', given: 'Graça' });
    });
  }

  it('reports the line where a mixed file stops being UTF-8', () => {
    const decoded = decodeBytes(fs.readFileSync(fixturePath('encoding', 'mixed-utf8-cp1252.ris')), 'm.ris');
    expect(decoded.diagnostics[0]).toMatchObject({ code: 'ENCODING_MIXED', line: 15, fatal: false, file: 'm.ris' });
  });

  it('flags binary content (NUL bytes, control characters)', () => {
    expect(decodeBytes(fs.readFileSync(fixturePath('bad', 'binary.ris')), 'b').binary).toBe(true);
    expect(decodeBytes(Buffer.from('TY  - JOUR\n\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'), 'b').binary).toBe(true);
    expect(decodeBytes(Buffer.from('TY  - JOUR\nTI  - ok\tok\n'), 'b').binary).toBe(false);
  });

  it('reads UTF-16 without BOM with a warning instead of calling it binary', () => {
    const decoded = decodeBytes(Buffer.from('TY  - JOUR\nTI  - Saúde\nER  - \n', 'utf16le'), 'u.ris');
    expect(decoded.binary).toBe(false);
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text).toContain('Saúde');
    expect(decoded.diagnostics.map((d) => d.code)).toEqual(['ENCODING_UTF16_NO_BOM']);
  });

  it('warns about UTF-8 that was encoded twice', () => {
    const decoded = decodeBytes(Buffer.from('TY  - JOUR\nTI  - AtenÃ§Ã£o bÃ¡sica\nER  - \n', 'utf8'), 'd.ris');
    expect(decoded.diagnostics).toEqual([expect.objectContaining({ code: 'ENCODING_DOUBLE_UTF8', line: 2 })]);
  });

  it('finds the first invalid UTF-8 byte (overlong, surrogate, truncated sequences)', () => {
    expect(firstInvalidUtf8(Buffer.from('ação', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe3]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xe7, 0x61]))).toBe(0);
  });
});
