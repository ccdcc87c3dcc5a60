/** The audit report (one row per record) and the counts that feed PRISMA, derived from dedup state. */
import type { BibRecord } from '../record.js';
import type { DedupRule } from './events.js';
import type { DedupState } from './state.js';

/** One row per record: which group it is in, whether it is the one kept, and which rule merged it. */
export interface DedupReportRow {
  /** The record's id in the file it came from (provenance.sourceId). */
  source_id: string;
  file: string;
  /** Same value for every member of a group; a record standing alone has its own. */
  group: string;
  canonical: boolean;
  /** Rule that merged it, empty for a record standing alone. */
  rule: DedupRule | '';
  /** The record's id inside the review. */
  record_id: string;
  source: string;
  database: string;
}

export const REPORT_COLUMNS: readonly (keyof DedupReportRow)[] = ['source_id', 'file', 'group', 'canonical', 'rule', 'record_id', 'source', 'database'];

export function computeDedupReport(records: readonly BibRecord[], state: DedupState): DedupReportRow[] {
  const grouped = new Set(state.groups.map((g) => g.id));
  return records.map((r) => {
    const group = state.groupOf.get(r.id) ?? r.id;
    return {
      source_id: r.provenance.sourceId ?? '',
      file: r.provenance.file,
      group,
      canonical: state.canonicalOf.get(r.id) === r.id,
      rule: grouped.has(group) ? (state.ruleOf.get(r.id) ?? '') : '',
      record_id: r.id,
      source: r.provenance.source,
      database: r.provenance.database ?? '',
    };
  });
}

export interface SourceCounts {
  /** Records imported from this source. */
  before: number;
  /** Of those, duplicates removed (not the canonical of their group). */
  removed: number;
  /** Of those, canonical records going on to screening. */
  after: number;
}

/** Counts for PRISMA: records before dedup, duplicates removed, unique after, per source and database. */
export interface DedupCounts {
  before: number;
  removed: number;
  after: number;
  /** Groups of two or more records. */
  groups: number;
  /** Uncertain pairs waiting for a person. */
  pending: number;
  bySource: Record<string, SourceCounts>;
  /** Keyed "source/database" ("bvs/LILACS"); "source/-" when the source names no database. */
  byDatabase: Record<string, SourceCounts>;
}

export function computeDedupCounts(records: readonly BibRecord[], state: DedupState): DedupCounts {
  const bySource: Record<string, SourceCounts> = {};
  const byDatabase: Record<string, SourceCounts> = {};
  const bump = (table: Record<string, SourceCounts>, key: string, kept: boolean) => {
    const c = (table[key] ??= { before: 0, removed: 0, after: 0 });
    c.before++;
    if (kept) c.after++;
    else c.removed++;
  };
  for (const r of records) {
    const kept = state.canonicalOf.get(r.id) === r.id;
    bump(bySource, r.provenance.source, kept);
    bump(byDatabase, `${r.provenance.source}/${r.provenance.database ?? '-'}`, kept);
  }
  return {
    before: records.length,
    removed: records.length - state.uniqueIds.length,
    after: state.uniqueIds.length,
    groups: state.groups.length,
    pending: state.pending.length,
    bySource,
    byDatabase,
  };
}
