/**
 * Through the format registry (extension first, then sniffing, 0.3 floor): every CSV fixture
 * is picked as its own format, whatever the other families' sniffers say.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/formats/index.js';
import { fixtureText } from '../fixtures.js';
import { CSV_FIXTURE_FORMATS } from '../../helpers/csvFixtures.js';

const expected = CSV_FIXTURE_FORMATS;

describe('CSV fixtures through the format registry', () => {
  it.each(Object.entries(expected))('%s -> %s', (file, id) => {
    const head = fixtureText('csv', file).slice(0, 65536);
    expect(detectFormat(file, head).id).toBe(id);
    // Renamed to .txt (as e-mail clients do), the content still decides.
    expect(detectFormat(file.replace(/\.\w+$/, '.txt'), head).id).toBe(id);
  });

  it('reads a title-only list, the smallest file a user may bring', () => {
    const text = 'Title\r\nCuidado de enfermagem ao idoso\r\nPrevenção de quedas\r\n';
    const format = detectFormat('lista.csv', text);
    expect(format.id).toBe('csv-generic');
    expect(format.parse(text, { file: 'lista.csv' }).records.map((r) => [r.titles[0].text, r.provenance.line])).toEqual([
      ['Cuidado de enfermagem ao idoso', 2],
      ['Prevenção de quedas', 3],
    ]);
    // A plain text whose first line is not a title column is not taken for a CSV.
    expect(() => detectFormat('notas.csv', 'Resumo da reunião\nfalamos sobre a busca\n')).toThrow(expect.objectContaining({ code: 'FORMAT_UNKNOWN' }));
  });
});
