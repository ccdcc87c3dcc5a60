/**
 * What `review search --dry-run` shows per source: the compiled query, the URL that would run
 * (or the browser URL for import-only sources) and the import command for a manual export.
 */
import type { Protocol } from '../core/protocol.js';
import type { CompiledQuery } from '../core/query/compiled.js';
import { compileFor, type ExportOnlySourceId, type SearchSourceId } from '../core/query/index.js';
import { queryString } from '../core/query/compiled.js';
import { SCOPUS_URL } from '../core/query/scopus.js';
import { WOS_URL } from '../core/query/wos.js';
import { EMBASE_URL } from '../core/query/embase.js';
import { liveSource } from './index.js';
import type { SourceAdapter } from './types.js';

export const SCHOLAR_URL = 'https://scholar.google.com/scholar';
export const SEARCH_SOURCE_IDS: SearchSourceId[] = ['bvs', 'scielo', 'pubmed', 'google-scholar', 'scopus', 'wos', 'embase'];

/**
 * Import-only sources: where the researcher pastes the query and which export `review import`
 * reads (formats/: csv-gscholar/csv-pop; RIS or csv-scopus; wos plain text or csv-wos; RIS or csv-embase).
 */
const EXPORT_ONLY: Record<ExportOnlySourceId, { label: string; url: (c: CompiledQuery) => string; manualExport: { format: string; how: string } }> = {
  'google-scholar': { label: 'Google Scholar', url: (c) => `${SCHOLAR_URL}?${queryString(c.params)}`, manualExport: { format: 'CSV', how: 'Publish or Perish > Save Results > CSV' } },
  scopus: { label: 'Scopus', url: () => SCOPUS_URL, manualExport: { format: 'RIS or CSV', how: 'Export > RIS / CSV' } },
  wos: { label: 'Web of Science', url: () => WOS_URL, manualExport: { format: 'Plain text (Full Record) or Tab delimited', how: 'Export > Plain text file' } },
  embase: { label: 'Embase', url: () => EMBASE_URL, manualExport: { format: 'RIS or CSV', how: 'Export > RIS' } },
};

export interface SourcePlan {
  id: SearchSourceId;
  label: string;
  compiled: CompiledQuery;
  /** The request the tool would make, or the browser URL for import-only sources. */
  url: string;
  live: boolean;
  /** The same search in the portal's web page. */
  browserUrl: string;
  /** Export to ask for when searching by hand. */
  manualExport: { format: string; how: string };
  /** `review import DIR FILE --source X` */
  importCommand: string;
}

/** Base URL for a source: --base-url, else REVIEW_<SOURCE>_URL, else the real portal. */
export function baseUrlFor(adapter: SourceAdapter, env: NodeJS.ProcessEnv, override?: string): string {
  return override ?? env[`REVIEW_${adapter.id.toUpperCase()}_URL`] ?? adapter.defaultBaseUrl;
}

/** Plan one source. `dir` is the review folder as the user typed it (for the import command). */
export function planSource(id: SearchSourceId, protocol: Protocol, dir: string, env: NodeJS.ProcessEnv = {}, baseUrl?: string): SourcePlan {
  const importCommand = `review import ${dir} FILE --source ${id}`;
  const adapter = liveSource(id);
  if (!adapter) {
    const compiled = compileFor(id, protocol);
    const only = EXPORT_ONLY[id as ExportOnlySourceId];
    const url = only.url(compiled);
    return { id, label: only.label, compiled, url, browserUrl: url, live: false, manualExport: only.manualExport, importCommand };
  }
  const compiled = adapter.compileQuery(protocol);
  return { id, label: adapter.label, compiled, url: adapter.firstUrl(compiled, baseUrlFor(adapter, env, baseUrl)), browserUrl: adapter.browserUrl(compiled), live: true, manualExport: adapter.manualExport, importCommand };
}

/** Sources the protocol lists, or just `only`. */
export function protocolSources(protocol: Protocol, only?: SearchSourceId): SearchSourceId[] {
  return only ? [only] : protocol.sources.map((s) => s.id);
}
