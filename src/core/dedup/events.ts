/**
 * Dedup events in the review log. The automatic run records the pairs it accepted and the
 * uncertain ones it leaves for a person; people's decisions and undos are events too, so the
 * groups are always rebuilt from the log and nothing is ever deleted.
 */
import type { EventBase } from '../events.js';

/** Which rule linked two records: an exact identifier, the scored comparison, or a person. */
export type DedupRule = 'doi' | 'pmid' | 'bvs-mdl' | 'pmcid' | 'scielo-pid' | 'score' | 'human';

export const DEDUP_RULES: readonly DedupRule[] = ['doi', 'pmid', 'bvs-mdl', 'pmcid', 'scielo-pid', 'score', 'human'];

/** Two record ids (a < b) and how they were linked. */
export interface DedupPair {
  a: string;
  b: string;
  rule: DedupRule;
  /** Score in [0, 1] for scored pairs. */
  score?: number;
}

/** One automatic run: sure duplicates merged, uncertain pairs left for `--review`. */
export interface DedupRunEvent extends EventBase {
  type: 'dedup.run';
  /** Import ids whose records this run (and the earlier ones) have considered. */
  imports: string[];
  /** Records compared for the first time in this run. */
  newRecords: number;
  accepted: DedupPair[];
  uncertain: DedupPair[];
  /** Version of the rules, so an audit knows which thresholds decided. */
  rules: string;
}

export type DedupDecisionValue = 'duplicate' | 'distinct';

/** A person's decision on one pair (from `--review`). */
export interface DedupDecisionEvent extends EventBase {
  type: 'dedup.decision';
  a: string;
  b: string;
  decision: DedupDecisionValue;
  reviewer: string;
}

/** A person withdraws their decision on one pair (u in `--review`): the pair is open again. */
export interface DedupRetractEvent extends EventBase {
  type: 'dedup.retract';
  a: string;
  b: string;
  reviewer: string;
}

/** `--undo GROUP`: the group's members go back to standing alone; they are not merged again. */
export interface DedupUndoEvent extends EventBase {
  type: 'dedup.undo';
  group: string;
  members: string[];
  reviewer: string;
}

export type DedupEvent = DedupRunEvent | DedupDecisionEvent | DedupRetractEvent | DedupUndoEvent;

/** Order-free key of a pair of record ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
