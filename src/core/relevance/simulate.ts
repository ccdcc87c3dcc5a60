/**
 * Replaying labelled screening decisions through the ranking, as ASReview's simulation mode does:
 * start from one random relevant and one random irrelevant record (the prior knowledge), then
 * always screen the highest-ranked record next, learn its label and retrain. Metrics leave the two
 * prior records out (as asreview-insights does by default).
 *
 * Besides the order's metrics it replays the stopping rule (stopping.ts: relevance order until the
 * switch, then a seeded random sample of the rest until the target is reached) and the estimate of
 * relevant records left (estimate.ts) against the truth.
 */
import type { RelevanceDoc } from './tfidf.js';
import { RelevanceRanker, type RankerFeatures, type RankerOptions } from './ranker.js';
import { seededRandom, seededPermutation } from './random.js';
import { computeStopping, DEFAULT_CONFIDENCE, DEFAULT_RECALL_TARGET, type ScreenedRecord, type StoppingOptions } from './stopping.js';
import { estimateRemaining, type EstimateNotYet } from './estimate.js';

export interface LabelledDoc extends RelevanceDoc {
  label: 0 | 1;
}

/** Shares screened at which recall is reported. */
export const RECALL_AT = [0.05, 0.1, 0.2, 0.3] as const;
/** Shares screened at which the estimate of relevant records left is compared with the truth. */
export const ESTIMATE_AT = [0.1, 0.25, 0.5] as const;

export interface OrderMetrics {
  /** Work saved over sampling at 95% / 100% recall: (n - screened) / n - (1 - recall). */
  wss95: number;
  wss100: number;
  /** Share of the relevant found after screening 5/10/20/30% (keys '5', '10', '20', '30'). */
  recallAt: Record<string, number>;
  /** Compatibility: recallAt['10']. */
  recall10: number;
  /** Mean number of records screened when each relevant one was found (ASReview insights' time to discovery). */
  atd: number;
  /** atd as a share of the records. */
  atdShare: number;
  screenedAt95: number;
  screenedAt100: number;
  relevant: number;
}

export interface EstimatePoint {
  share: number;
  /** Records screened (the priors included). */
  screened: number;
  /** The estimate, or null with the reason code. */
  estimated: number | null;
  notYet?: EstimateNotYet;
  actual: number;
}

export interface StopResult {
  /** Records screened in relevance order before the switch (the priors included); the whole set when it never came. */
  switchedAt: number;
  /** Records screened when the rule said stop (the priors included); total when it never did. */
  screened: number;
  reached: boolean;
  pValue: number | null;
  /** Relevant found at the stop / all relevant (the prior included). */
  recall: number;
  /** 1 - screened / total. */
  workSaved: number;
}

export interface SimulationResult extends OrderMetrics {
  /** Documents in screening order after the priors (indices into the input). */
  order: number[];
  /** The prior relevant and irrelevant documents. */
  priors: [number, number];
  stop: StopResult;
  estimates: EstimatePoint[];
}

/** The metrics of a screening order (labels in that order). */
export function computeOrderMetrics(labelsInOrder: readonly (0 | 1)[]): OrderMetrics {
  const n = labelsInOrder.length;
  const relevant = labelsInOrder.reduce<number>((s, y) => s + y, 0);
  const recallAt: Record<string, number> = {};
  if (n === 0 || relevant === 0) {
    for (const s of RECALL_AT) recallAt[String(Math.round(s * 100))] = 0;
    return { wss95: 0, wss100: 0, recallAt, recall10: 0, atd: 0, atdShare: 0, screenedAt95: 0, screenedAt100: 0, relevant };
  }
  const cut = RECALL_AT.map((s) => Math.round(s * n));
  const target = 0.95 * relevant;
  let found = 0;
  let screenedAt95 = n;
  let screenedAt100 = n;
  let tdSum = 0;
  for (let i = 0; i < n; i++) {
    if (labelsInOrder[i]) {
      found++;
      tdSum += i + 1;
    }
    cut.forEach((c, k) => {
      if (i + 1 === c) recallAt[String(Math.round(RECALL_AT[k] * 100))] = found / relevant;
    });
    if (found >= target - 1e-9 && screenedAt95 === n) screenedAt95 = i + 1;
    if (found === relevant && screenedAt100 === n) screenedAt100 = i + 1;
  }
  cut.forEach((c, k) => {
    if (c === 0) recallAt[String(Math.round(RECALL_AT[k] * 100))] = 0;
  });
  const atd = tdSum / relevant;
  return {
    wss95: (n - screenedAt95) / n - 0.05,
    wss100: (n - screenedAt100) / n,
    recallAt,
    recall10: recallAt['10'],
    atd,
    atdShare: atd / n,
    screenedAt95,
    screenedAt100,
    relevant,
  };
}

export interface SimulationOptions extends RankerOptions {
  seed?: number;
  stopping?: StoppingOptions;
  /** Shares screened for the estimate trace (default ESTIMATE_AT). */
  estimateAt?: readonly number[];
  /** Features computed once for several seeds (computeRankerFeatures with the same options). */
  precomputed?: RankerFeatures;
}

