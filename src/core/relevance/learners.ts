/**
 * Linear text classifiers for relevance ranking, each retrained after every decision cheaply:
 * naive Bayes keeps per-class sums (training is O(vocabulary)); the SVM is solved by dual
 * coordinate descent warm-started from the previous solution (a few passes over the labelled
 * records instead of a fit from scratch).
 */
import type { SparseVector } from './tfidf.js';
import { seededRandom } from './random.js';

/** A classifier over fixed document vectors; labels change one at a time. */
export interface Learner {
  /** Label a document: 1 relevant, 0 irrelevant, -1 unlabelled. */
  setLabel(doc: number, label: -1 | 0 | 1): void;
  /** Bring the model up to date with the labels (cheap when nothing changed). */
  fit(): void;
  /** Higher: more likely relevant (after `fit`). */
  score(doc: number): number;
}

function dot(w: Float64Array, v: SparseVector): number {
  let s = 0;
  for (let k = 0; k < v.indices.length; k++) s += w[v.indices[k]] * v.values[k];
  return s;
}

/** Labels and per-class feature sums, shared by the learners. */
class LabelStore {
  readonly labels: Int8Array;
  readonly counts: [number, number] = [0, 0];
  constructor(size: number) {
    this.labels = new Int8Array(size).fill(-1);
  }
}

export type NaiveBayesBalance = 'double' | 'power';

export interface NaiveBayesOptions {
  alpha?: number;
  /**
   * 'double': ASReview v1's double balance in expectation (asreview/asreview
   * asreview/models/balance/double.py: a 2.155, alpha 0.94, b 0.789, beta 1; the relevant records
   * are copied and the irrelevant ones sampled to those shares, here weighted instead of drawn).
   * 'power': the relevant class's sums scaled by balanceScale * (irrelevant mass / relevant mass)^balancePower.
   */
  balance?: NaiveBayesBalance;
  balancePower?: number;
  balanceScale?: number;
}

/**
 * Multinomial naive Bayes on TF-IDF weights as sklearn's MultinomialNB computes it (ASReview's "nb",
 * asreview/models/classifiers/nb.py, alpha 3.822): log((N_ct + alpha) / (N_c + alpha V)) per class and
 * term; the score is the log-odds of the relevant class.
 */
export class NaiveBayesLearner implements Learner {
  private readonly store: LabelStore;
  private readonly sums: [Float64Array, Float64Array];
  private readonly totals: [number, number] = [0, 0];
  private readonly V: number;
  private weights = new Float64Array(0);
  private bias = 0;
  private stale = true;
  private readonly opts: Required<NaiveBayesOptions>;

  constructor(
    private readonly vectors: readonly SparseVector[],
    vocabSize: number,
    options: NaiveBayesOptions = {},
  ) {
    this.V = Math.max(1, vocabSize);
    this.store = new LabelStore(vectors.length);
    this.sums = [new Float64Array(this.V), new Float64Array(this.V)];
    this.opts = { alpha: 3.822, balance: 'double', balancePower: 1.5, balanceScale: 2, ...options };
  }

  setLabel(doc: number, label: -1 | 0 | 1): void {
    const old = this.store.labels[doc];
    if (old === label) return;
    if (old !== -1) this.add(doc, old as 0 | 1, -1);
    if (label !== -1) this.add(doc, label, 1);
    this.store.labels[doc] = label;
    this.stale = true;
  }

  private add(doc: number, label: 0 | 1, sign: 1 | -1): void {
    const v = this.vectors[doc];
    const s = this.sums[label];
    for (let k = 0; k < v.indices.length; k++) {
      s[v.indices[k]] += sign * v.values[k];
      this.totals[label] += sign * v.values[k];
    }
    this.store.counts[label] += sign;
  }

  /** Class multipliers (m0, m1) and the class counts for the prior (c0, c1). */
  private balance(): { m0: number; m1: number; c0: number; c1: number } {
    const [n0, n1] = this.store.counts;
    if (n0 === 0 || n1 === 0) return { m0: 1, m1: 1, c0: Math.max(n0, 1e-9), c1: Math.max(n1, 1e-9) };
    if (this.opts.balance === 'double') {
      const n = n0 + n1;
      const oneWeight = 2.155 * Math.pow(n1 / n0, -0.94);
      const zeroWeight = 1 - (1 - 0.789) * Math.pow(1 + Math.log(n), -1);
      const ones = Math.max(1, Math.min(n - 2, (oneWeight * n1 * n) / (oneWeight * n1 + zeroWeight * n0)));
      const zeros = n - ones;
      return { m0: zeros / n0, m1: ones / n1, c0: zeros, c1: ones };
    }
    const [t0, t1] = this.totals;
    const r = t0 > 0 && t1 > 0 ? this.opts.balanceScale * Math.pow(t0 / t1, this.opts.balancePower) : 1;
    // Note: this variant keeps no class prior (the scaled sums carry the balance).
    return { m0: 1, m1: r, c0: 1, c1: 1 };
  }

  fit(): void {
    if (!this.stale) return;
    const { alpha } = this.opts;
    const { m0, m1, c0, c1 } = this.balance();
    const [s0, s1] = this.sums;
    if (this.weights.length !== this.V) this.weights = new Float64Array(this.V);
    const w = this.weights;
    const norm1 = Math.log(m1 * this.totals[1] + alpha * this.V);
    const norm0 = Math.log(m0 * this.totals[0] + alpha * this.V);
    for (let t = 0; t < this.V; t++) w[t] = Math.log(m1 * s1[t] + alpha) - Math.log(m0 * s0[t] + alpha) - norm1 + norm0;
    this.bias = Math.log(c1) - Math.log(c0);
    this.stale = false;
  }

