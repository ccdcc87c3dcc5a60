/**
 * Inline HTML left in titles and abstracts (issue 18: BVS's `<sup/>` in a title) is dropped at
 * import, once for every format (the registry), while text that merely holds "<" stays as it is.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { stripInlineMarkup } from '../../src/formats/text.js';

describe('inline markup in titles and abstracts', () => {
  it.each([
    ['Prevalência de sífilis congênita<sup/> no Brasil', 'Prevalência de sífilis congênita no Brasil'],
    ['Níveis de CO<sub>2</sub> e SpO<sub>2</sub> em UTI', 'Níveis de CO2 e SpO2 em UTI'],
    ['Infecção por <i>Staphylococcus aureus</i> em neonatos', 'Infecção por Staphylococcus aureus em neonatos'],
    ['Efeito do &lt;i&gt;Aedes aegypti&lt;/i&gt; na dengue', 'Efeito do Aedes aegypti na dengue'],
    ['Objetivo: avaliar.<br/>Método: coorte.', 'Objetivo: avaliar. Método: coorte.'],
    ['<p>Resumo</p><p>Segundo parágrafo</p>', 'Resumo Segundo parágrafo'],
    ['<span class="x">Texto</span> <b>forte</b>', 'Texto forte'],
  ])('%s', (raw, clean) => {
    expect(stripInlineMarkup(raw)).toBe(clean);
  });

  it.each([
    'Diferença significativa (p < 0.05) entre grupos',
    'Crianças <5 anos e adultos >60 anos',
    'Razão a<b e b>c',
    'Escore <i2 indicou risco',
    'A & B',
  ])('leaves "%s" as it is', (text) => {
    expect(stripInlineMarkup(text)).toBe(text);
  });

  it('is applied to every format at import: a BVS RIS title with <sup/> and a MEDLINE abstract with <i>', () => {
    const risText = 'TY  - JOUR\nTI  - Sífilis congênita<sup/> no Brasil (p < 0.05)\nAB  - Casos de <i>T. pallidum</i>.\nER  - \n';
    const ris = detectFormat('bvs.ris', risText).parse(risText, { file: 'bvs.ris' }).records[0];
    expect([ris.titles[0].text, ris.abstracts[0].text]).toEqual(['Sífilis congênita no Brasil (p < 0.05)', 'Casos de T. pallidum.']);
    const nbib = 'PMID- 1\nTI  - Niveis de CO<sub>2</sub>.\nAB  - Efeito de &lt;i&gt;E. coli&lt;/i&gt; em p < 0.01.\n';
    const adapter = detectFormat('p.nbib', nbib);
    const whole = adapter.parse(nbib, { file: 'p.nbib' }).records[0];
    const streamed: string[] = [];
    const parser = adapter.stream!({ file: 'p.nbib' }, (r) => streamed.push(r.titles[0].text, r.abstracts[0].text));
    parser.push(nbib);
    parser.end();
    expect([whole.titles[0].text, whole.abstracts[0].text]).toEqual(['Niveis de CO2.', 'Efeito de E. coli em p < 0.01.']);
    expect(streamed).toEqual(['Niveis de CO2.', 'Efeito de E. coli em p < 0.01.']);
  });
});
