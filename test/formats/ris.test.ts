import { describe, expect, it } from 'vitest';
import type { BibRecord } from '../../src/core/record.js';
import { ris, scanRis, RIS_TAGS } from '../../src/formats/ris.js';
import { describeFixtures } from './fixtures.js';

/**
 * RIS has one keyword tag (KW) and no descriptor tag (MH is MEDLINE's, dropped by Zotero), so a
 * record's keywords and DeCS/MeSH descriptors come back together as terms (issue 18).
 */
const pooledTerms = (r: unknown) => {
  const { keywords, descriptors, abstracts, ...rest } = r as { keywords: string[]; descriptors: string[]; abstracts: { lang: string | null }[] };
  // Note: and one AB: the original-language abstract is written first, the others follow in notes.
  return { ...rest, terms: [...keywords, ...descriptors].sort(), abstracts: [...abstracts].sort((a, b) => String(a.lang).localeCompare(String(b.lang))) };
};

describeFixtures(ris, 'ris', ['bvs-lilacs-2021.ris', 'bvs-2022-mh.ris', 'scielo-search.ris', 'manager-zotero.ris'], { roundTrip: true, same: pooledTerms });

describe('RIS quirks', () => {
  it('stage 1 keeps raw tags with their lines, joins continuation lines, and closes a record without ER', () => {
    const entries: { line: number; tags: { tag: string; value: string; line: number }[] }[] = [];
    const diags = scanRis('TY  - JOUR\nTI  - Primeira parte\n   segunda parte\nZZ  - desconhecida\nTY  - BOOK\nTI  - Livro\n', 'x.ris', (e) => entries.push(e));
    expect(entries).toHaveLength(2);
    expect(entries[0].tags).toEqual([
      { tag: 'TY', value: 'JOUR', line: 1 },
      { tag: 'TI', value: 'Primeira parte segunda parte', line: 2 },
      { tag: 'ZZ', value: 'desconhecida', line: 4 },
    ]);
    expect(diags.map((d) => [d.code, d.line])).toEqual([
      ['RIS_MISSING_ER', 5],
      ['RIS_MISSING_ER', 6],
    ]);
  });

  it('keeps tags outside the mapping table in extra, repeated values in order', () => {
    const r = ris.parse('TY  - JOUR\nTI  - Título\nN1  - a\nN1  - b\nM3  - c\nER  - \n', { file: 'x.ris' });
    expect(RIS_TAGS.N1).toBeUndefined();
    expect(r.records[0].extra).toEqual({ N1: ['a', 'b'], M3: ['c'] });
  });

  it('rejects a record without title with a fatal diagnostic at its line, and keeps the others', () => {
    const r = ris.parse('TY  - JOUR\nTI  - Um\nER  - \n\nTY  - JOUR\nAU  - Silva, A\nER  - \n\nTY  - JOUR\nTI  - Três\nER  - \n', { file: 'x.ris' });
    expect(r.records.map((x) => x.titles[0].text)).toEqual(['Um', 'Três']);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'RIS_NO_TITLE', line: 5, fatal: true, file: 'x.ris' })]);
  });

  it('reads CRLF and lone CR line ends the same way as LF', () => {
    const lf = 'TY  - JOUR\nTI  - Saúde mental\nPY  - 2001\nER  - \n';
    const a = ris.parse(lf, { file: 'a' }).records;
    const b = ris.parse(lf.replace(/\n/g, '\r\n'), { file: 'a' }).records;
    const c = ris.parse(lf.replace(/\n/g, '\r'), { file: 'a' }).records;
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a[0].year).toBe(2001);
  });

  it('decodes HTML entities left by the portals and warns on a DOI that is not one', () => {
    const r = ris.parse('TY  - JOUR\nTI  - Crian&ccedil;as &amp; adolescentes: o &#039;cuidado&#039;\nDO  - sem doi\nER  - \n', { file: 'x.ris' });
    expect(r.records[0].titles[0].text).toBe("Crianças & adolescentes: o 'cuidado'");
    expect(r.records[0].doi).toBeUndefined();
    expect(r.records[0].extra.DO).toEqual(['sem doi']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['RIS_BAD_DOI']);
  });

  it('--source and --database override what the file says', () => {
    const r = ris.parse('TY  - JOUR\nTI  - T\nDB  - LILACS\nDP  - http://bvsalud.org/\nER  - \n', { file: 'x', source: 'other', database: 'BDENF' });
    expect(r.records[0].provenance).toMatchObject({ source: 'other', database: 'BDENF' });
  });

  it('sniffs RIS and not MEDLINE, BibTeX or HTML', () => {
    expect(ris.sniff('TY  - JOUR\nTI  - x\nER  - \n')).toBeGreaterThan(0.9);
    expect(ris.sniff('PMID- 123\nTI  - x\n')).toBeLessThan(0.3);
    expect(ris.sniff('@article{a, title={x}}')).toBe(0);
    expect(ris.sniff('<!DOCTYPE html><html>')).toBe(0);
  });
});

