/**
 * The status stage: the review's counts, computed once and kept as a snapshot on disk until the
 * log, the protocol or a records file changes (issue 16). On 100,000 records the counts take
 * seconds and half a gigabyte to compute (every record is read for dedup); read back they take
 * milliseconds, so `review status` answers at once when nothing changed.
 */
import { computeStatus, type StatusCounts } from '../core/status.js';
import type { Review } from '../project/review.js';
import { derivedStateKey, readSnapshot, writeSnapshot } from '../project/snapshot.js';

/** The review's status counts, from the snapshot when it is current, else computed and stored. */
export function readStatus(review: Review): StatusCounts {
  // Note: the key is taken before computing, so a change made meanwhile leaves a stale key behind
  // and the next command computes again rather than trusting counts that miss the change.
  const key = derivedStateKey(review.paths);
  const stored = readSnapshot<StatusCounts>(review.paths, 'status', key);
  if (stored) return stored;
  const counts = computeStatus(review.records(), review.events);
  writeSnapshot(review.paths, 'status', key, counts);
  return counts;
}
