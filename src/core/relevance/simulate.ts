/**
 * Replaying labelled screening decisions through the ranking, as ASReview's simulation mode does:
 * start from one random relevant and one random irrelevant record (the prior knowledge), then
 * always screen the highest-ranked record next and learn its label. Metrics leave the two prior
 * records out (as asreview-insights does by default).
 */
import { computeTfidf, type TfidfOptions } from './tfidf.js';
import { RelevanceRanker, type RankerOptions } from './ranker.js';
import { seededRandom, seededPermutation } from './random.js';

export interface LabelledDoc {
  text: string;
  label: 0 | 1;
}

export interface SimulationResult {
  /** Documents in screening order after the priors (indices into the input). */
  order: number[];
  /** The prior relevant and irrelevant documents. */
  priors: [number, number];
  /** Work saved over sampling at 95% recall, in [-0.05, 0.95]. */
  wss95: number;
  /** Share of relevant documents found after screening 10% of the documents. */
  recall10: number;
  /** Documents screened to reach 95% recall. */
  screenedAt95: number;
  relevant: number;
  /** With `estimateAt`: the model's estimate of relevant records left against the truth, at those shares screened. */
  estimates?: { share: number; estimated: number; actual: number }[];
}

/** WSS@95 and recall@10% of a screening order (labels in that order). */
export function computeOrderMetrics(labelsInOrder: readonly (0 | 1)[]): { wss95: number; recall10: number; screenedAt95: number; relevant: number } {
  const n = labelsInOrder.length;
  const relevant = labelsInOrder.reduce<number>((s, y) => s + y, 0);
  if (n === 0 || relevant === 0) return { wss95: 0, recall10: 0, screenedAt95: 0, relevant };
  const target = 0.95 * relevant;
  const tenth = Math.round(0.1 * n);
  let found = 0;
  let screenedAt95 = n;
  let foundAt10 = 0;
  for (let i = 0; i < n; i++) {
    found += labelsInOrder[i];
    if (i + 1 === tenth) foundAt10 = found;
    if (found >= target - 1e-9 && screenedAt95 === n) screenedAt95 = i + 1;
  }
  return { wss95: (n - screenedAt95) / n - 0.05, recall10: foundAt10 / relevant, screenedAt95, relevant };
}

/** One simulated relevance-ordered screening. Throws when a class has no example. */
export function simulateScreening(docs: readonly LabelledDoc[], options: RankerOptions & { seed?: number; features?: TfidfOptions; estimateAt?: number[] } = {}): SimulationResult {
  const seed = options.seed ?? 1;
  const rel = docs.flatMap((d, i) => (d.label === 1 ? [i] : []));
  const irr = docs.flatMap((d, i) => (d.label === 0 ? [i] : []));
  if (rel.length === 0 || irr.length === 0) throw new RangeError('need at least one relevant and one irrelevant record');
  const rand = seededRandom(seed);
  const priors: [number, number] = [rel[Math.floor(rand() * rel.length)], irr[Math.floor(rand() * irr.length)]];
  const tfidf = computeTfidf(docs.map((d) => d.text), options.features);
  const ranker = new RelevanceRanker(tfidf.vectors, tfidf.vocabulary.size, { ...options, seed });
  ranker.setLabel(priors[0], 1);
  ranker.setLabel(priors[1], 0);
  const pool = new Set(docs.map((_, i) => i));
  pool.delete(priors[0]);
  pool.delete(priors[1]);
  const order: number[] = [];
  const marks = [...(options.estimateAt ?? [])].sort((a, b) => a - b);
  const estimates: { share: number; estimated: number; actual: number }[] = [];
  let left = rel.length - 1;
  while (pool.size > 0) {
    const next = ranker.best(pool)!;
    pool.delete(next);
    order.push(next);
    ranker.setLabel(next, docs[next].label);
    left -= docs[next].label;
    while (marks.length > 0 && order.length >= marks[0] * (docs.length - 2)) {
      estimates.push({ share: marks.shift()!, estimated: ranker.estimateRelevantLeft() ?? NaN, actual: left });
    }
  }
  return { order, priors, ...computeOrderMetrics(order.map((i) => docs[i].label)), ...(options.estimateAt ? { estimates } : {}) };
}

/** The same metrics for a random screening order (the baseline), with the same priors rule. */
export function simulateRandomOrder(docs: readonly LabelledDoc[], seed = 1): SimulationResult {
  const rand = seededRandom(seed);
  const rel = docs.flatMap((d, i) => (d.label === 1 ? [i] : []));
  const irr = docs.flatMap((d, i) => (d.label === 0 ? [i] : []));
  const priors: [number, number] = [rel[Math.floor(rand() * rel.length)], irr[Math.floor(rand() * irr.length)]];
  const order = seededPermutation(docs.length, seed + 7919).filter((i) => i !== priors[0] && i !== priors[1]);
  return { order, priors, ...computeOrderMetrics(order.map((i) => docs[i].label)) };
}
