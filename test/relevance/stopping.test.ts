import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hypergeometricCdf } from '../../src/core/relevance/hypergeometric.js';
import { computeStopping, relevantUnderH0, type ScreenedRecord } from '../../src/core/relevance/stopping.js';
import { estimateRemaining } from '../../src/core/relevance/estimate.js';

const ranked = (labels: string): ScreenedRecord[] => [...labels].map((c) => ({ relevant: c === '1', random: false }));
const random = (labels: string): ScreenedRecord[] => [...labels].map((c) => ({ relevant: c === '1', random: true }));

describe('hypergeometric cdf', () => {
  it('matches hand-computed binomial ratios', () => {
    // 10 items, 2 marked, draw 3: P(0) = C(8,3)/C(10,3) = 56/120; P(<=1) adds 2*C(8,2)/120 = 56/120.
    expect(hypergeometricCdf(0, 10, 2, 3)).toBeCloseTo(56 / 120, 12);
    expect(hypergeometricCdf(1, 10, 2, 3)).toBeCloseTo(112 / 120, 12);
    expect(hypergeometricCdf(2, 10, 2, 3)).toBe(1);
    // 9 items, 4 marked, draw 4: P(<=1) = (C(5,4) + 4*C(5,3)) / C(9,4) = 45/126.
    expect(hypergeometricCdf(1, 9, 4, 4)).toBeCloseTo(45 / 126, 12);
    // Impossible to draw fewer than draws - unmarked marked ones.
    expect(hypergeometricCdf(0, 5, 4, 3)).toBe(0);
  });

  it('stays accurate for large urns (sums to 1 over the support)', () => {
    let prev = 0;
    for (let k = 0; k <= 40; k++) {
      const c = hypergeometricCdf(k, 2500, 40, 900);
      expect(c).toBeGreaterThanOrEqual(prev);
      prev = c;
    }
    expect(prev).toBeCloseTo(1, 10);
  });

  it('rejects arguments outside the urn', () => {
    expect(() => hypergeometricCdf(0, 10, 11, 3)).toThrow(RangeError);
  });
});

