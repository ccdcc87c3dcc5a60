/**
 * Dedup quality on the labelled sets in ../shared/dedup/ (ASySD diabetes, bib-dedupe cytology
 * screening, respiratory and special cases), read directly from their CSV. Floors are the
 * figures measured (see test/bench/dedup.mjs) minus a small margin; precision must stay 1.0.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from '../helpers/cli.js';
import { detectDuplicates } from '../../src/core/dedup/detect.js';
import { computeDedupState } from '../../src/core/dedup/state.js';
import type { BibRecord } from '../../src/core/record.js';
import type { EventBase } from '../../src/core/events.js';
// @ts-expect-error plain ESM helper shared with the bench
import { loadAsysd, loadBibDedupe, scoreGrouping } from '../bench/dedup-sets.mjs';

const DIR = path.join(SHARED, 'dedup');

function run(set: { records: BibRecord[] }) {
  const found = detectDuplicates(set.records);
  const event = { type: 'dedup.run', seq: 1, at: '', imports: ['i001'], newRecords: set.records.length, accepted: found.accepted, uncertain: found.uncertain, rules: 'x' } as EventBase;
  const state = computeDedupState(set.records, [event]);
  const score = scoreGrouping(set, set.records.map((r) => state.groupOf.get(r.id)));
  const reviewRecords = new Set(state.pending.flatMap((p) => [p.a, p.b])).size;
  return { score, reviewShare: reviewRecords / set.records.length };
}

describe('labelled dedup benchmarks', () => {
  it('ASySD diabetes (Windows-1252): no false merge, sensitivity >= 0.99', () => {
    const set = loadAsysd(DIR);
    expect(set.records).toHaveLength(1845);
    expect(set.gold.duplicate.filter(Boolean)).toHaveLength(1261);
    const { score, reviewShare } = run(set);
    expect(score.fp).toBe(0);
    expect(score.precision).toBe(1);
    expect(score.sensitivity).toBeGreaterThanOrEqual(0.99);
    expect(score.specificity).toBe(1);
    expect(reviewShare).toBeLessThan(0.02);
  });

  it.each([
    ['cytology_screening', 1856, 772, 0.99],
    ['respiratory', 1988, 436, 0.975],
  ])('bib-dedupe %s: no false merge, sensitivity floor', (name, n, toRemove, floor) => {
    const set = loadBibDedupe(DIR, name);
    expect(set.records).toHaveLength(n);
    const { score, reviewShare } = run(set);
    expect(score.tp + score.fn).toBe(toRemove);
    expect(score.fp).toBe(0);
    expect(score.sensitivity).toBeGreaterThanOrEqual(floor);
    expect(reviewShare).toBeLessThan(0.02);
  });

  it('bib-dedupe special cases: the tricky pairs', () => {
    const set = loadBibDedupe(DIR, 'special_cases');
    const { score } = run(set);
    expect(score).toMatchObject({ tp: 3, fp: 0, fn: 0 });
  });
});
