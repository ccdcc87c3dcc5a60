/** Small hand-made records and screening states for the report tests. */
import type { BibRecord, SourceId } from '../../src/core/record.js';
import type { ScreeningState, FinalDecision } from '../../src/core/screening/state.js';

let n = 0;

/** A record with the fields the outputs read; ids are `<importId>-<n>`. */
export function rec(importId: string, source: SourceId, database: string | undefined, over: Partial<BibRecord> = {}): BibRecord {
  n++;
  return {
    id: `${importId}-${String(n).padStart(5, '0')}`,
    titles: [{ lang: 'pt', text: `Título ${n} sobre matriciamento`, original: true }],
    abstracts: [],
    authors: [{ family: 'Silva', given: 'Ana' }],
    year: 2015,
    languages: ['pt'],
    keywords: [],
    descriptors: [],
    fullTextUrls: [],
    extra: {},
    provenance: { source, database, file: 'x', line: n, importId, format: 'ris' },
    ...over,
  };
}

export function resetIds(): void {
  n = 0;
}

/** A screening state from plain lists (the shape computeScreeningState returns). */
export function screeningState(s: {
  automatic?: [string, string][];
  ta?: [string, FinalDecision][];
  retrieval?: [string, boolean][];
  ft?: [string, FinalDecision][];
}): ScreeningState {
  return {
    automatic: new Map(s.automatic ?? []),
    titleAbstract: new Map(s.ta ?? []),
    conflicts: { 'title-abstract': [], fulltext: [] },
    retrieval: new Map(s.retrieval ?? []),
    fulltext: new Map(s.ft ?? []),
  } as unknown as ScreeningState;
}