function drawPriors(docs: readonly LabelledDoc[], seed: number): [number, number] {
  const rel = docs.flatMap((d, i) => (d.label === 1 ? [i] : []));
  const irr = docs.flatMap((d, i) => (d.label === 0 ? [i] : []));
  if (rel.length === 0 || irr.length === 0) throw new RangeError('need at least one relevant and one irrelevant record');
  const rand = seededRandom(seed);
  return [rel[Math.floor(rand() * rel.length)], irr[Math.floor(rand() * irr.length)]];
}

/** The stopping rule replayed on a relevance order: switch when it says so, then a seeded random sample. */
export function simulateStopping(docs: readonly LabelledDoc[], priors: [number, number], order: readonly number[], seed: number, options: StoppingOptions = {}): StopResult {
  const total = docs.length;
  const relevantTotal = docs.reduce((s, d) => s + d.label, 0);
  const history: ScreenedRecord[] = priors.map((p) => ({ relevant: docs[p].label === 1, random: false }));
  let found = history.filter((h) => h.relevant).length;
  let k = 0;
  let status = computeStopping({ total, history }, options);
  while (k < order.length && status.phase === 'ranked') {
    const d = order[k++];
    history.push({ relevant: docs[d].label === 1, random: false });
    found += docs[d].label;
    status = computeStopping({ total, history }, options);
  }
  const switchedAt = history.length;
  if (status.phase === 'switch') {
    const rest = order.slice(k);
    const perm = seededPermutation(rest.length, seed + 104729);
    for (const j of perm) {
      const d = rest[j];
      history.push({ relevant: docs[d].label === 1, random: true });
      found += docs[d].label;
      status = computeStopping({ total, history }, options);
      if (status.reached) break;
    }
  }
  const screened = history.length;
  return { switchedAt, screened, reached: status.reached, pValue: status.pValue ?? null, recall: found / relevantTotal, workSaved: 1 - screened / total };
}

/** One simulated relevance-ordered screening. Throws when a class has no example. */
export function simulateScreening(docs: readonly LabelledDoc[], options: SimulationOptions = {}): SimulationResult {
  const seed = options.seed ?? 1;
  const priors = drawPriors(docs, seed);
  const ranker = RelevanceRanker.forDocs(docs, { ...options, seed }, options.precomputed);
  ranker.setLabel(priors[0], 1);
  ranker.setLabel(priors[1], 0);
  const pool = new Set(docs.map((_, i) => i));
  pool.delete(priors[0]);
  pool.delete(priors[1]);
  const order: number[] = [];
  let left = docs.reduce((s, d) => s + d.label, 0) - 1;
  // Note: once every relevant record is found the rest are all irrelevant and their order changes
  // no metric, so they follow in seeded order without retraining.
  while (pool.size > 0 && left > 0) {
    const next = ranker.best(pool)!;
    pool.delete(next);
    order.push(next);
    ranker.setLabel(next, docs[next].label);
    left -= docs[next].label;
  }
  const rest = [...pool];
  for (const j of seededPermutation(rest.length, seed + 7919)) order.push(rest[j]);

  const total = docs.length;
  const history: ScreenedRecord[] = [...priors, ...order].map((d) => ({ relevant: docs[d].label === 1, random: false }));
  const relevantTotal = docs.reduce((s, d) => s + d.label, 0);
  const estimates = (options.estimateAt ?? ESTIMATE_AT).map((share): EstimatePoint => {
    const screened = Math.min(total, Math.max(2, Math.round(share * total)));
    const h = history.slice(0, screened);
    const actual = relevantTotal - h.filter((x) => x.relevant).length;
    const e = estimateRemaining({ total, history: h });
    return 'value' in e ? { share, screened, estimated: e.value, actual } : { share, screened, estimated: null, notYet: e.notYet, actual };
  });
  const stop = simulateStopping(docs, priors, order, seed, options.stopping);
  return { order, priors, ...computeOrderMetrics(order.map((i) => docs[i].label)), stop, estimates };
}

/** The same metrics for a random screening order (the baseline), with the same priors rule. */
export function simulateRandomOrder(docs: readonly LabelledDoc[], seed = 1): OrderMetrics & { order: number[]; priors: [number, number] } {
  const priors = drawPriors(docs, seed);
  const order = seededPermutation(docs.length, seed + 7919).filter((i) => i !== priors[0] && i !== priors[1]);
  return { order, priors, ...computeOrderMetrics(order.map((i) => docs[i].label)) };
}

/** What `review simulate` reports: one seeded run of a model beside random order, without the order itself. */
export interface SimulationReport extends OrderMetrics {
  records: number;
  seed: number;
  model: string;
  /** Records ranked after the two priors. */
  orderLength: number;
  priors: [number, number];
  recallTarget: number;
  confidence: number;
  stop: StopResult;
  estimates: EstimatePoint[];
  random: OrderMetrics;
}

/** Run the simulation and the random-order baseline for `review simulate`. */
export function computeSimulationReport(docs: readonly LabelledDoc[], options: SimulationOptions = {}): SimulationReport {
  const seed = options.seed ?? 1;
  const r = simulateScreening(docs, options);
  const { order: _o, priors: _p, ...random } = simulateRandomOrder(docs, seed);
  const { order, ...rest } = r;
  return {
    ...rest,
    records: docs.length,
    relevant: r.relevant + 1,
    seed,
    model: options.model ?? 'product',
    orderLength: order.length,
    recallTarget: options.stopping?.recallTarget ?? DEFAULT_RECALL_TARGET,
    confidence: options.stopping?.confidence ?? DEFAULT_CONFIDENCE,
    random,
  };
}
