/**
 * The search stage: the live part of `review search` for one source (its request context: base
 * URL, key, e-mail, token, timeouts, rate; then runSearch), and `--probe`, one tiny request per
 * source. It makes no text: retries, warnings and progress go to the caller's listener, and the
 * terminal (src/ui/searchProgress.ts) turns them into lines and a progress bar.
 */
import { BlockedError, defaultContext, QueryRejectedError, SourceFailedError } from '../../sources/http.js';
import { baseUrlFor, planSource, protocolSources, type SourcePlan } from '../../sources/plan.js';
import { isExportOnly, type SearchSourceId } from '../../core/query/index.js';
import { CodedUserError } from '../../core/errors.js';
import { liveSource } from '../../sources/index.js';
import type { HttpNotice, SearchContext, SourceAdapter } from '../../sources/types.js';
import type { SearchWarning } from '../../core/query/searchEvent.js';
import type { Review } from '../../project/review.js';
import { runSearch, unfinishedSearch, type SearchOutcome } from './run.js';
import type { SourceReason } from '../../core/query/sourceReason.js';

export interface LiveSearchOptions {
  max?: number;
  resume?: boolean;
  timeoutMs: number;
  baseUrl?: string;
  apiKey?: string;
  env?: NodeJS.ProcessEnv;
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

/** Compile warnings that make a query the engine would refuse or misread: the search stops before any request. */
const FATAL = ['TOO_MANY_CLAUSES', 'UNKNOWN_DOCUMENT_TYPE'];

/** The compile warning that forbids running this plan's query, if any. */
export function fatalWarning(plan: SourcePlan): SearchWarning | undefined {
  return plan.compiled.warnings.find((w) => FATAL.includes(w.code));
}

/** What a live search tells its caller while it runs (no text: the terminal makes it). */
export interface LiveSearchListener {
  /** A retry or a wait for the rate limit. */
  notice?(n: HttpNotice): void;
  /** A warning of the source about the query (errorlist/warninglist, widened limits...). */
  warning?(w: SearchWarning): void;
  /** Records fetched so far, once the hit count is known. */
  progress?(fetched: number, hits: number | undefined): void;
}

/** The request context of one source: base URL, rate, retries, and the credentials it takes (never saved). */
function contextFor(adapter: SourceAdapter, options: Pick<LiveSearchOptions, 'baseUrl' | 'apiKey' | 'timeoutMs'>, env: NodeJS.ProcessEnv, notify?: (n: HttpNotice) => void): SearchContext {
  const apiKey = adapter.id === 'pubmed' ? options.apiKey : undefined;
  return defaultContext(
    {
      baseUrl: baseUrlFor(adapter, env, options.baseUrl),
      pageSize: envNumber(env, 'REVIEW_PAGE_SIZE') ?? adapter.pageSize,
      apiKey,
      // Note: NCBI asks E-utilities callers for a contact e-mail (NBK25497); SciELO's JSON needs its deployment token.
      ...(adapter.id === 'pubmed' && env.NCBI_EMAIL ? { email: env.NCBI_EMAIL } : {}),
      ...(adapter.id === 'scielo' && env.SCIELO_ACCESS_TOKEN ? { accessToken: env.SCIELO_ACCESS_TOKEN } : {}),
      timeoutMs: options.timeoutMs,
      retries: envNumber(env, 'REVIEW_HTTP_RETRIES') ?? 5,
      backoffMs: envNumber(env, 'REVIEW_HTTP_BACKOFF_MS') ?? 1000,
      notify,
    },
    envNumber(env, `REVIEW_${adapter.id.toUpperCase()}_RATE`) ?? adapter.requestsPerSecond(apiKey),
  );
}

/** The search left unfinished for this source, if any (what `--resume` would continue). */
export { unfinishedSearch };

/**
 * Run one live source of the plan. The caller checks `fatalWarning` first (the engine would
 * refuse the query); the outcome says whether the search completed, was blocked or failed.
 */
export async function runLiveSearch(review: Review, plan: SourcePlan, adapter: SourceAdapter, options: LiveSearchOptions, listener: LiveSearchListener = {}): Promise<SearchOutcome> {
  const env = options.env ?? process.env;
  const ctx = contextFor(adapter, options, env, listener.notice);
  return runSearch(review, adapter, ctx, {
    resume: options.resume,
    max: options.max,
    onWarning: (w) => listener.warning?.(w),
    onProgress: ({ fetched, hits }) => listener.progress?.(fetched, hits),
  });
}

/** What `review search --probe` saw of one source. */
export interface ProbeReport {
  source: string;
  label: string;
  /** ok; blocked (block page); failed (network, 5xx, retries exhausted); query (the source refused the query). */
  status: 'ok' | 'blocked' | 'failed' | 'query';
  httpStatus?: number;
  hits?: number;
  fields?: string[];
  doi?: string;
  /** Why it failed or was blocked, as a code the UI words. */
  why?: SourceReason;
  /** The source's own words for a refused query. */
  reason?: string;
  /** The source's own code for a refused query (`EMPTY_PAGE`: an empty answer to a bad query). */
  rejectedCode?: string;
  url: string;
}

/** One tiny request per live source of the plan (one record), to see the portals still answer as expected. */
export async function runProbes(plans: SourcePlan[], options: Pick<LiveSearchOptions, 'baseUrl' | 'apiKey' | 'timeoutMs' | 'env'>): Promise<ProbeReport[]> {
  const env = options.env ?? process.env;
  const out: ProbeReport[] = [];
  for (const plan of plans) {
    const adapter = liveSource(plan.id);
    if (!adapter) continue;
    // Note: a probe should answer in seconds: one retry, short backoff.
    const ctx = { ...contextFor(adapter, options, env), retries: Math.min(1, envNumber(env, 'REVIEW_HTTP_RETRIES') ?? 1), backoffMs: Math.min(500, envNumber(env, 'REVIEW_HTTP_BACKOFF_MS') ?? 500), pageSize: 1 };
    const base = { source: adapter.id, label: adapter.label, url: plan.url };
    try {
      const r = await adapter.probe(plan.compiled, ctx);
      out.push({ ...base, status: 'ok', httpStatus: 200, hits: r.hits, fields: r.fields, ...(r.doi ? { doi: r.doi } : {}), url: r.url });
    } catch (e) {
      if (e instanceof BlockedError) out.push({ ...base, status: 'blocked', httpStatus: e.status, why: e.reason });
      else if (e instanceof SourceFailedError) out.push({ ...base, status: 'failed', why: e.reason, ...(e.reason.code === 'HTTP' ? { httpStatus: Number(e.reason.params.status) } : {}) });
      else if (e instanceof QueryRejectedError) out.push({ ...base, status: 'query', httpStatus: 200, reason: e.reason, rejectedCode: e.code });
      else throw e;
    }
  }
  return out;
}

/**
 * The plan of each source the protocol names (or the one asked for): its compiled query, URLs,
 * and import command. A `baseUrl` serves one source only.
 */
export function planSearches(review: Review, dir: string, options: { source?: SearchSourceId; baseUrl?: string; env?: NodeJS.ProcessEnv }): SourcePlan[] {
  const ids = protocolSources(review.protocol, options.source);
  if (options.baseUrl && !options.source && ids.filter((i) => !isExportOnly(i)).length > 1) throw new CodedUserError('search.baseUrlNeedsSource');
  return ids.map((id) => planSource(id, review.protocol, dir, options.env ?? {}, options.baseUrl));
}
