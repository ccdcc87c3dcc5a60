import { describe, expect, it } from 'vitest';
import { Review } from '../../src/project/review.js';
import { addRecords } from '../../src/project/addRecords.js';
import { loadScreeningContext } from '../../src/ui/screenRun.js';
import { computeScreeningState } from '../../src/core/screening/state.js';
import { runCli } from '../helpers/cli.js';
import type { DedupRunEvent } from '../../src/core/dedup/events.js';
import { buildReview, fixtureRecords, rid, writeCsv } from './helpers.js';

describe('screening works on the canonical records after dedup', () => {
  it('screens one record per group, shows every source of the group, and refuses decisions on duplicates', () => {
    const dir = buildReview();
    const review = Review.open(dir, { writer: 'test' });
    // The same article exported from SciELO, with fewer fields.
    const [first] = fixtureRecords();
    const copy = { ...first, descriptors: [], abstracts: [], provenance: { ...first.provenance, source: 'scielo' as const, database: 'SciELO', file: 'scielo.csv' } };
    addRecords(review, [copy], { file: 'scielo.csv', format: 'csv-scielo', source: 'scielo', recordsRejected: 0, warnings: 0 });
    const dup = 'i002-00001';
    review.append<DedupRunEvent>({ type: 'dedup.run', imports: ['i001', 'i002'], newRecords: 11, accepted: [{ a: rid(1), b: dup, rule: 'doi' }], uncertain: [], rules: 'test' });
    const ctx = loadScreeningContext(review);
    review.close();
    expect(ctx.uniqueIds).toHaveLength(10);
    expect(ctx.uniqueIds).not.toContain(dup);
    expect(ctx.recordContext.databasesOf(rid(1)).sort()).toEqual(['LILACS', 'SciELO']);

    expect(runCli(['screen', dir, '--apply-limits']).code).toBe(0);
    const bad = runCli(['screen', dir, '--decisions', writeCsv(dir, 'dup.csv', `record,decision,reason\n${dup},include,\n`)]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${dup} is a duplicate of ${rid(1)}`);
    expect(runCli(['screen', dir, '--decisions', writeCsv(dir, 'ok.csv', `record,decision,reason\n${rid(1)},include,\n`)]).code).toBe(0);
    const after = Review.open(dir);
    const state = computeScreeningState(loadScreeningContext(after).uniqueIds, after.events);
    expect(state.pool['title-abstract']).toHaveLength(6);
    expect(state.titleAbstract.get(rid(1))).toEqual({ decision: 'include' });
  });
});
