import { describe, expect, it } from 'vitest';
import { medline, meshToDescriptors } from '../../src/formats/medline.js';
import { describeFixtures } from './fixtures.js';

describeFixtures(medline, 'medline', ['pubmed-nursing.nbib']);

describe('MEDLINE quirks', () => {
  it('splits MeSH headings into one descriptor per qualifier and drops major-topic stars', () => {
    expect(meshToDescriptors('Asthma/*drug therapy/adverse effects')).toEqual(['Asthma/drug therapy', 'Asthma/adverse effects']);
    expect(meshToDescriptors('*Primary Health Care')).toEqual(['Primary Health Care']);
  });

  it('maps LA to ISO 639-1 and falls back to AU when there is no FAU', () => {
    const r = medline.parse('PMID- 1\nTI  - Título\nAU  - Silva AB\nLA  - spa\nLA  - eng\n', { file: 'x.nbib' });
    expect(r.records[0].languages).toEqual(['es', 'en']);
    expect(r.records[0].authors).toEqual([{ family: 'Silva', given: 'AB' }]);
  });

  it('starts a new record at PMID- even without a blank line, and warns on a record without PMID', () => {
    const r = medline.parse('PMID- 1\nTI  - A\nPMID- 2\nTI  - B\n\nTI  - C\n', { file: 'x.nbib' });
    expect(r.records.map((x) => x.pmid ?? null)).toEqual(['1', '2', null]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'MEDLINE_NO_PMID', line: 6, fatal: false })]);
  });

  it('sniffs MEDLINE text and not RIS', () => {
    expect(medline.sniff('\nPMID- 30689646\nOWN - NLM\n')).toBe(1);
    expect(medline.sniff('TY  - JOUR\nTI  - x\nER  - \n')).toBeLessThan(0.3);
  });
});

describe('MEDLINE exports joined with cat', () => {
  it('reads the second file BOM as nothing: the PMID of its first record is kept', async () => {
    const fs = await import('node:fs');
    const { fixturePath } = await import('../helpers/cli.js');
    const one = fs.readFileSync(fixturePath('medline', 'pubmed-nursing.nbib'), 'utf8').replace(/^\ufeff/, '').replace(/^\s+/, '');
    const single = medline.parse(one, { file: 'a.nbib' });
    const joined = medline.parse('\ufeff' + one + '\n\ufeff' + one, { file: 'a.nbib' });
    expect(joined.records.map((r) => r.pmid)).toEqual([...single.records, ...single.records].map((r) => r.pmid));
    expect(joined.diagnostics.filter((d) => d.code === 'MEDLINE_TEXT_OUTSIDE_RECORD')).toEqual([]);
  });
});
