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
