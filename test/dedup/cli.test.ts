import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { Review } from '../../src/project/review.js';
import { addRecords } from '../../src/project/addRecords.js';
import { protocolPath, runCli, tempDir } from '../helpers/cli.js';
import { parsedImport } from './fixture.js';

const dirs: string[] = [];
function newReview(): string {
  const dir = path.join(tempDir('review-dedup-'), 'rev');
  dirs.push(path.dirname(dir));
  const r = runCli(['init', dir, '--protocol', protocolPath('matriciamento-saude-mental.yaml')]);
  expect(r.code).toBe(0);
  return dir;
}
function importFixture(dir: string, index: number): void {
  const review = Review.open(dir, { writer: 'test' });
  try {
    const p = parsedImport(index);
    addRecords(review, p.records, { file: p.meta.file, format: p.meta.format, source: p.meta.source, recordsRejected: 0, warnings: 0 });
  } finally {
    review.close();
  }
}
const csvRows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const eventsOf = (dir: string) => fs.readFileSync(path.join(dir, 'data/events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('review dedup (no terminal)', () => {
  let dir: string;
  beforeAll(() => {
    dir = newReview();
    for (const i of [0, 1, 2]) importFixture(dir, i);
  });

  it('merges sure duplicates, sets uncertain pairs aside, and prints the counts', () => {
    const r = runCli(['dedup', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Compared 14 new records/);
    expect(r.stdout).toMatch(/Records before dedup\s+14/);
    expect(r.stdout).toMatch(/Duplicates removed\s+4/);
    expect(r.stdout).toMatch(/Unique records\s+10/);
    expect(r.stdout).toMatch(/BDENF \(BVS\)\s+2 \/ 1 \/ 1/);
    expect(r.stdout).toMatch(/1 uncertain pair waits for a decision/);
    const runs = eventsOf(dir).filter((e) => e.type === 'dedup.run');
    expect(runs).toHaveLength(1);
    expect(runs[0].imports).toEqual(['i001', 'i002', 'i003']);
  });

  it('status shows records vs unique', () => {
    const s = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(s.records).toBe(14);
    expect(s.unique).toBe(10);
    expect(s.duplicates).toBe(4);
  });

  it('running again with nothing new appends nothing', () => {
    const before = eventsOf(dir).length;
    const r = runCli(['dedup', dir, '--auto', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ before: 14, removed: 4, after: 10, newRecords: 0, pending: 1 });
    expect(eventsOf(dir).length).toBe(before);
  });

  it('--report --format csv: one row per record with group, canonical and rule', () => {
    const r = runCli(['dedup', dir, '--report', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(Object.keys(rows[0]).slice(0, 5)).toEqual(['source_id', 'file', 'group', 'canonical', 'rule']);
    expect(rows).toHaveLength(14);
    const bySid = new Map(rows.map((x) => [x.source_id, x]));
    const lil = bySid.get('lil-654321')!;
    expect(lil).toMatchObject({ file: 'bvs-lilacs.csv', canonical: 'true' });
    expect(bySid.get('S0034-71672014000200123')).toMatchObject({ group: lil.group, canonical: 'false', rule: 'doi', file: 'scielo.csv' });
    expect(bySid.get('bde-26789')).toMatchObject({ group: lil.group, canonical: 'false', rule: 'score' });
    expect(bySid.get('25012345')).toMatchObject({ group: bySid.get('mdl-25012345')!.group, rule: 'bvs-mdl' });
    expect(bySid.get('27000001')!.group).toBe(bySid.get('S0213-91112016000400280')!.group);
    expect(bySid.get('lil-700001')).toMatchObject({ canonical: 'true', rule: '' });
    expect(new Set(rows.map((x) => x.group)).size).toBe(10);
    expect(rows.filter((x) => x.canonical === 'true')).toHaveLength(10);
  });

  it('--report --format json --out FILE writes the file and still prints the counts', () => {
    const out = path.join(path.dirname(dir), 'dedup.json');
    const r = runCli(['dedup', dir, '--report', '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Report written to .*dedup\.json \(14 records\)/);
    const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(14);
    expect(rows[0]).toHaveProperty('canonical');
  });

  it('refuses an unknown format and --review without a terminal', () => {
    const bad = runCli(['dedup', dir, '--report', '--format', 'xlsx']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown report format "xlsx"/);
    const rev = runCli(['dedup', dir, '--review']);
    expect(rev.code).toBe(1);
    expect(rev.stderr).toMatch(/--review needs an interactive terminal/);
  });

  it('speaks Portuguese', () => {
    const r = runCli(['dedup', dir, '--auto'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(r.stdout).toMatch(/Registros antes da deduplicação\s+14/);
    expect(r.stdout).toMatch(/Duplicados removidos\s+4/);
  });
});

describe('incremental runs and undo', () => {
  it('a new import is compared against the existing groups; undo splits a group and it stays split', () => {
    const dir = newReview();
    importFixture(dir, 0);
    importFixture(dir, 1);
    expect(runCli(['dedup', dir, '--auto']).code).toBe(0);
    let rows = csvRows(runCli(['dedup', dir, '--report']).stdout);
    const group = rows.find((x) => x.source_id === 'lil-654321')!.group;
    expect(rows.filter((x) => x.group === group)).toHaveLength(3);

    importFixture(dir, 3);
    const r = runCli(['dedup', dir, '--auto', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ newRecords: 2, before: 14, removed: 4 });
    const run2 = eventsOf(dir).filter((e) => e.type === 'dedup.run')[1];
    expect(run2.imports).toEqual(['i003']);
    for (const p of [...run2.accepted, ...run2.uncertain]) expect([p.a, p.b].some((id: string) => id.startsWith('i003'))).toBe(true);
    rows = csvRows(runCli(['dedup', dir, '--report']).stdout);
    expect(rows.find((x) => x.source_id === 'gs-17')!.group).toBe(group);
    expect(rows.find((x) => x.source_id === 'lil-654321')!.canonical).toBe('true');

    const u = runCli(['dedup', dir, '--undo', group]);
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(new RegExp(`Group ${group} split back into 4 records`));
    rows = csvRows(runCli(['dedup', dir, '--report']).stdout);
    expect(rows).toHaveLength(14);
    expect(rows.filter((x) => x.group === group)).toHaveLength(1);
    expect(JSON.parse(runCli(['status', dir, '--json']).stdout)).toMatchObject({ records: 14, unique: 13 });

    const missing = runCli(['dedup', dir, '--undo', 'i009-00001']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/there is no group "i009-00001"/);
  });
});

describe('identical records are never uncertain', () => {
  it('our own RIS export read back, and read again with --again, gives only certain duplicates', () => {
    const dir = newReview();
    for (const i of [0, 1, 2, 3]) importFixture(dir, i);
    const first = JSON.parse(runCli(['dedup', dir, '--auto', '--json']).stdout);
    const ris = path.join(path.dirname(dir), 'all.ris');
    expect(runCli(['export', dir, '--format', 'ris', '--set', 'all', '--out', ris]).code).toBe(0);
    expect(runCli(['import', dir, ris]).code).toBe(0);
    expect(runCli(['import', dir, ris, '--again']).code).toBe(0);
    const again = JSON.parse(runCli(['dedup', dir, '--auto', '--json']).stdout);
    expect(again.newRecords).toBe(2 * first.before);
    // Every record read back joins the group (or the record) it was exported from.
    expect(again.after).toBe(first.after);
    expect(again.pending).toBe(first.pending);
    // The uncertain pairs left are copies of the pairs that were uncertain before, never a record and its copy.
    const report = csvRows(runCli(['dedup', dir, '--report', '--format', 'csv']).stdout);
    const group = new Map(report.map((r) => [r.record_id, r.group]));
    const lastRun = eventsOf(dir).filter((e) => e.type === 'dedup.run').pop();
    expect(lastRun.uncertain.length).toBe(again.uncertain);
    for (const p of lastRun.uncertain as { a: string; b: string }[]) expect(group.get(p.a)).not.toBe(group.get(p.b));
  });
});
