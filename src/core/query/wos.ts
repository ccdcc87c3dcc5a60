/**
 * Web of Science Core Collection advanced search (export-only: pasted by the researcher at
 * webofscience.com, exported and imported with `review import --source wos`). Each block becomes
 * `TS=(a OR "b c" OR d*)` (Topic: title, abstract, author keywords, Keywords Plus), blocks are
 * ANDed, the NOT block is `NOT TS=(...)`; limits `PY=(2010-2023)`, `LA=(Portuguese)`, `DT=(Article)`.
 *
 * Syntax from Clarivate's own pages:
 * - Searching the Topic field (images.webofknowledge.com/.../help/CCC/hs_topic.html): TS searches
 *   title, abstract, author keywords and Keywords Plus; "To search for an exact phrase, use
 *   quotation marks"; wildcards `*` (right truncation needs three characters before it).
 * - Search rules (webofscience.help.clarivate.com/Content/search-rules.htm): quotation marks turn
 *   lemmatization off, wildcards too; search operators (…/Content/search-operators.html): AND, OR, NOT.
 * - PY= with a year range, as in `TS = ("dog welfare") AND PY = (1990-2007)` (the example of the
 *   wosr client, CRAN, for the WoS query language). The LA= and DT= tags and their values
 *   (Portuguese; Article, Review, Editorial Material, Letter...) come from the Web of Science field
 *   tag list, which could not be read here: check them in the advanced search's field tag help.
 */
import type { Protocol } from '../protocol.js';
import type { CompiledQuery, QueryLimit, QueryWarning } from './compiled.js';
import { cleanText, closedYears, LANGUAGE_NAMES, renderFielded, type FreeText } from './fielded.js';
import type { QueryNode } from './tree.js';

export const WOS_PLATFORM = 'Web of Science Core Collection (Clarivate)';
export const WOS_URL = 'https://www.webofscience.com/wos/woscc/advanced-search';
/** The Core Collection's first indexed year (Science Citation Index Expanded: 1900 onward). */
const WOS_FIRST_YEAR = 1900;

/** Protocol document types -> Web of Science document types (DT). */
const DOCTYPES: Record<string, string> = { article: 'Article', review: 'Review', letter: 'Letter', editorial: 'Editorial Material', 'conference-paper': 'Proceedings Paper', 'book-chapter': 'Book Chapter', book: 'Book', note: 'Note' };

function term(t: FreeText): string {
  const text = cleanText(t.text);
  // Note: AND/OR/NOT/NEAR/SAME are operators; in quotes they are searched as words.
  const phrase = /\s|[-()/:,=]/.test(text) || /^(and|or|not|near|same)$/i.test(text);
  const body = t.truncated ? `${text}*` : text;
  return phrase ? `"${body}"` : body;
}

const paren = (values: string[]) => `(${values.join(' OR ')})`;

/** Compile the protocol's blocks and limits to one Web of Science advanced-search string. */
export function compileWos(tree: QueryNode, protocol: Protocol, today: Date = new Date()): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const { text, clauses } = renderFielded(tree, { term, group: (atoms) => `TS=${paren(atoms)}`, not: ' NOT ' }, warnings);
  const limits = protocol.limits ?? {};
  const filters: string[] = [];
  const lines: QueryLimit[] = [];
  const years = closedYears(limits.years, WOS_FIRST_YEAR, today, 'Web of Science', warnings);
  if (years) {
    filters.push(`PY=(${years.from}-${years.to})`);
    lines.push({ code: 'years', field: 'PY', value: `${years.from}-${years.to}` });
  }
  const langs = (limits.languages ?? []).map((l) => LANGUAGE_NAMES[l] ?? l);
  if (langs.length) {
    filters.push(`LA=${paren(langs)}`);
    lines.push({ code: 'languages', field: 'LA', value: langs.join(', ') });
  }
  const types = (limits.documentTypes ?? []).map((d) => d.toLowerCase());
  for (const d of types) if (!DOCTYPES[d]) warnings.push({ code: 'DOCTYPE_NOT_MAPPED', params: { source: 'Web of Science', type: d, allowed: Object.keys(DOCTYPES).join(', ') } });
  const dts = types.map((d) => DOCTYPES[d]).filter((c): c is string => !!c).map((d) => (d.includes(' ') ? `"${d}"` : d));
  if (dts.length) {
    filters.push(`DT=${paren(dts)}`);
    lines.push({ code: 'documentTypes', field: 'DT', value: dts.join(', ') });
  }
  if (limits.fullText) warnings.push({ code: 'FULLTEXT_NOT_FILTERED', params: { source: 'Web of Science' } });
  const main = filters.length && / NOT TS=/.test(text) ? `(${text})` : text;
  const query = [main, ...filters].join(' AND ');
  return { source: 'wos', platform: WOS_PLATFORM, databases: ['Web of Science Core Collection'], query, params: [['query', query]], limits: lines, clauses: clauses + filters.length, warnings };
}
