/** What `review descriptors` lists: each term of each block and what every source searches for it. */
import { isDescriptor, type Protocol, type Term } from '../protocol.js';
import { compileFor, type SearchSourceId } from './index.js';

export interface TermDescription {
  term: Term;
  kind: 'descriptor' | 'keyword';
  /** Source id -> the query fragment that source runs for this term alone. */
  searchedAs: Partial<Record<SearchSourceId, string>>;
}

export interface BlockDescription {
  name: string;
  not: boolean;
  terms: TermDescription[];
}

/** One term compiled alone for a source (no limits), i.e. its share of the whole query. */
export function termQuery(source: SearchSourceId, protocol: Protocol, term: Term): string {
  const alone: Protocol = { ...protocol, search: { blocks: [{ name: 'term', terms: [term] }] }, limits: undefined, sources: protocol.sources };
  return compileFor(source, alone).query;
}

export function describeSearch(protocol: Protocol): BlockDescription[] {
  const sources = protocol.sources.map((s) => s.id);
  const describe = (term: Term): TermDescription => ({
    term,
    kind: isDescriptor(term) ? 'descriptor' : 'keyword',
    searchedAs: Object.fromEntries(sources.map((s) => [s, termQuery(s, protocol, term)])),
  });
  const blocks: BlockDescription[] = protocol.search.blocks.map((b) => ({ name: b.name, not: false, terms: b.terms.map(describe) }));
  if (protocol.search.not?.length) blocks.push({ name: 'NOT', not: true, terms: protocol.search.not.map(describe) });
  return blocks;
}
