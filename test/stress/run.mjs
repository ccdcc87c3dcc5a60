// `npm run test:stress`: the whole `npm test` with two CPU-burning processes beside it, as on a
// busy CI machine or laptop (issue 17). The burners are started before and stopped after, however
// the suite ends; prints the suite's time and exits with its code. Run it several times in a row
// to trust it: `for i in 1 2 3; do npm run test:stress || break; done`.
import { spawn } from 'node:child_process';
import os from 'node:os';

const burnerCount = Number(process.env.STRESS_BURNERS ?? 2);
// Note: each burner is a busy loop in its own process, so it takes a whole core from the suite.
const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopBurners = () => {
  for (const b of burners) if (b.exitCode === null) b.kill('SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}

console.log(`test:stress: ${burnerCount} CPU burners beside npm test on ${os.cpus().length} cores (load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
const t0 = process.hrtime.bigint();
const suite = spawn('npm', ['test'], { stdio: 'inherit', shell: process.platform === 'win32' });
suite.on('exit', (code, signal) => {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stopBurners();
  console.log(`test:stress: npm test ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds.toFixed(0)} s with ${burnerCount} burners`);
  process.exitCode = code ?? 1;
});
