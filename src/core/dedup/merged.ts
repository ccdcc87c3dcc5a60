/** The records that go on to screening, each merged from its group (for screening, export and PRISMA). */
import type { BibRecord } from '../record.js';
import type { DedupState } from './state.js';
import { mergeRecords, type MergedRecord } from './merge.js';

/** One merged record per unique id, in the order of `state.uniqueIds`; records alone keep their own provenance. */
export function computeMergedRecords(records: readonly BibRecord[], state: DedupState): MergedRecord[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const others = new Map<string, BibRecord[]>();
  for (const g of state.groups) others.set(g.canonical, g.members.filter((m) => m !== g.canonical).map((m) => byId.get(m)!));
  return state.uniqueIds.map((id) => mergeRecords(byId.get(id)!, others.get(id) ?? []));
}
