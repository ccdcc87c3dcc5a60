/**
 * Text features for relevance ranking: accent-folded word tokens, TF-IDF weights, L2-normalized
 * sparse vectors (sklearn's TfidfVectorizer defaults: smooth idf, raw term counts).
 */
import { foldAccents, STOPWORDS } from '../text.js';

/** A sparse vector: term indices (ascending) and their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

// Note: the function words of the three languages of the portals, plus the words every abstract of
// a study uses; they carry no relevance signal and only slow the model down.
const STOP_WORDS = new Set(
  [...STOPWORDS.pt, ...STOPWORDS.es, ...STOPWORDS.en, 'using', 'used', 'use', 'study', 'studies'].map(foldAccents),
);

/** Lower-case, accent-free word tokens of two or more characters, without stop words and bare numbers. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const tok of foldAccents(text).split(/[^\p{L}\p{N}]+/u)) {
    if (tok.length < 2 || STOP_WORDS.has(tok) || /^\d+$/.test(tok)) continue;
    out.push(tok);
  }
  return out;
}

export interface TfidfModel {
  /** term -> index */
  vocabulary: Map<string, number>;
  idf: Float64Array;
  vectors: SparseVector[];
  /** With `dropPrivate`: per document, the squared weight of its terms found in no other document (left out of its vector). */
  privateSqNorms?: Float64Array;
}

/** A document in parts: the title can weigh more than the abstract; keywords/descriptors are terms too. */
export interface RelevanceDoc {
  title?: string;
  abstract?: string;
  keywords?: string;
  /** Free text when the parts are not known (weighs as abstract). */
  text?: string;
}

export interface TfidfOptions {
  /** Terms in fewer documents are left out (default 2: a term in one document cannot rank another). */
  minDf?: number;
  /** Terms in more than this share of the documents are left out (default 1: none). */
  maxDf?: number;
  /** 1 + log(count) instead of the raw count. */
  sublinearTf?: boolean;
  /** Add word pairs (within one part) as terms. */
  bigrams?: boolean;
  /** Each title token counts this many times (default 1). */
  titleWeight?: number;
  /** Tokenizer: 'folded' (accent-free, no numbers, portal stop words; default) or 'sklearn' (sklearn's default token pattern \w\w+, lower case, same stop words). */
  tokens?: 'folded' | 'sklearn';
  /**
   * Keep terms found in one document only (minDf 1) out of the vectors, their squared weight in
   * `privateSqNorms` instead: they can score no other document, and a linear model needs only
   * their mass for the document's own margin (see LinearSvmLearner). Vectors stay normalized over all terms.
   */
  dropPrivate?: boolean;
}

/** sklearn's TfidfVectorizer token pattern (?u)\b\w\w+\b with lower case (ASReview's features). */
function sklearnTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? []).filter((t) => !STOP_WORDS.has(t));
}

function termsOf(text: string | undefined, options: TfidfOptions): string[] {
  if (!text) return [];
  const toks = options.tokens === 'sklearn' ? sklearnTokens(text) : tokenize(text);
  if (!options.bigrams) return toks;
  const out = [...toks];
  for (let i = 0; i + 1 < toks.length; i++) out.push(`${toks[i]} ${toks[i + 1]}`);
  return out;
}

/** TF-IDF vectors of the documents (plain strings count as abstract text). */
export function computeTfidf(docs: readonly (string | RelevanceDoc)[], options: TfidfOptions = {}): TfidfModel {
  const minDf = options.minDf ?? 2;
  const maxDf = options.maxDf ?? 1;
  const titleWeight = options.titleWeight ?? 1;
  const counted = docs.map((d) => {
    const doc: RelevanceDoc = typeof d === 'string' ? { text: d } : d;
    const counts = new Map<string, number>();
    const add = (terms: string[], w: number) => {
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + w);
    };
    add(termsOf(doc.title, options), titleWeight);
    add(termsOf(doc.abstract, options), 1);
    add(termsOf(doc.text, options), 1);
    add(termsOf(doc.keywords, options), 1);
    return counts;
  });
  const df = new Map<string, number>();
  for (const counts of counted) for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const vocabulary = new Map<string, number>();
  for (const [term, k] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (k >= minDf && k <= maxDf * n) vocabulary.set(term, vocabulary.size);
  const idf = new Float64Array(vocabulary.size);
  for (const [term, i] of vocabulary) idf[i] = Math.log((1 + n) / (1 + df.get(term)!)) + 1;
  const privateSqNorms = options.dropPrivate ? new Float64Array(n) : undefined;
  const vectors = counted.map((counts, d) => {
    const entries: [number, number][] = [];
    let privateSq = 0;
    for (const [t, c] of counts) {
      const i = vocabulary.get(t);
      if (i === undefined) continue;
      if (privateSqNorms && df.get(t) === 1) {
        const x = (options.sublinearTf ? 1 + Math.log(c) : c) * idf[i];
        privateSq += x * x;
      } else entries.push([i, c]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(entries.length);
    const values = new Float64Array(entries.length);
    let norm = 0;
    entries.forEach(([i, c], k) => {
      indices[k] = i;
      values[k] = (options.sublinearTf ? 1 + Math.log(c) : c) * idf[i];
      norm += values[k] * values[k];
    });
    norm = Math.sqrt(norm + privateSq);
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;
    if (privateSqNorms && norm > 0) privateSqNorms[d] = privateSq / (norm * norm);
    return { indices, values };
  });
  return { vocabulary, idf, vectors, ...(privateSqNorms ? { privateSqNorms } : {}) };
}
