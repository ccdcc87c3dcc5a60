/**
 * The vendors' CSV/tab-delimited exports through `review import`, as a user runs it: each fixture
 * into a fresh review with the exact count and its own source, `--source` checked against the
 * vendor, and a row that cannot be read refused with file and line unless `--skip-bad`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';

function newReview(): string {
  const dir = path.join(tempDir('review-vendors-'), 'rev');
  expect(runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]).code).toBe(0);
  return dir;
}

function status(dir: string): { records: number; bySource: Record<string, number> } {
  const r = runCli(['status', dir, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const FIXTURES: [string, string, string, number][] = [
  ['wos-tab-delimited-utf8.txt', 'csv-wos', 'wos', 3],
  ['wos-tab-delimited-utf16le.txt', 'csv-wos', 'wos', 2],
  ['scopus-2023.csv', 'csv-scopus', 'scopus', 3],
  ['scopus-2019-comma-authors-bom-in-quotes.csv', 'csv-scopus', 'scopus', 2],
  ['embase-uppercase-preamble.csv', 'csv-embase', 'embase', 2],
  ['embase-titlecase-preamble.csv', 'csv-embase', 'embase', 2],
  ['pubmed-2019-legacy-trailing-comma.csv', 'csv-pubmed', 'pubmed', 3],
  ['embase-fields-by-row.csv', 'csv-embase-rows', 'embase', 2],
];

describe('review import of the vendors exports', () => {
  it('imports each fixture into a fresh review with its count, format and source', () => {
    for (const [file, format, source, count] of FIXTURES) {
      const dir = newReview();
      const r = runCli(['import', dir, fixturePath('csv', file), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.files[0]).toMatchObject({ format, source, read: count, rejected: 0 });
      expect(out.records).toBe(count);
      expect(status(dir)).toMatchObject({ records: count, bySource: { [source]: count } });
    }
  });

  it('takes --source for the vendor itself, and refuses another source naming both (unless --force)', () => {
    const dir = newReview();
    const events = path.join(dir, 'data', 'events.jsonl');
    expect(runCli(['import', dir, fixturePath('csv', 'scopus-2023.csv'), '--source', 'scopus']).code).toBe(0);
    const before = fs.readFileSync(events);
    const wrong = runCli(['import', dir, fixturePath('csv', 'embase-titlecase-preamble.csv'), '--source', 'wos']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('embase-titlecase-preamble.csv');
    expect(wrong.stderr).toMatch(/comes from Embase, not from Web of Science/);
    expect(fs.readFileSync(events)).toEqual(before);
    expect(runCli(['import', dir, fixturePath('csv', 'embase-titlecase-preamble.csv'), '--source', 'embase']).code).toBe(0);
    expect(status(dir).bySource).toEqual({ scopus: 3, embase: 2 });
  });

  it('refuses a tab-delimited file with a row it cannot read, naming file and line; --skip-bad imports the rest', () => {
    const dir = newReview();
    const text = fs.readFileSync(fixturePath('csv', 'wos-tab-delimited-utf8.txt'), 'utf8').split('\n');
    // A fourth data row with more cells than the header: it cannot be told which column is which.
    text.splice(3, 0, text[2].replace(/\t$/, '\tone\ttoo many\t'));
    const file = path.join(tempDir('review-vendors-file-'), 'savedrecs.txt');
    fs.writeFileSync(file, text.join('\n'));
    const refused = runCli(['import', dir, file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/savedrecs\.txt:4\b/);
    expect(refused.stderr).toContain('--skip-bad');
    expect(status(dir).records).toBe(0);
    const skipped = runCli(['import', dir, file, '--skip-bad', '--json']);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).files[0]).toMatchObject({ read: 3, rejected: 1, skipped: [expect.objectContaining({ line: 4 })] });
  });
});
