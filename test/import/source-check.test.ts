/** A file whose format only one source writes is refused under another --source (unless --force). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';

describe('review import: --source checked against the detected format', () => {
  it('a PubMed CSV under --source scielo is refused naming both, nothing saved; --force imports it; RIS takes any source', () => {
    const dir = path.join(tempDir('review-import-'), 'rev');
    expect(runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]).code).toBe(0);
    const events = path.join(dir, 'data', 'events.jsonl');
    const before = fs.readFileSync(events);

    const r = runCli(['import', dir, fixturePath('csv', 'pubmed-web.csv'), '--source', 'scielo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pubmed-web.csv');
    expect(r.stderr).toMatch(/comes from PubMed, not from SciELO/);
    expect(r.stderr).toContain('--force');
    expect(fs.readFileSync(events)).toEqual(before);
    expect(fs.readdirSync(path.join(dir, 'data', 'records'))).toEqual([]);

    const pt = runCli(['import', dir, fixturePath('csv', 'pubmed-web.csv'), '--source', 'scielo', '--lang', 'pt-BR']);
    expect(pt.stderr).toMatch(/vem de PubMed, não de SciELO/);

    // the format's own source, and "other", are fine
    expect(runCli(['import', dir, fixturePath('csv', 'pubmed-web.csv'), '--source', 'pubmed', '--json']).code).toBe(0);
    const forced = runCli(['import', dir, fixturePath('csv', 'scielo.csv'), '--source', 'bvs', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).files[0]).toMatchObject({ format: 'csv-scielo', source: 'bvs' });
    // a RIS file may come from any portal
    expect(runCli(['import', dir, fixturePath('ris', 'bvs-2022-mh.ris'), '--source', 'scielo']).code).toBe(0);
  });
});
