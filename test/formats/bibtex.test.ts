import type { BibRecord } from '../../src/core/record.js';
import { describe, expect, it } from 'vitest';
import { bibtex, decodeLatex, splitBibAuthors } from '../../src/formats/bibtex.js';
import { asRecords, comparable, describeFixtures } from './fixtures.js';
import { ris } from '../../src/formats/ris.js';
import fs from 'node:fs';
import { fixturePath } from '../helpers/cli.js';
import { emptyRecord } from '../../src/core/record.js';

/**
 * What our BibTeX cannot carry back: an article's publisher (not in biblatex's data model for
 * @article, so not written), and the SciELO origin a SciELO export's publisher told.
 */
const articlePublisher = (r: unknown) => {
  const rec = r as { documentType?: string; publisher?: string; provenance: { source: string } };
  if (rec.documentType !== 'article') return rec;
  const { publisher: _p, ...rest } = rec;
  return { ...rest, provenance: { ...rest.provenance, source: rest.provenance.source === 'scielo' ? 'other' : rest.provenance.source } };
};
describeFixtures(bibtex, 'bibtex', ['google-scholar.bib', 'scielo.bib'], { roundTrip: true, same: articlePublisher });
// Scopus's own fields (funding_text_1...) are read into extra but not written back: they are not biblatex's.
describeFixtures(bibtex, 'bibtex', ['scopus-funding-text.bib']);

describe('BibTeX quirks', () => {
  it.each([
    ["{\\~a}", 'ã'],
    ['{\\c c}', 'ç'],
    ['\\c{c}', 'ç'],
    ["\\'{e}", 'é'],
    ["\\'e", 'é'],
    ["{\\'\\i}", 'í'],
    ['\\^{o}', 'ô'],
    ['\\"{u}', 'ü'],
    ['{\\`a}', 'à'],
    ['\\~{n}', 'ñ'],
    ['50\\% \\& \\$3', '50% & $3'],
    ['1--12', '1–12'],
    ['{CAPS} e {\\textit{SUS}}', 'CAPS e SUS'],
  ])('decodes %s as %s', (latex, text) => {
    expect(decodeLatex(latex)).toBe(text);
  });

  it('splits authors on "and" outside braces and keeps braced corporate names literal', () => {
    expect(splitBibAuthors('{Ministério da Saúde and Fiocruz} and Ana Maria Silva and Souza, J.')).toEqual([
      { family: 'Ministério da Saúde and Fiocruz', literal: 'Ministério da Saúde and Fiocruz' },
      { family: 'Silva', given: 'Ana Maria' },
      { family: 'Souza', given: 'J.' },
    ]);
  });

  it('rejects an unclosed entry with its line and keeps the entries before it', () => {
    const text = fs.readFileSync(fixturePath('bad', 'unclosed.bib'), 'utf8');
    const r = bibtex.parse(text, { file: 'unclosed.bib' });
    expect(r.records.map((x) => x.titles[0].text)).toEqual(['Saúde mental']);
    expect(r.rejected).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'BIBTEX_UNCLOSED', line: 6, fatal: true })]);
  });

  it('round-trips text that BibTeX would otherwise reinterpret (braces, --, ~, %, backslash)', () => {
    const first = bibtex.parse('@misc{k, title = {A \\{x\\} 50\\% -{}- y\\textasciitilde{}z \\textbackslash{}n}}', { file: 'x' }).records;
    expect(first[0].titles[0].text).toBe('A {x} 50% -- y~z \\n');
    const again = bibtex.parse(bibtex.stringify(asRecords(first)), { file: 'y' }).records;
    expect(comparable(again)).toEqual(comparable(first));
  });

  it('exports RIS records to BibTeX keeping title, authors, DOI and year', () => {
    const fromRis = ris.parse(fs.readFileSync(fixturePath('ris', 'scielo-search.ris'), 'utf8'), { file: 'a.ris' }).records;
    const back = bibtex.parse(bibtex.stringify(asRecords(fromRis)), { file: 'b.bib' }).records;
    expect(back.map((r) => [r.titles[0].text, r.doi, r.year, r.authors[0].family])).toEqual(
      fromRis.map((r) => [r.titles[0].text, r.doi, r.year, r.authors[0].family]),
    );
  });
});

