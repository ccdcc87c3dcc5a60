/**
 * Why a live source gave no usable answer, as a code and parameters (the sources below the UI
 * make no sentences); the UI words it through `search.reason.<code>` in pt-BR or en.
 */
import type { SearchWarning } from './searchEvent.js';

/**
 * Blocked: a captcha page, a CDN challenge page (Cloudflare, Akamai...), any other HTML page where
 * data belongs. HTTP (`status`): a status no retry fixed; RETRY_AFTER (`seconds`): 429 asking to
 * wait longer than the tool will; TIMEOUT (`ms`); NETWORK (`code`: ECONNREFUSED, ENOTFOUND...);
 * BAD_JSON (`bytes`); JSON_NO_RESULTS; ESEARCH_ERROR (`error`: PubMed's own text); answers cut or
 * not of the expected kind (XML_CUT, METASEARCH_NO_TOTAL, NOT_RIS, RIS_CUT).
 */
export const SOURCE_REASON_CODES = [
  'CAPTCHA', 'CDN_BLOCK', 'HTML_PAGE', 'HTTP', 'RETRY_AFTER', 'TIMEOUT', 'NETWORK', 'BAD_JSON', 'JSON_NO_RESULTS',
  'ESEARCH_ERROR', 'XML_CUT', 'METASEARCH_NO_TOTAL', 'NOT_RIS', 'RIS_CUT',
] as const;

export type SourceReasonCode = (typeof SOURCE_REASON_CODES)[number];

export interface SourceReason {
  code: SourceReasonCode;
  params: Record<string, string | number>;
}

type Tr = (key: string, params?: Record<string, string | number | undefined>) => string;

/** The reason in the caller's words; a network error gets its own words when the catalogue has them. */
export function sourceReasonText(r: SourceReason, tr: Tr): string {
  if (r.code === 'NETWORK') {
    const key = `search.reason.net.${r.params.code}`;
    const own = tr(key, r.params);
    if (own !== key) return own;
  }
  return tr(`search.reason.${r.code}`, r.params);
}

/** A source's warning in the caller's words; a warning that carries a reason (`why`) gets it worded as `{reason}`. */
export function warningText(w: SearchWarning, tr: Tr): string {
  const why = w.params.why;
  if (typeof why !== 'string') return tr(`search.warn.${w.code}`, w.params);
  return tr(`search.warn.${w.code}`, { ...w.params, reason: sourceReasonText({ code: why as SourceReasonCode, params: w.params }, tr) });
}
