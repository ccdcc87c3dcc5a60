/**
 * Relevance ranking learned from the decisions so far, retrained after every decision.
 *
 * Models (`RankerOptions.model`):
 * - 'product' (default): naive Bayes (double balance) on title-weighted word TF-IDF, joined by a linear
 *   SVM on title-weighted word + word-pair TF-IDF as relevant examples accumulate; each model's
 *   scores are standardized over the records left and added with weights (PRODUCT_DEFAULTS).
 * - 'asreview-nb': ASReview v1's default (TF-IDF words, naive Bayes alpha 3.822, double balance).
 * - 'svm': linear SVM on word + word-pair sublinear TF-IDF, C 0.11, balanced classes (close to
 *   ASReview v2's default "elas_u4").
 * Ties are broken by a seeded permutation, so a seed gives one order.
 */
import { computeTfidf, type RelevanceDoc, type SparseVector, type TfidfOptions } from './tfidf.js';
import { LinearSvmLearner, NaiveBayesLearner, type Learner, type NaiveBayesOptions, type SvmOptions } from './learners.js';
import { seededPermutation } from './random.js';
import { estimateRemaining } from './estimate.js';

export type RankerModel = 'product' | 'asreview-nb' | 'svm';

export interface RankerOptions {
  model?: RankerModel;
  seed?: number;
  /** Product: weight of the naive Bayes scores beside the SVM's (1). */
  nbWeight?: number;
  /** Product: the SVM's weight grows as min(1, relevant labels / svmRamp): it needs examples, naive Bayes less so (0: full weight at once). */
  svmRamp?: number;
  svm?: SvmOptions;
  nb?: NaiveBayesOptions;
  /** Feature options per model part, over MODEL_FEATURES (for tuning). */
  features?: { svm?: TfidfOptions; nb?: TfidfOptions };
}

/** Feature sets per model part: `svm` for the SVM, `nb` for naive Bayes. */
export interface RankerFeatures {
  svm?: { vectors: readonly SparseVector[]; vocabSize: number; privateSqNorms?: Float64Array };
  nb?: { vectors: readonly SparseVector[]; vocabSize: number };
}

/** Features of each model part (see `RelevanceRanker.forDocs`). */
export const MODEL_FEATURES: Record<RankerModel, { svm?: TfidfOptions; nb?: TfidfOptions }> = {
  product: {
    svm: { bigrams: true, sublinearTf: true, titleWeight: 2, minDf: 1, maxDf: 0.95, dropPrivate: true },
    nb: { titleWeight: 2, minDf: 2 },
  },
  // ASReview v1: sklearn TfidfVectorizer(ngram_range=(1,1), stop_words='english')
  // (asreview/asreview asreview/models/feature_extraction/tfidf.py).
  'asreview-nb': { nb: { tokens: 'sklearn', minDf: 1 } },
  // ASReview v2 elas_u4: TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True, min_df=1, max_df=0.95).
  svm: { svm: { tokens: 'sklearn', bigrams: true, sublinearTf: true, minDf: 1, maxDf: 0.95, dropPrivate: true } },
};

/**
 * Product defaults, chosen on the labelled sets of test/bench/screening.mjs (tried: naive Bayes alone
 * with title weight 1-3, with word pairs, sklearn or folded tokens; SVM alone; SVM + naive Bayes with
 * weights 0.5-2 and the SVM's ramp 0, 10, 25; C 0.11 and 0.5).
 * Note: naive Bayes finds the first relevant records sooner (recall@10%); the SVM finds the last
 * ones sooner on some sets (Hamilton: WSS@95 +10 points) and later on others (Kitchenham: -5) when it
 * weighs as much; at half the weight it keeps most of the gain and little of the loss.
 */
export const PRODUCT_DEFAULTS = {
  svmRamp: 10,
  nbWeight: 2,
  svm: { C: 0.11, balanced: true } satisfies SvmOptions,
  nb: { alpha: 3.822, balance: 'double' } satisfies NaiveBayesOptions,
};

/** The feature sets of a model (they depend on the documents and options, not on the seed or the labels). */
export function computeRankerFeatures(docs: readonly (string | RelevanceDoc)[], options: Pick<RankerOptions, 'model' | 'features'> = {}): RankerFeatures {
  const spec = MODEL_FEATURES[options.model ?? 'product'];
  const features: RankerFeatures = {};
  for (const part of ['svm', 'nb'] as const) {
    if (!spec[part]) continue;
    const m = computeTfidf(docs, { ...spec[part], ...options.features?.[part] });
    features[part] = { vectors: m.vectors, vocabSize: m.vocabulary.size, ...(m.privateSqNorms ? { privateSqNorms: m.privateSqNorms } : {}) };
  }
  return features;
}

function isVectors(x: unknown): x is readonly SparseVector[] {
  return Array.isArray(x);
}

export class RelevanceRanker {
  readonly size: number;
  private readonly learners: { learner: Learner; weight: number; ramp?: number }[] = [];
  private readonly labels: Int8Array;
  private readonly counts: [number, number] = [0, 0];
  /** Labelled documents in the order they were labelled (for the estimate of what is left). */
  private readonly history: number[] = [];
  private readonly tieRank: Int32Array;
  private fitted = false;

