/**
 * The descriptors of a review's search: each block's terms as every source searches them, and a
 * DeCS/MeSH lookup (the BIREME DeCS API) that returns descriptors ready to paste into the protocol.
 */
import type { Review } from '../project/review.js';
import { CodedUserError } from '../core/errors.js';
import type { DescriptorTerm } from '../core/protocol.js';
import { describeSearch, type BlockDescription } from '../core/query/describe.js';
import type { DecsDescriptor } from '../sources/decs.js';

/** Each search block of the protocol with its terms and how each source searches them. */
export function describeReviewSearch(review: Review): BlockDescription[] {
  return describeSearch(review.protocol);
}

export interface DescriptorLookup {
  term: string;
  descriptors: DecsDescriptor[];
  terms: DescriptorTerm[];
  /** The terms as protocol YAML. */
  yaml: string;
}

/** Look `term` up in DeCS (`lang`: pt, es or en; `key`: the BIREME API key, never saved). */
export async function lookupDescriptors(term: string, options: { key?: string; lang?: string; env: NodeJS.ProcessEnv }): Promise<DescriptorLookup> {
  if (!options.key) throw new CodedUserError('descriptors.needKey');
  const lang = (options.lang ?? 'pt') as 'pt' | 'es' | 'en';
  if (!['pt', 'es', 'en'].includes(lang)) throw new CodedUserError('descriptors.badLang', { value: options.lang });
  const { lookupDecs, toTerm, termsYaml, DECS_BASE_URL } = await import('../sources/decs.js');
  const { defaultContext, BlockedError, SourceFailedError } = await import('../sources/http.js');
  const env = options.env;
  const ctx = defaultContext({ baseUrl: env.REVIEW_DECS_URL || DECS_BASE_URL, pageSize: 1, retries: 3, backoffMs: Number(env.REVIEW_HTTP_BACKOFF_MS ?? 1000) }, 2);
  let found: DecsDescriptor[];
  try {
    found = await lookupDecs(ctx, term, lang, options.key);
  } catch (e) {
    if (e instanceof BlockedError) throw new CodedUserError('descriptors.badKey', { status: e.status });
    if (e instanceof SourceFailedError) throw new CodedUserError('descriptors.lookupFailed', { ...e.reason.params, why: e.reason.code }, [], 'notAvailable');
    throw e;
  }
  const terms = found.map((d) => toTerm(d, lang));
  return { term, descriptors: found, terms, yaml: termsYaml(terms) };
}
