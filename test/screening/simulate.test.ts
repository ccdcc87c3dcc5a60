/**
 * `review simulate --json` on a small labelled fixture (65 records, 12 relevant, a keywords column):
 * the fields the issue asks for, their relations, and the stopping rule and estimate replayed.
 */
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli } from '../helpers/cli.js';

const FILE = fixturePath('screening', 'rotulados-palavras-chave.csv');

function simulate(...extra: string[]) {
  const r = runCli(['simulate', FILE, '--labels', 'rotulo', '--json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  delete out.ms;
  return out;
}

describe('review simulate --json', () => {
  it('reports wss95/wss100, recall at 5/10/20/30%, time to discovery, the stop and the estimate trace', () => {
    const out = simulate('--seed', '2');
    expect(out).toMatchObject({ records: 65, relevant: 12, orderLength: 63, seed: 2, model: 'product', recallTarget: 0.95, confidence: 0.95 });
    expect(Object.keys(out.recallAt)).toEqual(['5', '10', '20', '30']);
    const r = Object.values(out.recallAt) as number[];
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThanOrEqual(r[i - 1]);
    expect(out.recall10).toBe(out.recallAt['10']);
    // 11 relevant after the priors; WSS@100 reached when the last is found.
    expect(out.wss100).toBeCloseTo((63 - out.screenedAt100) / 63, 10);
    expect(out.screenedAt95).toBeLessThanOrEqual(out.screenedAt100);
    expect(out.atd).toBeGreaterThanOrEqual(6); // at best the 11 found first: mean position 6
    expect(out.atdShare).toBeCloseTo(out.atd / 63, 10);
    // The ranking beats random order on this set.
    expect(out.wss95).toBeGreaterThan(out.random.wss95 + 0.3);
    // The stopping rule: switched, then a random sample until p < 0.05 (or the end).
    const s = out.stop;
    expect(s.switchedAt).toBeGreaterThanOrEqual(2);
    expect(s.screened).toBeGreaterThanOrEqual(s.switchedAt);
    expect(s.screened).toBeLessThanOrEqual(65);
    expect(s.workSaved).toBeCloseTo(1 - s.screened / 65, 10);
    if (s.reached) expect(s.pValue).toBeLessThan(0.05);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    // The estimate trace at 10/25/50% screened, with the truth.
    expect(out.estimates.map((e: { share: number }) => e.share)).toEqual([0.1, 0.25, 0.5]);
    for (const e of out.estimates) {
      expect(e.actual).toBeGreaterThanOrEqual(0);
      expect(e.estimated === null ? typeof e.notYet : typeof e.estimated).toBe(e.estimated === null ? 'string' : 'number');
    }
    expect(out.estimates[0]).toMatchObject({ screened: 7, estimated: null, notYet: 'TOO_FEW_SCREENED' });
  });

  it('is deterministic with a seed, and the baselines run through the same protocol', () => {
    expect(simulate('--seed', '4')).toEqual(simulate('--seed', '4'));
    for (const model of ['asreview-nb', 'svm']) {
      const out = simulate('--seed', '4', '--model', model);
      expect(out.model).toBe(model);
      expect(out.orderLength).toBe(63);
      expect(out.wss95).toBeGreaterThan(out.random.wss95);
    }
  });

  it('a stricter target makes the rule screen at least as much', () => {
    const a = simulate('--seed', '3', '--recall-target', '0.8', '--confidence', '0.8');
    const b = simulate('--seed', '3', '--recall-target', '0.99', '--confidence', '0.99');
    expect(a.recallTarget).toBe(0.8);
    expect(b.stop.screened).toBeGreaterThanOrEqual(a.stop.screened);
  });

  it('rejects a target outside (0, 1) and an unknown model, naming the option', () => {
    const bad = runCli(['simulate', FILE, '--labels', 'rotulo', '--recall-target', '95']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--recall-target');
    const model = runCli(['simulate', FILE, '--labels', 'rotulo', '--model', 'bert']);
    expect(model.code).toBe(1);
    expect(model.stderr).toContain('bert');
  });
});