  score(doc: number): number {
    return this.bias + dot(this.weights, this.vectors[doc]);
  }
}

export interface SvmOptions {
  /** Regularization (sklearn LinearSVC's C). */
  C?: number;
  /** Weigh each class by n / (2 n_class) (sklearn class_weight='balanced'). */
  balanced?: boolean;
  /** Passes over the labelled records per fit once warm (the first fit does `firstEpochs`). */
  epochs?: number;
  firstEpochs?: number;
  /**
   * Once warm, a fit visits the records labelled since the last fit and the next `chunk` of the
   * others in a rotating order, so every record is revisited every labelled/chunk fits (0: all, every fit).
   */
  chunk?: number;
  seed?: number;
  /** Squared weight of each document's own terms left out of its vector (TfidfModel.privateSqNorms). */
  privateSqNorms?: Float64Array;
}

/**
 * Linear SVM with squared hinge loss and an L2 penalty on weights and bias (sklearn LinearSVC's
 * defaults, solved as liblinear does: dual coordinate descent, Hsieh et al. 2008, with the bias as a
 * constant feature 1). The dual variables of the records already labelled are kept between fits, so
 * after one more label a few passes bring it back near the optimum.
 */
export class LinearSvmLearner implements Learner {
  private readonly store: LabelStore;
  private readonly w: Float64Array;
  private readonly alpha: Float64Array;
  private readonly sqNorm: Float64Array;
  private readonly labelled: number[] = [];
  private readonly opts: Required<Omit<SvmOptions, 'privateSqNorms'>>;
  private readonly privateSq: Float64Array | undefined;
  private readonly rand: () => number;
  private stale = true;
  private fits = 0;
  private fresh: number[] = [];
  private cursor = 0;
  private readonly biasIndex: number;

  constructor(
    private readonly vectors: readonly SparseVector[],
    vocabSize: number,
    options: SvmOptions = {},
  ) {
    this.store = new LabelStore(vectors.length);
    this.biasIndex = vocabSize;
    this.w = new Float64Array(vocabSize + 1);
    this.alpha = new Float64Array(vectors.length);
    this.sqNorm = new Float64Array(vectors.length);
    vectors.forEach((v, i) => {
      let s = 1 + (options.privateSqNorms?.[i] ?? 0); // the bias feature and the private terms
      for (let k = 0; k < v.values.length; k++) s += v.values[k] * v.values[k];
      this.sqNorm[i] = s;
    });
    this.privateSq = options.privateSqNorms;
    const { privateSqNorms: _, ...rest } = options;
    this.opts = { C: 0.11, balanced: true, epochs: 1, firstEpochs: 10, chunk: 100, seed: 1, ...rest };
    this.rand = seededRandom(this.opts.seed ^ 0x5f3759df);
  }

  setLabel(doc: number, label: -1 | 0 | 1): void {
    const old = this.store.labels[doc];
    if (old === label) return;
    if (old !== -1) {
      // Take the record's part out of w before it changes or leaves.
      this.update(doc, old === 1 ? 1 : -1, -this.alpha[doc]);
      this.alpha[doc] = 0;
      this.store.counts[old as 0 | 1]--;
      if (label === -1) this.labelled.splice(this.labelled.indexOf(doc), 1);
    } else {
      this.labelled.push(doc);
      this.fresh.push(doc);
    }
    if (label !== -1) this.store.counts[label]++;
    this.store.labels[doc] = label;
    this.stale = true;
  }

  private update(doc: number, y: 1 | -1, delta: number): void {
    const v = this.vectors[doc];
    const d = delta * y;
    for (let k = 0; k < v.indices.length; k++) this.w[v.indices[k]] += d * v.values[k];
    this.w[this.biasIndex] += d;
  }

  fit(): void {
    if (!this.stale) return;
    const [n0, n1] = this.store.counts;
    const n = n0 + n1;
    const { C, balanced } = this.opts;
    const c1 = balanced && n1 > 0 ? (C * n) / (2 * n1) : C;
    const c0 = balanced && n0 > 0 ? (C * n) / (2 * n0) : C;
    const all = this.labelled;
    const { chunk } = this.opts;
    let order = all;
    if (this.fits > 0 && chunk > 0 && all.length > chunk + this.fresh.length) {
      order = [...this.fresh];
      for (let k = 0; k < chunk; k++) order.push(all[(this.cursor + k) % all.length]);
      this.cursor = (this.cursor + chunk) % all.length;
    }
    this.fresh = [];
    const epochs = this.fits === 0 ? this.opts.firstEpochs : this.opts.epochs;
    for (let e = 0; e < epochs; e++) {
      // Seeded shuffle each pass (liblinear permutes too).
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(this.rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let maxPg = 0;
      for (const i of order) {
        const y = this.store.labels[i] === 1 ? 1 : -1;
        const D = 1 / (2 * (y === 1 ? c1 : c0));
        const a = this.alpha[i];
        // Note: a document's private terms carry weight alpha_i y_i x_it in w and touch no other document,
        // so their share of its own margin is alpha_i times their squared weight.
        const own = this.privateSq ? a * this.privateSq[i] : 0;
        const G = y * (dot(this.w, this.vectors[i]) + this.w[this.biasIndex]) + own - 1 + D * a;
        const pg = a === 0 ? Math.min(G, 0) : G;
        if (pg === 0) continue;
        maxPg = Math.max(maxPg, Math.abs(pg));
        const next = Math.max(a - G / (this.sqNorm[i] + D), 0);
        if (next !== a) {
          this.update(i, y, next - a);
          this.alpha[i] = next;
        }
      }
      if (maxPg < 1e-3) break;
    }
    this.fits++;
    this.stale = false;
  }

  score(doc: number): number {
    return dot(this.w, this.vectors[doc]) + this.w[this.biasIndex];
  }
}
