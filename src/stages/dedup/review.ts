/**
 * Dedup on a review folder: run the automatic pass on records no run has seen yet, append
 * people's decisions and undos, write the audit report. Every change is an event in the log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Review } from '../../project/review.js';
import { eventsOfType, type ImportEvent } from '../../core/events.js';
import { CodedUserError } from '../../core/errors.js';
import { computeDedupState, type DedupState } from '../../core/dedup/state.js';
import { computeFeatures, detectDuplicates } from '../../core/dedup/detect.js';
import { RULES_VERSION } from '../../core/dedup/score.js';
import { REPORT_COLUMNS, type DedupReportRow } from '../../core/dedup/report.js';
import type { DedupDecisionEvent, DedupDecisionValue, DedupRetractEvent, DedupRunEvent, DedupUndoEvent } from '../../core/dedup/events.js';
import { writeFileAtomic } from '../../project/atomic.js';

/** The reviewer's name: `--reviewer`, else REVIEW_REVIEWER, else the login name. */
export function reviewerName(given?: string): string {
  if (given && given.trim()) return given.trim();
  if (process.env.REVIEW_REVIEWER) return process.env.REVIEW_REVIEWER;
  try {
    return os.userInfo().username || 'reviewer';
  } catch {
    return 'reviewer';
  }
}

export interface AutoRunResult {
  /** The run event, absent when every import had been considered already. */
  event?: DedupRunEvent;
  state: DedupState;
}

/**
 * Compare the records of imports no run has considered against everything (earlier groups and
 * decisions stay as they are), append one `dedup.run` event, and return the new state.
 */
export function runAutoDedup(review: Review): AutoRunResult {
  const records = review.records();
  // Note: before the first dedup event the state is every record on its own: not built for nothing.
  const before = review.events.some((e) => e.type.startsWith('dedup.')) ? computeDedupState(records, review.events) : undefined;
  const considered = before?.consideredImports ?? new Set<string>();
  const imports = eventsOfType<ImportEvent>(review.events, 'import').map((e) => e.importId);
  const fresh = imports.filter((i) => !considered.has(i));
  if (fresh.length === 0) return { state: before ?? computeDedupState(records, review.events) };
  const isNew = (r: { provenance: { importId: string } }) => !considered.has(r.provenance.importId);
  const features = computeFeatures(records);
  const found = detectDuplicates(records, before && before.runs > 0 ? isNew : undefined, features);
  const event = review.append<DedupRunEvent>({
    type: 'dedup.run',
    imports: fresh,
    newRecords: records.filter(isNew).length,
    accepted: found.accepted,
    uncertain: found.uncertain,
    rules: RULES_VERSION,
  });
  return { event, state: computeDedupState(records, review.events, features.map((f) => f.ids)) };
}

/** Append one person's decision on a pair (fsynced before this returns). */
export function recordDedupDecision(review: Review, a: string, b: string, decision: DedupDecisionValue, reviewer: string): DedupDecisionEvent {
  return review.append<DedupDecisionEvent>({ type: 'dedup.decision', a, b, decision, reviewer });
}

/** Withdraw one person's decision on a pair (u in the review screen); the pair waits again. */
export function retractDedupDecision(review: Review, a: string, b: string, reviewer: string): DedupRetractEvent {
  return review.append<DedupRetractEvent>({ type: 'dedup.retract', a, b, reviewer });
}

/** Split a group back into its records; they are not merged again unless a person says so. */
export function undoDedupGroup(review: Review, group: string, reviewer: string): DedupUndoEvent {
  const state = computeDedupState(review.records(), review.events);
  const id = state.groupOf.get(group) ?? group;
  const found = state.groups.find((g) => g.id === id);
  if (!found) throw new CodedUserError('DEDUP_UNDO_UNKNOWN', { group });
  return review.append<DedupUndoEvent>({ type: 'dedup.undo', group: found.id, members: found.members, reviewer });
}

/** The report as CSV (header + one row per record) or JSON text. */
export function stringifyDedupReport(rows: readonly DedupReportRow[], format: 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  return stringify(
    rows.map((r) => REPORT_COLUMNS.map((c) => String(r[c]))),
    { header: true, columns: [...REPORT_COLUMNS] },
  );
}

/** Write the report atomically to `file` (relative to the working folder). */
export function writeDedupReport(file: string, text: string): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  writeFileAtomic(abs, text);
  return abs;
}
