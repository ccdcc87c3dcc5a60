/** The counts `review status` prints, derived from records and events. */
import type { BibRecord } from './record.js';
import type { EventBase } from './events.js';
import { computeDedupState } from './dedup/state.js';
import { computeScreeningSummary } from './screening/state.js';

export interface StatusCounts {
  /** All imported records. */
  records: number;
  /** Records after dedup (equal to `records` before dedup runs). */
  unique: number;
  duplicates: number;
  /** Uncertain pairs waiting for `review dedup --review`. */
  uncertainPairs: number;
  /** source -> records imported. */
  bySource: Record<string, number>;
  /** "source/database" -> records imported. */
  byDatabase: Record<string, number>;
  excludedAutomatic: number;
  screened: number;
  maybe: number;
  fulltextAssessed: number;
  /** Records on which two reviewers disagree, not yet resolved. */
  conflicts: number;
  notRetrieved: number;
  included: number;
  extracted: number;
}

export function computeStatus(records: readonly BibRecord[], events: readonly EventBase[]): StatusCounts {
  const bySource: Record<string, number> = {};
  const byDatabase: Record<string, number> = {};
  for (const r of records) {
    bySource[r.provenance.source] = (bySource[r.provenance.source] ?? 0) + 1;
    const db = `${r.provenance.source}/${r.provenance.database ?? '-'}`;
    byDatabase[db] = (byDatabase[db] ?? 0) + 1;
  }
  const dedup = computeDedupState(records, events);
  const screening = computeScreeningSummary(dedup.uniqueIds, events);
  const extracted = new Set(events.filter((e) => e.type === 'extract').map((e) => (e as EventBase & { recordId: string }).recordId)).size;
  return {
    records: records.length,
    unique: dedup.uniqueIds.length,
    duplicates: records.length - dedup.uniqueIds.length,
    uncertainPairs: dedup.pending.length,
    bySource,
    byDatabase,
    ...screening,
    extracted,
  };
}
