/**
 * HTTP shared by every live source: a User-Agent naming the tool, timeouts, retries with
 * exponential backoff and full jitter on network errors, 5xx and truncated answers, 429 with
 * Retry-After honoured, a per-source rate limiter, and a typed BlockedError when a portal
 * answers with a block page (403, captcha, CDN challenge) instead of data.
 */
import axios, { type AxiosInstance } from 'axios';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import type { RateLimiter, SearchContext } from './types.js';
import type { SourceReason, SourceReasonCode } from '../core/query/sourceReason.js';

export type { SourceReason } from '../core/query/sourceReason.js';

/** A reason code with its parameters. */
export function why(code: SourceReasonCode, params: Record<string, string | number> = {}): SourceReason {
  return { code, params };
}

/** The reason as a short code line for logs and error messages (never shown to a user as a sentence). */
function reasonCode(r: SourceReason): string {
  const p = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ');
  return p ? `${r.code} ${p}` : r.code;
}

/** `review/<version> (+literature review tool)`: names the tool, never a person or an e-mail. */
export const USER_AGENT = `${TOOL_NAME}/${TOOL_VERSION} (+literature review tool)`;

/** The portal refused scripted access; the user must search in a browser and import the export. */
export class BlockedError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly reason: SourceReason,
  ) {
    super(`blocked (${status}): ${reasonCode(reason)}`);
    this.name = 'BlockedError';
  }
}

/** The source kept failing after every retry (network, 5xx, 429, truncated answers). */
export class SourceFailedError extends Error {
  constructor(
    readonly url: string,
    readonly attempts: number,
    readonly reason: SourceReason,
  ) {
    super(`no usable answer after ${attempts} tries: ${reasonCode(reason)}`);
    this.name = 'SourceFailedError';
  }
}

/**
 * The source understood the request but not the query (an empty page where data belongs, an
 * error naming the query): retrying cannot help; the user must fix the query or search by hand.
 */
export class QueryRejectedError extends Error {
  constructor(
    readonly url: string,
    /** EMPTY_PAGE: a page with no data where the answer belongs; REFUSED: the source's own error message (in `reason`). */
    readonly code: 'EMPTY_PAGE' | 'REFUSED',
    /** The source's own words for a refused query (as it wrote them); empty for EMPTY_PAGE. */
    readonly reason: string,
  ) {
    super(`query rejected: ${code}${reason ? ` ${reason}` : ''}`);
    this.name = 'QueryRejectedError';
  }
}

/** The answer arrived but is unusable in a way a new try may fix (cut JSON, XML without its end). */
export class TruncatedAnswerError extends Error {
  constructor(readonly reason: SourceReason) {
    super(reasonCode(reason));
    this.name = 'TruncatedAnswerError';
  }
}

/** The axios instance every source uses. */
export function createHttpClient(): AxiosInstance {
  return axios.create({
    headers: { 'User-Agent': USER_AGENT, Accept: 'application/json, application/xml, text/plain;q=0.9, */*;q=0.5' },
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
    validateStatus: () => true,
    maxRedirects: 5,
    decompress: true,
  });
}

/**
 * At most `perSecond` request starts per second, using the context's clock and sleep.
 * `slowDown` halves the rate (down to one request every 4 s) after a 429 that said nothing.
 */
export function createRateLimiter(perSecond: number, now: () => number, sleep: (ms: number) => Promise<void>): RateLimiter {
  let rate = perSecond;
  let next = 0;
  return {
    async wait() {
      const t = now();
      const at = Math.max(t, next);
      next = at + 1000 / rate;
      if (at > t) await sleep(at - t);
    },
    slowDown() {
      rate = Math.max(0.25, rate / 2);
      return rate;
    },
    perSecond: () => rate,
  };
}

