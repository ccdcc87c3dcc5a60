/**
 * Text features for relevance ranking: accent-folded word tokens, TF-IDF weights, L2-normalized
 * sparse vectors (sklearn's TfidfVectorizer defaults: smooth idf, raw term counts).
 */
import { foldText } from '../screening/highlight.js';

/** A sparse vector: term indices (ascending) and their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

// Note: a short list in the three languages of the portals; common words carry no relevance signal
// and only slow the model down.
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how if in into is it its may more most no not of on or our over she ' +
    'should so such than that the their them then there these they this those through to under up was we were what when where which while who will with within would you ' +
    'also between both each during after before other only same some about all any per via vs using used use study studies ' +
    'de da do das dos e em na no nas nos o os as um uma uns umas para por pelo pela pelos pelas com sem que se ao aos ou mais como sobre entre foi foram ser sao ' +
    'tem ter sua seu suas seus este esta estes estas isso esse essa nao ja quando tambem muito pode podem ' +
    'el la los las del al y en con por para una unos unas es son lo su sus se fue fueron como sobre entre'
  ).split(/\s+/),
);

/** Lower-case, accent-free word tokens of two or more characters, without stop words and bare numbers. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const tok of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
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
}

export interface TfidfOptions {
  /** Terms in fewer documents are left out (default 2: a term in one document cannot rank another). */
  minDf?: number;
  /** 1 + log(count) instead of the raw count. */
  sublinearTf?: boolean;
  /** Add word pairs as terms. */
  bigrams?: boolean;
}

/** TF-IDF vectors of the documents. */
export function computeTfidf(docs: readonly string[], options: TfidfOptions = {}): TfidfModel {
  const minDf = options.minDf ?? 2;
  const tokenized = docs.map((d) => {
    const toks = tokenize(d);
    if (!options.bigrams) return toks;
    const pairs: string[] = [];
    for (let i = 0; i + 1 < toks.length; i++) pairs.push(`${toks[i]} ${toks[i + 1]}`);
    return [...toks, ...pairs];
  });
  const df = new Map<string, number>();
  for (const toks of tokenized) for (const t of new Set(toks)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  for (const [term, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= minDf) vocabulary.set(term, vocabulary.size);
  const idf = new Float64Array(vocabulary.size);
  const n = docs.length;
  for (const [term, i] of vocabulary) idf[i] = Math.log((1 + n) / (1 + df.get(term)!)) + 1;
  const vectors = tokenized.map((toks) => {
    const counts = new Map<number, number>();
    for (const t of toks) {
      const i = vocabulary.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const entries = [...counts].sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(entries.length);
    const values = new Float64Array(entries.length);
    let norm = 0;
    entries.forEach(([i, c], k) => {
      indices[k] = i;
      values[k] = (options.sublinearTf ? 1 + Math.log(c) : c) * idf[i];
      norm += values[k] * values[k];
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;
    return { indices, values };
  });
  return { vocabulary, idf, vectors };
}
