/** The automatic pass: block, compare, and sort candidate pairs into duplicate / uncertain. */
import type { BibRecord } from '../record.js';
import type { DedupPair } from './events.js';
import { issueIsRecordNumber, recordFeatures, type RecordFeatures } from './features.js';
import { candidatePairCodes } from './blocking.js';
import { comparePair, DEFAULT_THRESHOLDS, type DedupThresholds } from './score.js';

export interface DetectResult {
  accepted: DedupPair[];
  uncertain: DedupPair[];
  /** Pairs compared (for the bench). */
  compared: number;
}

function pair(a: string, b: string, rule: DedupPair['rule'], score: number): DedupPair {
  const [x, y] = a < b ? [a, b] : [b, a];
  return rule === 'score' ? { a: x, b: y, rule, score: Math.round(score * 1000) / 1000 } : { a: x, b: y, rule };
}

/**
 * Find duplicate and uncertain pairs among `records`. With `isNew`, only pairs involving at least
 * one new record are compared (earlier records were compared by earlier runs).
 */
export function detectDuplicates(
  records: readonly BibRecord[],
  isNew?: (r: BibRecord) => boolean,
  features?: RecordFeatures[],
  thresholds: Readonly<DedupThresholds> = DEFAULT_THRESHOLDS,
): DetectResult {
  const feats = features ?? computeFeatures(records);
  const codes = candidatePairCodes(feats, isNew ? (i) => isNew(records[i]) : undefined);
  const n = feats.length;
  const accepted: DedupPair[] = [];
  const uncertain: DedupPair[] = [];
  for (const code of codes) {
    const i = Math.floor(code / n);
    const j = code - i * n;
    const v = comparePair(feats[i], feats[j], thresholds);
    if (v.outcome === 'duplicate') accepted.push(pair(records[i].id, records[j].id, v.rule, v.score));
    else if (v.outcome === 'uncertain') uncertain.push(pair(records[i].id, records[j].id, v.rule, v.score));
  }
  return { accepted, uncertain, compared: codes.length };
}

/** The features of every record, with each import's quirks taken into account (see issueIsRecordNumber). */
export function computeFeatures(records: readonly BibRecord[]): RecordFeatures[] {
  const noIssue = issueIsRecordNumber(records);
  return records.map((r) => recordFeatures(r, { ignoreIssue: noIssue.has(r.provenance.importId) }));
}
