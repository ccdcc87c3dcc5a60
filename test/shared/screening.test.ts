/**
 * `review simulate` on the labelled sets in ../shared/screening/ (README: label_included is the final
 * inclusion decision). Floors are a few points under what seed 1 measured (Ace 79.5 / 90.0,
 * Bannach-Brown 44.9 / 53.4), far above random order (WSS@95 ~0, recall@10% ~10%).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, runCli } from '../helpers/cli.js';

const SETS = [
  { file: 'Cohen_2006_ACEInhibitors.csv', records: 2544, relevant: 41, wss95: 0.75, recall10: 0.8 },
  { file: 'Bannach-Brown_2019.csv', records: 1993, relevant: 280, wss95: 0.4, recall10: 0.45 },
];

describe('review simulate on the labelled screening sets', () => {
  for (const set of SETS) {
    it(`${set.file}: WSS@95 and recall@10% above the measured floor, seed 1`, () => {
      const r = runCli(['simulate', path.join(SHARED, 'screening', set.file), '--labels', 'label_included', '--seed', '1', '--json'], { timeout: 110_000 });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ records: set.records, relevant: set.relevant, orderLength: set.records - 2 });
      expect(out.wss95).toBeGreaterThan(set.wss95);
      expect(out.recall10).toBeGreaterThan(set.recall10);
      expect(out.random.recall10).toBeLessThan(0.2);
    });
  }
});
