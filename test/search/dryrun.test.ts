import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';

const SEEDS = ['matriciamento-saude-mental', 'desafios-saude-mental-atencao-basica', 'matriciamento-cuidados-paliativos'];

function golden(seed: string, source: string): { query: string; url: string } {
  return JSON.parse(fs.readFileSync(fixturePath('sources', 'golden', `${seed}.${source}.json`), 'utf8')) as { query: string; url: string };
}

describe('review search --dry-run', () => {
  for (const seed of SEEDS)
    it(`prints every source's exact query and URL for ${seed}`, () => {
      const dir = path.join(tempDir(), 'rev');
      expect(runCli(['init', dir, '--protocol', protocolPath(`${seed}.yaml`)]).code).toBe(0);
      const protocol = fs.readFileSync(protocolPath(`${seed}.yaml`), 'utf8');
      const sources = [...protocol.matchAll(/^\s+- id: ([a-z-]+)$/gm)].map((m) => m[1]);
      const r = runCli(['search', dir, '--dry-run']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const s of sources) {
        const g = golden(seed, s);
        expect(r.stdout).toContain(`\n${g.query}\n`);
        expect(r.stdout).toContain(`\n${g.url.replace('REVIEW', dir)}\n`);
        expect(r.stdout).toContain(`review import ${dir} FILE --source ${s}`);
      }
      if (sources.includes('google-scholar')) expect(r.stdout).toMatch(/Google Scholar is import-only.*Publish or Perish/);
      // A dry run writes nothing into the review.
      expect(fs.readdirSync(path.join(dir, 'data', 'searches'))).toEqual([]);
      const json = runCli(['search', dir, '--dry-run', '--json']);
      const plans = JSON.parse(json.stdout) as { source: string; query: string }[];
      expect(plans.map((p) => p.source)).toEqual(sources);
      expect(plans.map((p) => p.query)).toEqual(sources.map((s) => golden(seed, s).query));
    });

  it('uses --base-url in the URL and speaks Portuguese', () => {
    const dir = path.join(tempDir(), 'rev');
    runCli(['init', dir, '--protocol', protocolPath('matriciamento-cuidados-paliativos.yaml')]);
    const r = runCli(['search', dir, '--dry-run', '--source', 'pubmed', '--base-url', 'http://127.0.0.1:9/eutils'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('http://127.0.0.1:9/eutils/esearch.fcgi?db=pubmed&term=');
    expect(r.stdout).toContain('consulta (');
    expect(r.stdout).not.toContain('== BVS');
  });

  it('refuses an unknown source and a live Google Scholar search', () => {
    const dir = path.join(tempDir(), 'rev');
    runCli(['init', dir, '--protocol', protocolPath('matriciamento-saude-mental.yaml')]);
    const bad = runCli(['search', dir, '--source', 'lilacs', '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown source "lilacs"');
    const gs = runCli(['search', dir, '--source', 'google-scholar']);
    expect(gs.code).toBe(1);
    expect(gs.stderr).toContain(`review import ${dir} FILE --source google-scholar`);
    expect(runCli(['search', dir, '--max', '0', '--dry-run']).code).toBe(1);
  });
});
