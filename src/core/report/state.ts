/** Everything the outputs need, rebuilt once from records and events. */
import type { BibRecord } from '../record.js';
import type { EventBase } from '../events.js';
import type { Protocol } from '../protocol.js';
import { computeDedupState, type DedupState } from '../dedup/state.js';
import { computeScreeningState, type ScreeningState } from '../screening/state.js';
import { computePrisma, type PrismaCounts } from '../prisma/counts.js';
import { computeExtractions, type ExtractEvent } from '../extraction/events.js';
import { computeThemeTable, type ThemeTable } from '../themes/frequencies.js';
import type { MergedRecord } from '../dedup/merge.js';
import { mergedStudies } from './studies.js';

export interface ReviewOutputsState {
  dedup: DedupState;
  screening: ScreeningState;
  prisma: PrismaCounts;
  extractions: Map<string, ExtractEvent>;
  /** Included studies merged with their duplicates, in import order. */
  studies: MergedRecord[];
  themes: ThemeTable;
}

/** Dedup, screening, PRISMA, extractions and themes from the log. Pure. */
export function computeReviewOutputs(records: readonly BibRecord[], events: readonly EventBase[], protocol: Protocol): ReviewOutputsState {
  const dedup = computeDedupState(records, events);
  const screening = computeScreeningState(dedup.uniqueIds, events);
  const prisma = computePrisma({ records, uniqueIds: dedup.uniqueIds, screening, protocol, canonicalOf: dedup.canonicalOf });
  const extractions = computeExtractions(events);
  const studies = mergedStudies(records, dedup.canonicalOf, prisma.includedIds);
  const themes = computeThemeTable(protocol, prisma.includedIds, extractions);
  return { dedup, screening, prisma, extractions, studies, themes };
}
