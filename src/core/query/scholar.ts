/**
 * Google Scholar has no API and forbids scripted access: the query is compiled only to be pasted
 * in the browser (or in Publish or Perish); its results come in through `review import`.
 */
import type { Protocol } from '../protocol.js';
import { yearsText, type CompiledQuery, type QueryLimit, type QueryWarning } from './compiled.js';
import { leaves, type QueryNode, type TextNode } from './tree.js';

export const SCHOLAR_PLATFORM = 'Google Scholar (import only: browser or Publish or Perish)';
/** Google Scholar silently cuts queries longer than this. */
export const SCHOLAR_MAX_LENGTH = 256;

function phrase(t: TextNode): string {
  return /[\s()-]/.test(t.text) || /^(or|and)$/i.test(t.text) ? `"${t.text}"` : t.text;
}

/** Texts searched for a leaf: descriptors in the protocol's language (Portuguese forms, synonyms), keywords all. */
function texts(node: QueryNode, lang: string): TextNode[] {
  return leaves(node).filter((l): l is TextNode => l.kind === 'text' && (l.origin === 'keyword' || l.lang === undefined || l.lang === lang));
}

/** Compile to Google Scholar's syntax: phrases in quotes, OR inside a block, blocks side by side, `-` to exclude. */
export function compileScholar(tree: QueryNode, protocol: Protocol): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const lang = protocol.language ?? 'pt';
  const include = tree.kind === 'not' ? tree.include : tree;
  const blocks = include.kind === 'and' ? include.children : [include];
  const parts: string[] = [];
  let clauses = 0;
  for (const b of blocks) {
    const ts = texts(b, lang);
    if (ts.length === 0) {
      warnings.push({ code: 'EMPTY_BLOCK', params: { block: b.kind === 'or' && b.block ? b.block : '?' } });
      continue;
    }
    for (const t of ts) if (t.truncated) warnings.push({ code: 'TRUNCATION_IGNORED', params: { term: t.text } });
    clauses += ts.length;
    parts.push(ts.length > 1 ? `(${ts.map(phrase).join(' OR ')})` : phrase(ts[0]));
  }
  if (tree.kind === 'not') for (const t of texts(tree.exclude, lang)) parts.push(`-${phrase(t)}`);
  const query = parts.join(' ');
  if (query.length > SCHOLAR_MAX_LENGTH) warnings.push({ code: 'QUERY_TOO_LONG', params: { length: query.length, max: SCHOLAR_MAX_LENGTH } });
  const params: [string, string][] = [['q', query], ['hl', lang === 'pt' ? 'pt-BR' : lang]];
  const limits = protocol.limits ?? {};
  const lines: QueryLimit[] = [];
  if (limits.years?.from !== undefined) params.push(['as_ylo', String(limits.years.from)]);
  if (limits.years?.to !== undefined) params.push(['as_yhi', String(limits.years.to)]);
  const years = yearsText(limits.years);
  const yearFields = [limits.years?.from !== undefined ? 'as_ylo' : '', limits.years?.to !== undefined ? 'as_yhi' : ''].filter(Boolean).join(', ');
  if (years) lines.push({ code: 'years', field: yearFields, value: years });
  if (limits.languages?.length || limits.fullText || limits.documentTypes?.length)
    warnings.push({ code: 'LIMIT_IGNORED', params: { source: 'Google Scholar' } });
  return { source: 'google-scholar', platform: SCHOLAR_PLATFORM, databases: ['Google Scholar'], query, params, limits: lines, clauses, warnings };
}
