/**
 * What a source compiler returns: the exact query string, the request parameters of the
 * portal or API, and the limits as they will be reported (PRISMA-S items 8, 9 and 13).
 */
import type { SourceId } from '../record.js';
import type { HeadingNode, QueryNode, TextNode } from './tree.js';

/** A problem with the strategy for one source; rendered through `search.warn.<code>`. */
export interface QueryWarning {
  code: 'EMPTY_BLOCK' | 'TOO_MANY_CLAUSES' | 'TRUNCATED_PHRASE' | 'NO_ENGLISH_FORM' | 'NOT_IN_MESH' | 'TRUNCATION_IGNORED' | 'QUERY_TOO_LONG' | 'FULLTEXT_ALWAYS' | 'LIMIT_IGNORED' | 'UNKNOWN_DOCUMENT_TYPE' | 'YEAR_RANGE_COMPLETED' | 'YEARS_COMPLETED' | 'DOCTYPE_NOT_MAPPED' | 'FULLTEXT_NOT_FILTERED' | 'EMTREE_UNCHECKED';
  params: Record<string, string | number>;
}

/**
 * One limit as the source applies it, worded by the UI (`search.limit.<code>`): what kind, the
 * source's own filter or field (`db`, `la`, `dp`, `publication_year`, `as_ylo`...) so the strategy
 * can be run again as written (PRISMA-S item 9), and the values as the source takes them.
 */
export const QUERY_LIMIT_CODES = ['databases', 'collections', 'languages', 'years', 'fullText', 'documentTypes'] as const;

export interface QueryLimit {
  code: (typeof QUERY_LIMIT_CODES)[number];
  field: string;
  /** `pt, en`, `2007-2015`; empty for a switch such as full text. */
  value: string;
}

/** A limit as a log may hold it: a `QueryLimit`, or a line of words written by an older version. */
export type LoggedLimit = QueryLimit | string;

/** True for a coded limit (not a line of an older log). */
export function isQueryLimit(l: unknown): l is QueryLimit {
  return typeof l === 'object' && l !== null && typeof (l as QueryLimit).code === 'string' && typeof (l as QueryLimit).field === 'string';
}

/** Limits in the caller's words, `; `-separated: "anos: 2007-2015 (dp); idiomas: pt (la)". Lines of older logs are kept as written. */
export function limitsText(limits: readonly LoggedLimit[], tr: (key: string, params?: Record<string, string | number | undefined>) => string): string {
  return limits
    .map((l) => (isQueryLimit(l) ? `${tr(`search.limit.${l.code}`, { value: l.value })} (${l.field})` : l))
    .filter(Boolean)
    .join('; ');
}

export interface CompiledQuery {
  source: SourceId;
  /** Where the query runs, as the report names it. */
  platform: string;
  /** Databases or collections searched (empty = all the source holds). */
  databases: string[];
  /** The exact query string to paste into the portal. */
  query: string;
  /** Request parameters other than paging, in order (no keys, ever). */
  params: [string, string][];
  /** The limits as the source applies them, coded (the UI words them). */
  limits: QueryLimit[];
  /** Boolean clauses (field:term atoms) in the query. */
  clauses: number;
  warnings: QueryWarning[];
}

export interface RenderOptions {
  /** The atoms a leaf becomes for this source (none drops the leaf). */
  atoms(leaf: HeadingNode | TextNode): string[];
  and: string;
  or: string;
  not: string;
}

/** Render a tree with a source's field syntax; blocks left empty are dropped and reported. */
export function renderTree(node: QueryNode, opts: RenderOptions, warnings: QueryWarning[]): { text: string; clauses: number } {
  let clauses = 0;
  const leafAtoms = (leaf: HeadingNode | TextNode): string[] => {
    const atoms = opts.atoms(leaf);
    clauses += atoms.length;
    return atoms;
  };
  const walk = (n: QueryNode, nested: boolean): string => {
    switch (n.kind) {
      case 'and': {
        const parts = n.children.map((c) => walk(c, true)).filter(Boolean);
        const s = parts.join(opts.and);
        return nested && parts.length > 1 ? `(${s})` : s;
      }
      case 'or': {
        // Note: a leaf's atoms join the block's OR directly; the block's parentheses group them.
        const parts = n.children.flatMap((c) => (c.kind === 'heading' || c.kind === 'text' ? leafAtoms(c) : [walk(c, true)])).filter(Boolean);
        if (parts.length === 0 && n.block) warnings.push({ code: 'EMPTY_BLOCK', params: { block: n.block } });
        const s = parts.join(opts.or);
        return nested && parts.length > 1 ? `(${s})` : s;
      }
      case 'not': {
        const inc = walk(n.include, true);
        const exc = walk(n.exclude, true);
        return exc ? `${inc}${opts.not}${exc}` : inc;
      }
      default: {
        const atoms = leafAtoms(n);
        if (atoms.length > 1) return nested ? `(${atoms.join(opts.or)})` : atoms.join(opts.or);
        return atoms[0] ?? '';
      }
    }
  };
  return { text: walk(node, false), clauses };
}

/** Quote a phrase when it has spaces or characters the portal parses; drop inner quotes. */
export function quote(text: string): string {
  const clean = text.replace(/"/g, '');
  // Note: a bare AND/OR/NOT would be read as an operator, and brackets/colons as syntax.
  return /[\s():\-/,[\]{}^~!&|+]/.test(clean) || /^(and|or|not|to)$/i.test(clean) ? `"${clean}"` : clean;
}

/** `key=value&...` with values percent-encoded and keys kept readable (`filter[db][]`). */
export function queryString(params: readonly [string, string][]): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/** Years as a word range: `2007-2015`, `2007-`, `-2015`. */
export function yearsText(years: { from?: number; to?: number } | undefined): string | undefined {
  if (!years || (years.from === undefined && years.to === undefined)) return undefined;
  return `${years.from ?? ''}-${years.to ?? ''}`;
}
