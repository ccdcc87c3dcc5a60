/**
 * The live part of `review search`: one context per source (base URL, key, timeouts, rate),
 * a progress bar on a terminal only, retry notices on stderr, then runSearch for each source.
 */
import cliProgress from 'cli-progress';
import { UserError } from '../core/errors.js';
import { defaultContext } from '../sources/http.js';
import { baseUrlFor, type SourcePlan } from '../sources/plan.js';
import { liveSource } from '../sources/index.js';
import type { HttpNotice, SourceAdapter } from '../sources/types.js';
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
  return n.kind === 'rate-limited'
    ? t('search.notice.rateLimited', { source: label, seconds })
    : t('search.notice.retry', { source: label, attempt: n.attempt, reason: n.reason, seconds });
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
    // Note: the engine would refuse the query anyway; failing here says why, before any request.
    const tooMany = plan.compiled.warnings.find((w) => w.code === 'TOO_MANY_CLAUSES');
    if (tooMany) throw new UserError(`${adapter.label}: ${t('search.warn.TOO_MANY_CLAUSES', tooMany.params)}`);
    if (!options.json)
      for (const w of plan.compiled.warnings) process.stderr.write(`${adapter.label}: ${t('search.warning', { text: t(`search.warn.${w.code}`, w.params) })}\n`);
    let bar: cliProgress.SingleBar | undefined;
    const notify = (n: HttpNotice) => {
      if (options.json) return;
      const line = noticeText(adapter.label, n);
      if (bar) bar.stop();
      process.stderr.write(`${line}\n`);
      bar = undefined;
    };
    const apiKey = adapter.id === 'pubmed' ? options.apiKey : undefined;
    const ctx = defaultContext(
      {
        baseUrl: baseUrlFor(adapter, env, options.baseUrl),
        pageSize: envNumber(env, 'REVIEW_PAGE_SIZE') ?? adapter.pageSize,
        apiKey,
        timeoutMs: options.timeoutMs,
        retries: envNumber(env, 'REVIEW_HTTP_RETRIES') ?? 5,
        backoffMs: envNumber(env, 'REVIEW_HTTP_BACKOFF_MS') ?? 1000,
        notify,
      },
      adapter.requestsPerSecond(apiKey),
    );
    const unfinished = unfinishedSearch(review, adapter.id);
    if (unfinished && !options.json)
      process.stderr.write(`${t(options.resume ? 'search.resuming' : 'search.unfinished', { source: adapter.label, searchId: unfinished, dir: options.dir })}\n`);
    try {
      const outcome = await runSearch(review, adapter, ctx, {
        resume: options.resume,
        max: options.max,
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
