/**
 * BVS portal (pesquisa.bvsalud.org, iAHx): `mh:` for DeCS descriptors, `tw:` for words in
 * title, abstract and subject; `$` truncates; limits are the portal's filters.
 */
import type { Protocol } from '../protocol.js';
import { quote, renderTree, yearsText, type CompiledQuery, type QueryWarning } from './compiled.js';
import type { QueryNode } from './tree.js';

export const BVS_PLATFORM = 'BVS portal (iAHx), pesquisa.bvsalud.org';

/** A text atom: single words keep `$`; a truncated phrase is searched whole (the portal cannot truncate it). */
function textAtom(prefix: string, text: string, truncated: boolean, mark: string, warnings: QueryWarning[]): string {
  if (!truncated) return `${prefix}${quote(text)}`;
  if (quote(text) !== text) {
    warnings.push({ code: 'TRUNCATED_PHRASE', params: { term: text } });
    return `${prefix}${quote(text)}`;
  }
  return `${prefix}${text}${mark}`;
}

/** Compile the tree to the BVS portal's syntax and filters. */
export function compileBvs(tree: QueryNode, protocol: Protocol): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const { text, clauses } = renderTree(
    tree,
    {
      atoms: (leaf) =>
        leaf.kind === 'heading' ? [`mh:${quote(leaf.term.descriptor)}`] : [textAtom('tw:', leaf.text, leaf.truncated, '$', warnings)],
      and: ' AND ',
      or: ' OR ',
      not: ' AND NOT ',
    },
    warnings,
  );
  const spec = protocol.sources.find((s) => s.id === 'bvs');
  const databases = spec && 'databases' in spec && spec.databases ? [...spec.databases] : [];
  const limits = protocol.limits ?? {};
  const params: [string, string][] = [['q', text], ['lang', protocol.language ?? 'pt']];
  const lines: string[] = [];
  for (const db of databases) params.push(['filter[db][]', db]);
  if (databases.length) lines.push(`db: ${databases.join(', ')}`);
  for (const la of limits.languages ?? []) params.push(['filter[la][]', la]);
  if (limits.languages?.length) lines.push(`la: ${limits.languages.join(', ')}`);
  if (limits.fullText) {
    params.push(['filter[fulltext][]', '1']);
    lines.push('fulltext: 1');
  }
  for (const ty of limits.documentTypes ?? []) params.push(['filter[type][]', ty.toLowerCase()]);
  if (limits.documentTypes?.length) lines.push(`type: ${limits.documentTypes.map((x) => x.toLowerCase()).join(', ')}`);
  if (limits.years?.from !== undefined) params.push(['range_year_start', String(limits.years.from)]);
  if (limits.years?.to !== undefined) params.push(['range_year_end', String(limits.years.to)]);
  const years = yearsText(limits.years);
  if (years) lines.push(`year: ${years}`);
  return { source: 'bvs', platform: BVS_PLATFORM, databases, query: text, params, limits: lines, clauses, warnings };
}
