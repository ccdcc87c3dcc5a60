/** The text toolkit below the UI (src/core/text.ts): entities, accent folding, stopwords. */
import { describe, expect, it } from 'vitest';
import { decodeEntities, foldAccents, sniffDelimiter, STOPWORDS } from '../../src/core/text.js';

describe('core text toolkit', () => {
  it('decodes named and numeric references; unknown names, bare ampersands and unclosed names stay', () => {
    expect(decodeEntities('Aten&ccedil;&atilde;o &amp; cuidado &#233; &#xE9; &ndash; &unknown; R&D &notes')).toBe('Atenção & cuidado é é – &unknown; R&D &notes');
  });

  it('decodes once unless told to undo a second encoding', () => {
    expect(decodeEntities('D&amp;#039;Avila')).toBe('D&#039;Avila');
    expect(decodeEntities('D&amp;#039;Avila', 2)).toBe("D'Avila");
  });

  it('folds accents and case only', () => {
    expect(foldAccents('Atenção Básica: AÇÕES!')).toBe('atencao basica: acoes!');
  });

  it('has one stopword list per language, each with its own function words', () => {
    expect(STOPWORDS.pt.has('não')).toBe(true);
    expect(STOPWORDS.es.has('fueron')).toBe(true);
    expect(STOPWORDS.en.has('the')).toBe(true);
    expect(STOPWORDS.en.has('não')).toBe(false);
  });
});

describe('sniffDelimiter (the one CSV delimiter sniffer: formats and extraction tables)', () => {
  it.each([
    ['id,title,year', ','],
    ['id;title;year', ';'],
    ['id\ttitle\tyear', '\t'],
    ['"a,b";c;d', ';'],
    ['"a;b;c",d,e', ','],
    ['title', ','],
  ])('%j -> %j', (line, d) => expect(sniffDelimiter(line)).toBe(d));

  it('gives a tie to the earlier preferred delimiter', () => {
    expect(sniffDelimiter('a;b,c')).toBe(',');
    expect(sniffDelimiter('a;b,c', [';', '\t', ','])).toBe(';');
    expect(sniffDelimiter('title', [';', '\t', ','])).toBe(',');
  });
});
