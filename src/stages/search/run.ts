/**
 * Running a live search into a review. Each raw answer is saved under
 * data/searches/<searchId>/ (atomically) before anything parses it, so an interrupted search
 * resumes where it stopped and can be re-parsed offline. At the end the records enter the
 * review as one import (addRecords) and a `search` event logs the strategy as PRISMA-S asks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SearchEvent, SearchEventPart, SearchStatus, SearchWarning } from '../../core/query/searchEvent.js';
import { eventsOfType, type ImportEvent } from '../../core/events.js';
import type { ParsedRecord } from '../../core/record.js';
import type { CompiledQuery } from '../../core/query/compiled.js';
import { TOOL_VERSION } from '../../core/version.js';
import { BlockedError, QueryRejectedError, SourceFailedError, redactUrl } from '../../sources/http.js';
import type { PageStore, SearchContext, SourceAdapter } from '../../sources/types.js';
import { addRecords } from '../../project/addRecords.js';
import { writeFileAtomic } from '../../project/atomic.js';
import type { Review } from '../../project/review.js';
import type { SourceReason } from '../../core/query/sourceReason.js';

export type { SearchEvent, SearchStatus };

/** Why a live search stopped without a usable answer (network, retries exhausted, query refused). */
export interface SearchFailure {
  kind: 'failed' | 'query';
  /** For `query`: EMPTY_PAGE (no data where the answer belongs) or REFUSED (the source's message in `reason`). */
  code?: 'EMPTY_PAGE' | 'REFUSED';
  /** For `failed`: why, as a code the UI words (`search.reason.<code>`). */
  why?: SourceReason;
  /** For `query` REFUSED: the source's own words. */
  reason?: string;
  /** Tries made (for `failed`). */
  attempts?: number;
}

/** What `search.json` in a search folder holds: enough to resume the same search. */
export interface SearchManifest {
  searchId: string;
  source: string;
  query: string;
  url: string;
  params: [string, string][];
  pageSize: number;
  max?: number;
  startedAt: string;
  toolVersion: string;
}

export interface SearchOutcome {
  searchId: string;
  source: string;
  compiled: CompiledQuery;
  /** `failed` when the search stopped without a usable answer (see `failure`); nothing is logged then. */
  status: SearchStatus | 'failed';
  hits: number;
  fetched: number;
  /** Records seen twice across pages (shifted paging, resumed runs) and kept once. */
  duplicates: number;
  pagesFetched: number;
  pagesReused: number;
  resumed: boolean;
  importId?: string;
  blocked?: BlockedError;
  /** Set when the search stopped without a usable answer; nothing is logged and saved pages are kept for --resume. */
  failure?: SearchFailure;
  parseWarnings: number;
  warnings: SearchWarning[];
  parts: SearchEventPart[];
}

export interface SearchRunOptions {
  resume?: boolean;
  max?: number;
  onProgress?(p: { source: string; fetched: number; hits: number | undefined }): void;
  /** Told each warning of the source as it comes (the terminal shows it at once). */
  onWarning?(w: SearchWarning): void;
}

const MANIFEST = 'search.json';

function searchIds(review: Review): string[] {
  if (!fs.existsSync(review.paths.searches)) return [];
  return fs.readdirSync(review.paths.searches).filter((d) => /^s\d{3,}-/.test(d)).sort();
}

/** Latest search of this source that never finished (no complete/partial event), if any. */
export function unfinishedSearch(review: Review, source: string): string | undefined {
  const done = new Set(
    eventsOfType<SearchEvent>(review.events, 'search')
      .filter((e) => e.status !== 'blocked')
      .map((e) => e.searchId),
  );
  const ids = searchIds(review).filter((id) => id.endsWith(`-${source}`) && !done.has(id));
  return ids[ids.length - 1];
}

function newSearchId(review: Review, source: string): string {
  const ids = searchIds(review);
  const last = ids.length ? Number(ids[ids.length - 1].slice(1, ids[ids.length - 1].indexOf('-'))) : 0;
  return `s${String(last + 1).padStart(3, '0')}-${source}`;
}

function dirStore(dir: string): PageStore {
  return {
    read(name) {
      const file = path.join(dir, name);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    },
  };
}

/** Identity of a record inside one search: its id in the source, else DOI, else title and year. */
function recordKey(r: ParsedRecord): string {
  const id = r.pmid ?? r.scieloPid ?? r.bvsId ?? r.provenance.sourceId;
  if (id) return `id:${id}`;
  if (r.doi) return `doi:${r.doi}`;
  return `ti:${(r.titles[0]?.text ?? '').toLowerCase().replace(/\W+/g, ' ').trim()}|${r.year ?? ''}`;
}

/** Parse every saved page of a search, in page order, keeping each record once. */
export async function readSearchRecords(
  dir: string,
  adapter: SourceAdapter,
  searchId: string,
  max?: number,
): Promise<{ records: ParsedRecord[]; duplicates: number; rejected: number; warnings: number }> {
  const names = fs.readdirSync(dir).filter((n) => n.startsWith('page-')).sort();
  const seen = new Set<string>();
  const records: ParsedRecord[] = [];
  let duplicates = 0;
  let rejected = 0;
  let warnings = 0;
  for (const name of names) {
    const res = await adapter.toRecords({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }, `search:${searchId}/${name}`);
    rejected += res.rejected;
    warnings += res.diagnostics.filter((d) => !d.fatal).length;
    for (const r of res.records) {
      const key = recordKey(r);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      records.push(r);
    }
  }
  return { records: max !== undefined ? records.slice(0, max) : records, duplicates, rejected, warnings };
}

