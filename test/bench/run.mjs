// `npm run bench`: runs every benchmark script in its own process (so peak memory figures are
// per benchmark) and prints their figures. Reads ../shared/ in place when present.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = ['startup.mjs', 'import.mjs', 'status.mjs', 'csv.mjs', 'language.mjs', 'dedup.mjs', 'screening.mjs', 'report.mjs'].filter(
  (s) => only.length === 0 || only.some((o) => s.startsWith(o)),
);

console.log(`# review bench  ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
let failed = 0;
for (const s of scripts) {
  const file = path.join(here, s);
  if (!fs.existsSync(file)) {
    console.log(`\n(${s}: not present)`);
    continue;
  }
  console.log('');
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', file], { stdio: 'inherit' });
  console.log(`(${s}: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${r.status})`);
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
