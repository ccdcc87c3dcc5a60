/** The counts `review status` prints, derived from records and events. */
import type { BibRecord } from './record.js';
import type { EventBase } from './events.js';
import { computeDedupState } from './dedup/state.js';
import { computeDedupCounts } from './dedup/report.js';
import { computeScreeningSummary } from './screening/state.js';
import { computeExtractions } from './extraction/events.js';

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
  const dedup = computeDedupState(records, events);
  const counts = computeDedupCounts(records, dedup);
  const imported = (table: Record<string, { before: number }>) => Object.fromEntries(Object.entries(table).map(([k, c]) => [k, c.before]));
  return {
    records: counts.before,
    unique: counts.after,
    duplicates: counts.removed,
    uncertainPairs: counts.pending,
    bySource: imported(counts.bySource),
    byDatabase: imported(counts.byDatabase),
    ...computeScreeningSummary(dedup.uniqueIds, events),
    extracted: computeExtractions(events).size,
  };
}
