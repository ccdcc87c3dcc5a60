/** `review import --query --searched-on`: the search behind an imported export is logged like a live one. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFor } from '../../src/core/query/index.js';
import { Review } from '../../src/project/review.js';
import { fixturePath, runCli, tempDir } from '../helpers/cli.js';
import { newReview } from './helpers.js';

/** The import events, each with the search it logged. */
function logged(dir: string): Record<string, unknown>[] {
  return fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.type === 'import');
}

function copyOf(fixture: string[], mtime: Date): string {
  const file = path.join(tempDir('review-imp-'), path.basename(fixture[fixture.length - 1]));
  fs.copyFileSync(fixturePath(...fixture), file);
  fs.utimesSync(file, mtime, mtime);
  return file;
}

describe('review import logs the search behind the export', () => {
  it('takes the query and date given, with the database, limits and hits', () => {
    const dir = newReview('matriciamento-saude-mental');
    const file = copyOf(['e2e', 'scielo.ris'], new Date('2025-03-01T12:00:00Z'));
    const query = '(ti:matriciamento OR ab:"apoio matricial") AND la:(pt OR es OR en)';
    const r = runCli(['import', dir, file, '--source', 'scielo', '--query', query, '--searched-on', '2024-11-05']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const protocol = Review.open(dir).protocol;
    const compiled = compileFor('scielo', protocol);
    expect(logged(dir)).toEqual([
      expect.objectContaining({ importId: 'i001', source: 'scielo', file: 'scielo.ris', search: { query, queryFrom: 'user', searchedOn: '2024-11-05', searchedOnFrom: 'user', databases: ['SciELO Brasil'], platform: compiled.platform, limits: compiled.limits, hits: 6 } }),
    ]);
  });

  it('defaults to the strategy --dry-run prints for the source and the file\'s day', () => {
    const dir = newReview('matriciamento-saude-mental');
    const file = copyOf(['e2e', 'scielo.ris'], new Date('2025-03-01T12:00:00Z'));
    expect(runCli(['import', dir, file, '--source', 'scielo']).code).toBe(0);
    const dry = JSON.parse(runCli(['search', dir, '--dry-run', '--source', 'scielo', '--json']).stdout) as { query: string }[];
    expect(logged(dir)).toEqual([expect.objectContaining({ source: 'scielo', search: expect.objectContaining({ query: dry[0].query, queryFrom: 'protocol', searchedOn: '2025-03-01', searchedOnFrom: 'file', hits: 6 }) })]);
    // An export of unknown origin with no --query logs no search.
    expect(runCli(['import', dir, fixturePath('e2e', 'google-scholar-pop.csv'), '--source', 'other']).code).toBe(0);
    expect(logged(dir)[1].search).toBeUndefined();
  });

  it('logs a PubMed export as searched on the website, not through E-utilities, in every language of the report', () => {
    const dir = newReview('matriciamento-saude-mental');
    const file = copyOf(['demo', 'pubmed.nbib'], new Date('2025-03-01T12:00:00Z'));
    expect(runCli(['import', dir, file, '--source', 'pubmed']).code).toBe(0);
    expect(logged(dir)).toEqual([expect.objectContaining({ source: 'pubmed', search: expect.objectContaining({ platform: 'PubMed (pubmed.ncbi.nlm.nih.gov)' }) })]);
    for (const lang of ['pt-BR', 'en']) {
      expect(runCli(['report', dir, '--lang', lang]).code).toBe(0);
      const report = fs.readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('report') && f.endsWith('.md')).map((f) => fs.readFileSync(path.join(dir, 'out', f), 'utf8')).join('\n');
      expect(report).toContain('PubMed (pubmed.ncbi.nlm.nih.gov)');
      expect(report).not.toMatch(/E-utilities/);
    }
  });

  it('refuses a date that is not a day or is in the future, before importing anything', () => {
    const dir = newReview('matriciamento-saude-mental');
    const file = copyOf(['e2e', 'scielo.ris'], new Date('2025-03-01T12:00:00Z'));
    for (const [value, message] of [['2024-02-30', '--searched-on must be a date written YYYY-MM-DD, got "2024-02-30"'], ['05/11/2024', 'got "05/11/2024"'], ['2999-01-01', '--searched-on 2999-01-01 is after today']]) {
      const r = runCli(['import', dir, file, '--source', 'scielo', '--searched-on', value]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
    }
    expect(logged(dir)).toEqual([]);
  });
});
