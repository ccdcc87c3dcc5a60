/** The live sources, by id. Google Scholar has none: it is import-only. */
import type { SearchSourceId } from '../core/query/index.js';
import { bvs } from './bvs.js';
import { scielo } from './scielo.js';
import { pubmed } from './pubmed.js';
import type { SourceAdapter } from './types.js';

export const SOURCES = { bvs, scielo, pubmed } satisfies Record<Exclude<SearchSourceId, 'google-scholar'>, SourceAdapter>;

export function liveSource(id: string): SourceAdapter | undefined {
  return (SOURCES as Record<string, SourceAdapter>)[id];
}
