/** One compiler per source, chosen by source id. */
import type { Protocol } from '../protocol.js';
import type { SourceId } from '../record.js';
import type { CompiledQuery } from './compiled.js';
import { buildQueryTree } from './tree.js';
import { compileBvs } from './bvs.js';
import { compileScielo } from './scielo.js';
import { compilePubmed } from './pubmed.js';
import { compileScholar } from './scholar.js';

/** Sources the protocol's strategy is compiled for (the others are imported from files only). */
export type SearchSourceId = Extract<SourceId, 'bvs' | 'scielo' | 'pubmed' | 'google-scholar'>;

export const COMPILERS = {
  bvs: compileBvs,
  scielo: compileScielo,
  pubmed: compilePubmed,
  'google-scholar': compileScholar,
} satisfies Record<SearchSourceId, (tree: ReturnType<typeof buildQueryTree>, p: Protocol) => CompiledQuery>;

/** The protocol's strategy compiled for one source. */
export function compileFor(source: SearchSourceId, protocol: Protocol): CompiledQuery {
  return COMPILERS[source](buildQueryTree(protocol.search), protocol);
}
