/**
 * What a reviewer still has to screen at a stage, and their progress. Blind: only the reviewer's
 * own decisions count, never the other reviewer's.
 */
import type { Stage } from './events.js';
import { reviewerKey, type ScreeningState } from './state.js';

export interface ReviewerProgress {
  /** Records in the stage's pool. */
  total: number;
  /** Records this reviewer has decided (at full text: or that were marked not retrieved). */
  done: number;
  left: number;
  /** This reviewer's includes so far (title/abstract: include; maybe counted apart). */
  included: number;
  maybe: number;
  excluded: number;
}

/** Has this reviewer finished this record at this stage? */
export function isDone(state: ScreeningState, stage: Stage, reviewer: string | undefined, id: string): boolean {
  if (stage === 'fulltext' && state.retrieval.get(id) === false) return true;
  return state.byReviewer[stage].get(id)?.has(reviewerKey(reviewer)) ?? false;
}

/** The records this reviewer has not decided yet, in pool (import) order. */
export function computeUndecided(state: ScreeningState, stage: Stage, reviewer: string | undefined): string[] {
  return state.pool[stage].filter((id) => !isDone(state, stage, reviewer, id));
}

/** The first undecided record not in `skipped` (import order), or undefined when none is left. */
export function nextInImportOrder(state: ScreeningState, stage: Stage, reviewer: string | undefined, skipped: ReadonlySet<string> = new Set()): string | undefined {
  return state.pool[stage].find((id) => !skipped.has(id) && !isDone(state, stage, reviewer, id));
}

export function computeProgress(state: ScreeningState, stage: Stage, reviewer: string | undefined): ReviewerProgress {
  const key = reviewerKey(reviewer);
  const pool = state.pool[stage];
  let done = 0;
  let included = 0;
  let maybe = 0;
  let excluded = 0;
  for (const id of pool) {
    const d = state.byReviewer[stage].get(id)?.get(key);
    if (d) {
      done++;
      if (d.decision === 'include') included++;
      else if (d.decision === 'maybe') maybe++;
      else excluded++;
    } else if (stage === 'fulltext' && state.retrieval.get(id) === false) done++;
  }
  return { total: pool.length, done, left: pool.length - done, included, maybe, excluded };
}

/** The reviewer's latest active event at a stage that `undo` would withdraw (decision or retrieval mark). */
export function lastUndoable(state: ScreeningState, stage: Stage, reviewer: string | undefined): { seq: number; recordId: string } | undefined {
  const key = reviewerKey(reviewer);
  let best: { seq: number; recordId: string } | undefined;
  for (const [id, perReviewer] of state.byReviewer[stage]) {
    const d = perReviewer.get(key);
    if (d && (!best || d.seq > best.seq)) best = { seq: d.seq, recordId: id };
  }
  if (stage === 'fulltext') {
    const pool = new Set(state.pool.fulltext);
    for (const [id, r] of state.retrievalEvents) {
      if (reviewerKey(r.reviewer) === key && pool.has(id) && (!best || r.seq > best.seq)) best = { seq: r.seq, recordId: id };
    }
  }
  return best;
}

/** This reviewer's screening history at a stage, in the order decided, for the stopping rule (relevant = include or maybe). */
export function screeningHistory(state: ScreeningState, stage: Stage, reviewer: string | undefined): { recordId: string; relevant: boolean; random: boolean }[] {
  const key = reviewerKey(reviewer);
  const mine = [...state.byReviewer[stage].values()].flatMap((m) => (m.has(key) ? [m.get(key)!] : []));
  mine.sort((a, b) => a.seq - b.seq);
  return mine.map((d) => ({ recordId: d.recordId, relevant: d.decision !== 'exclude', random: d.drawn === 'random' }));
}
