/**
 * The search strategy of every database as PRISMA-S asks for it (Rethlefsen et al. 2021, items
 * 1, 8, 9, 13: database and platform, exact query, limits, date searched, records found), for
 * live searches and imported exports alike. An import carries its query and search date when
 * the user gave them (`import --query --searched-on`); without them the entry says so and falls
 * back to the import date, marked as such.
 */
import type { EventBase, ImportEvent } from '../events.js';
import { prismaMethodOf, type PrismaMethod, type Protocol } from '../protocol.js';
import { sourceName } from '../prisma/counts.js';
import type { ImportedSearch, SearchEventPart, SearchWarning } from '../query/searchEvent.js';

export interface StrategyEntry {
  kind: 'search' | 'import';
  source: string;
  /** Databases searched (LILACS, BDENF...), as the event or the records name them. */
  databases: string[];
  platform: string;
  /** ISO date (YYYY-MM-DD) the search was run. */
  date: string;
  /** True when no search date was recorded and `date` is the import date. */
  dateIsImport: boolean;
  /** True when `date` is the exported file's modification date (no --searched-on). */
  dateFromFile?: boolean;
  /** The exact query; empty when none was recorded. */
  query: string;
  /** True when `query` is the protocol's compiled strategy, not what the user says was run. */
  queryFromProtocol?: boolean;
  limits: string;
  /** Hits the portal reported; undefined when unknown. */
  hits?: number;
  /** Records brought into the review. */
  records?: number;
  file?: string;
  format?: string;
  /** The PRISMA 2020 column the source feeds. */
  method: PrismaMethod;
  status?: string;
  /** What the source said about the query (PubMed's errorlist/warninglist, widened limits...), as codes. */
  warnings?: SearchWarning[];
  /** The date parts a search was split into to pass the source's cap (PubMed: 9,999 records). */
  parts?: SearchEventPart[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Limits as an event may hold them: a string, a list, or an object of filters. */
export function formatLimits(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(formatLimits).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('from' in o || 'to' in o) return `${str(o.from)}-${str(o.to)}`;
    return Object.entries(o)
      .map(([k, x]) => [k, formatLimits(x)])
      .filter(([, x]) => x !== '')
      .map(([k, x]) => `${k}: ${x}`)
      .join('; ');
  }
  return '';
}

const queryText = (q: unknown) => (typeof q === 'string' ? q : q !== undefined && q !== null ? JSON.stringify(q) : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : str(v) ? [str(v)] : []);

/**
 * One entry per live search and per imported file (imports made by a search are the search's).
 * `importDatabases` names the databases the records of each import carry.
 */
export function searchStrategies(
  events: readonly EventBase[],
  protocol: Pick<Protocol, 'sources'>,
  importDatabases: ReadonlyMap<string, readonly string[]> = new Map(),
): StrategyEntry[] {
  const out: StrategyEntry[] = [];
  for (const e of events) {
    const x = e as EventBase & Record<string, unknown>;
    if (e.type === 'search') {
      const source = str(x.source);
      out.push({
        kind: 'search',
        source,
        databases: list(x.databases),
        platform: str(x.platform) || str(x.url) || sourceName(source),
        date: (str(x.startedAt) || str(x.at)).slice(0, 10),
        dateIsImport: false,
        query: queryText(x.query),
        limits: formatLimits(x.limits),
        hits: num(x.hits),
        records: num(x.fetched),
        method: prismaMethodOf(protocol, source),
        status: str(x.status) || undefined,
        ...(Array.isArray(x.warnings) && x.warnings.length ? { warnings: x.warnings as SearchWarning[] } : {}),
        ...(Array.isArray(x.parts) && x.parts.length ? { parts: x.parts as SearchEventPart[] } : {}),
      });
    } else if (e.type === 'import' && !(e as ImportEvent).searchId) {
      const i = e as ImportEvent & Record<string, unknown>;
      // The search behind the export, logged by `import --query --searched-on` (core/query/searchEvent.ts ImportedSearch).
      const q = (i.search ?? undefined) as (ImportedSearch & Record<string, unknown>) | undefined;
      // Note: `searchedOn` is the day the user ran the search on the portal; an older log has
      // only the import time (and an import event may carry the fields itself).
      const searched = str(q?.searchedOn) || str(i.searchedOn) || str(i.searchedAt);
      const dbs = list(q?.databases);
      out.push({
        kind: 'import',
        source: i.source,
        databases: dbs.length ? dbs : i.database ? [i.database] : [...(importDatabases.get(i.importId) ?? [])],
        platform: str(q?.platform) || str(i.platform) || sourceName(i.source),
        date: (searched || str(i.at)).slice(0, 10),
        dateIsImport: !searched,
        dateFromFile: q?.searchedOnFrom === 'file' || undefined,
        query: queryText(q?.query ?? i.query),
        queryFromProtocol: q?.queryFrom === 'protocol' || undefined,
        limits: formatLimits(q?.limits ?? i.limits),
        // Note: the log's hits of an export are the records the file held; a count the portal showed would be the hits.
        hits: num(q?.hits) ?? num(i.hits),
        records: num(i.recordsRead),
        file: i.file,
        format: i.format,
        method: prismaMethodOf(protocol, i.source),
      });
    }
  }
  return out;
}