describe('BibTeX export of a record in several languages', () => {
  const record = {
    ...emptyRecord({ source: 'bvs', file: 'x.ris', line: 1, format: 'ris' }),
    id: 'i001-00001',
    titles: [
      { lang: 'pt', text: 'Matriciamento em saúde mental na atenção básica', original: true },
      { lang: 'en', text: 'Matrix support in mental health in primary care' },
      { lang: 'es', text: 'Apoyo matricial en salud mental en la atención primaria' },
      { lang: null, text: 'Título numa língua não reconhecida' },
    ],
    abstracts: [
      { lang: 'pt', text: 'Objetivo: compreender o apoio matricial.', original: true },
      { lang: 'en', text: 'Objective: to understand matrix support.' },
      { lang: 'es', label: 'OBJETIVO', text: 'comprender el apoyo matricial.' },
      { lang: 'es', label: 'MÉTODO', text: 'estudio cualitativo.' },
    ],
    authors: [{ family: 'Conceição', given: 'Maria José' }],
    year: 2021,
    url: 'https://pesquisa.bvsalud.org/portal/resource/pt/biblio-1',
    fullTextUrls: ['https://www.scielo.br/a.pdf', 'https://www.scielo.br/b.pdf'],
  };

  it('repeats no field, which biber and Zotero refuse or drop', () => {
    const text = bibtex.stringify([record as never]);
    const names = [...text.matchAll(/^\s+([a-z0-9-]+) = /gm)].map((m) => m[1]);
    expect(names.length).toBe(new Set(names).size);
    expect(names).toEqual(expect.arrayContaining(['title', 'title-en', 'title-es', 'title-2', 'abstract', 'abstract-en', 'abstract-es', 'url', 'url-2', 'url-3']));
    expect(text).toContain('abstract-es = {OBJETIVO: comprender el apoyo matricial. MÉTODO: estudio cualitativo.}');
  });

  it('reads every language and link back', () => {
    const [back] = bibtex.parse(bibtex.stringify([record as never]), { file: 'y.bib' }).records;
    expect(back.titles).toEqual(record.titles);
    expect(back.abstracts.map((a) => [a.lang, a.text, Boolean(a.original)])).toEqual([
      ['pt', 'Objetivo: compreender o apoio matricial.', true],
      ['en', 'Objective: to understand matrix support.', false],
      ['es', 'OBJETIVO: comprender el apoyo matricial. MÉTODO: estudio cualitativo.', false],
    ]);
    expect([back.url, ...back.fullTextUrls]).toEqual([record.url, ...record.fullTextUrls]);
  });
});

describe('BibTeX out that biber and Zotero take (issue 18)', () => {
  const record: BibRecord = {
    id: 'r1', titles: [{ lang: 'en', text: 'Lemurs \\{Lemur catta) and p < 0.05 in 50% of {cases}', original: true }],
    abstracts: [{ lang: 'en', text: 'A > B; a^2 ~ b', original: true }],
    authors: [{ family: 'Salazar de Pablo', given: 'Gonzalo' }, { family: 'Silva', given: 'Ana' }],
    languages: ['pt'], keywords: ['cuidado'], descriptors: ['Saúde Mental/organização & administração'], fullTextUrls: [],
    extra: { truncated: ['authors'], funding_text_1: ['CNPq'], month: ['July'] },
    journal: 'Rev. Bras. Enferm.', year: 2021, documentType: 'editorial',
    provenance: { source: 'other', file: 'f', line: 1, format: 'csv-pop', importId: 'i001' },
  };
  const text = bibtex.stringify!([record]);

  it('escapes braces, < > ^ ~ so the braces of every value balance', () => {
    for (const line of text.split('\n').filter((l) => l.startsWith('  '))) {
      const value = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
      let depth = 0;
      for (const c of value.replace(/\\[{}]/g, '')) {
        if (c === '{') depth++;
        if (c === '}') depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
    expect(text).toContain('\\textbraceleft{}Lemur catta)');
    expect(text).toContain('p \\textless{} 0.05');
    expect(text).not.toMatch(/[<>]/);
  });

  it('writes a type biblatex knows with the kind in entrysubtype, langid, braced particles, keywords from descriptors, no internal markers', () => {
    expect(text).toMatch(/^@article\{/);
    expect(text).toContain('entrysubtype = {editorial}');
    expect(text).toContain('langid = {portuguese}');
    expect(text).toContain('author = {{Salazar de Pablo}, Gonzalo and Silva, Ana}');
    expect(text).toContain('keywords = {cuidado; Saúde Mental/organização \\& administração}');
    expect(text).toContain('month = {July}');
    expect(text).not.toContain('truncated');
    expect(text).not.toContain('funding');
    expect(text).not.toContain("'");
  });

  it('reads back the same title, authors, kind and abstract', () => {
    const [back] = bibtex.parse(text, { file: 'x.bib' }).records;
    expect(back.titles[0].text).toBe(record.titles[0].text);
    expect(back.abstracts[0].text).toBe(record.abstracts[0].text);
    expect(back.authors).toEqual(record.authors);
    expect(back.documentType).toBe('editorial');
    expect(back.languages).toEqual(['pt']);
  });
});
