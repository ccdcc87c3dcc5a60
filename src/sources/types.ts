/**
 * One adapter per live source, all behind this interface (npm-check-updates' package managers).
 * The HTTP client, base URL, rate limit, clock and sleep come in through `SearchContext`, so
 * tests point a source at a local server and never wait for real time.
 */
import type { AxiosInstance } from 'axios';
import type { CompiledQuery } from '../core/query/compiled.js';
import type { LiveSourceId } from '../core/query/index.js';
import type { Protocol } from '../core/protocol.js';
import type { ParseResult } from '../formats/types.js';
import type { SourceReason } from '../core/query/sourceReason.js';

/** Spaces requests of one source at least `1000 / perSecond` ms apart. */
export interface RateLimiter {
  wait(): Promise<void>;
  /** Ask less often from now on; returns the new rate (requests a second). */
  slowDown?(): number;
  perSecond?(): number;
}

/** Something worth telling the user while a source answers badly (retries, waits). */
export interface HttpNotice {
  kind: 'retry' | 'rate-limited';
  url: string;
  attempt: number;
  waitMs: number;
  /** Why the try failed, as a code (the UI words it). */
  reason: SourceReason;
  /** The lowered request rate, when a 429 without Retry-After made the client slow down. */
  perSecond?: number;
}

/** Something the source said about the query that the user must see (codes rendered by the UI). */
export interface SourceWarning {
  code: string;
  params: Record<string, string | number>;
}

/** One date part of a search split to pass a source's cap (PubMed's 9,999). */
export interface SearchPart {
  /** Dates as the source writes them (YYYY/MM/DD). */
  from: string;
  to: string;
  /** The exact query run for this part. */
  query: string;
  hits: number;
}

/** What `review search --probe` learns from one tiny request. */
export interface ProbeResult {
  hits: number;
  /** Field names of the first record, as the source names them. */
  fields: string[];
  doi?: string;
  /** The URL asked (keys removed). */
  url: string;
}

export interface SearchContext {
  http: AxiosInstance;
  /** Where the source lives (the real portal, or a local test server). */
  baseUrl: string;
  /** NCBI API key; sent as a parameter, never saved. */
  apiKey?: string;
  /** Contact e-mail NCBI asks E-utilities callers to send (NCBI_EMAIL); never saved. */
  email?: string;
  /** SciELO Search deployment token that enables its JSON output (SCIELO_ACCESS_TOKEN); never saved. */
  accessToken?: string;
  timeoutMs: number;
  /** Extra tries after the first on network errors, 5xx, 429 and truncated answers. */
  retries: number;
  /** First backoff step; doubles on each try, with full jitter. */
  backoffMs: number;
  /** Longest wait this client accepts from a Retry-After header before giving up. */
  maxRetryAfterMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
  random(): number;
  limiter: RateLimiter;
  /** Records per request (BVS/SciELO at most 100). */
  pageSize: number;
  notify?(notice: HttpNotice): void;
}

/** Raw pages already saved for this search, by name (so a resumed search skips them). */
export interface PageStore {
  read(name: string): string | undefined;
}

/** One raw answer of the source, saved verbatim under data/searches/<searchId>/<name>. */
export interface FetchedPage {
  name: string;
  /** 0-based offset of its first record in the result set; -1 for answers that hold no records (counts). */
  start: number;
  text: string;
  /** The request, with any key removed. */
  url: string;
}

export type SearchStep =
  | { kind: 'total'; hits: number }
  /** A page fetched now: the caller saves it before asking for the next step. */
  | { kind: 'page'; page: FetchedPage; records: number }
  /** A page already saved by an earlier run, not fetched again. */
  | { kind: 'saved'; name: string; records: number }
  /** The search was split (PubMed over 9,999 hits): one part, before its pages. */
  | { kind: 'part'; part: SearchPart }
  /** The source warned about the query (terms not found, parts not adding up...). */
  | { kind: 'warning'; warning: SourceWarning };

export interface SearchOptions {
  /** Stop after this many records. */
  max?: number;
  /** Pages saved by an interrupted run of the same search. */
  saved: PageStore;
}

export interface SourceAdapter {
  id: LiveSourceId;
  /** Human name: "BVS", "SciELO", "PubMed". */
  label: string;
  defaultBaseUrl: string;
  /** Polite request rate; PubMed allows more with an API key. */
  requestsPerSecond(apiKey?: string): number;
  /** Records asked per request by default. */
  pageSize: number;
  compileQuery(protocol: Protocol): CompiledQuery;
  /** The first request's URL (what --dry-run prints); no key in it. */
  firstUrl(compiled: CompiledQuery, baseUrl: string): string;
  /** The same search in the portal's own web page, to open in a browser. */
  browserUrl(compiled: CompiledQuery): string;
  /** Fetch every page until all hits or `max`; pages are yielded so the caller can save each one first. */
  search(compiled: CompiledQuery, ctx: SearchContext, options: SearchOptions): AsyncIterable<SearchStep>;
  /** One tiny request (a record or two) to see that the source still answers as expected. */
  probe(compiled: CompiledQuery, ctx: SearchContext): Promise<ProbeResult>;
  /** Records of one saved page (pages without records give none). */
  toRecords(page: { name: string; text: string }, file: string): Promise<ParseResult>;
  /** Format id stored in provenance for this source's pages. */
  format: string;
  /** What the user should export from the portal by hand when scripted access is blocked. */
  manualExport: { format: string; how: string };
}