describe('RIS exports joined with cat', () => {
  it('reads the second file BOM as nothing: every record keeps its TY, no text outside records', async () => {
    const fs = await import('node:fs');
    const { fixturePath } = await import('../helpers/cli.js');
    const one = fs.readFileSync(fixturePath('ris', 'scielo-search.ris'), 'utf8').replace(/^\ufeff/, '');
    const single = ris.parse(one, { file: 'a.ris' });
    const joined = ris.parse('\ufeff' + one + '\ufeff' + one, { file: 'a.ris' });
    expect(joined.records.length).toBe(2 * single.records.length);
    expect(joined.records.map((r) => r.documentType)).toEqual([...single.records, ...single.records].map((r) => r.documentType));
    expect(joined.diagnostics.filter((d) => d.code === 'RIS_TEXT_OUTSIDE_RECORD' || d.code === 'RIS_MISSING_TY')).toEqual([]);
  });
});

describe('RIS out as RIS (issue 18)', () => {
  const rec = (over: Partial<BibRecord>): BibRecord => ({
    id: 'r1', titles: [{ lang: 'pt', text: 'Cuidado', original: true }, { lang: 'en', text: 'Care' }],
    abstracts: [{ lang: 'en', text: 'English abstract.' }, { lang: 'pt', text: 'Resumo em português.', original: true }],
    authors: [{ family: 'Salazar de Pablo', given: 'Gonzalo' }], languages: ['pt'], keywords: ['cuidado'], descriptors: ['Saúde Mental/organização & administração'],
    fullTextUrls: [], extra: { IS: ['1932-6203 (Electronic)'], TA: ['PLoS One'], DP: ['2021 Jan'], RN: ['0 (Drugs)'] },
    journal: 'PLoS ONE', year: 2021, issn: '1932-6203', documentType: 'letter',
    provenance: { source: 'pubmed', file: 'f.nbib', line: 1, format: 'medline', importId: 'i001', database: 'MEDLINE' },
    ...over,
  });

  it('writes only RIS tags with their RIS meaning: T2/J2/SN/KW/PY, one AB, a standard TY with the kind in M3, no MEDLINE tags', () => {
    const text = ris.stringify!([rec({})]);
    const tags = text.split('\n').filter(Boolean).map((l) => l.slice(0, 2));
    expect(tags).not.toContain('MH');
    expect(tags).not.toContain('JO');
    expect(tags).not.toContain('TA');
    expect(tags.filter((t) => t === 'AB')).toHaveLength(1);
    expect(text).toContain('TY  - JOUR\n');
    expect(text).toContain('M3  - letter\n');
    expect(text).toContain('T2  - PLoS ONE\n');
    expect(text).toContain('J2  - PLoS One\n');
    expect(text).toContain('SN  - 1932-6203\n');
    expect(text).toContain('AB  - Resumo em português.\n');
    expect(text).toContain('N1  - Abstract (en): English abstract.\n');
    expect(text).toContain('KW  - Saúde Mental/organização & administração\n');
    expect(text).not.toMatch(/^IS {2}- 1932/m);
    expect(text).not.toContain('0 (Drugs)');
    expect(text).toContain('DP  - PubMed (NLM)\n');
    expect(text).toContain('DB  - MEDLINE\n');
  });

  it('reads its own export back with the same kind, source, database and abstracts', () => {
    const [back] = ris.parse(ris.stringify!([rec({})]), { file: 'x.ris' }).records;
    expect(back.documentType).toBe('letter');
    expect(back.provenance).toMatchObject({ source: 'pubmed', database: 'MEDLINE' });
    expect(back.abstracts.map((a) => [a.lang, a.text])).toEqual([['pt', 'Resumo em português.'], ['en', 'English abstract.']]);
    expect(back.extra).toEqual({ J2: ['PLoS One'] });
  });
});
