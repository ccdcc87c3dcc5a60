/** One compiler per source, chosen by source id. */
import type { Protocol } from '../protocol.js';
import type { SourceId } from '../record.js';
import type { CompiledQuery } from './compiled.js';
import { buildQueryTree } from './tree.js';
import { compileBvs } from './bvs.js';
import { compileScielo } from './scielo.js';
import { compilePubmed } from './pubmed.js';
import { compileScholar } from './scholar.js';
import { compileScopus } from './scopus.js';
import { compileWos } from './wos.js';
import { compileEmbase } from './embase.js';

/** Sources the protocol's strategy is compiled for (the others are imported from files only). */
export type SearchSourceId = Extract<SourceId, 'bvs' | 'scielo' | 'pubmed' | 'google-scholar' | 'scopus' | 'wos' | 'embase'>;

/** Sources the tool compiles a strategy for but never searches: the researcher runs it on the vendor's site, exports and imports. */
export const EXPORT_ONLY_SOURCES = ['google-scholar', 'scopus', 'wos', 'embase'] as const;
export type ExportOnlySourceId = (typeof EXPORT_ONLY_SOURCES)[number];
/** Sources the tool searches itself. */
export type LiveSourceId = Exclude<SearchSourceId, ExportOnlySourceId>;

export function isExportOnly(id: string): id is ExportOnlySourceId {
  return (EXPORT_ONLY_SOURCES as readonly string[]).includes(id);
}

export const COMPILERS = {
  bvs: compileBvs,
  scielo: compileScielo,
  pubmed: compilePubmed,
  'google-scholar': compileScholar,
  scopus: compileScopus,
  wos: compileWos,
  embase: compileEmbase,
} satisfies Record<SearchSourceId, (tree: ReturnType<typeof buildQueryTree>, p: Protocol) => CompiledQuery>;

/** The protocol's strategy compiled for one source. */
export function compileFor(source: SearchSourceId, protocol: Protocol): CompiledQuery {
  return COMPILERS[source](buildQueryTree(protocol.search), protocol);
}