describe('stopping rule (Callaghan & Müller-Hansen 2020)', () => {
  it('counts the relevant records H0 needs, target met exactly is not H0', () => {
    expect(relevantUnderH0(19, 19, 0.95)).toBe(2); // 19/0.95 = 20 total would be 95% recall; H0 needs 21
    expect(relevantUnderH0(9, 9, 0.95)).toBe(1);
    expect(relevantUnderH0(40, 38, 0.95)).toBe(5); // 40/0.95 = 42.1 -> 43 total, 5 in the urn
  });

  it('p-value of a random sample against the hand-computed hypergeometric', () => {
    // 100 records; ranked: 19 relevant + 1 irrelevant; then a random sample from the 80 left, none relevant.
    // H0: at least 2 relevant in those 80. P(0 in 60 of 80 | 2 marked) = (20*19)/(80*79).
    const at60 = computeStopping({ total: 100, history: [...ranked('1'.repeat(19) + '0'), ...random('0'.repeat(60))] });
    expect(at60.pValue).toBeCloseTo(380 / 6320, 12);
    expect(at60.reached).toBe(false);
    expect(at60.phase).toBe('random');
    expect(at60.sample).toEqual({ size: 60, relevant: 0, poolAtStart: 80 });
    // The level for a sample with no relevant record: 0.05 * 6 / pi^2 = 0.0304 (the error spent across levels).
    expect(at60.threshold).toBeCloseTo((0.05 * 6) / Math.PI ** 2, 12);
    const at62 = computeStopping({ total: 100, history: [...ranked('1'.repeat(19) + '0'), ...random('0'.repeat(62))] });
    expect(at62.pValue).toBeCloseTo(306 / 6320, 12); // under 0.05, over 0.0304: not yet
    expect(at62.reached).toBe(false);
    const at66 = computeStopping({ total: 100, history: [...ranked('1'.repeat(19) + '0'), ...random('0'.repeat(66))] });
    expect(at66.pValue).toBeCloseTo(182 / 6320, 12);
    expect(at66.reached).toBe(true);
    expect(at66.phase).toBe('stop');
    // One relevant record in the sample: H0 needs 3 in the urn, and the level is a quarter of k = 0's.
    const withOne = computeStopping({ total: 100, history: [...ranked('1'.repeat(19) + '0'), ...random('1' + '0'.repeat(69))] });
    expect(withOne.window).toMatchObject({ relevant: 1, relevantUnderH0: 3 });
    expect(withOne.threshold).toBeCloseTo(at60.threshold / 4, 12);
    // A lower confidence stops earlier; a higher recall target later.
    expect(computeStopping({ total: 100, history: [...ranked('1'.repeat(19) + '0'), ...random('0'.repeat(60))] }, { confidence: 0.9 }).reached).toBe(true);
    expect(computeStopping({ total: 100, history: [...ranked('1'.repeat(19) + '0'), ...random('0'.repeat(66))] }, { recallTarget: 0.99 }).reached).toBe(false);
  });

  it('with rankedAsSample tests every suffix as buscarpy calculate_h0 does (hand example)', () => {
    // labels 1,1,0,0,0 of N = 10, target 0.5: suffix p-values 1/2, 6/21, 10/56, 45/126, 126/252; min 10/56.
    const s = computeStopping({ total: 10, history: ranked('11000') }, { recallTarget: 0.5, rankedAsSample: true });
    expect(s.pValue).toBeCloseTo(10 / 56, 12);
    expect(s.window).toMatchObject({ start: 2, size: 3, relevant: 0, urn: 8, relevantUnderH0: 3 });
    // Without it, ranked records are no sample: nothing to test yet.
    expect(computeStopping({ total: 10, history: ranked('11000') }, { recallTarget: 0.5 }).pValue).toBeUndefined();
  });

  it('advises the switch to random order after a run of irrelevant ranked records, not before', () => {
    const before = computeStopping({ total: 1000, history: ranked('1' + '0'.repeat(49)) }, { switchAfter: 50 });
    expect(before).toMatchObject({ phase: 'ranked', irrelevantRun: 49 });
    const after = computeStopping({ total: 1000, history: ranked('1' + '0'.repeat(50)) }, { switchAfter: 50 });
    expect(after).toMatchObject({ phase: 'switch', irrelevantRun: 50, switchAfter: 50 });
    // A ranked pick after the sample began ends the sample.
    const broken = computeStopping({ total: 1000, history: [...ranked('1'), ...random('000'), ...ranked('0')] }, { switchAfter: 50 });
    expect(broken.sample).toBeUndefined();
  });

  it('rejects a target or confidence outside (0, 1) and a total below the screened count', () => {
    expect(() => computeStopping({ total: 10, history: [] }, { recallTarget: 1 })).toThrow(RangeError);
    expect(() => computeStopping({ total: 10, history: [] }, { confidence: 0 })).toThrow(RangeError);
    expect(() => computeStopping({ total: 1, history: ranked('00') })).toThrow(RangeError);
  });
});

describe('estimate of relevant records left', () => {
  it('says why not yet: no relevant record, then too few screened', () => {
    expect(estimateRemaining({ total: 1000, history: ranked('0'.repeat(80)) })).toEqual({ notYet: 'NO_RELEVANT_YET' });
    expect(estimateRemaining({ total: 1000, history: ranked('1' + '0'.repeat(19)) })).toEqual({ notYet: 'TOO_FEW_SCREENED', needed: 30 });
  });

  it('is the smallest stretch rate times the records left (hand example)', () => {
    // 100 records screened of 1000: 10 relevant in the first 50, 1 in the last 50.
    const history = ranked('1'.repeat(10) + '0'.repeat(40) + '1' + '0'.repeat(49));
    const e = estimateRemaining({ total: 1000, history });
    // Stretches: last 49 none -> 0.5/50 = 0.0100 (smallest); last 90 one -> 1.5/91 = 0.0165; all 100 -> 11.5/101.
    expect(e).toMatchObject({ left: 900, window: { size: 49, relevant: 0 } });
    expect('value' in e && e.value).toBeCloseTo((0.5 / 50) * 900, 10);
  });

  it('an exclusion never raises it (any history)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 0, maxLength: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), (labels, kinds) => {
        const history = labels.map((relevant, i) => ({ relevant, random: kinds[i] ?? false }));
        const total = 400;
        const before = estimateRemaining({ total, history }, { minScreened: 20 });
        const after = estimateRemaining({ total, history: [...history, { relevant: false, random: kinds[labels.length] ?? false }] }, { minScreened: 20 });
        if ('value' in before && 'value' in after) return after.value <= before.value + 1e-12;
        return !('value' in before && 'notYet' in after);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
