/** The live sources, by id. Google Scholar, Scopus, Web of Science and Embase have none: they are import-only. */
import type { LiveSourceId } from '../core/query/index.js';
import { bvs } from './bvs.js';
import { scielo } from './scielo.js';
import { pubmed } from './pubmed.js';
import type { SourceAdapter } from './types.js';

export const SOURCES = { bvs, scielo, pubmed } satisfies Record<LiveSourceId, SourceAdapter>;

export function liveSource(id: string): SourceAdapter | undefined {
  return (SOURCES as Record<string, SourceAdapter>)[id];
}
