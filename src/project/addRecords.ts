/**
 * Add parsed records to a review: give them ids, write their records file atomically,
 * then append the import event that makes them count. Used by `import` and `search`.
 * A crash between the two steps leaves an orphan records file that nothing counts.
 */
import type { BibRecord, ParsedRecord } from '../core/record.js';
import { eventsOfType, type ImportEvent, type NewEvent } from '../core/events.js';
import type { Review } from './review.js';

export type ImportMeta = Omit<NewEvent<ImportEvent>, 'type' | 'importId' | 'recordsFile' | 'recordsRead'>;

/** Next import id: `i001`, `i002`... (also used for live searches). */
export function nextImportId(review: Review): string {
  const n = eventsOfType<ImportEvent>(review.events, 'import').length + 1;
  return `i${String(n).padStart(3, '0')}`;
}

export function recordId(importId: string, index: number): string {
  return `${importId}-${String(index + 1).padStart(5, '0')}`;
}

export function addRecords(review: Review, parsed: readonly ParsedRecord[], meta: ImportMeta): { event: ImportEvent; records: BibRecord[] } {
  const importId = nextImportId(review);
  const records: BibRecord[] = parsed.map((p, i) => ({
    ...p,
    id: recordId(importId, i),
    provenance: { ...p.provenance, importId },
  }));
  const recordsFile = `${importId}.jsonl`;
  review.writeRecords(recordsFile, records);
  const event = review.append<ImportEvent>({
    type: 'import',
    importId,
    recordsFile,
    recordsRead: records.length,
    ...meta,
  });
  return { event, records };
}
