/**
 * Dedup state derived from the event log: which record stands for which.
 * (Filled in by the dedup issue; until a dedup has run every record is its own canonical.)
 */
import type { BibRecord } from '../record.js';
import type { EventBase } from '../events.js';

export interface DedupState {
  /** record id -> canonical record id (itself when unique or canonical). */
  canonicalOf: Map<string, string>;
  /** Canonical record ids in import order: the records that go on to screening. */
  uniqueIds: string[];
}

export function computeDedupState(records: readonly BibRecord[], _events: readonly EventBase[]): DedupState {
  const canonicalOf = new Map<string, string>();
  for (const r of records) canonicalOf.set(r.id, r.id);
  return { canonicalOf, uniqueIds: records.map((r) => r.id) };
}
