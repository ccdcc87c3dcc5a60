/**
 * What `review search --dry-run` shows per source: the compiled query, the URL that would run
 * (or the browser URL for import-only sources) and the import command for a manual export.
 */
import type { Protocol } from '../core/protocol.js';
import type { CompiledQuery } from '../core/query/compiled.js';
import { compileFor, type SearchSourceId } from '../core/query/index.js';
import { queryString } from '../core/query/compiled.js';
import { liveSource } from './index.js';
import type { SourceAdapter } from './types.js';

export const SCHOLAR_URL = 'https://scholar.google.com/scholar';
export const SEARCH_SOURCE_IDS: SearchSourceId[] = ['bvs', 'scielo', 'pubmed', 'google-scholar'];

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
    return {
      id,
      label: 'Google Scholar',
      compiled,
      url: `${SCHOLAR_URL}?${queryString(compiled.params)}`,
      browserUrl: `${SCHOLAR_URL}?${queryString(compiled.params)}`,
      live: false,
      manualExport: { format: 'CSV', how: 'Publish or Perish > Save Results > CSV' },
      importCommand,
    };
  }
  const compiled = adapter.compileQuery(protocol);
  return { id, label: adapter.label, compiled, url: adapter.firstUrl(compiled, baseUrlFor(adapter, env, baseUrl)), browserUrl: adapter.browserUrl(compiled), live: true, manualExport: adapter.manualExport, importCommand };
}

/** Sources the protocol lists, or just `only`. */
export function protocolSources(protocol: Protocol, only?: SearchSourceId): SearchSourceId[] {
  return only ? [only] : protocol.sources.map((s) => s.id);
}
