/** Extraction events: one per study coded; the latest event for a record is the one that counts. */
import type { EventBase } from '../events.js';

/** A value of one extraction field: text, number, choice, several choices or yes/no. */
export type ExtractValue = string | number | boolean | string[];

/** The extraction form and theme coding of one included study. */
export interface ExtractEvent extends EventBase {
  type: 'extract';
  recordId: string;
  /** Field name (protocol.extraction[].name) -> value. Empty fields are left out. */
  fields: Record<string, ExtractValue>;
  /** Theme ids from the protocol codebook; any number per study. */
  themes: string[];
  reviewer?: string;
  /** `form` when typed in the terminal, `csv:<file>` when filled from a CSV. */
  via?: string;
}

/** The latest extraction of each record, in the order records were first extracted. */
export function computeExtractions(events: readonly EventBase[]): Map<string, ExtractEvent> {
  const out = new Map<string, ExtractEvent>();
  for (const e of events) {
    if (e.type !== 'extract') continue;
    const x = e as ExtractEvent;
    if (typeof x.recordId !== 'string') continue;
    out.set(x.recordId, x);
  }
  return out;
}
