/** The derived state every output needs, computed once per review and log length. */
import type { Review } from '../../project/review.js';
import { computeReviewOutputs, type ReviewOutputsState } from '../../core/report/state.js';

const cache = new WeakMap<Review, { events: number; state: ReviewOutputsState }>();

/** Dedup, screening, PRISMA, extractions and themes of the review; rebuilt only when the log grew. */
export function readOutputsState(review: Review): ReviewOutputsState {
  const hit = cache.get(review);
  if (hit && hit.events === review.events.length) return hit.state;
  const state = computeReviewOutputs(review.records(), review.events, review.protocol);
  cache.set(review, { events: review.events.length, state });
  return state;
}
