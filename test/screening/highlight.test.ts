import { describe, expect, it } from 'vitest';
import { compileHighlightTerms, countTerms, findHighlights } from '../../src/core/screening/highlight.js';

const protocol = {
  search: {
    blocks: [
      { name: 'A', terms: [{ descriptor: 'Atenção Primária à Saúde', en: 'Primary Health Care', synonyms: ['Atenção Básica'] }] },
      { name: 'B', terms: [{ keyword: 'enferm$' }, { keyword: 'saúde mental', variants: ['mental health'] }] },
    ],
  },
};
const terms = compileHighlightTerms(protocol);
const spans = (text: string) => findHighlights(text, terms).map((r) => text.slice(r.start, r.end));

describe('highlighting protocol terms', () => {
  it('is accent- and case-insensitive both ways', () => {
    expect(spans('Ações na ATENCAO BASICA e na atenção primária à saúde')).toEqual(['ATENCAO BASICA', 'atenção primária à saúde']);
    expect(spans('Saude-mental e SAÚDE MENTAL')).toEqual(['Saude-mental', 'SAÚDE MENTAL']);
  });

  it('respects truncation and whole words', () => {
    expect(spans('Enfermagem, enfermeiros e enfermidade; não em "desenferma"')).toEqual(['Enfermagem', 'enfermeiros', 'enfermidade']);
    // "saúde mentalmente" is not the phrase "saúde mental".
    expect(spans('saúde mentalmente')).toEqual([]);
  });

  it('keeps positions right on decomposed accents and counts terms by their protocol label', () => {
    const nfd = 'Atenc\u0327a\u0303o Ba\u0301sica'; // "Atenção Básica" written with combining marks
    expect(spans(nfd)).toEqual([nfd]);
    expect(countTerms(['atenção básica e enfermagem', 'Primary health care; enfermeira'], terms)).toEqual([
      { label: 'Atenção Primária à Saúde', count: 2 },
      { label: 'enferm$', count: 2 },
    ]);
  });
});
