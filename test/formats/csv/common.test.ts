/** The CSV family's shared helpers: header keys, names, languages, source strings. */
import { describe, expect, it } from 'vitest';
import {
  authorFromFamilyFirst,
  authorInitialsFirst,
  authorInitialsLast,
  headerKey,
  readLanguages,
  splitAuthorsCell,
  toLanguageCode,
} from '../../../src/formats/csv/common.js';
import { parseBvsSource, splitBvsTitles } from '../../../src/formats/csv/csv-bvs.js';
import { parsePubmedCitation } from '../../../src/formats/csv/csv-pubmed.js';
import { parseScieloId, parseScieloSource } from '../../../src/formats/csv/csv-scielo.js';
import { splitPopAuthors } from '../../../src/formats/csv/csv-pop.js';

describe('headerKey', () => {
  it.each([
    [' Abstract', 'abstract'],
    ['\uFEFFCites', 'cites'],
    ['Publication year', 'publicationyear'],
    ['publication_year', 'publicationyear'],
    ['PUBLICATION YEAR', 'publicationyear'],
    ['Descriptor(s)', 'descriptors'],
    ['Journal/Book', 'journalbook'],
    ['Título', 'titulo'],
    ['Palavras-chave', 'palavraschave'],
  ])('%j -> %s', (name, key) => expect(headerKey(name)).toBe(key));
});

describe('author names', () => {
  it('reads Family, Given and keeps names without a comma as literals', () => {
    expect(authorFromFamilyFirst('Mello e Souza, Maria Conceição Bernardo de')).toEqual({ family: 'Mello e Souza', given: 'Maria Conceição Bernardo de' });
    expect(authorFromFamilyFirst('Xavier,')).toEqual({ family: 'Xavier', literal: 'Xavier' });
    expect(authorFromFamilyFirst('Ministério da Saúde')).toEqual({ family: 'Ministério da Saúde', literal: 'Ministério da Saúde' });
    expect(authorFromFamilyFirst('  ')).toBeUndefined();
  });

  it('reads initials last (PubMed) and first (Google Scholar)', () => {
    expect(authorInitialsLast('Pérez-de la Fuente R')).toEqual({ family: 'Pérez-de la Fuente', given: 'R' });
    expect(authorInitialsLast('Nursing Research Group')).toBeUndefined();
    expect(authorInitialsFirst('MA Souza')).toEqual({ family: 'Souza', given: 'MA' });
    expect(authorInitialsFirst('É Duke')).toEqual({ family: 'Duke', given: 'É' });
    expect(authorInitialsFirst('Souza')).toBeUndefined();
  });

  it('splits author cells of unknown shape without inventing names', () => {
    expect(splitAuthorsCell('Silva, Ana; Souza, Bia; ')).toEqual([{ family: 'Silva', given: 'Ana' }, { family: 'Souza', given: 'Bia' }]);
    expect(splitAuthorsCell('Silva A, Souza B, et al.')).toEqual([{ family: 'Silva', given: 'A' }, { family: 'Souza', given: 'B' }]);
    expect(splitAuthorsCell('Silva, Ana, Souza')).toEqual([{ family: 'Silva, Ana, Souza', literal: 'Silva, Ana, Souza' }]);
    expect(splitPopAuthors('C Kun‐Rodrigues, J Salmona, ...')).toEqual({ authors: [{ family: 'Kun‐Rodrigues', given: 'C' }, { family: 'Salmona', given: 'J' }], truncated: true });
    expect(splitPopAuthors('KC McGoogan')).toEqual({ authors: [{ family: 'McGoogan', given: 'KC' }], truncated: false });
  });
});

describe('languages', () => {
  it.each([
    ['pt', 'pt'],
    ['Portuguese', 'pt'],
    ['Português', 'pt'],
    ['pt-BR', 'pt'],
    ['Inglés', 'en'],
    ['spa', 'es'],
    ['Espanhol', 'es'],
    ['Francês', 'fr'],
    ['sw', 'sw'],
    ['Klingon', undefined],
  ])('%s -> %s', (raw, code) => expect(toLanguageCode(raw)).toBe(code));

  it('reads lists in any of the exporters’ separators', () => {
    expect(readLanguages('Portuguese, English, Spanish')).toEqual(['pt', 'en', 'es']);
    expect(readLanguages('pt; en; pt')).toEqual(['pt', 'en']);
    expect(readLanguages('Português e Inglês')).toEqual(['pt', 'en']);
  });
});

describe('vendor strings', () => {
  it('splits BVS titles: original first, translations by guess, placeholders dropped', () => {
    expect(splitBvsTitles('Cuidado de enfermagem ao idoso/ Nursing care for older adults/ No disponible', 'pt')).toEqual([
      { lang: 'pt', text: 'Cuidado de enfermagem ao idoso', original: true },
      { lang: 'en', text: 'Nursing care for older adults' },
    ]);
    expect(splitBvsTitles('Hand/wrist injuries and/or fractures', 'en')).toEqual([{ lang: 'en', text: 'Hand/wrist injuries and/or fractures', original: true }]);
  });

  it.each([
    ['Rev. bras. psiquiatr;33(2): 144-149, June 2011.', { volume: '33', issue: '2', pages: '144-149' }],
    ['Inf. psiquiátr;(227): 43-54, ene.-mar. 2017. tab', { issue: '227', pages: '43-54' }],
    ['J Affect Disord;301: 193-204, 2022 03 15.', { volume: '301', pages: '193-204' }],
    ['Int J Mol Sci;23(3)2022 Feb 06.', {}],
    ['São Paulo; s.n; 2011. 169 p.', {}],
  ])('reads BVS source %j', (source, expected) => expect(parseBvsSource(source)).toEqual(expected));

  it.each([
    ['Rev. Latino-Am. Enfermagem; 27(); e3120-', { volume: '27', pages: 'e3120' }],
    ['Index de Enfermería; 29(1-2); 45-49', { volume: '29', issue: '1-2', pages: '45-49' }],
    ['Rev. Saúde Pública; 56(); 15-15', { volume: '56', pages: '15' }],
    ['Sem fonte', {}],
  ])('reads SciELO source %j', (source, expected) => expect(parseScieloSource(source)).toEqual(expected));

  it('reads SciELO ids', () => {
    expect(parseScieloId('S0104-11692019000100300-scl')).toEqual({ pid: 'S0104-11692019000100300', collection: 'scl' });
    expect(parseScieloId('S1727-897X2021000300410')).toEqual({ pid: 'S1727-897X2021000300410', collection: undefined });
    expect(parseScieloId('biblio-123')).toEqual({});
  });

  it.each([
    ['Eur J Med Genet. 2020 Feb;63(2):103640. doi: 10.1016/j.ejmg.2019.03.004.', { volume: '63', issue: '2', pages: '103640' }],
    ['Elife. 2022 Nov 30;11:e80092. doi: 10.7554/eLife.80092.', { volume: '11', pages: 'e80092' }],
    ['Biol Rev Camb Philos Soc. 2011 Feb;86(1):117-55. doi: 10.1111/x.', { volume: '86', issue: '1', pages: '117-55' }],
    ['Book chapter without volume.', {}],
  ])('reads PubMed citation %j', (citation, expected) => expect(parsePubmedCitation(citation)).toEqual(expected));
});
