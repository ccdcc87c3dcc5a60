// Crash safety: SIGKILL at random points of `review import` and `review dedup` (fixed seed);
// the review always opens afterwards, counts agree with the log, and the work can be redone.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, protocolPath, runCli, tempDir } from '../helpers/cli.js';
import { generateRis } from '../helpers/genRis.js';

function runAndKill(args: string[], delayMs: number): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', stdout });
    });
  });
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 48271) % 2147483647) / 2147483647);
}

/** The review opens, and every import event's records file holds exactly its records. */
function assertConsistent(dir: string): { records: number; unique: number } {
  const status = runCli(['status', dir, '--json']);
  expect(status.code).toBe(0);
  const s = JSON.parse(status.stdout) as { records: number; unique: number };
  const events = fs
    .readFileSync(path.join(dir, 'data/events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
  let total = 0;
  for (const e of events.filter((x) => x.type === 'import')) {
    const lines = fs.readFileSync(path.join(dir, 'data/records', e.recordsFile), 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBe(e.recordsRead);
    total += e.recordsRead;
  }
  expect(s.records).toBe(total);
  return s;
}

describe('kill -9 during import and dedup', () => {
  it('never leaves a review that does not open or counts that disagree', async () => {
    const random = seeded(20261126);
    const work = tempDir('review-crash-');
    const files = [1, 2].map((n) => {
      const f = path.join(work, `bvs-export-${n}.ris`);
      fs.writeFileSync(f, generateRis(800, n));
      return f;
    });
    let killedMidway = 0;
    for (let run = 0; run < 4; run++) {
      const dir = path.join(work, `r${run}`);
      expect(runCli(['init', dir, '--protocol', protocolPath('matriciamento-saude-mental.yaml')]).code).toBe(0);
      const killedImport = await runAndKill(['import', dir, ...files, '--source', 'bvs'], 100 + Math.floor(random() * 900));
      const afterImport = assertConsistent(dir);
      expect([0, 800, 1600]).toContain(afterImport.records);
      if (killedImport.killed && afterImport.records < 1600) killedMidway++;
      // Finishing the work after the crash: files whose import landed are refused, the others import.
      for (const f of files) runCli(['import', dir, f, '--source', 'bvs']);
      expect(assertConsistent(dir).records).toBe(1600);
      // ...and nothing the killed import had half-written is left behind.
      const temps = ['records', 'files'].flatMap((d) => fs.readdirSync(path.join(dir, 'data', d)).filter((n) => n.endsWith('.tmp')));
      expect(temps).toEqual([]);
      await runAndKill(['dedup', dir, '--auto'], 100 + Math.floor(random() * 1500));
      assertConsistent(dir);
      expect(runCli(['dedup', dir, '--auto']).code).toBe(0);
      const final = assertConsistent(dir);
      expect(final.records).toBe(1600);
      expect(final.unique).toBe(1600); // distinct DOIs and titles: nothing to merge
    }
    expect(killedMidway).toBeGreaterThan(0); // the kills really landed mid-import
  }, 240_000);
});