/** Run (or resume) one source's search into the review. Blocked portals end with status `blocked`. */
export async function runSearch(review: Review, adapter: SourceAdapter, ctx: SearchContext, options: SearchRunOptions = {}): Promise<SearchOutcome> {
  const compiled = adapter.compileQuery(review.protocol);
  const startedAt = new Date().toISOString();
  const previous = options.resume ? unfinishedSearch(review, adapter.id) : undefined;
  const searchId = previous ?? newSearchId(review, adapter.id);
  const dir = review.ensureDir(path.join(review.paths.searches, searchId));
  let manifest: SearchManifest;
  if (previous && fs.existsSync(path.join(dir, MANIFEST))) {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as SearchManifest;
  } else {
    manifest = {
      searchId,
      source: adapter.id,
      query: compiled.query,
      url: redactUrl(adapter.firstUrl(compiled, ctx.baseUrl)),
      params: compiled.params,
      pageSize: ctx.pageSize,
      max: options.max,
      startedAt,
      toolVersion: TOOL_VERSION,
    };
    writeFileAtomic(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  }
  // Note: a resumed search keeps its first run's page size and limit, so saved pages line up.
  const runCtx: SearchContext = { ...ctx, pageSize: manifest.pageSize };
  const max = options.resume && previous ? manifest.max : options.max;
  let hits: number | undefined;
  let fetched = 0;
  let pagesFetched = 0;
  let pagesReused = 0;
  let blocked: BlockedError | undefined;
  let failure: SearchFailure | undefined;
  const warnings: SearchWarning[] = [];
  const parts: SearchEventPart[] = [];
  try {
    for await (const step of adapter.search(compiled, runCtx, { max, saved: dirStore(dir) })) {
      if (step.kind === 'total') hits = step.hits;
      else if (step.kind === 'warning') {
        warnings.push(step.warning);
        options.onWarning?.(step.warning);
        continue;
      } else if (step.kind === 'part') {
        parts.push(step.part);
        continue;
      } else if (step.kind === 'page') {
        writeFileAtomic(path.join(dir, step.page.name), step.page.text);
        if (step.page.start >= 0) pagesFetched++;
        fetched += step.records;
      } else {
        pagesReused++;
        fetched += step.records;
      }
      options.onProgress?.({ source: adapter.id, fetched: Math.min(fetched, max ?? Infinity), hits: hits === undefined ? undefined : Math.min(hits, max ?? Infinity) });
    }
  } catch (e) {
    if (e instanceof BlockedError) blocked = e;
    else if (e instanceof SourceFailedError) failure = { kind: 'failed', why: e.reason, attempts: e.attempts };
    else if (e instanceof QueryRejectedError) failure = { kind: 'query', code: e.code, reason: e.reason };
    else throw e;
  }
  const base = {
    type: 'search' as const,
    searchId,
    source: adapter.id,
    databases: compiled.databases,
    platform: compiled.platform,
    startedAt,
    query: compiled.query,
    url: manifest.url,
    limits: compiled.limits,
    hits: hits ?? 0,
    ...(max !== undefined ? { max } : {}),
    pagesFetched,
    pagesReused,
    resumed: !!previous,
    toolVersion: TOOL_VERSION,
    ...(warnings.length ? { warnings } : {}),
    ...(parts.length ? { parts } : {}),
  };
  const outcome = { searchId, source: adapter.id, compiled, hits: hits ?? 0, pagesFetched, pagesReused, resumed: !!previous, warnings, parts };
  if (failure) return { ...outcome, status: 'failed', fetched: 0, duplicates: 0, failure, parseWarnings: 0 };
  if (blocked) {
    review.append<SearchEvent>({ ...base, fetched: 0, status: 'blocked', blockedReason: blocked.reason.code });
    return { ...outcome, status: 'blocked', fetched: 0, duplicates: 0, blocked, parseWarnings: 0 };
  }
  const parsed = await readSearchRecords(dir, adapter, searchId, max);
  // Note: a crash after the import event but before the search event must not add the records twice.
  let importId = eventsOfType<ImportEvent>(review.events, 'import').find((e) => e.searchId === searchId)?.importId;
  if (!importId) {
    importId = addRecords(review, parsed.records, {
      file: `search:${searchId}`,
      format: adapter.format,
      source: adapter.id,
      database: compiled.databases.join(', '),
      recordsRejected: parsed.rejected,
      warnings: parsed.warnings,
      searchId,
    }).event.importId;
  }
  const status: SearchStatus = parsed.records.length < (hits ?? 0) ? 'partial' : 'complete';
  review.append<SearchEvent>({ ...base, fetched: parsed.records.length, status, importId });
  return { ...outcome, status, fetched: parsed.records.length, duplicates: parsed.duplicates, importId, parseWarnings: parsed.warnings };
}
