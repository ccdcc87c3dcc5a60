// Crash safety of screening and extraction: SIGKILL at seeded random points of
// `screen --apply-limits`, `screen --decisions` (both stages) and `extract --from`; after each
// kill the review opens, no event is torn, and re-running the same command finishes the work.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, fixturePath, runCli, tempDir } from '../helpers/cli.js';

function runAndKill(args: string[], delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_c, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

function status(dir: string): Record<string, number> {
  const r = runCli(['status', dir, '--json']);
  expect(r.code).toBe(0);
  const s = JSON.parse(r.stdout);
  expect(s.problems).toBe(0); // appends are whole lines or nothing
  return s;
}

describe('kill -9 during screening and extraction', () => {
  it('the review always opens and re-running finishes with the same counts as an uninterrupted run', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const demo = (f: string) => fixturePath('demo', f);
    const steps: string[][] = [
      ['screen', '{dir}', '--apply-limits'],
      ['screen', '{dir}', '--decisions', demo('screening-title-abstract.csv')],
      ['screen', '{dir}', '--stage', 'fulltext', '--decisions', demo('screening-full-text.csv')],
      ['extract', '{dir}', '--from', demo('extraction.csv')],
    ];
    const dir = path.join(tempDir('review-crash2-'), 'r');
    expect(runCli(['init', dir, '--protocol', demo('protocol.yaml')]).code).toBe(0);
    expect(runCli(['import', dir, demo('bvs-lilacs-bdenf.ris'), demo('scielo.ris'), demo('pubmed.nbib'), demo('google-scholar-pop.csv')]).code).toBe(0);
    expect(runCli(['dedup', dir, '--auto']).code).toBe(0);
    for (const step of steps) {
      const args = step.map((a) => a.replace('{dir}', dir));
      for (let k = 0; k < 2; k++) {
        await runAndKill(args, 80 + Math.floor(random() * 500));
        status(dir);
      }
      const r = runCli(args);
      expect(r.code, r.stderr).toBe(0);
    }
    const s = status(dir);
    // The same numbers `review demo` reaches without interruption.
    expect(s).toMatchObject({ records: 44, unique: 35, excludedAutomatic: 3, screened: 32, included: 10, extracted: 10 });
    const events = fs.readFileSync(path.join(dir, 'data/events.jsonl'), 'utf8').trim().split('\n');
    for (const line of events) expect(() => JSON.parse(line)).not.toThrow();
  }, 180_000);
});
