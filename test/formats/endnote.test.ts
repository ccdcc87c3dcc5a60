import { describe, expect, it } from 'vitest';
import { endnote } from '../../src/formats/endnote.js';
import { detectFormat } from '../../src/formats/index.js';
import { describeFixtures, fixtureText } from './fixtures.js';

describeFixtures(endnote, 'endnote', ['endnote-tagged.enw']);

describe('EndNote tagged', () => {
  it('is chosen by content, also as .txt', () => {
    expect(detectFormat('export.txt', fixtureText('endnote', 'endnote-tagged.enw')).id).toBe('endnote');
    expect(endnote.sniff('TY  - JOUR\nER  - \n')).toBe(0);
  });

  it('starts a record at %0 even without a blank line, and keeps keywords given on one line', () => {
    const r = endnote.parse('%0 Journal Article\n%T Um\n%K a; b\n%0 Journal Article\n%T Dois\n', { file: 'e.enw' });
    expect(r.records.map((x) => [x.titles[0].text, x.keywords])).toEqual([['Um', ['a', 'b']], ['Dois', []]]);
  });
});