  /** One feature set for every model part (the caller's TF-IDF), or a set per part. */
  constructor(vectors: readonly SparseVector[], vocabSize: number, options?: RankerOptions);
  constructor(features: RankerFeatures, options?: RankerOptions);
  constructor(a: readonly SparseVector[] | RankerFeatures, b?: number | RankerOptions, c?: RankerOptions) {
    const features: RankerFeatures = isVectors(a) ? { svm: { vectors: a, vocabSize: b as number }, nb: { vectors: a, vocabSize: b as number } } : a;
    const options: RankerOptions = (isVectors(a) ? c : (b as RankerOptions | undefined)) ?? {};
    const model = options.model ?? 'product';
    const seed = options.seed ?? 1;
    const any = features.svm ?? features.nb;
    if (!any) throw new RangeError('no features');
    this.size = any.vectors.length;
    if (model === 'asreview-nb') this.learners.push({ learner: new NaiveBayesLearner(features.nb!.vectors, features.nb!.vocabSize, { alpha: 3.822, balance: 'double', ...options.nb }), weight: 1 });
    else if (model === 'svm') this.learners.push({ learner: new LinearSvmLearner(features.svm!.vectors, features.svm!.vocabSize, { C: 0.11, balanced: true, seed, privateSqNorms: features.svm!.privateSqNorms, ...options.svm }), weight: 1 });
    else {
      this.learners.push({ learner: new LinearSvmLearner(features.svm!.vectors, features.svm!.vocabSize, { ...PRODUCT_DEFAULTS.svm, seed, privateSqNorms: features.svm!.privateSqNorms, ...options.svm }), weight: 1, ramp: options.svmRamp ?? PRODUCT_DEFAULTS.svmRamp });
      const nbWeight = options.nbWeight ?? PRODUCT_DEFAULTS.nbWeight;
      if (nbWeight > 0) this.learners.push({ learner: new NaiveBayesLearner(features.nb!.vectors, features.nb!.vocabSize, { ...PRODUCT_DEFAULTS.nb, ...options.nb }), weight: nbWeight });
    }
    this.labels = new Int8Array(this.size).fill(-1);
    this.tieRank = new Int32Array(this.size);
    seededPermutation(this.size, seed).forEach((doc, rank) => (this.tieRank[doc] = rank));
  }

  /** A ranker with the features its model wants, built from the documents' parts (or given, computed once by `computeRankerFeatures`). */
  static forDocs(docs: readonly (string | RelevanceDoc)[], options: RankerOptions = {}, features = computeRankerFeatures(docs, options)): RelevanceRanker {
    return new RelevanceRanker(features, options);
  }

  /** Label a document (or relabel it, -1: unlabelled); the model is up to date on the next ranking. */
  setLabel(doc: number, label: 0 | 1 | -1): void {
    const old = this.labels[doc];
    if (old === label) return;
    if (old !== -1) {
      this.counts[old as 0 | 1]--;
      this.history.splice(this.history.indexOf(doc), 1);
    }
    if (label !== -1) {
      this.counts[label]++;
      this.history.push(doc);
    }
    this.labels[doc] = label;
    for (const { learner } of this.learners) learner.setLabel(doc, label);
    this.fitted = false;
  }

  label(doc: number): -1 | 0 | 1 {
    return this.labels[doc] as -1 | 0 | 1;
  }

  /** Relevant and irrelevant labels so far. */
  labelCounts(): { relevant: number; irrelevant: number } {
    return { relevant: this.counts[1], irrelevant: this.counts[0] };
  }

  /** The model needs at least one example of each class. */
  get ready(): boolean {
    return this.counts[0] > 0 && this.counts[1] > 0;
  }

  private fit(): void {
    if (this.fitted) return;
    for (const { learner } of this.learners) learner.fit();
    this.fitted = true;
  }

  /** Combined scores of the documents given (each model standardized over them), higher first. */
  scores(docs: readonly number[]): Float64Array {
    const out = new Float64Array(docs.length);
    if (!this.ready) return out;
    this.fit();
    if (this.learners.length === 1) {
      const l = this.learners[0].learner;
      for (let i = 0; i < docs.length; i++) out[i] = l.score(docs[i]);
      return out;
    }
    const s = new Float64Array(docs.length);
    for (const { learner, weight: w0, ramp } of this.learners) {
      const weight = ramp ? w0 * Math.min(1, this.counts[1] / ramp) : w0;
      let mean = 0;
      for (let i = 0; i < docs.length; i++) mean += s[i] = learner.score(docs[i]);
      mean /= docs.length || 1;
      let v = 0;
      for (let i = 0; i < docs.length; i++) v += (s[i] - mean) ** 2;
      const sd = Math.sqrt(v / (docs.length || 1)) || 1;
      for (let i = 0; i < docs.length; i++) out[i] += (weight * (s[i] - mean)) / sd;
    }
    return out;
  }

  /** The documents given, most likely relevant first (ties: seeded order). */
  rank(docs: readonly number[]): number[] {
    if (!this.ready) return [...docs];
    const s = this.scores(docs);
    const idx = docs.map((_, i) => i);
    idx.sort((a, b) => s[b] - s[a] || this.tieRank[docs[a]] - this.tieRank[docs[b]]);
    return idx.map((i) => docs[i]);
  }

  /** The single most likely relevant document among `docs` (faster than a full rank). */
  best(docs: Iterable<number>): number | undefined {
    const list = [...docs];
    if (list.length === 0) return undefined;
    const s = this.scores(list);
    let best = 0;
    for (let i = 1; i < list.length; i++) if (s[i] > s[best] || (s[i] === s[best] && this.tieRank[list[i]] < this.tieRank[list[best]])) best = i;
    return list[best];
  }

  /**
   * Estimated relevant documents among the unlabelled, from the labels in the order they were set
   * (`estimateRemaining`: an exclusion never raises it); undefined until it means something.
   */
  estimateRelevantLeft(): number | undefined {
    const e = estimateRemaining({ total: this.size, history: this.history.map((d) => ({ relevant: this.labels[d] === 1, random: false })) });
    return 'value' in e ? e.value : undefined;
  }
}
