import { describe, expect, it } from 'vitest';
import { bibtex } from '../../src/formats/bibtex.js';
import type { BibRecord } from '../../src/core/record.js';

describe('BibTeX page ranges', () => {
  it('are written as 1247--1254 and read back as 1247-1254', () => {
    const parsed = bibtex.parse('@article{silva2020, title = {Sa{\\\'u}de mental na aten{\\c c}{\\~a}o b{\\\'a}sica}, pages = {1247-1254}, year = {2020}}', { file: 'x.bib' });
    const rec = { ...parsed.records[0], id: 'i001-00001', provenance: { ...parsed.records[0].provenance, importId: 'i001' } } as BibRecord;
    expect(rec.titles[0].text).toBe('Saúde mental na atenção básica');
    const out = bibtex.stringify!([rec]);
    expect(out).toContain('pages = {1247--1254}');
    expect(out).not.toContain('{}');
    expect(bibtex.parse(out, { file: 'y.bib' }).records[0].pages).toBe('1247-1254');
  });
});

describe('BibTeX citation keys', () => {
  it('fold accents and case through the one fold: Conceição 2019 "Atenção à saúde" -> conceicao2019atencao', () => {
    const parsed = bibtex.parse('@article{x, author = {Concei{\\c c}{\\~a}o, Maria}, title = {Aten{\\c c}{\\~a}o {\\`a} sa{\\\'u}de mental}, year = {2019}}', { file: 'x.bib' });
    const rec = { ...parsed.records[0], id: 'i001-00001', provenance: { ...parsed.records[0].provenance, importId: 'i001', sourceId: undefined } } as BibRecord;
    expect(bibtex.stringify!([rec])).toMatch(/^@\w+\{conceicao2019atencao,/m);
  });
});
