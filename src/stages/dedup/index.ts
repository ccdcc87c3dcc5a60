/**
 * The dedup stage: the automatic pass over records not yet compared, the pair-by-pair review of
 * the uncertain pairs (each decision on disk at once), the per-record report and the counts.
 * The screen that shows the pairs comes in as a callback, so this module says nothing to anyone.
 */
import type { Review } from '../../project/review.js';
import type { BibRecord } from '../../core/record.js';
import { computeDedupState } from '../../core/dedup/state.js';
import { computeDedupCounts, computeDedupReport, type DedupCounts } from '../../core/dedup/report.js';
import type { DedupRunEvent as DedupEvent } from '../../core/dedup/events.js';
import { recordDedupDecision, retractDedupDecision, runAutoDedup, stringifyDedupReport, writeDedupReport } from './review.js';

export { reviewerName, undoDedupGroup } from './review.js';

/** An uncertain pair as the review screen shows it. */
export interface DedupPair {
  a: BibRecord;
  b: BibRecord;
  score?: number;
  rule: string;
}

/** What the review screen is given: the pairs and what to do with each answer. */
export interface DedupPairSession {
  pairs: DedupPair[];
  decide: (pair: DedupPair, decision: 'duplicate' | 'distinct') => void;
  undo: (pair: DedupPair) => void;
  settled: (pair: DedupPair) => boolean;
}

export interface DedupStageOptions {
  reviewer: string;
  /** Review the uncertain pairs (when there are any) with this screen. */
  reviewPairs?: (session: DedupPairSession) => Promise<{ decided: number; skipped: number }>;
  /** Called once the automatic pass is done, before any pair is shown. */
  onAutoDone?: (event: DedupEvent | undefined, pending: number) => void;
  /** The per-record report: its format, and the file to write it to (else returned as text). */
  report?: { format: 'csv' | 'json'; out?: string };
}

export interface DedupStageResult {
  event: DedupEvent | undefined;
  reviewed?: { decided: number; skipped: number; left: number };
  report?: { text: string; file?: string; count: number };
  counts: DedupCounts;
}

/** Run the automatic pass, then the review of the uncertain pairs, then the report and the counts. */
export async function runDedupStage(review: Review, options: DedupStageOptions): Promise<DedupStageResult> {
  const { event, state: first } = runAutoDedup(review);
  options.onAutoDone?.(event, first.pending.length);
  let state = first;
  let reviewed: DedupStageResult['reviewed'];
  if (options.reviewPairs && state.pending.length > 0) {
    const recompute = () => (state = computeDedupState(review.records(), review.events));
    const byId = new Map(review.records().map((r) => [r.id, r]));
    const outcome = await options.reviewPairs({
      pairs: state.pending.map((p) => ({ a: byId.get(p.a)!, b: byId.get(p.b)!, score: p.score, rule: p.rule })),
      decide: (pair, decision) => {
        recordDedupDecision(review, pair.a.id, pair.b.id, decision, options.reviewer);
        if (decision === 'duplicate') recompute();
      },
      undo: (pair) => {
        retractDedupDecision(review, pair.a.id, pair.b.id, options.reviewer);
        recompute();
      },
      settled: (pair) => state.groupOf.get(pair.a.id) === state.groupOf.get(pair.b.id),
    });
    recompute();
    reviewed = { decided: outcome.decided, skipped: outcome.skipped, left: state.pending.length };
  }
  const records = review.records();
  let report: DedupStageResult['report'];
  if (options.report) {
    const rows = computeDedupReport(records, state);
    const text = stringifyDedupReport(rows, options.report.format);
    report = { text, count: rows.length, file: options.report.out ? writeDedupReport(options.report.out, text) : undefined };
  }
  return { event, reviewed, report, counts: computeDedupCounts(records, state) };
}
