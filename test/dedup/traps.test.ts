/**
 * False-merge traps and titles as databases write them, table-driven from
 * fixtures/dedup/false-merge-traps.json (never merged) and fixtures/dedup/title-spellings.json
 * (always merged), through the whole automatic pass (blocking, comparison, grouping).
 */
import { describe, expect, it } from 'vitest';
import { recordFeatures } from '../../src/core/dedup/features.js';
import { comparePair } from '../../src/core/dedup/score.js';
import { detectDuplicates } from '../../src/core/dedup/detect.js';
import { fixturePairs, pairRecord, type PairSide } from './fixture.js';

interface Pair {
  name: string;
  expect?: 'distinct' | 'not-duplicate';
  /** The reason code that must decide (the trap is caught for the right reason). */
  reason?: string;
  a: PairSide;
  b: PairSide;
}

function sides(base: PairSide | undefined, p: Pair) {
  const a = pairRecord('i001-00001', { ...base, ...p.a });
  const b = pairRecord('i002-00001', { ...base, ...p.b });
  return { a, b, verdict: comparePair(recordFeatures(a), recordFeatures(b)), back: comparePair(recordFeatures(b), recordFeatures(a)) };
}

describe('false-merge traps (fixtures/dedup/false-merge-traps.json)', () => {
  const { base, pairs } = fixturePairs<Pair>('false-merge-traps.json');
  it.each(pairs.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    const { a, b, verdict, back } = sides(base, p);
    expect(back).toEqual(verdict);
    if (p.expect === 'distinct') expect(verdict.outcome, verdict.reasons.join(' ')).toBe('distinct');
    else expect(verdict.outcome, verdict.reasons.join(' ')).not.toBe('duplicate');
    if (p.reason) expect(verdict.reasons).toContain(p.reason);
    expect(detectDuplicates([a, b]).accepted).toEqual([]);
  });
});

describe('titles as they come (fixtures/dedup/title-spellings.json)', () => {
  const { pairs } = fixturePairs<Pair>('title-spellings.json');
  it.each(pairs.map((p) => [p.name, p] as const))('%s', (_name, p) => {
    const { a, b, verdict, back } = sides(undefined, p);
    expect(back).toEqual(verdict);
    expect(verdict.outcome, verdict.reasons.join(' ')).toBe('duplicate');
    expect(detectDuplicates([a, b]).accepted).toHaveLength(1);
  });
});

describe('identical records are certain duplicates', () => {
  const sparse = { source: 'bvs' as const, sourceId: 'biblio-1000001', titles: [{ lang: 'pt', text: 'Editorial' }] };
  it('the same sparse record imported again (same origin) is a duplicate, not uncertain', () => {
    const a = pairRecord('i001-00001', sparse);
    const b = pairRecord('i002-00001', sparse);
    expect(comparePair(recordFeatures(a), recordFeatures(b))).toMatchObject({ outcome: 'duplicate', reasons: ['identical'] });
    expect(detectDuplicates([a, b])).toMatchObject({ accepted: [{ a: 'i001-00001', b: 'i002-00001' }], uncertain: [] });
  });
  it('two different one-word records of one export are not taken for copies', () => {
    const a = pairRecord('i001-00001', sparse);
    const b = pairRecord('i001-00002', { ...sparse, sourceId: 'biblio-1000002' });
    expect(comparePair(recordFeatures(a), recordFeatures(b)).outcome).not.toBe('duplicate');
  });
  it('a full record and its copy with another id are duplicates with no identifier at all', () => {
    const full = { titles: [{ lang: 'pt', text: 'Saúde mental na atenção básica' }], authors: [{ family: 'Lima', given: 'Ana' }], year: 2015 };
    const v = comparePair(recordFeatures(pairRecord('i001-00001', { ...full, sourceId: 'x1' })), recordFeatures(pairRecord('i002-00001', { ...full, sourceId: 'x2' })));
    expect(v).toMatchObject({ outcome: 'duplicate', reasons: ['identical'] });
  });
});

describe("an issue column that holds the reference manager's record number", () => {
  // Note: EndNote/BibTeX exports may put each record's own number in `number`, read as the issue.
  const records = Array.from({ length: 40 }, (_, i) =>
    pairRecord(`i001-${String(i + 1).padStart(5, '0')}`, {
      titles: [{ lang: 'en', text: i < 2 ? 'Perioperative nutritional support in patients undergoing hepatectomy' : `Unrelated study number ${i} of respiratory care in adults` }],
      authors: [{ family: i < 2 ? 'Ziegler' : `Author${i}`, given: 'T. R.' }],
      year: 1996, volume: '20', pages: i < 2 ? '91-92' : `${100 + i * 10}-${105 + i * 10}`, issue: String(1112 + i), journal: 'JPEN',
    }),
  );
  it('is recognised per import and ignored, so the duplicates it would split are merged', () => {
    expect(detectDuplicates(records).accepted.map((p) => [p.a, p.b])).toEqual([['i001-00001', 'i001-00002']]);
  });
  it('a real issue column (issues repeat) still separates two issues', () => {
    const real = records.map((r, i) => ({ ...r, issue: String((i % 6) + 1) }));
    expect(detectDuplicates(real).accepted).toEqual([]);
  });
});

describe('a document type the importer kept aside', () => {
  it('a BibTeX ENTRYTYPE column left in extra still marks the conference paper against the journal article', () => {
    const same = { titles: [{ lang: 'en', text: 'Digital platforms and the future of nursing work in primary care' }], authors: [{ family: 'Lima', given: 'Ana' }], year: 2019 };
    const paper = pairRecord('i001-00001', { ...same, journal: 'Information Systems Journal', extra: { ENTRYTYPE: ['inproceedings'] } });
    const article = pairRecord('i001-00002', { ...same, journal: 'Information Systems Journal', extra: { ENTRYTYPE: ['article'] } });
    const v = comparePair(recordFeatures(paper), recordFeatures(article));
    expect(v.outcome).not.toBe('duplicate');
    expect(v.reasons).toContain('kind-differs');
  });
});
