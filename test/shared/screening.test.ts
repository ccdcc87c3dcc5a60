/**
 * `review simulate` on the labelled sets in ../shared/screening/ (README: label_included is the final
 * inclusion decision). Floors sit several points under the bench's 3-seed means for the product
 * (Ace WSS@95 76 / recall@10% 82, Bannach-Brown 37 / 57: test/bench/screening.mjs), far above random
 * order (WSS@95 ~0, recall@10% ~10%).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, runCli } from '../helpers/cli.js';

const SETS = [
  { file: 'Cohen_2006_ACEInhibitors.csv', records: 2544, relevant: 41, wss95: 0.65, recall10: 0.7 },
  { file: 'Bannach-Brown_2019.csv', records: 1993, relevant: 280, wss95: 0.28, recall10: 0.45 },
];

describe('review simulate on the labelled screening sets', () => {
  for (const set of SETS) {
    it(`${set.file}: WSS@95 and recall@10% above the measured floor, the stop and the estimate trace, seed 1`, () => {
      const r = runCli(['simulate', path.join(SHARED, 'screening', set.file), '--labels', 'label_included', '--seed', '1', '--json'], { timeout: 290_000 });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ records: set.records, relevant: set.relevant, orderLength: set.records - 2, model: 'product' });
      expect(out.wss95).toBeGreaterThan(set.wss95);
      expect(out.recall10).toBeGreaterThan(set.recall10);
      expect(out.wss100).toBeLessThanOrEqual(out.wss95 + 0.05 + 1e-9);
      expect(out.random.recall10).toBeLessThan(0.2);
      // The stopping rule stops before the end with the target reached (both hold for seed 1).
      expect(out.stop.reached).toBe(true);
      expect(out.stop.pValue).toBeLessThan(0.05);
      expect(out.stop.recall).toBeGreaterThanOrEqual(0.95);
      expect(out.stop.screened).toBeLessThan(set.records);
      // The estimate at 50% screened is given and within a few records of the truth.
      const half = out.estimates.find((e: { share: number }) => e.share === 0.5);
      expect(half.estimated).not.toBeNull();
      expect(Math.abs(half.estimated - half.actual)).toBeLessThan(Math.max(5, 0.1 * set.relevant));
    }, 300_000); // a shared 2-core machine under load: Ace takes 10-90 s
  }
});
