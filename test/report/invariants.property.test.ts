/** Whatever the log holds, the PRISMA boxes add up (computed through the real dedup and screening states). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePrismaFromLog, includedStudyIds } from '../../src/core/prisma/counts.js';
import { checkPrismaInvariants } from '../../src/core/prisma/invariants.js';
import { computeDedupState } from '../../src/core/dedup/state.js';
import { computeScreeningState } from '../../src/core/screening/state.js';
import type { EventBase } from '../../src/core/events.js';
import { rec, resetIds } from './records.js';

const protocol = { eligibility: { inclusion: [], exclusion: [{ code: 'E1', text: 'x' }, { code: 'E2', text: 'y' }] } };
const decision = fc.constantFrom('include', 'exclude', 'maybe');

describe('PRISMA invariants on arbitrary logs', () => {
  it('identified, removed, screened, sought, assessed and included always add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 15 }),
        fc.array(
          fc.record({
            r: fc.nat(39),
            kind: fc.constantFrom('auto', 'ta', 'ft', 'retrieval', 'undo'),
            d: decision,
            reviewer: fc.constantFrom(undefined, 'ana', 'bia'),
            reason: fc.constantFrom(undefined, 'E1', 'E2', 'E9'),
            flag: fc.boolean(),
          }),
          { maxLength: 120 },
        ),
        (n, pairs, acts) => {
          resetIds();
          const sources = [['bvs', 'LILACS'], ['scielo', 'SciELO Brasil'], ['pubmed', undefined]] as const;
          const records = Array.from({ length: n }, (_, i) => rec('i001', sources[i % 3][0], sources[i % 3][1]));
          const events: EventBase[] = [];
          let seq = 0;
          const push = (e: Record<string, unknown>) => events.push({ seq: ++seq, at: '', ...e } as EventBase);
          const accepted = pairs.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => ({ a: records[Math.min(a, b)].id, b: records[Math.max(a, b)].id, rule: 'human' }));
          push({ type: 'dedup.run', imports: ['i001'], newRecords: n, accepted, uncertain: [], rules: 't' });
          for (const a of acts) {
            if (a.r >= n) continue;
            const id = records[a.r].id;
            if (a.kind === 'auto') push({ type: 'screen.decision', recordId: id, stage: 'title-abstract', decision: 'exclude', reason: 'limit:year', by: 'automation' });
            else if (a.kind === 'retrieval') push({ type: 'screen.retrieval', recordId: id, retrieved: a.flag });
            else if (a.kind === 'undo' && seq > 1) push({ type: 'screen.undo', recordId: id, stage: 'title-abstract', undoes: 1 + (a.r % seq) });
            else if (a.kind === 'ta' || a.kind === 'ft')
              push({
                type: 'screen.decision',
                recordId: id,
                stage: a.kind === 'ta' ? 'title-abstract' : 'fulltext',
                decision: a.kind === 'ft' && a.d === 'maybe' ? 'include' : a.d,
                reason: a.d === 'exclude' ? a.reason : undefined,
                reviewer: a.reviewer,
                by: a.flag && a.reviewer ? 'resolution' : 'human',
              });
          }
          const c = computePrismaFromLog(records, events, protocol);
          expect(checkPrismaInvariants(c)).toEqual([]);
          const dedup = computeDedupState(records, events);
          expect(c.includedIds).toEqual(includedStudyIds(dedup.uniqueIds, computeScreeningState(dedup.uniqueIds, events)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
