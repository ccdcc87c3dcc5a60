/**
 * BVS portal (pesquisa.bvsalud.org, iAHx): `mh:` for DeCS descriptors, `tw:` for words in
 * title, abstract and subject; `$` truncates; limits are the portal's filters.
 */
import type { Protocol } from '../protocol.js';
import { quote, renderTree, yearsText, type CompiledQuery, type QueryLimit, type QueryWarning } from './compiled.js';
import type { QueryNode } from './tree.js';

export const BVS_PLATFORM = 'BVS portal (iAHx), pesquisa.bvsalud.org';

/**
 * The portal's document types (`type`, filter[type][]), as its records and exports name them
 * (bireme/iahx-opac templates/regional/export-ris.html branches on type "article" and "book").
 */
export const BVS_TYPES = ['article', 'monography', 'thesis', 'book', 'non-conventional', 'congress and conference', 'project document', 'video', 'audio'];
/** The portal's study types (`type_of_study`), as its own filter URLs write them (`filter[type_of_study][]=systematic_reviews`). */
export const BVS_STUDY_TYPES = ['systematic_reviews', 'case_reports', 'qualitative_research', 'observational_studies', 'clinical_trials', 'prognostic_studies', 'diagnostic_studies', 'guideline', 'overview', 'health_technology_assessment', 'evaluation_studies', 'risk_factors_studies', 'screening_studies', 'etiology_studies', 'incidence_studies', 'prevalence_studies'];
/** Protocol document types that are the portal's study types, not its document types. */
const STUDY_TYPE_OF: Record<string, string> = { review: 'systematic_reviews', 'systematic-review': 'systematic_reviews', 'case-report': 'case_reports', 'case-reports': 'case_reports', guideline: 'guideline' };
/** Year a one-bound range starts from (the portal has nothing earlier; PubMed's compiler uses the same). */
export const BVS_FIRST_YEAR = 1800;

/** A protocol document type as the portal's `type` or `type_of_study` value; undefined when it has none. */
export function bvsDocumentType(raw: string): { field: 'type' | 'type_of_study'; value: string } | undefined {
  const t = raw.trim().toLowerCase();
  if (BVS_TYPES.includes(t)) return { field: 'type', value: t };
  if (BVS_STUDY_TYPES.includes(t)) return { field: 'type_of_study', value: t };
  if (STUDY_TYPE_OF[t]) return { field: 'type_of_study', value: STUDY_TYPE_OF[t] };
  return undefined;
}

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
export function compileBvs(tree: QueryNode, protocol: Protocol, today: Date = new Date()): CompiledQuery {
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
  const types = (limits.documentTypes ?? []).map((ty) => ({ raw: ty, mapped: bvsDocumentType(ty) }));
  for (const ty of types)
    if (!ty.mapped) warnings.push({ code: 'UNKNOWN_DOCUMENT_TYPE', params: { type: ty.raw, allowed: [...BVS_TYPES, ...BVS_STUDY_TYPES, ...Object.keys(STUDY_TYPE_OF)].join(', ') } });
  const known = types.flatMap((ty) => (ty.mapped ? [ty.mapped] : []));
  const fields = new Set(known.map((k) => k.field));
  // Note: filters on different fields are ANDed by the portal; "article OR review" must go into the query.
  const mixed = fields.size > 1;
  const q = mixed ? `(${text}) AND (${known.map((k) => `${k.field}:${quote(k.value)}`).join(' OR ')})` : text;
  const params: [string, string][] = [['q', q], ['lang', protocol.language ?? 'pt']];
  const lines: QueryLimit[] = [];
  for (const db of databases) params.push(['filter[db][]', db]);
  if (databases.length) lines.push({ code: 'databases', field: 'db', value: databases.join(', ') });
  for (const la of limits.languages ?? []) params.push(['filter[la][]', la]);
  if (limits.languages?.length) lines.push({ code: 'languages', field: 'la', value: limits.languages.join(', ') });
  if (limits.fullText) {
    params.push(['filter[fulltext][]', '1']);
    lines.push({ code: 'fullText', field: 'fulltext', value: '' });
  }
  if (!mixed) for (const k of known) params.push([`filter[${k.field}][]`, k.value]);
  for (const f of ['type', 'type_of_study'] as const) {
    const values = known.filter((k) => k.field === f).map((k) => k.value);
    if (values.length) lines.push({ code: 'documentTypes', field: f, value: values.join(', ') });
  }
  // Note: the portal applies range_year_start/end only when both are present (bireme/iahx-opac
  // src/Controller/SearchController.php: `if ($range_year_start != '' && $range_year_end != '')`);
  // a one-bound limit is completed with the first year of the portal or the current year.
  const { from, to } = limits.years ?? {};
  if (from !== undefined || to !== undefined) {
    const start = from ?? BVS_FIRST_YEAR;
    const end = to ?? today.getUTCFullYear();
    if (from === undefined || to === undefined) warnings.push({ code: 'YEAR_RANGE_COMPLETED', params: { given: yearsText(limits.years) ?? '', start, end } });
    params.push(['range_year_start', String(start)], ['range_year_end', String(end)]);
    lines.push({ code: 'years', field: 'year', value: `${start}-${end}` });
  }
  return { source: 'bvs', platform: BVS_PLATFORM, databases, query: q, params, limits: lines, clauses: clauses + (mixed ? known.length : 0), warnings };
}
