/**
 * The search strategy of every database as PRISMA-S asks for it (Rethlefsen et al. 2021, items
 * 1, 8, 9, 13: database and platform, exact query, limits, date searched, records found), for
 * live searches and imported exports alike. An import carries its query and search date when
 * the user gave them (`import --query --searched-on`); without them the entry says so and falls
 * back to the import date, marked as such.
 */
import type { EventBase, ImportEvent } from '../events.js';
import { prismaMethodOf, type PrismaMethod, type Protocol } from '../protocol.js';
import { databaseName, sourceName, type SourceNames } from '../prisma/counts.js';
import { BVS_PLATFORM } from '../query/bvs.js';
import { PUBMED_PLATFORM } from '../query/pubmed.js';
import { SCHOLAR_PLATFORM } from '../query/scholar.js';
import { SCOPUS_PLATFORM } from '../query/scopus.js';
import { WOS_PLATFORM } from '../query/wos.js';
import { EMBASE_PLATFORM } from '../query/embase.js';
import { SCIELO_PLATFORM } from '../query/scielo.js';
import type { ImportedSearch, SearchEventPart, SearchWarning } from '../query/searchEvent.js';
import { isQueryLimit, type LoggedLimit } from '../query/compiled.js';

export interface StrategyEntry {
  kind: 'search' | 'import';
  source: string;
  /** Databases searched (LILACS, BDENF...), as the event or the records name them. */
  databases: string[];
  /** As logged; empty when the log names none. */
  platform: string;
  /** True when `platform` is the one the tool writes for the source: the UI words it (`search.platform.<source>`). */
  platformDefault?: boolean;
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
  /** Coded limits (worded with `limitsText`); lines of words from older logs. */
  limits: LoggedLimit[];
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

// Note: the platforms the query compilers write into the log (data); the report words them in its language.
const DEFAULT_PLATFORMS: Record<string, string> = { bvs: BVS_PLATFORM, scielo: SCIELO_PLATFORM, pubmed: PUBMED_PLATFORM, 'google-scholar': SCHOLAR_PLATFORM, scopus: SCOPUS_PLATFORM, wos: WOS_PLATFORM, embase: EMBASE_PLATFORM };

function platformOf(source: string, logged: string): Pick<StrategyEntry, 'platform' | 'platformDefault'> {
  const own = DEFAULT_PLATFORMS[source];
  // Note: an export logged without a platform is not assumed to come from the API's platform (PubMed web is not E-utilities).
  return own !== undefined && logged === own ? { platform: own, platformDefault: true } : { platform: logged };
}

/** Translate a catalogue key (the caller's language). */
type Tr = (key: string, params?: Record<string, string | number | undefined>) => string;

/** The platform as a reader sees it: the tool's own platform in the output's words, else as logged, else the source's name. */
export function strategyPlatform(e: Pick<StrategyEntry, 'source' | 'platform' | 'platformDefault'>, tr: Tr, names?: SourceNames): string {
  if (e.platformDefault) return tr(`search.platform.${e.source}`);
  return e.platform || sourceName(e.source, names);
}

/** "LILACS, BDENF (BVS)", or the source alone when it is its own database; names in the output's language. */
export function strategyHeading(e: Pick<StrategyEntry, 'source' | 'databases'>, names?: SourceNames): string {
  const src = sourceName(e.source, names);
  const dbs = e.databases.map((d) => databaseName(d, names)).filter((d) => d !== src);
  return dbs.length ? `${dbs.join(', ')} (${src})` : src;
}

/** The databases of an entry, names in the output's language; the source's name when it names none. */
export function strategyDatabases(e: Pick<StrategyEntry, 'source' | 'databases'>, names?: SourceNames): string {
  return e.databases.map((d) => databaseName(d, names)).join(', ') || sourceName(e.source, names);
}

/** Limits as a log holds them: coded limits kept, anything else (older logs) as a line of words. */
export function loggedLimits(v: unknown): LoggedLimit[] {
  if (Array.isArray(v)) return v.map((x) => (isQueryLimit(x) ? x : formatLimits(x))).filter((x) => x !== '');
  const line = formatLimits(v);
  return line ? [line] : [];
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
        ...platformOf(source, str(x.platform) || str(x.url)),
        date: (str(x.startedAt) || str(x.at)).slice(0, 10),
        dateIsImport: false,
        query: queryText(x.query),
        limits: loggedLimits(x.limits),
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
        ...platformOf(i.source, str(q?.platform) || str(i.platform)),
        date: (searched || str(i.at)).slice(0, 10),
        dateIsImport: !searched,
        dateFromFile: q?.searchedOnFrom === 'file' || undefined,
        query: queryText(q?.query ?? i.query),
        queryFromProtocol: q?.queryFrom === 'protocol' || undefined,
        limits: loggedLimits(q?.limits ?? i.limits),
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
