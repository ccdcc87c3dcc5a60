/**
 * The shared walk of the export-only bibliographic databases (Scopus, Web of Science, Embase):
 * each block of the protocol becomes one fielded group of ORed terms, the groups are ANDed, the
 * NOT block is excluded. These databases index English titles and abstracts, so a descriptor
 * is searched by its English form and synonyms, as for PubMed; keywords in every form written.
 */
import type { DescriptorTerm } from '../protocol.js';
import type { QueryWarning } from './compiled.js';
import type { QueryNode } from './tree.js';

/** One free-text term as the compilers see it. */
export interface FreeText {
  text: string;
  truncated: boolean;
}

export interface FieldedSyntax {
  /** A free-text term in the database's syntax (`"a b"`, `enferm*`, `'a b':ti,ab,kw`). */
  term(t: FreeText): string;
  /** The atoms of a descriptor searched as a subject heading (none for databases without one). */
  heading?(term: DescriptorTerm, warnings: QueryWarning[]): string[];
  /** The block's atoms as one group: `TITLE-ABS-KEY(a OR b)`, `TS=(a OR b)`, `(a OR b)`. */
  group(atoms: string[]): string;
  /** Joins the excluded group to the rest: ` AND NOT ` (Scopus), ` NOT `. */
  not: string;
}

/** Strip quotes the user typed and collapse spaces. */
export function cleanText(text: string): string {
  return text.replace(/["'{}]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The English free-text forms of a block's leaves: like PubMed, a Portuguese descriptor form only when it has no English one, Spanish never. */
function texts(leaf: QueryNode, englishOf: Map<string, boolean>): FreeText[] {
  if (leaf.kind === 'heading') {
    const { en, descriptor, freeText } = leaf.term;
    return freeText === false ? [{ text: en ?? descriptor, truncated: false }] : [];
  }
  if (leaf.kind !== 'text') return [];
  if (leaf.origin === 'descriptor' && leaf.lang === 'es') return [];
  if (leaf.origin === 'descriptor' && leaf.lang === 'pt' && englishOf.get(leaf.text)) return [];
  return [{ text: leaf.text, truncated: leaf.truncated }];
}

function blocksOf(node: QueryNode): QueryNode[] {
  return node.kind === 'and' ? node.children : [node];
}

function childrenOf(block: QueryNode): QueryNode[] {
  return block.kind === 'or' ? block.children : [block];
}

/** Render the tree in one database's fielded syntax; empty blocks are dropped and reported. */
export function renderFielded(tree: QueryNode, syntax: FieldedSyntax, warnings: QueryWarning[]): { text: string; clauses: number } {
  const include = tree.kind === 'not' ? tree.include : tree;
  const englishOf = new Map<string, boolean>();
  const note = (n: QueryNode): void => {
    if (n.kind === 'heading') englishOf.set(n.term.descriptor, !!n.term.en);
    else if (n.kind === 'and' || n.kind === 'or') n.children.forEach(note);
    else if (n.kind === 'not') [n.include, n.exclude].forEach(note);
  };
  note(tree);
  let clauses = 0;
  const group = (block: QueryNode): string => {
    const atoms: string[] = [];
    for (const leaf of childrenOf(block)) {
      if (leaf.kind === 'heading' && syntax.heading) atoms.push(...syntax.heading(leaf.term, warnings));
      for (const t of texts(leaf, englishOf)) atoms.push(syntax.term(t));
    }
    const unique = [...new Set(atoms)];
    if (unique.length === 0) {
      warnings.push({ code: 'EMPTY_BLOCK', params: { block: block.kind === 'or' && block.block ? block.block : '?' } });
      return '';
    }
    clauses += unique.length;
    return syntax.group(unique);
  };
  const parts = blocksOf(include).map(group).filter(Boolean);
  let text = parts.join(' AND ');
  if (tree.kind === 'not') {
    const exc = group(tree.exclude);
    if (exc) text = `${parts.length > 1 && syntax.not.trim() === 'NOT' ? `(${text})` : text}${syntax.not}${exc}`;
  }
  return { text, clauses };
}

/** A closed year range: the protocol's ends, or the database's first year / this year for a missing one (reported). */
export function closedYears(years: { from?: number; to?: number } | undefined, first: number, today: Date, source: string, warnings: QueryWarning[]): { from: number; to: number } | undefined {
  if (!years || (years.from === undefined && years.to === undefined)) return undefined;
  const from = years.from ?? first;
  const to = years.to ?? today.getUTCFullYear();
  if (years.from === undefined || years.to === undefined) warnings.push({ code: 'YEARS_COMPLETED', params: { source, given: `${years.from ?? ''}-${years.to ?? ''}`, start: from, end: to } });
  return { from, to };
}

/** English names of ISO 639-1 codes, as Scopus, Web of Science and Embase write languages. */
export const LANGUAGE_NAMES: Record<string, string> = {
  pt: 'Portuguese', es: 'Spanish', en: 'English', fr: 'French', it: 'Italian', de: 'German', zh: 'Chinese', ja: 'Japanese', ru: 'Russian',
};
