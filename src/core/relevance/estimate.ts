/**
 * How many relevant records are probably left among those not yet screened, from the screening
 * history alone (no model scores, so retraining cannot make it jump).
 *
 * Every recent stretch of the history (each suffix of at least `minWindow` records) gives a rate of
 * relevant records, (relevant + 1/2) / (size + 1) (Jeffreys' prior keeps a stretch with none from
 * saying zero); the estimate is the smallest rate times the records left. In relevance order the
 * records left are less likely relevant than the ones just screened, so each rate errs high and
 * the smallest errs least; in a random sample (after the stopping rule's switch) the sample's rate
 * is unbiased.
 *
 * An exclusion never raises it: it lowers every stretch's rate, adds no stretch with a higher rate
 * than one already there, and leaves one record fewer. Until it means something it is not given,
 * with a reason code: 'NO_RELEVANT_YET' (nothing to measure a rate against) or 'TOO_FEW_SCREENED'
 * (fewer than `minScreened` records screened: the first stretch says more about the ranking than about
 * what is left) or 'STILL_FINDING' (no recent stretch has yielded a quarter of the rate of the
 * screening so far: the ranking is still finding relevant records as fast as ever, and the estimate would only
 * repeat that rate). Once given, an exclusion does not take it back: it lowers the best stretch's
 * rate at least as much as the rate so far.
 */
import type { StoppingInput } from './stopping.js';

export interface EstimateOptions {
  /** Records to screen before an estimate is given. Default: 5% of the records, at least 50 (20% of a set under 250). */
  minScreened?: number;
  /**
   * 'STILL_FINDING' until the best stretch's rate is at most this share of the rate so far. Default
   * 0.25: at 0.5 the estimate at 10% screened was shown 5-10x too high on Kwok and ADHD (bench);
   * 0.15 hid it at 50% too.
   */
  stillFindingRatio?: number;
  /** Shortest stretch whose rate counts. Default: 2% of the records, at least 5 and at most 25. */
  minWindow?: number;
}

export type EstimateNotYet = 'NO_RELEVANT_YET' | 'TOO_FEW_SCREENED' | 'STILL_FINDING';

export type RemainingEstimate =
  | {
      /** Estimated relevant records among those left (not rounded). */
      value: number;
      /** Records left unscreened. */
      left: number;
      /** The stretch that gave the rate: its size and relevant records. */
      window: { size: number; relevant: number };
    }
  | {
      notYet: EstimateNotYet;
      /** With 'TOO_FEW_SCREENED': records still to screen before an estimate. */
      needed?: number;
    };

/** Records to screen before `estimateRemaining` gives a value. */
export function minScreenedFor(total: number): number {
  return Math.max(Math.ceil(0.05 * total), Math.min(50, Math.ceil(0.2 * total)));
}

/** The estimate of relevant records left (or why not yet). */
export function estimateRemaining(input: StoppingInput, options: EstimateOptions = {}): RemainingEstimate {
  const { total, history } = input;
  const screened = history.length;
  if (total < screened) throw new RangeError(`total ${total} is smaller than the ${screened} records screened`);
  const minScreened = Math.min(total, options.minScreened ?? minScreenedFor(total));
  const minWindow = Math.max(1, options.minWindow ?? Math.max(5, Math.min(25, Math.ceil(0.02 * total))));
  if (!history.some((h) => h.relevant)) return { notYet: 'NO_RELEVANT_YET' };
  if (screened < minScreened) return { notYet: 'TOO_FEW_SCREENED', needed: minScreened - screened };
  const left = total - screened;
  let best = { rate: Infinity, size: 0, relevant: 0 };
  let relevant = 0;
  for (let start = screened - 1; start >= 0; start--) {
    if (history[start].relevant) relevant++;
    const size = screened - start;
    if (size < Math.min(minWindow, screened)) continue;
    const rate = (relevant + 0.5) / (size + 1);
    if (rate < best.rate) best = { rate, size, relevant };
  }
  const found = relevant;
  if (best.rate > ((options.stillFindingRatio ?? 0.25) * found) / screened) return { notYet: 'STILL_FINDING' };
  return { value: best.rate * left, left, window: { size: best.size, relevant: best.relevant } };
}
