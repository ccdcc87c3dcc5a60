import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, protocolPath, runCli, tempDir } from '../helpers/cli.js';

function newReview(): string {
  const dir = path.join(tempDir('review-import-'), 'rev');
  const r = runCli(['init', dir, '--protocol', protocolPath('desafios-saude-mental-atencao-basica.yaml')]);
  expect(r.code).toBe(0);
  return dir;
}

function status(dir: string): { records: number; bySource: Record<string, number>; byDatabase: Record<string, number> } {
  const r = runCli(['status', dir, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const eventsBytes = (dir: string) => fs.readFileSync(path.join(dir, 'data', 'events.jsonl'));
const storedFiles = (dir: string) => fs.readdirSync(path.join(dir, 'data', 'files')).sort();

describe('review import', () => {
  let dir: string;
  beforeAll(() => {
    dir = newReview();
  });

  it('imports a BVS RIS export, prints the summary and the warnings as file:line, and counts the records', () => {
    const r = runCli(['import', dir, fixturePath('ris', 'bvs-lilacs-2021.ris')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bvs-lilacs-2021.ris: RIS, utf-8-bom; 3 records read, 0 rejected, 1 warning  [import i001]');
    expect(r.stderr).toMatch(/^bvs-lilacs-2021\.ris:66  warning  .*RIS_MISSING_ER$/m);
    const s = status(dir);
    expect(s.records).toBe(3);
    expect(s.bySource).toEqual({ bvs: 3 });
    expect(s.byDatabase).toEqual({ 'bvs/LILACS': 1, 'bvs/IBECS': 1, 'bvs/MEDLINE': 1 });
  });

  it('imports several files at once, each with its natural source, and keeps each file verbatim', () => {
    const files = [fixturePath('ris', 'scielo-search.ris'), fixturePath('medline', 'pubmed-nursing.nbib'), fixturePath('encoding', 'lilacs-cp1252.ris')];
    const r = runCli(['import', dir, ...files, '--skip-bad']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pubmed-nursing.nbib: MEDLINE/PubMed text (.nbib), utf-8; 2 records read, 1 rejected');
    expect(r.stdout).toContain('lilacs-cp1252.ris: RIS, windows-1252; 2 records read');
    expect(r.stderr).toMatch(/^pubmed-nursing\.nbib:58  error  .*MEDLINE_NO_TITLE$/m);
    const s = status(dir);
    expect(s.records).toBe(3 + 2 + 2 + 2);
    expect(s.bySource).toEqual({ bvs: 5, scielo: 2, pubmed: 2 });
    expect(storedFiles(dir)).toEqual(['i001-bvs-lilacs-2021.ris', 'i002-scielo-search.ris', 'i003-pubmed-nursing.nbib', 'i004-lilacs-cp1252.ris']);
    expect(fs.readFileSync(path.join(dir, 'data', 'files', 'i004-lilacs-cp1252.ris'))).toEqual(fs.readFileSync(files[2]));
    const events = eventsBytes(dir).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events[events.length - 1]).toMatchObject({
      type: 'import', importId: 'i004', file: 'lilacs-cp1252.ris', storedAs: 'data/files/i004-lilacs-cp1252.ris', format: 'ris',
      source: 'bvs', database: 'LILACS', encoding: 'windows-1252', recordsRead: 2, recordsRejected: 0,
    });
    expect(events[events.length - 1].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file already imported (same content, any name) unless --again', () => {
    const before = eventsBytes(dir);
    const copy = path.join(tempDir('review-copy-'), 'renamed.ris');
    fs.copyFileSync(fixturePath('ris', 'scielo-search.ris'), copy);
    const r = runCli(['import', dir, copy]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('renamed.ris was already imported (import i002');
    expect(r.stderr).toContain('--again');
    expect(eventsBytes(dir)).toEqual(before);
    const again = runCli(['import', dir, copy, '--again']);
    expect(again.code).toBe(0);
    expect(status(dir).records).toBe(11);
  });

  it('says it in Portuguese too', () => {
    const r = runCli(['import', dir, fixturePath('ris', 'scielo-search.ris')], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('já foi importado');
  });

  it('--source and --database override the file; --json reports each file', () => {
    const r = runCli(['import', dir, fixturePath('ris', 'manager-zotero.ris'), '--source', 'google-scholar', '--database', 'Scholar', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.records).toBe(13);
    expect(out.files).toEqual([
      expect.objectContaining({ file: 'manager-zotero.ris', format: 'ris', source: 'google-scholar', database: 'Scholar', read: 2, rejected: 0, warnings: 1 }),
    ]);
    expect(out.files[0].diagnostics).toEqual([expect.objectContaining({ code: 'RIS_TEXT_OUTSIDE_RECORD', line: 1 })]);
    expect(status(dir).byDatabase['google-scholar/Scholar']).toBe(2);
  });

  it('refuses an unknown --source', () => {
    const r = runCli(['import', dir, fixturePath('ris', 'bvs-2022-mh.ris'), '--source', 'dimensions']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown source "dimensions"');
  });
});

describe('review import: bad input leaves the review unchanged', () => {
  let dir: string;
  beforeAll(() => {
    dir = newReview();
    expect(runCli(['import', dir, fixturePath('ris', 'bvs-2022-mh.ris')]).code).toBe(0);
  });

  it.each([
    ['html-error-page.ris', /html-error-page\.ris:1 is an HTML page/],
    ['empty.ris', /empty\.ris is empty/],
    ['blank.ris', /blank\.ris is empty/],
    ['binary.ris', /binary\.ris is not a text export file/],
    ["no-records.ris", /no-records\.ris: the format was not recognised \(tried RIS, MEDLINE.*BibTeX/],
    ['truncated.xml', /truncated\.xml: every record \(1\) was rejected as PubMed XML/],
  ])('%s: one clear error, exit 1', (name, message) => {
    const before = eventsBytes(dir);
    const files = storedFiles(dir);
    const r = runCli(['import', dir, fixturePath('bad', name)]);
    expect(r.code).toBe(1);
    const firstLine = r.stderr.split('\n')[0];
    expect(firstLine).toMatch(message);
    expect(eventsBytes(dir)).toEqual(before);
    expect(storedFiles(dir)).toEqual(files);
  });

  it('the truncated XML names its line', () => {
    const r = runCli(['import', dir, fixturePath('bad', 'truncated.xml')]);
    expect(r.stderr).toMatch(/^truncated\.xml:3  error  .*PUBMED_XML_UNCLOSED$/m);
  });

  it('--format forces a format; a file with no record in it says what was expected', () => {
    const before = eventsBytes(dir);
    const r = runCli(['import', dir, fixturePath('bad', 'no-records.ris'), '--format', 'ris']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`${fixturePath('bad', 'no-records.ris')}:1: no record found as RIS (expected lines like "TY  - JOUR" ... "ER  - "); nothing was imported.`);
    expect(eventsBytes(dir)).toEqual(before);
    expect(runCli(['import', dir, fixturePath('bad', 'no-records.ris'), '--format', 'refworks']).stderr).toContain('unknown format "refworks"');
  });

  it('a missing file is a user error naming it', () => {
    const r = runCli(['import', dir, '/nonexistent/export.ris']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('file not found: /nonexistent/export.ris');
  });

  it('a file with a rejected record is refused whole by default (count and line named, exit 1); --skip-bad imports the rest and logs the skipped', () => {
    const before = eventsBytes(dir);
    const refused = runCli(['import', dir, fixturePath('bad', 'one-bad-record.ris')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(`${fixturePath('bad', 'one-bad-record.ris')}: 1 record could not be read (line 14); nothing was imported. Fix the file, or import the other records with --skip-bad.`);
    expect(refused.stderr).toMatch(/^one-bad-record\.ris:14  error  .*RIS_NO_TITLE$/m);
    expect(eventsBytes(dir)).toEqual(before);
    const loose = runCli(['import', dir, fixturePath('bad', 'one-bad-record.ris'), '--skip-bad']);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('2 records read, 1 rejected');
    expect(loose.stdout).toContain('1 record skipped (--skip-bad), at line 14; listed in the log');
    expect(loose.stderr).toMatch(/^one-bad-record\.ris:14  error  .*RIS_NO_TITLE$/m);
    const events = fs.readFileSync(path.join(dir, 'data', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.at(-1)).toMatchObject({ type: 'import', file: 'one-bad-record.ris', recordsRead: 2, recordsRejected: 1, skipped: [{ line: 14, code: 'RIS_NO_TITLE' }] });
    expect(status(dir).records).toBe(3);
  });

  it('one bad file among good ones: nothing of the command is imported', () => {
    const before = eventsBytes(dir);
    const r = runCli(['import', dir, fixturePath('bibtex', 'scielo.bib'), fixturePath('bad', 'binary.ris')]);
    expect(r.code).toBe(1);
    expect(eventsBytes(dir)).toEqual(before);
    expect(status(dir).records).toBe(3);
  });
});
