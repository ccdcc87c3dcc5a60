/**
 * The live part of `review search`: one context per source (base URL, key, e-mail, token,
 * timeouts, rate), a progress bar on a terminal only, retry notices and the source's warnings on
 * stderr, then runSearch for each source; and `--probe`, one tiny request per source.
 */
import cliProgress from 'cli-progress';
import { UserError } from '../core/errors.js';
import { BlockedError, defaultContext, QueryRejectedError, SourceFailedError } from '../sources/http.js';
import { baseUrlFor, type SourcePlan } from '../sources/plan.js';
import { liveSource } from '../sources/index.js';
import type { HttpNotice, SearchContext, SourceAdapter } from '../sources/types.js';
import type { SearchWarning } from '../core/query/searchEvent.js';
import { t } from '../ui/i18n.js';
import type { Review } from './review.js';
import { runSearch, unfinishedSearch, type SearchOutcome } from './search.js';

export interface LiveSearchOptions {
  /** The review folder as the user typed it (for messages). */
  dir: string;
  max?: number;
  resume?: boolean;
  timeoutMs: number;
  baseUrl?: string;
  apiKey?: string;
  json?: boolean;
  env?: NodeJS.ProcessEnv;
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

function noticeText(label: string, n: HttpNotice): string {
  const seconds = (n.waitMs / 1000).toFixed(1);
  if (n.kind === 'rate-limited' && n.perSecond !== undefined) return t('search.notice.slowedDown', { source: label, seconds, rate: Number(n.perSecond.toFixed(2)) });
  return n.kind === 'rate-limited'
    ? t('search.notice.rateLimited', { source: label, seconds })
    : t('search.notice.retry', { source: label, attempt: n.attempt, reason: n.reason, seconds });
}

/** One source's warning as a terminal line. */
export function warningLine(label: string, w: SearchWarning): string {
  return `${label}: ${t('search.warning', { text: t(`search.warn.${w.code}`, w.params) })}`;
}

/** Compile warnings that make a query the engine would refuse or misread: the search stops before any request. */
const FATAL = ['TOO_MANY_CLAUSES', 'UNKNOWN_DOCUMENT_TYPE'];

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

/** Run every live source of the plan in turn; import-only sources are only mentioned. */
export async function runLiveSearches(review: Review, plans: SourcePlan[], options: LiveSearchOptions): Promise<SearchOutcome[]> {
  const env = options.env ?? process.env;
  const tty = !!process.stderr.isTTY && !options.json;
  const outcomes: SearchOutcome[] = [];
  for (const plan of plans) {
    const adapter: SourceAdapter | undefined = liveSource(plan.id);
    if (!adapter) {
      if (!options.json) process.stderr.write(`${t('search.scholar.skipped', { dir: options.dir })}\n`);
      continue;
    }
    // Note: the engine would refuse (or misread) the query anyway; failing here says why, before any request.
    const fatal = plan.compiled.warnings.find((w) => FATAL.includes(w.code));
    if (fatal) throw new UserError(`${adapter.label}: ${t(`search.warn.${fatal.code}`, fatal.params)}`);
    if (!options.json) for (const w of plan.compiled.warnings) process.stderr.write(`${warningLine(adapter.label, w)}\n`);
    let bar: cliProgress.SingleBar | undefined;
    const notify = (n: HttpNotice) => {
      if (options.json) return;
      const line = noticeText(adapter.label, n);
      if (bar) bar.stop();
      process.stderr.write(`${line}\n`);
      bar = undefined;
    };
    const ctx = contextFor(adapter, options, env, notify);
    const unfinished = unfinishedSearch(review, adapter.id);
    if (unfinished && !options.json)
      process.stderr.write(`${t(options.resume ? 'search.resuming' : 'search.unfinished', { source: adapter.label, searchId: unfinished, dir: options.dir })}\n`);
    try {
      const outcome = await runSearch(review, adapter, ctx, {
        resume: options.resume,
        max: options.max,
        onWarning: (w) => {
          if (options.json) return;
          bar?.stop();
          bar = undefined;
          process.stderr.write(`${warningLine(adapter.label, w)}\n`);
        },
        onProgress: ({ fetched, hits }) => {
          if (!tty || hits === undefined) return;
          if (!bar) {
            bar = new cliProgress.SingleBar({ format: t('search.progress', { source: adapter.label }), stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
            bar.start(hits, 0);
          }
          bar.setTotal(hits);
          bar.update(Math.min(fetched, hits));
        },
      });
      outcomes.push(outcome);
    } finally {
      bar?.stop();
    }
  }
  return outcomes;
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
  reason?: string;
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
      if (e instanceof BlockedError) out.push({ ...base, status: 'blocked', httpStatus: e.status, reason: e.reason });
      else if (e instanceof SourceFailedError) out.push({ ...base, status: 'failed', reason: e.reason, ...(/^HTTP (\d+)/.test(e.reason) ? { httpStatus: Number(/^HTTP (\d+)/.exec(e.reason)![1]) } : {}) });
      else if (e instanceof QueryRejectedError) out.push({ ...base, status: 'query', httpStatus: 200, reason: e.code === 'EMPTY_PAGE' ? t('search.rejected.EMPTY_PAGE') : e.reason });
      else throw e;
    }
  }
  return out;
}
