/**
 * Embase.com (export-only: pasted by the researcher at embase.com, exported and imported with
 * `review import --source embase`). Each block becomes `('term'/exp OR 'b c':ti,ab,kw OR d*:ti,ab,kw)`,
 * blocks are ANDed, the NOT block is `NOT (...)`; limits `[2010-2023]/py`, `[portuguese]/lim`,
 * `[article]/lim`.
 *
 * Note: no page of Elsevier's Embase.com help could be found with the search tools here. The
 * syntax follows search strategies published for Embase.com, which agree with each other:
 * Emtree term in single quotes with `/exp` (explosion), free text with `:ti,ab,kw` (title,
 * abstract, author keywords), `*` truncation, and limits appended as `AND [english]/lim AND
 * [2013-2026]/py` (e.g. the Embase.com strategies in public review protocols on GitHub). Check
 * the limits on the Embase.com advanced search form when pasting.
 *
 * The Emtree headings are a guess: the protocol's MeSH/DeCS English form with `/exp`. Emtree
 * terms often differ from MeSH ("heart failure" vs "Heart Failure", "neoplasm" vs "Neoplasms"),
 * so every query with headings carries EMTREE_UNCHECKED: the researcher checks each in Emtree.
 */
import type { DescriptorTerm, Protocol } from '../protocol.js';
import type { CompiledQuery, QueryLimit, QueryWarning } from './compiled.js';
import { cleanText, closedYears, LANGUAGE_NAMES, renderFielded, type FreeText } from './fielded.js';
import type { QueryNode } from './tree.js';

export const EMBASE_PLATFORM = 'Embase.com (Elsevier)';
export const EMBASE_URL = 'https://www.embase.com/';
/** Embase with Embase Classic covers 1947 onward. */
const EMBASE_FIRST_YEAR = 1947;

/** Protocol document types -> Embase publication type limits. */
const DOCTYPES: Record<string, string> = { article: 'article', review: 'review', letter: 'letter', editorial: 'editorial', note: 'note', 'conference-paper': 'conference paper' };

/** `'a b'` for a phrase or a word that is an operator, bare otherwise; `*` kept for truncation. */
function quoted(text: string, truncated: boolean): string {
  const clean = cleanText(text);
  const body = truncated ? `${clean}*` : clean;
  return /\s|[-()/:,[\]]/.test(clean) || /^(and|or|not|near|next)$/i.test(clean) ? `'${body}'` : body;
}

const term = (t: FreeText): string => `${quoted(t.text, t.truncated)}:ti,ab,kw`;

/** Compile the protocol's blocks and limits to one Embase.com query. */
export function compileEmbase(tree: QueryNode, protocol: Protocol, today: Date = new Date()): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const guessed: string[] = [];
  const heading = (t: DescriptorTerm, w: QueryWarning[]): string[] => {
    if (!t.en) {
      w.push({ code: 'NO_ENGLISH_FORM', params: { term: t.descriptor } });
      return [];
    }
    const h = `'${cleanText(t.en).toLowerCase()}'/exp`;
    guessed.push(h);
    return [h];
  };
  const { text, clauses } = renderFielded(tree, { term, heading, group: (atoms) => `(${atoms.join(' OR ')})`, not: ' NOT ' }, warnings);
  if (guessed.length) warnings.push({ code: 'EMTREE_UNCHECKED', params: { terms: [...new Set(guessed)].join(', ') } });
  const limits = protocol.limits ?? {};
  const filters: string[] = [];
  const lines: QueryLimit[] = [];
  const years = closedYears(limits.years, EMBASE_FIRST_YEAR, today, 'Embase', warnings);
  if (years) {
    filters.push(`[${years.from}-${years.to}]/py`);
    lines.push({ code: 'years', field: 'py', value: `${years.from}-${years.to}` });
  }
  const langs = (limits.languages ?? []).map((l) => (LANGUAGE_NAMES[l] ?? l).toLowerCase());
  const any = (xs: string[]) => (xs.length > 1 ? `(${xs.join(' OR ')})` : xs[0]);
  if (langs.length) {
    filters.push(any(langs.map((l) => `[${l}]/lim`)));
    lines.push({ code: 'languages', field: 'lim', value: langs.join(', ') });
  }
  const types = (limits.documentTypes ?? []).map((d) => d.toLowerCase());
  for (const d of types) if (!DOCTYPES[d]) warnings.push({ code: 'DOCTYPE_NOT_MAPPED', params: { source: 'Embase', type: d, allowed: Object.keys(DOCTYPES).join(', ') } });
  const pts = types.map((d) => DOCTYPES[d]).filter((c): c is string => !!c);
  if (pts.length) {
    filters.push(any(pts.map((p) => `[${p}]/lim`)));
    lines.push({ code: 'documentTypes', field: 'lim', value: pts.join(', ') });
  }
  if (limits.fullText) warnings.push({ code: 'FULLTEXT_NOT_FILTERED', params: { source: 'Embase' } });
  const main = filters.length && / NOT \(/.test(text) ? `(${text})` : text;
  const query = [main, ...filters].join(' AND ');
  return { source: 'embase', platform: EMBASE_PLATFORM, databases: ['Embase'], query, params: [['query', query]], limits: lines, clauses: clauses + filters.length, warnings };
}
