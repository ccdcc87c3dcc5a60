import { describe, expect, it } from 'vitest';
import { computeKappa, kappaBand, computeAgreement } from '../../src/core/screening/kappa.js';
import { computeScreeningState } from '../../src/core/screening/state.js';
import type { EventBase } from '../../src/core/events.js';

function pairs(spec: [string, string, number][]): [string, string][] {
  return spec.flatMap(([a, b, n]) => Array.from({ length: n }, () => [a, b] as [string, string]));
}

describe("Cohen's kappa", () => {
  it('matches a hand-computed 2x2 example', () => {
    // 30 records: both include 15, A include/B exclude 3, A exclude/B include 2, both exclude 10.
    // p_o = 25/30 = 0.8333; A includes 18/30, B includes 17/30;
    // p_e = (18/30)(17/30) + (12/30)(13/30) = 462/900 = 0.51333; kappa = (0.83333 - 0.51333) / 0.48667 = 0.65753.
    const k = computeKappa(pairs([['in', 'in', 15], ['in', 'ex', 3], ['ex', 'in', 2], ['ex', 'ex', 10]]));
    expect(k.n).toBe(30);
    expect(k.observed).toBeCloseTo(25 / 30, 10);
    expect(k.expected).toBeCloseTo(462 / 900, 10);
    expect(k.kappa).toBeCloseTo(0.65753, 4);
    expect(k.band).toBe('substantial');
  });

  it('bands follow Landis & Koch and kappa is undefined when there is one answer only', () => {
    expect([-0.1, 0, 0.2, 0.21, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1].map(kappaBand)).toEqual([
      'poor', 'slight', 'slight', 'fair', 'fair', 'moderate', 'moderate', 'substantial', 'substantial', 'almost-perfect', 'almost-perfect',
    ]);
    expect(computeKappa(pairs([['in', 'in', 4]]))).toMatchObject({ observed: 1, kappa: null, band: null });
    expect(computeKappa(pairs([['in', 'ex', 5], ['ex', 'in', 5]])).kappa).toBeCloseTo(-1, 10);
  });

  it('per stage from the log: include and maybe agree at title/abstract; records seen by one reviewer are counted apart', () => {
    const d = (seq: number, recordId: string, reviewer: string, decision: string, stage = 'title-abstract') =>
      ({ seq, at: '', type: 'screen.decision', recordId, stage, decision, reviewer, by: 'human', ...(decision === 'exclude' ? { reason: 'E1' } : {}) }) as unknown as EventBase;
    const events = [
      d(1, 'a', 'ana', 'include'), d(2, 'a', 'bruno', 'maybe'),
      d(3, 'b', 'ana', 'exclude'), d(4, 'b', 'bruno', 'exclude'),
      d(5, 'c', 'ana', 'include'), d(6, 'c', 'bruno', 'exclude'),
      d(7, 'e', 'ana', 'exclude'), d(8, 'e', 'bruno', 'include'),
      d(9, 'f', 'ana', 'include'),
    ];
    const [pair] = computeAgreement(computeScreeningState(['a', 'b', 'c', 'e', 'f'], events), 'title-abstract');
    // pass/pass, ex/ex, pass/ex, ex/pass: p_o = 0.5, p_e = 0.5 -> kappa 0.
    expect(pair).toMatchObject({ reviewers: ['ana', 'bruno'], n: 4, agreed: 2, onlyOne: 1, band: 'slight' });
    expect(pair.kappa).toBeCloseTo(0, 10);
  });
});
