/**
 * SciELO Search (search.scielo.org, iAHx): no subject headings, so descriptors are searched in
 * the keywords (`kw:`) in all three languages and as free text in title and abstract (`ti:`, `ab:`);
 * `*` truncates; limits go into the query (`la:`, `publication_year:`, `in:`).
 */
import type { Protocol } from '../protocol.js';
import { quote, renderTree, yearsText, type CompiledQuery, type QueryLimit, type QueryWarning } from './compiled.js';
import { parseTextTerm, type QueryNode } from './tree.js';

export const SCIELO_PLATFORM = 'SciELO Search (iAHx), search.scielo.org';
/** The search engine refuses queries with more boolean clauses than this (Solr maxBooleanClauses). */
export const SCIELO_MAX_CLAUSES = 1024;

/** SciELO document types for the protocol's: an "article" is a research or review article. */
const TYPE_MAP: Record<string, string[]> = {
  article: ['research-article', 'review-article'],
  review: ['review-article'],
  'case-report': ['case-report'],
  editorial: ['editorial'],
  letter: ['letter'],
};

function atom(prefix: string, text: string, truncated: boolean, warnings: QueryWarning[]): string {
  if (!truncated) return `${prefix}${quote(text)}`;
  if (quote(text) !== text) {
    warnings.push({ code: 'TRUNCATED_PHRASE', params: { term: text } });
    return `${prefix}${quote(text)}`;
  }
  return `${prefix}${text}*`;
}

/** Compile the tree to SciELO's syntax, limits included in the query string. */
export function compileScielo(tree: QueryNode, protocol: Protocol): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const { text, clauses } = renderTree(
    tree,
    {
      atoms: (leaf) => {
        if (leaf.kind === 'heading') {
          const forms = [leaf.term.descriptor, leaf.term.es, leaf.term.en].filter((f): f is string => !!f);
          const seen = new Set<string>();
          return forms
            .map((f) => parseTextTerm(f).text)
            .filter((f) => (seen.has(f.toLowerCase()) ? false : (seen.add(f.toLowerCase()), true)))
            .map((f) => `kw:${quote(f)}`);
        }
        return [atom('ti:', leaf.text, leaf.truncated, warnings), atom('ab:', leaf.text, leaf.truncated, warnings)];
      },
      and: ' AND ',
      or: ' OR ',
      not: ' AND NOT ',
    },
    warnings,
  );
  const limits = protocol.limits ?? {};
  const spec = protocol.sources.find((s) => s.id === 'scielo');
  const collections = spec && 'collections' in spec && spec.collections ? [...spec.collections] : [];
  const parts = [text.includes(' AND ') || text.includes(' OR ') ? `(${text})` : text];
  const lines: QueryLimit[] = [];
  let extra = 0;
  const or = (prefix: string, values: string[]) => (values.length === 1 ? `${prefix}${values[0]}` : `${prefix}(${values.join(' OR ')})`);
  if (limits.languages?.length) {
    parts.push(or('la:', limits.languages));
    lines.push({ code: 'languages', field: 'la', value: limits.languages.join(', ') });
    extra += limits.languages.length;
  }
  const years = yearsText(limits.years);
  if (years) {
    parts.push(`publication_year:[${limits.years?.from ?? '*'} TO ${limits.years?.to ?? '*'}]`);
    lines.push({ code: 'years', field: 'publication_year', value: years });
    extra += 1;
  }
  if (collections.length) {
    parts.push(or('in:', collections));
    lines.push({ code: 'collections', field: 'in', value: collections.join(', ') });
    extra += collections.length;
  }
  if (limits.fullText) warnings.push({ code: 'FULLTEXT_ALWAYS', params: { source: 'SciELO' } });
  const params: [string, string][] = [];
  const query = parts.length > 1 ? parts.join(' AND ') : text;
  params.push(['q', query], ['lang', protocol.language ?? 'pt']);
  const types = [...new Set((limits.documentTypes ?? []).flatMap((t) => TYPE_MAP[t.toLowerCase()] ?? [t.toLowerCase()]))];
  for (const ty of types) params.push(['filter[type][]', ty]);
  if (types.length) lines.push({ code: 'documentTypes', field: 'type', value: types.join(', ') });
  const total = clauses + extra;
  if (total > SCIELO_MAX_CLAUSES) warnings.push({ code: 'TOO_MANY_CLAUSES', params: { clauses: total, max: SCIELO_MAX_CLAUSES } });
  return { source: 'scielo', platform: SCIELO_PLATFORM, databases: collections.length ? collections : ['SciELO'], query, params, limits: lines, clauses: total, warnings };
}
