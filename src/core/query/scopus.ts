/**
 * Scopus advanced search (export-only: the tool does not search it; the researcher pastes the
 * string at scopus.com, exports and runs `review import --source scopus`). Each block becomes
 * `TITLE-ABS-KEY(a OR "b c" OR d*)`, blocks are ANDed, the NOT block is `AND NOT` at the end;
 * limits are field codes: `PUBYEAR > 2009 AND PUBYEAR < 2024`, `LANGUAGE(portuguese)`, `DOCTYPE(ar)`.
 *
 * Syntax from Elsevier's own pages:
 * - Scopus Search Guide (dev.elsevier.com/sc_search_tips.html, also
 *   schema.elsevier.com/dtds/document/bkapi/search/SCOPUSSearchTips.htm): boolean operators, order
 *   of precedence (OR, AND, AND NOT; "AND NOT ... must be used at the end of a search"), field
 *   codes (TITLE-ABS-KEY, PUBYEAR, LANGUAGE, DOCTYPE).
 * - Scopus help, search tips (help.scopus.com/robo/projects/schelp/h_srchtips.htm): `*` wildcard
 *   ("behav* will find behave, behavior..."), a loose phrase in double quotes, an exact phrase in
 *   braces {oyster toadfish} where "wildcards are searched as characters".
 * Note: phrases go in double quotes (loose phrase), not braces: a loose phrase ignores punctuation
 * and plural forms, and keeps a wildcard working, which an exact {phrase} would not.
 */
import type { Protocol } from '../protocol.js';
import { yearsText, type CompiledQuery, type QueryLimit, type QueryWarning } from './compiled.js';
import { cleanText, LANGUAGE_NAMES, renderFielded, type FreeText } from './fielded.js';
import type { QueryNode } from './tree.js';

export const SCOPUS_PLATFORM = 'Scopus (Elsevier)';
export const SCOPUS_URL = 'https://www.scopus.com/search/form.uri?display=advanced';

/**
 * Protocol document types -> Scopus DOCTYPE codes (Scopus Search Guide, DOCTYPE field: ar article,
 * re review, le letter, ed editorial, no note, cp conference paper, ch book chapter, bk book).
 */
const DOCTYPES: Record<string, string> = { article: 'ar', review: 're', letter: 'le', editorial: 'ed', note: 'no', 'conference-paper': 'cp', 'book-chapter': 'ch', book: 'bk' };

function term(t: FreeText): string {
  const text = cleanText(t.text);
  // Note: a bare AND/OR would be read as an operator; Scopus searches them as words only in quotes.
  const phrase = /\s|[-()/:,]/.test(text) || /^(and|or|not|pre|w)$/i.test(text);
  const body = t.truncated ? `${text}*` : text;
  return phrase ? `"${body}"` : body;
}

/** Compile the protocol's blocks and limits to one Scopus advanced-search string. */
export function compileScopus(tree: QueryNode, protocol: Protocol): CompiledQuery {
  const warnings: QueryWarning[] = [];
  const { text, clauses } = renderFielded(tree, { term, group: (atoms) => `TITLE-ABS-KEY(${atoms.join(' OR ')})`, not: ' AND NOT ' }, warnings);
  const limits = protocol.limits ?? {};
  const filters: string[] = [];
  const lines: QueryLimit[] = [];
  const { from, to } = limits.years ?? {};
  if (from !== undefined || to !== undefined) {
    // Note: PUBYEAR takes > and < (exclusive), so an open end needs no completing.
    if (from !== undefined) filters.push(`PUBYEAR > ${from - 1}`);
    if (to !== undefined) filters.push(`PUBYEAR < ${to + 1}`);
    lines.push({ code: 'years', field: 'PUBYEAR', value: yearsText(limits.years) ?? '' });
  }
  const langs = (limits.languages ?? []).map((l) => (LANGUAGE_NAMES[l] ?? l).toLowerCase());
  if (langs.length) {
    filters.push(`LANGUAGE(${langs.join(' OR ')})`);
    lines.push({ code: 'languages', field: 'LANGUAGE', value: langs.join(', ') });
  }
  const types = (limits.documentTypes ?? []).map((d) => d.toLowerCase());
  const codes = types.map((d) => DOCTYPES[d]).filter((c): c is string => !!c);
  for (const d of types) if (!DOCTYPES[d]) warnings.push({ code: 'DOCTYPE_NOT_MAPPED', params: { source: 'Scopus', type: d, allowed: Object.keys(DOCTYPES).join(', ') } });
  if (codes.length) {
    filters.push(`DOCTYPE(${codes.join(' OR ')})`);
    lines.push({ code: 'documentTypes', field: 'DOCTYPE', value: codes.join(', ') });
  }
  if (limits.fullText) warnings.push({ code: 'FULLTEXT_NOT_FILTERED', params: { source: 'Scopus' } });
  // Note: "AND NOT" must come last in Scopus (Search Guide), so the limits go before the excluded group.
  const cut = text.lastIndexOf(' AND NOT ');
  const query = cut < 0 ? [text, ...filters].join(' AND ') : [text.slice(0, cut), ...filters].join(' AND ') + text.slice(cut);
  return { source: 'scopus', platform: SCOPUS_PLATFORM, databases: ['Scopus'], query, params: [['query', query]], limits: lines, clauses: clauses + filters.length, warnings };
}
