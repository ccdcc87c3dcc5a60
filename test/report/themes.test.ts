import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { computeThemeTable, themeMatrix } from '../../src/core/themes/frequencies.js';
import type { ExtractEvent } from '../../src/core/extraction/events.js';
import { computeExtractions } from '../../src/core/extraction/events.js';
import { themeChartSvg } from '../../src/core/svg/themeChart.js';
import type { Protocol } from '../../src/core/protocol.js';

const protocol = {
  themes: [
    { id: 'P1', label: 'Corresponsabilização e vínculo', group: 'Potencialidades' },
    { id: 'P2', label: 'Educação permanente', group: 'Potencialidades' },
    { id: 'I1', label: 'Despreparo dos profissionais', group: 'Impasses' },
    { id: 'I2', label: 'Sobrecarga & demanda <alta>', group: 'Impasses' },
  ],
} as Pick<Protocol, 'themes'>;

let seq = 0;
const ev = (recordId: string, themes: string[]): ExtractEvent => ({ type: 'extract', seq: ++seq, at: '', recordId, fields: {}, themes });

describe('theme frequencies', () => {
  const included = ['r1', 'r2', 'r3', 'r4'];
  const events = [ev('r1', ['P1', 'I1']), ev('r2', ['P2']), ev('r2', ['P1', 'P2', 'I2']), ev('r3', ['P1', 'X9']), ev('r5', ['P1'])];
  const extractions = computeExtractions(events);

  it('the latest extraction of a record counts', () => {
    expect(extractions.get('r2')?.themes).toEqual(['P1', 'P2', 'I2']);
    expect(extractions.size).toBe(4);
  });

  it('counts included studies per theme, % of included, grouped and most frequent first', () => {
    const table = computeThemeTable(protocol, included, extractions);
    expect(table.included).toBe(4);
    expect(table.extracted).toBe(3);
    expect(table.groups.map((g) => [g.group, g.n])).toEqual([
      ['Potencialidades', 3],
      ['Impasses', 2],
    ]);
    const pot = table.groups[0].themes;
    expect(pot.map((t) => [t.id, t.n, t.percent])).toEqual([
      ['P1', 3, 75],
      ['P2', 1, 25],
    ]);
    expect(pot[0].studies).toEqual(['r1', 'r2', 'r3']);
    // ties keep the codebook order
    expect(table.groups[1].themes.map((t) => [t.id, t.n])).toEqual([
      ['I1', 1],
      ['I2', 1],
    ]);
    expect(table.unknownThemes).toEqual(['X9']);
  });

  it('study x theme matrix has one row per included study', () => {
    const m = themeMatrix(protocol, included, extractions);
    expect(m.themes).toEqual(['P1', 'P2', 'I1', 'I2']);
    expect(m.rows).toEqual([
      { recordId: 'r1', has: [true, false, true, false] },
      { recordId: 'r2', has: [true, true, false, true] },
      { recordId: 'r3', has: [true, false, false, false] },
      { recordId: 'r4', has: [false, false, false, false] },
    ]);
  });

  it('bar chart: a bar per theme with its count, group headings, escaped labels', () => {
    const table = computeThemeTable(protocol, included, extractions);
    const svg = themeChartSvg(table, { title: 'Temas dos estudos incluídos', formatPercent: (p) => `${p.toFixed(1).replace('.', ',')}%` });
    expect(XMLValidator.validate(svg)).toBe(true);
    const bars = [...svg.matchAll(/data-theme="(\w+)" data-n="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(bars).toEqual([
      ['P1', 3],
      ['P2', 1],
      ['I1', 1],
      ['I2', 1],
    ]);
    expect(svg).toContain('3 (75,0%)');
    expect(svg).toContain('>Potencialidades<');
    expect(svg).toContain('Sobrecarga &amp; demanda &lt;alta&gt;');
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(widths[1] * 3, 0);
  });
});
