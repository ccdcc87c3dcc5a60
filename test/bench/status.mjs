// `review status` on 100,000 records (issue 16): cold (counts computed from every record, then
// stored as a snapshot) and warm (nothing changed: the snapshot is read back). Target: warm
// under 0.5 s. Each run is a whole process, as a user runs it; median and range over runs show
// the machine's noise. Usage: node test/bench/status.mjs [records]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = path.join(root, 'bin/review.js');
const n = Number(process.argv[2] ?? process.env.BENCH_STATUS_RECORDS ?? 100_000);
const runs = Number(process.env.BENCH_STATUS_RUNS ?? 5);

function review(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`review ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const rssMb = Number(r.stderr.trim().split('\n').pop()) / 1024;
  return { seconds, rssMb };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bench-status-'));
try {
  const ris = path.join(work, 'big.ris');
  const gen = spawnSync(process.execPath, [path.join(here, 'import.mjs'), '--generate', String(n), ris], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generator failed');
  const dir = path.join(work, 'rev');
  review(['init', dir, '--protocol', path.join(root, 'protocols/matriciamento-saude-mental.yaml')]);
  review(['import', dir, ris, '--source', 'bvs']);
  fs.rmSync(ris);
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    fs.rmSync(path.join(dir, 'data', 'derived'), { recursive: true, force: true });
    cold.push(review(['status', dir]));
    warm.push(review(['status', dir]));
  }
  const summary = (xs) => {
    const s = xs.map((x) => x.seconds).sort((a, b) => a - b);
    const rss = Math.max(...xs.map((x) => x.rssMb));
    return `median ${s[Math.floor(s.length / 2)].toFixed(2)} s (min ${s[0].toFixed(2)}, max ${s[s.length - 1].toFixed(2)}), peak RSS ${rss.toFixed(0)} MB`;
  };
  const warmMedian = warm.map((x) => x.seconds).sort((a, b) => a - b)[Math.floor(runs / 2)];
  console.log(`## review status on ${n.toLocaleString('en-US')} records (${runs} runs each; load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log(`cold (counts computed, snapshot written): ${summary(cold)}`);
  console.log(`warm (snapshot read back):                ${summary(warm)}  target < 0.5 s: ${warmMedian < 0.5 ? 'met' : 'NOT met'}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
