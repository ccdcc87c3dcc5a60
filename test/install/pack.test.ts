/**
 * The package installs like any npm CLI (issue 17): `npm pack` on a clean copy of the project
 * (no dist/, so `prepack` must build it), the tarball installed globally into a temporary
 * prefix, and `review --version` and `review demo` run from another folder, as a user who never
 * saw the clone would.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const work = tempDir('review-pack-');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', LC_ALL: '', ...env }, timeout: 280_000 });
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), error: r.error };
}

/** What a clean clone holds that the build needs (no dist/, no tests). */
const SOURCE = ['package.json', 'tsconfig.json', 'README.md', 'src', 'bin', 'fixtures/demo', 'protocols'];

describe('npm pack, then npm install -g from the tarball', () => {
  it('the tarball holds what runs and the demo, not the tests; installed, `review --version` and `review demo` work from another folder', () => {
    const copy = path.join(work, 'clone');
    for (const item of SOURCE) fs.cpSync(path.join(ROOT, item), path.join(copy, item), { recursive: true });
    // Note: the build tools come from the project's own node_modules (as after `npm ci`).
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    expect(fs.existsSync(path.join(copy, 'dist'))).toBe(false);

    const packed = run('npm', ['pack', '--json', '--pack-destination', work], copy);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    const files = info.files.map((f) => f.path);
    expect(files).toContain('bin/review.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('fixtures/demo/protocol.yaml');
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('fixtures/ris/'))).toEqual([]);

    const prefix = path.join(work, 'prefix');
    const installed = run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', path.join(work, info.filename)], work);
    expect(installed.code, installed.stderr).toBe(0);
    const review = path.join(prefix, 'bin', 'review');
    expect(fs.existsSync(review)).toBe(true);

    const elsewhere = tempDir('review-user-');
    try {
      const version = run(review, ['--version'], elsewhere);
      expect(version.code, version.stderr).toBe(0);
      expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);

      const demo = run(review, ['demo', 'exemplo', '--json'], elsewhere);
      expect(demo.code, demo.stderr).toBe(0);
      const out = JSON.parse(demo.stdout) as { dir: string; prisma: { identified: number } };
      expect(out.dir).toBe(path.join(elsewhere, 'exemplo'));
      expect(out.prisma.identified).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(elsewhere, 'exemplo', 'protocol.yaml'))).toBe(true);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('bin/review.js on an old Node.js', () => {
  it('says which version it needs and exits 2, in Portuguese too', () => {
    const fake = path.join(work, 'node18.cjs');
    fs.writeFileSync(fake, "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.19.0' } });\n");
    const en = run(process.execPath, ['-r', fake, path.join(ROOT, 'bin/review.js'), '--version'], work);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe('review needs Node.js 20 or newer; this is Node.js 18.19.0.\n');
    const pt = run(process.execPath, ['-r', fake, path.join(ROOT, 'bin/review.js'), '--version'], work, { LANG: 'pt_BR.UTF-8' });
    expect(pt.code).toBe(2);
    expect(pt.stderr).toContain('precisa do Node.js 20 ou mais recente');
  });
});
