// Start-up time of `review --help` (target < 200 ms), beside a bare `node -e 0` as the floor,
// over repeated runs; prints median, p90 and spread so the machine's noise is visible.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/review.js');
const runs = Number(process.env.BENCH_RUNS ?? 25);

function time(args) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  out.sort((a, b) => a - b);
  const q = (p) => out[Math.min(out.length - 1, Math.floor(p * out.length))];
  return { median: q(0.5), p90: q(0.9), min: out[0], max: out[out.length - 1] };
}

const fmt = (s) => `median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
const floor = time(['-e', '0']);
const help = time([bin, '--help']);
const status = time([bin, 'status', '--help']);
console.log('## Start-up');
console.log(`node -e 0 (floor):      ${fmt(floor)}`);
console.log(`review --help:          ${fmt(help)}  target < 200 ms: ${help.median < 200 ? 'met' : 'NOT met'}`);
console.log(`review status --help:   ${fmt(status)}`);

// `review demo` end to end (the test suite no longer times it: a busy machine is not a failure).
// Target: well under 10 s.
import fs from 'node:fs';
import os from 'node:os';
const demoRuns = Number(process.env.BENCH_DEMO_RUNS ?? 3);
const demoTimes = [];
for (let i = 0; i < demoRuns; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bench-demo-'));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'demo', path.join(dir, 'demo'), '--json'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  demoTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`review demo exited ${r.status}`);
}
demoTimes.sort((a, b) => a - b);
const demoMedian = demoTimes[Math.floor(demoTimes.length / 2)];
console.log(`review demo:            median ${(demoMedian / 1000).toFixed(2)} s over ${demoRuns} runs (min ${(demoTimes[0] / 1000).toFixed(2)}, max ${(demoTimes[demoTimes.length - 1] / 1000).toFixed(2)})  target < 10 s: ${demoMedian < 10_000 ? 'met' : 'NOT met'}`);
