/**
 * Agreement between two reviewers: raw agreement and Cohen's kappa, with the Landis & Koch band.
 * At title/abstract include and maybe count as the same answer ("pass"), as they do for conflicts.
 */
import type { Stage } from './events.js';
import { agreementClass, type ScreeningState } from './state.js';

/** Landis & Koch (1977) bands. */
export type KappaBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost-perfect';

export interface KappaResult {
  /** Records both reviewers decided. */
  n: number;
  /** Observed agreement p_o in [0, 1]. */
  observed: number;
  /** Agreement expected by chance p_e. */
  expected: number;
  /** (p_o - p_e) / (1 - p_e); null when p_e is 1 (both gave one same answer to everything). */
  kappa: number | null;
  band: KappaBand | null;
}

/** Cohen's kappa over paired answers (any categories). */
export function computeKappa(pairs: ReadonlyArray<readonly [string, string]>): KappaResult {
  const n = pairs.length;
  if (n === 0) return { n: 0, observed: 0, expected: 0, kappa: null, band: null };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agreed = 0;
  for (const [x, y] of pairs) {
    if (x === y) agreed++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const observed = agreed / n;
  let expected = 0;
  for (const [cat, count] of a) expected += (count / n) * ((b.get(cat) ?? 0) / n);
  if (expected >= 1 - 1e-12) return { n, observed, expected, kappa: null, band: null };
  const kappa = (observed - expected) / (1 - expected);
  return { n, observed, expected, kappa, band: kappaBand(kappa) };
}

/** Landis & Koch: < 0 poor, 0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, 0.61-0.80 substantial, 0.81-1 almost perfect. */
export function kappaBand(kappa: number): KappaBand {
  const k = Math.round(kappa * 100) / 100;
  if (k < 0) return 'poor';
  if (k <= 0.2) return 'slight';
  if (k <= 0.4) return 'fair';
  if (k <= 0.6) return 'moderate';
  if (k <= 0.8) return 'substantial';
  return 'almost-perfect';
}

export interface PairAgreement extends KappaResult {
  stage: Stage;
  reviewers: [string, string];
  /** Records decided by both reviewers with the same answer. */
  agreed: number;
  /** Records only one of the two decided. */
  onlyOne: number;
}

/** Agreement of every pair of named reviewers at a stage (usually one pair). */
export function computeAgreement(state: ScreeningState, stage: Stage): PairAgreement[] {
  const reviewers = state.reviewers[stage];
  const out: PairAgreement[] = [];
  for (let i = 0; i < reviewers.length; i++) {
    for (let j = i + 1; j < reviewers.length; j++) {
      const [ra, rb] = [reviewers[i], reviewers[j]];
      const pairs: [string, string][] = [];
      let onlyOne = 0;
      for (const perReviewer of state.byReviewer[stage].values()) {
        const da = perReviewer.get(ra);
        const db = perReviewer.get(rb);
        if (da && db) pairs.push([agreementClass(stage, da.decision), agreementClass(stage, db.decision)]);
        else if (da || db) onlyOne++;
      }
      const k = computeKappa(pairs);
      out.push({ ...k, stage, reviewers: [ra, rb], agreed: pairs.filter(([x, y]) => x === y).length, onlyOne });
    }
  }
  return out;
}