/** Remove keys and personal data (api_key, apikey, key, token, access_token, email) from a URL before it is shown or saved. */
export function redactUrl(url: string): string {
  return url.replace(/([?&])(api_key|apikey|api-key|key|token|access_token|email)=[^&#]*(&?)/gi, (_m, sep: string, _k, amp: string) => (amp ? sep : '')).replace(/[?&]$/, '');
}

/** Seconds or an HTTP date, as ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const d = Date.parse(s);
  return Number.isFinite(d) ? Math.max(0, d - now) : undefined;
}

/** True when a body meant to be data is an HTML page: captcha, CDN challenge, login or error page. */
export function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  return !!contentType && /text\/html/i.test(contentType) && head.startsWith('<');
}

function blockReason(text: string): SourceReason {
  const lower = text.slice(0, 20000).toLowerCase();
  if (/captcha|recaptcha|hcaptcha/.test(lower)) return why('CAPTCHA');
  if (/cloudflare|cf-ray|just a moment|attention required|akamai|access denied|incapsula|ddos/.test(lower)) return why('CDN_BLOCK');
  return why('HTML_PAGE');
}

export interface FetchOptions {
  /** Check the body; throw TruncatedAnswerError to retry, anything else to stop. */
  validate?(text: string): void;
  headers?: Record<string, string>;
  /** Send these form fields by POST (application/x-www-form-urlencoded) instead of a GET. */
  form?: string;
}

const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_BAD_RESPONSE', 'ERR_CANCELED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

function backoff(ctx: SearchContext, attempt: number): number {
  // Note: full jitter (AWS architecture blog): a random wait up to the exponential cap spreads retries out.
  const cap = Math.min(30_000, ctx.backoffMs * 2 ** attempt);
  return Math.round(cap / 2 + (ctx.random() * cap) / 2);
}

/**
 * GET `url` and return the body text, retrying what a retry can fix. `url` may carry a key:
 * everything reported outside (errors, notices) uses the redacted form.
 */
export async function fetchText(ctx: SearchContext, url: string, options: FetchOptions = {}): Promise<string> {
  const shown = redactUrl(url);
  let lastReason: SourceReason = why('NETWORK', { code: '-' });
  for (let attempt = 0; attempt <= ctx.retries; attempt++) {
    await ctx.limiter.wait();
    let wait: number | undefined;
    try {
      const config = { timeout: ctx.timeoutMs, signal: AbortSignal.timeout(ctx.timeoutMs), headers: options.headers };
      const res =
        options.form === undefined
          ? await ctx.http.get<string>(url, config)
          : await ctx.http.post<string>(url, options.form, { ...config, headers: { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' } });
      const text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
      const contentType = String(res.headers['content-type'] ?? '');
      if (res.status === 403 || res.status === 401) throw new BlockedError(shown, res.status, looksLikeHtml(text, contentType) ? blockReason(text) : why('HTTP', { status: res.status }));
      if (res.status === 429) {
        const ra = parseRetryAfter(String(res.headers['retry-after'] ?? ''), ctx.now());
        if (ra !== undefined && ra > ctx.maxRetryAfterMs) throw new SourceFailedError(shown, attempt + 1, why('RETRY_AFTER', { seconds: Math.round(ra / 1000) }));
        lastReason = why('HTTP', { status: 429 });
        wait = ra ?? backoff(ctx, attempt);
        // Note: nginx's limit_req answers 429 without Retry-After (bireme/iahx-opac docker/nginx/nginx.conf):
        // nothing says how long to wait, so besides backing off the client asks less often from now on.
        const perSecond = ra === undefined ? ctx.limiter.slowDown?.() : undefined;
        ctx.notify?.({ kind: 'rate-limited', url: shown, attempt: attempt + 1, waitMs: wait, reason: lastReason, ...(perSecond !== undefined ? { perSecond } : {}) });
      } else if (res.status >= 500) {
        lastReason = why('HTTP', { status: res.status });
      } else if (res.status >= 400) {
        throw new SourceFailedError(shown, attempt + 1, why('HTTP', { status: res.status }));
      } else {
        if (looksLikeHtml(text, contentType)) throw new BlockedError(shown, res.status, blockReason(text));
        options.validate?.(text);
        return text;
      }
    } catch (e) {
      if (e instanceof BlockedError || e instanceof SourceFailedError || e instanceof QueryRejectedError) throw e;
      if (e instanceof TruncatedAnswerError) lastReason = e.reason;
      else if (axios.isAxiosError(e) || (e as NodeJS.ErrnoException).code) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code && !RETRY_CODES.has(code) && !axios.isAxiosError(e)) throw e;
        lastReason =
          code === 'ECONNABORTED' || code === 'ERR_CANCELED' || /timeout|aborted/i.test((e as Error).message) ? why('TIMEOUT', { ms: ctx.timeoutMs }) : why('NETWORK', { code: code || '-' });
      } else if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError') {
        lastReason = why('TIMEOUT', { ms: ctx.timeoutMs });
      } else throw e;
    }
    if (attempt === ctx.retries) break;
    const ms = wait ?? backoff(ctx, attempt);
    if (wait === undefined) ctx.notify?.({ kind: 'retry', url: shown, attempt: attempt + 1, waitMs: ms, reason: lastReason });
    await ctx.sleep(ms);
  }
  throw new SourceFailedError(shown, ctx.retries + 1, lastReason);
}

/** A context with real time and the defaults a polite client uses. */
export function defaultContext(partial: Partial<SearchContext> & Pick<SearchContext, 'baseUrl' | 'pageSize'>, perSecond: number): SearchContext {
  const sleep = partial.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = partial.now ?? (() => Date.now());
  return {
    http: partial.http ?? createHttpClient(),
    timeoutMs: 30_000,
    retries: 5,
    backoffMs: 1000,
    maxRetryAfterMs: 120_000,
    random: Math.random,
    ...partial,
    sleep,
    now,
    limiter: partial.limiter ?? createRateLimiter(perSecond, now, sleep),
  };
}

/** `base` + `path` + `?query`, without doubled slashes. */
export function joinUrl(base: string, path: string, query: string): string {
  const b = base.replace(/\/+$/, '');
  const p = path ? `/${path.replace(/^\/+/, '')}` : '/';
  return `${b}${p}${query ? `?${query}` : ''}`;
}
