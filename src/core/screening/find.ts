/**
 * Finding records on the screen by what a reviewer remembers of them: the id (or its tail),
 * an author's surname, or words of the title, abstract, keywords or descriptors. Accent- and
 * case-insensitive ("atencao" finds "Atenção"); every word of the query must occur.
 */
import type { BibRecord } from '../record.js';
import { foldAccents } from '../text.js';

export interface FoundRecord {
  id: string;
  /** Where the words matched: the id, an author, the title, or elsewhere (abstract, keywords, descriptors). */
  matchedIn: 'id' | 'author' | 'title' | 'text';
}

const RANK: Record<FoundRecord['matchedIn'], number> = { id: 0, author: 1, title: 2, text: 3 };

function words(text: string): string[] {
  return foldAccents(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Does every query word start a word of `hay` (so "enferm" finds "enfermagem")? */
function containsAll(hay: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => hay.some((w) => w.startsWith(q)));
}

/**
 * Records matching `query`, ids first, then authors, then titles, then other text; within each
 * group in the order given. An id matches whole (`i001-00012`) or by its number (`12`, `00012`).
 */
export function findRecords(records: Iterable<BibRecord>, query: string, limit = 50): FoundRecord[] {
  const raw = query.trim();
  const q = words(raw);
  if (q.length === 0) return [];
  const idQuery = raw.toLowerCase();
  const number = /^\d+$/.test(raw) ? Number(raw) : undefined;
  const found: (FoundRecord & { order: number })[] = [];
  let order = 0;
  for (const r of records) {
    order++;
    const tail = r.id.match(/-(\d+)$/);
    let matchedIn: FoundRecord['matchedIn'] | undefined;
    if (r.id.toLowerCase() === idQuery || (number !== undefined && tail && Number(tail[1]) === number)) matchedIn = 'id';
    else if (containsAll(r.authors.flatMap((a) => words(`${a.family} ${a.literal ?? ''}`)), q)) matchedIn = 'author';
    else if (containsAll(r.titles.flatMap((x) => words(x.text)), q)) matchedIn = 'title';
    else if (containsAll([...r.titles.map((x) => x.text), ...r.abstracts.map((x) => x.text), ...r.keywords, ...r.descriptors, r.doi ?? ''].flatMap(words), q)) matchedIn = 'text';
    if (matchedIn) found.push({ id: r.id, matchedIn, order });
  }
  found.sort((a, b) => RANK[a.matchedIn] - RANK[b.matchedIn] || a.order - b.order);
  return found.slice(0, limit).map(({ id, matchedIn }) => ({ id, matchedIn }));
}
