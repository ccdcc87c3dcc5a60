import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/formats/index.js';
import { wos } from '../../src/formats/wos.js';
import { describeFixtures, fixtureText } from './fixtures.js';

describeFixtures(wos, 'wos', ['wos-plain-text.txt']);

describe('Web of Science plain text', () => {
  it('is chosen by content for a .txt export, not RIS or MEDLINE', () => {
    expect(detectFormat('savedrecs.txt', fixtureText('wos', 'wos-plain-text.txt')).id).toBe('wos');
    expect(wos.sniff('TY  - JOUR\nTI  - x\nER  - \n')).toBe(0);
    expect(wos.sniff('PMID- 1\nTI  - x\n')).toBe(0);
  });

  it('closes a record without ER at the next PT, with a warning', () => {
    const r = wos.parse('PT J\nTI One\nPT J\nTI Two\nER\n', { file: 'w.txt' });
    expect(r.records.map((x) => x.titles[0].text)).toEqual(['One', 'Two']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'WOS_MISSING_ER', line: 3, fatal: false })]);
  });
});
