/**
 * The protocol's search strategy as one boolean tree: terms ORed inside a block, blocks ANDed,
 * an optional NOT block. Every source compiler walks this tree, so all sources search the same idea.
 */
import { isDescriptor, type DescriptorTerm, type KeywordTerm, type Protocol, type Term } from '../protocol.js';

/** A word or phrase searched as free text. */
export interface TextNode {
  kind: 'text';
  /** Without the truncation mark and without quotes. */
  text: string;
  /** The protocol wrote `$` or `*` at the end. */
  truncated: boolean;
  /** A descriptor's form (and its language when known) or a keyword the user wrote. */
  origin: 'descriptor' | 'keyword';
  lang?: 'pt' | 'es' | 'en';
}

/** A DeCS/MeSH descriptor searched as a subject heading. */
export interface HeadingNode {
  kind: 'heading';
  term: DescriptorTerm;
}

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[]; block?: string }
  | { kind: 'not'; include: QueryNode; exclude: QueryNode }
  | HeadingNode
  | TextNode;

/** Split a trailing `$`/`*` off and drop quotes: `"enfermag$"` -> {text: enfermag, truncated}. */
export function parseTextTerm(raw: string): { text: string; truncated: boolean } {
  let text = raw.replace(/["“”]/g, '').replace(/\s+/g, ' ').trim();
  const truncated = /[$*]$/.test(text);
  if (truncated) text = text.replace(/[$*]+$/, '').trim();
  return { text, truncated };
}

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, 'pt', { sensitivity: 'accent' }) === 0;
}

function pushText(out: TextNode[], raw: string | undefined, origin: TextNode['origin'], lang?: TextNode['lang']): void {
  if (!raw || !raw.trim()) return;
  const { text, truncated } = parseTextTerm(raw);
  if (!text) return;
  if (out.some((t) => sameText(t.text, text) && t.truncated === truncated)) return;
  out.push(lang ? { kind: 'text', text, truncated, origin, lang } : { kind: 'text', text, truncated, origin });
}

/** The free-text forms of a descriptor: pt, es, en, then synonyms (deduplicated, case-insensitive). */
export function descriptorTexts(term: DescriptorTerm): TextNode[] {
  const out: TextNode[] = [];
  pushText(out, term.descriptor, 'descriptor', 'pt');
  pushText(out, term.es, 'descriptor', 'es');
  pushText(out, term.en, 'descriptor', 'en');
  for (const s of term.synonyms ?? []) pushText(out, s, 'descriptor');
  return out;
}

/** A keyword and its variants as text nodes. */
export function keywordTexts(term: KeywordTerm): TextNode[] {
  const out: TextNode[] = [];
  pushText(out, term.keyword, 'keyword');
  for (const v of term.variants ?? []) pushText(out, v, 'keyword');
  return out;
}

/** The nodes one term becomes: a heading plus (by default) its free-text forms, or a keyword's texts. */
export function termNodes(term: Term): QueryNode[] {
  if (!isDescriptor(term)) return keywordTexts(term);
  const heading: HeadingNode = { kind: 'heading', term };
  return term.freeText === false ? [heading] : [heading, ...descriptorTexts(term)];
}

/** Build the query tree of a protocol's `search` section. */
export function buildQueryTree(search: Protocol['search']): QueryNode {
  const blocks: QueryNode[] = search.blocks.map((b) => ({ kind: 'or', block: b.name, children: b.terms.flatMap(termNodes) }));
  const include: QueryNode = blocks.length === 1 ? blocks[0] : { kind: 'and', children: blocks };
  if (!search.not || search.not.length === 0) return include;
  return { kind: 'not', include, exclude: { kind: 'or', block: 'NOT', children: search.not.flatMap(termNodes) } };
}

/** Every leaf of the tree, in order. */
export function leaves(node: QueryNode): (HeadingNode | TextNode)[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(leaves);
    case 'not':
      return [...leaves(node.include), ...leaves(node.exclude)];
    default:
      return [node];
  }
}
