import { describe, expect, it } from 'vitest';
import { toLanguageCode } from '../../src/formats/languages.js';
import { ris } from '../../src/formats/ris.js';

describe('the one language table (ISO 639-1/2, names in en, pt, es and vendor spellings)', () => {
  it.each([
    ['Finnish', 'fi'], ['Norwegian', 'no'], ['Danish', 'da'], ['Czech', 'cs'], ['Swedish', 'sv'], ['Persian', 'fa'], ['Croatian', 'hr'],
    ['Inglês', 'en'], ['ingles', 'en'], ['Español', 'es'], ['Castellano', 'es'], ['Francês', 'fr'], ['Alemán', 'de'], ['finlandês', 'fi'],
    ['por', 'pt'], ['fre', 'fr'], ['fra', 'fr'], ['ger', 'de'], ['chi', 'zh'], ['pt-BR', 'pt'], ['pt_BR', 'pt'], ['Greek (modern)', 'el'], ['Greek', 'el'], ['Farsi', 'fa'],
  ])('%s -> %s', (raw, code) => {
    expect(toLanguageCode(raw)).toBe(code);
  });

  it('gives nothing for what is not a language', () => {
    for (const raw of ['', 'xx', 'zzz', 'Multiple languages', 'Klingon']) expect(toLanguageCode(raw)).toBeUndefined();
  });

  it('a RIS record in Finnish, Norwegian or Persian no longer warns', () => {
    const r = ris.parse('TY  - JOUR\nTI  - Hoitotyö\nLA  - Finnish\nLA  - Norwegian\nLA  - Persian\nER  - \n', { file: 'x.ris' });
    expect(r.diagnostics).toEqual([]);
    expect(r.records[0].languages).toEqual(['fi', 'no', 'fa']);
  });
});
