import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  boundedLevenshtein, decodeHtml, familiesCompatible, foldText, journalsCompatible, journalsConflict, journalTokens, leadingNumber,
  normalizeFamily, normalizePages, normalizeTitle, titleTokens,
} from '../../src/core/dedup/normalize.js';
import { titleNumbers } from '../../src/core/dedup/features.js';

describe('text folding', () => {
  it('removes accents, case and punctuation (pt/es)', () => {
    expect(foldText('Atenção Básica à Saúde: AÇÕES!')).toBe('atencao basica a saude acoes');
    expect(foldText('Niños y niñas — ¿calidad de vida?')).toBe('ninos y ninas calidad de vida');
  });
  it('decodes HTML entities and drops tags', () => {
    expect(decodeHtml('sa&uacute;de &amp; aten&ccedil;&atilde;o')).toBe('saúde & atenção');
    expect(decodeHtml('the nurses&#39; view of &#x00E9;tica')).toBe("the nurses' view of ética");
    expect(foldText('<i>Aedes aegypti</i> no Brasil')).toBe('aedes aegypti no brasil');
  });
  it('folds a letter written as an entity as it folds the letter itself (the whole WHATWG table)', () => {
    expect(foldText('Br&oslash;nsted &Uuml;ber &aelig;tiology')).toBe(foldText('Brønsted Über ætiology'));
    expect(foldText('Br&oslash;nsted &Uuml;ber &aelig;tiology')).toBe('bronsted uber aetiology');
    expect(foldText('1&ordf; edi&ccedil;&atilde;o')).toBe(foldText('1ª edição'));
  });
  it('drops the pt/es/en function words of the one stopword list from title tokens', () => {
    expect(titleTokens(normalizeTitle('Um estudo sobre a saúde entre os idosos de um município'))).toEqual(['estudo', 'saude', 'idosos', 'municipio']);
    expect(titleTokens(normalizeTitle('Un estudio sobre la salud de los ancianos'))).toEqual(['estudio', 'salud', 'ancianos']);
  });
});

describe('titles', () => {
  it('drops the brackets of a translated MEDLINE title and its final period', () => {
    expect(normalizeTitle('[Depression among older people in the Family Health Strategy].')).toBe('depression among older people in the family health strategy');
  });
  it('drops MEDLINE notes after the title', () => {
    expect(normalizeTitle('Management of cervical lesions. [Review] [43 refs]')).toBe(normalizeTitle('Management of cervical lesions'));
    expect(normalizeTitle('"Timing of chest tube removal.[Erratum appears in J Card Surg. 2011;26:1]"')).toBe('timing of chest tube removal');
    // Cut by the export (no closing bracket) or with nested brackets.
    expect(normalizeTitle('Cervical cancer risk in routine practice.[Erratum appears in Lancet Oncol. 201')).toBe('cervical cancer risk in routine practice');
    expect(normalizeTitle('Timing of removal.[Erratum appears in J Card Surg. Note: Yeshaaiahu [corrected to Yeshayahu]]')).toBe('timing of removal');
  });
  it.each([
    ['O cuidado de enfermagem na atenção básica', 'cuidado de enfermagem na atencao basica'],
    ['A saúde da família', 'saude da familia'],
    ['Os desafios do matriciamento', 'desafios do matriciamento'],
    ['Uma revisão integrativa', 'revisao integrativa'],
    ['El cuidado de enfermería', 'cuidado de enfermeria'],
    ['Las mujeres y la salud', 'mujeres y la salud'],
    ['The nurses view', 'nurses view'],
    ['An integrative review', 'integrative review'],
  ])('drops the leading article of "%s"', (raw, expected) => {
    expect(normalizeTitle(raw)).toBe(expected);
  });
  it('keeps an article that is not leading', () => {
    expect(normalizeTitle('Saúde mental e a atenção básica')).toBe('saude mental e a atencao basica');
  });
  it('reads part numbers, roman or not', () => {
    expect(titleNumbers(normalizeTitle('Cuidados paliativos: parte I').split(' '))).toBe('1');
    expect(titleNumbers(normalizeTitle('Cuidados paliativos: parte II').split(' '))).toBe('2');
    expect(titleNumbers(normalizeTitle('Diabetes mellitus tipo 2 em idosos').split(' '))).toBe('2');
    expect(titleNumbers(normalizeTitle('Vitamina A e a saúde').split(' '))).toBe('');
    expect(titleNumbers(normalizeTitle('Estudo com 10,000 mulheres').split(' '))).toBe(titleNumbers(normalizeTitle('Estudo com 10000 mulheres').split(' ')));
  });
});

describe('authors', () => {
  it('drops accents, particles and Filho/Júnior', () => {
    expect(normalizeFamily('da Conceição')).toBe('conceicao');
    expect(normalizeFamily('Santos Filho')).toBe('santos');
    expect(normalizeFamily('dos Santos e Silva')).toBe('santos silva');
    expect(normalizeFamily('Fernández')).toBe(normalizeFamily('Fernandez'));
  });
  it('matches compound Brazilian surnames indexed differently', () => {
    expect(familiesCompatible(normalizeFamily('Ferreira Santos'), normalizeFamily('Santos'))).toBe(true);
    expect(familiesCompatible(normalizeFamily('Araújo'), normalizeFamily('Araujo'))).toBe(true);
    expect(familiesCompatible(normalizeFamily('Souza'), normalizeFamily('Silva'))).toBe(false);
  });
});

describe('pages, volumes and journals', () => {
  it('expands abbreviated page ranges', () => {
    expect(normalizePages('123-9')).toEqual({ first: '123', last: '129' });
    expect(normalizePages('123-129')).toEqual({ first: '123', last: '129' });
    expect(normalizePages('1501-10')).toEqual({ first: '1501', last: '1510' });
    expect(normalizePages('47--65')).toEqual({ first: '47', last: '65' });
    expect(normalizePages('e12724')).toEqual({ first: 'e12724', last: undefined });
    expect(normalizePages('Suppl-29')).toEqual({});
  });
  it('reads a clean volume number only', () => {
    expect(leadingNumber('38 (Supplement 1)')).toBe('38');
    expect(leadingNumber('067')).toBe('67');
    expect(leadingNumber('1)')).toBeUndefined();
  });
  it('matches journal abbreviations and tells different journals apart', () => {
    expect(journalsCompatible(journalTokens('Rev. bras. enferm'), journalTokens('Revista Brasileira de Enfermagem'))).toBe(true);
    expect(journalsCompatible(journalTokens('Ciênc. saúde coletiva'), journalTokens('Ciência & Saúde Coletiva'))).toBe(true);
    expect(journalsCompatible(journalTokens('Cad Saude Publica'), journalTokens('Revista de Saúde Pública'))).toBe(false);
    expect(journalsConflict(journalTokens('Annals of Internal Medicine'), journalTokens('ACP Journal Club'))).toBe(true);
    expect(journalsConflict(journalTokens('Americas Conference on Information Systems'), journalTokens('AMCIS 2017 Proceedings'))).toBe(false);
  });
});

describe('bounded edit distance', () => {
  function naive(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  }
  it('equals the full edit distance when within the bound', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.integer({ min: 0, max: 25 }), (a, b, max) => {
        const exact = naive(a, b);
        const got = boundedLevenshtein(a, b, max);
        return exact <= max ? got === exact : got === max + 1;
      }),
      { numRuns: 400 },
    );
  });
});
