import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { neutralizeCell, neutralizeRecord } from '../../src/core/report/neutralize.js';
import { selectedArticleTable, stringifyTable } from '../../src/core/report/selectedTable.js';
import { mergedStudies } from '../../src/core/report/studies.js';
import { computeExtractions, type ExtractEvent } from '../../src/core/extraction/events.js';
import { stringifyRis } from '../../src/formats/ris.js';
import { stringifyBibtex } from '../../src/formats/bibtex.js';
import type { Protocol } from '../../src/core/protocol.js';
import { rec, resetIds } from './records.js';

const headings = { id: 'id', authors: 'autores', year: 'ano', title: 'título', journal: 'periódico', databases: 'bases', doi: 'doi', link: 'link', themes: 'temas', themeLabels: 'rótulos' };
const protocol = {
  language: 'pt',
  extraction: [
    { name: 'design', label: 'Delineamento', type: 'choice', values: ['qualitativo', 'revisão'] },
    { name: 'n', label: 'Participantes', type: 'number' },
    { name: 'results', label: 'Resultados', type: 'longtext' },
  ],
  themes: [
    { id: 'P1', label: 'Vínculo', group: 'Potencialidades' },
    { id: 'I1', label: 'Sobrecarga', group: 'Impasses' },
  ],
} as Pick<Protocol, 'extraction' | 'themes' | 'language'>;

function build() {
  resetIds();
  const a = rec('i001', 'bvs', 'LILACS', {
    titles: [{ lang: 'pt', text: 'Atenção à saúde mental: ações e coordenação', original: true }],
    authors: [{ family: 'Conceição', given: 'Maria da' }, { family: 'Araújo', given: 'José' }],
    journal: 'Ciênc. saúde coletiva',
    year: 2019,
  });
  const dupOfA = rec('i002', 'scielo', 'SciELO Brasil', { doi: '10.1590/1413-81232019244.05362017' });
  const evil = rec('i001', 'bvs', 'BDENF', {
    titles: [{ lang: 'pt', text: '=HYPERLINK("http://x.test","clique")', original: true }],
    authors: [{ family: '+Silva' }, { family: '@Souza' }],
    journal: '-Revista',
  });
  const canonicalOf = new Map([[dupOfA.id, a.id]]);
  const studies = mergedStudies([a, dupOfA, evil], canonicalOf, [a.id, evil.id]);
  const events: ExtractEvent[] = [
    { type: 'extract', seq: 1, at: '', recordId: a.id, fields: { design: 'revisão', n: 12.5, results: 'Vínculo; sobrecarga\nsegunda linha' }, themes: ['P1', 'I1'] },
    { type: 'extract', seq: 2, at: '', recordId: evil.id, fields: { results: '\tcomeça com tab', design: 'qualitativo' }, themes: [] },
  ];
  return { studies, extractions: computeExtractions(events) };
}

const fmt = (v: unknown) => (typeof v === 'number' ? String(v).replace('.', ',') : Array.isArray(v) ? v.join('; ') : String(v));

describe('selected-article table', () => {
  it('one row per included study: authors, year, title, journal, databases (all copies), DOI/link, fields, themes', () => {
    const { studies, extractions } = build();
    const t = selectedArticleTable(studies, protocol, extractions, { headings, formatValue: fmt });
    expect(t.header).toEqual(['id', 'autores', 'ano', 'título', 'periódico', 'bases', 'doi', 'link', 'Delineamento', 'Participantes', 'Resultados', 'temas', 'rótulos']);
    expect(t.rows[0]).toEqual([
      'i001-00001',
      'Conceição, Maria da; Araújo, José',
      '2019',
      'Atenção à saúde mental: ações e coordenação',
      'Ciênc. saúde coletiva',
      'LILACS (BVS); SciELO Brasil (SciELO)',
      '10.1590/1413-81232019244.05362017',
      'https://doi.org/10.1590/1413-81232019244.05362017',
      'revisão',
      '12,5',
      'Vínculo; sobrecarga\nsegunda linha',
      'P1; I1',
      'Vínculo; Sobrecarga',
    ]);
  });

  it('Excel pt-BR: UTF-8 BOM, ";" separators, CRLF, accents as UTF-8, quoted cells with ";" or line breaks', () => {
    const { studies, extractions } = build();
    const t = selectedArticleTable(studies, protocol, extractions, { headings, formatValue: fmt });
    const text = stringifyTable(t.header, t.rows, { excel: true });
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]).toBe('\uFEFFid;autores;ano;título;periódico;bases;doi;link;Delineamento;Participantes;Resultados;temas;rótulos');
    // "ç" and "ã" are written as their UTF-8 bytes, not as Latin-1 or entities
    expect(bytes.includes(Buffer.from([0xc3, 0xa7]))).toBe(true);
    expect(bytes.includes(Buffer.from('Atenção à saúde', 'utf8'))).toBe(true);
    const back = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(back).toHaveLength(3);
    expect(back[1][1]).toBe('Conceição, Maria da; Araújo, José');
    expect(back[1][10]).toBe('Vínculo; sobrecarga\nsegunda linha');
    expect(back[1][11]).toBe('P1; I1');
  });

  it('plain CSV: no BOM, "," separators', () => {
    const text = stringifyTable(['a', 'b'], [['ação', 'x,y']], { excel: false });
    expect(text.charCodeAt(0)).toBe(0x61);
    expect(text).toBe('a,b\nação,"x,y"\n');
  });

  it('neutralises cells that start with = + - @ tab or CR', () => {
    for (const [input, out] of [
      ['=1+1', "'=1+1"],
      ['+55 11 9999', "'+55 11 9999"],
      ['-2', "'-2"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['\rx', "'\rx"],
      ['a=b', 'a=b'],
      ['Saúde', 'Saúde'],
      ['', ''],
    ])
      expect(neutralizeCell(input)).toBe(out);
    const { studies, extractions } = build();
    const t = selectedArticleTable(studies, protocol, extractions, { headings, formatValue: fmt });
    const back = parse(stringifyTable(t.header, t.rows, { excel: true }), { bom: true, delimiter: ';' }) as string[][];
    const evil = back[2];
    expect(evil[1]).toBe("'+Silva; @Souza");
    expect(evil[3]).toBe('\'=HYPERLINK("http://x.test","clique")');
    expect(evil[4]).toBe("'-Revista");
    expect(evil[10]).toBe("'\tcomeça com tab");
  });

  it('RIS and BibTeX of the chosen set carry neutralised text', () => {
    const { studies } = build();
    const safe = studies.map(neutralizeRecord);
    const ris = stringifyRis(safe);
    expect(ris).toContain('TI  - \'=HYPERLINK("http://x.test","clique")');
    expect(ris).not.toMatch(/^TI {2}- =/m);
    expect(ris).toMatch(/^AU {2}- '\+Silva/m);
    const bib = stringifyBibtex(safe);
    expect(bib).toContain("'=HYPERLINK");
    expect(bib).not.toMatch(/title\s*=\s*\{=/);
    // the originals are untouched
    expect(studies[1].titles[0].text.startsWith('=')).toBe(true);
  });
});
