import { describe, expect, it } from 'vitest';
import type { EventBase } from '../../src/core/events.js';
import { computeScreeningState, computeScreeningSummary } from '../../src/core/screening/state.js';
import { computeProgress, computeUndecided, lastUndoable, nextInImportOrder } from '../../src/core/screening/queue.js';

const IDS = ['r1', 'r2', 'r3', 'r4', 'r5'];

/** A tiny event log builder: seq in order. */
function log(...events: Record<string, unknown>[]): EventBase[] {
  return events.map((e, i) => ({ seq: i + 1, at: '2026-01-01T00:00:00Z', ...e }) as unknown as EventBase);
}
const dec = (recordId: string, decision: string, extra: Record<string, unknown> = {}) => ({
  type: 'screen.decision',
  recordId,
  stage: 'title-abstract',
  decision,
  by: 'human',
  ...extra,
});

describe('screening state', () => {
  it('single reviewer: the latest decision counts, a change is its own event, undo brings back the earlier one', () => {
    const events = log(
      dec('r1', 'include'),
      dec('r2', 'exclude', { reason: 'E1' }),
      dec('r2', 'include'), // seq 3: changed mind
      { type: 'screen.undo', recordId: 'r2', stage: 'title-abstract', undoes: 3 },
      dec('r3', 'maybe'),
      { type: 'screen.undo', recordId: 'r3', stage: 'title-abstract', undoes: 5 },
    );
    const s = computeScreeningState(IDS, events);
    expect(Object.fromEntries(s.titleAbstract)).toEqual({ r1: { decision: 'include' }, r2: { decision: 'exclude', reason: 'E1' } });
    expect(computeUndecided(s, 'title-abstract', undefined)).toEqual(['r3', 'r4', 'r5']);
    expect(nextInImportOrder(s, 'title-abstract', undefined, new Set(['r3']))).toBe('r4');
    // Undo targets the latest active decision: r2's exclusion (seq 2), since 3 and 5 are withdrawn.
    expect(lastUndoable(s, 'title-abstract', undefined)).toEqual({ seq: 2, recordId: 'r2' });
  });

  it('automatic exclusions never reach human screening and are counted apart', () => {
    const events = log(
      { type: 'screen.decision', recordId: 'r4', stage: 'title-abstract', decision: 'exclude', reason: 'limit:year', by: 'automation' },
      { type: 'screen.limits', imports: ['i001'], checked: 5, excluded: 1 },
      dec('r1', 'include'),
    );
    const s = computeScreeningState(IDS, events);
    expect(s.automatic).toEqual(new Map([['r4', 'limit:year']]));
    expect(s.pool['title-abstract']).toEqual(['r1', 'r2', 'r3', 'r5']);
    expect(s.limitsChecked).toEqual(new Set(['i001']));
    expect(computeProgress(s, 'title-abstract', undefined)).toMatchObject({ total: 4, done: 1, left: 3, included: 1 });
    expect(computeScreeningSummary(IDS, events)).toMatchObject({ excludedAutomatic: 1, screened: 1, maybe: 0 });
    // Only canonical records count: the same events over other ids change nothing for them.
    expect(computeScreeningState(['r1', 'r2'], events).automatic.size).toBe(0);
  });

  it('two blind reviewers: agreement is final, disagreement is a conflict until a resolution; each sees only their own queue', () => {
    const raw = [
      dec('r1', 'include', { reviewer: 'ana' }),
      dec('r1', 'maybe', { reviewer: 'bruno' }),
      dec('r2', 'include', { reviewer: 'ana' }),
      dec('r2', 'exclude', { reviewer: 'bruno', reason: 'E2' }),
      dec('r3', 'exclude', { reviewer: 'ana', reason: 'E1' }),
      dec('r3', 'exclude', { reviewer: 'bruno', reason: 'E3' }),
      dec('r4', 'include', { reviewer: 'ana' }),
    ];
    let s = computeScreeningState(IDS, log(...raw));
    expect(s.reviewers['title-abstract']).toEqual(['ana', 'bruno']);
    expect(s.conflicts['title-abstract']).toEqual(['r2']);
    expect(s.titleAbstract.get('r1')).toEqual({ decision: 'maybe' }); // include + maybe agree: both go on
    expect(s.titleAbstract.get('r3')).toEqual({ decision: 'exclude', reason: 'E1' }); // earliest reviewer's reason
    expect(s.titleAbstract.get('r4')).toEqual({ decision: 'include' });
    expect(s.titleAbstract.has('r2')).toBe(false);
    expect(computeUndecided(s, 'title-abstract', 'ana')).toEqual(['r5']);
    expect(computeUndecided(s, 'title-abstract', 'bruno')).toEqual(['r4', 'r5']);

    s = computeScreeningState(IDS, log(...raw, dec('r2', 'exclude', { reviewer: 'carla', reason: 'E2', by: 'resolution' })));
    expect(s.conflicts['title-abstract']).toEqual([]);
    expect(s.titleAbstract.get('r2')).toEqual({ decision: 'exclude', reason: 'E2' });
  });

  it('full text: only records passed (include or maybe) at title/abstract; not retrieved are not assessed', () => {
    const ft = (recordId: string, decision: string, extra: Record<string, unknown> = {}) => ({ ...dec(recordId, decision, extra), stage: 'fulltext' });
    const events = log(
      dec('r1', 'include'),
      dec('r2', 'maybe'),
      dec('r3', 'exclude', { reason: 'E1' }),
      dec('r4', 'include'),
      { type: 'screen.retrieval', recordId: 'r1', retrieved: true },
      ft('r1', 'include'),
      { type: 'screen.retrieval', recordId: 'r2', retrieved: false },
      ft('r4', 'exclude', { reason: 'E5' }), // no retrieval mark: a decision means the report was read
      ft('r3', 'include'), // r3 was excluded at title/abstract: ignored
    );
    const s = computeScreeningState(IDS, events);
    expect(s.pool.fulltext).toEqual(['r1', 'r2', 'r4']);
    expect(Object.fromEntries(s.retrieval)).toEqual({ r1: true, r2: false, r4: true });
    expect(Object.fromEntries(s.fulltext)).toEqual({ r1: { decision: 'include' }, r4: { decision: 'exclude', reason: 'E5' } });
    expect(computeUndecided(s, 'fulltext', undefined)).toEqual([]);
    expect(computeScreeningSummary(IDS, events)).toMatchObject({ screened: 4, maybe: 1, fulltextAssessed: 2, included: 1, notRetrieved: 1 });
    // Undo of a retrieval mark puts the report back in the queue.
    const undone = [...events, { seq: 10, at: '', type: 'screen.undo', recordId: 'r2', stage: 'fulltext', undoes: 7 } as unknown as EventBase];
    expect(computeUndecided(computeScreeningState(IDS, undone), 'fulltext', undefined)).toEqual(['r2']);
  });
});
