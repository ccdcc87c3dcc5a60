import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli } from '../helpers/cli.js';
import { buildReview, rid, screeningEvents, writeCsv } from './helpers.js';

const fx = (name: string) => fixturePath('screening', name);

/** A review with limits applied and two reviewers' title/abstract decisions. */
function twoReviewers(): string {
  const dir = buildReview();
  expect(runCli(['screen', dir, '--apply-limits']).code).toBe(0);
  expect(runCli(['screen', dir, '--decisions', fx('decisoes-ana.csv')]).code).toBe(0);
  expect(runCli(['screen', dir, '--decisions', fx('decisions-bruno.csv')]).code).toBe(0);
  return dir;
}

describe('review screen --apply-limits and --decisions', () => {
  it('applies the limits once, with their codes, and reports them', () => {
    const dir = buildReview();
    const r = runCli(['screen', dir, '--apply-limits', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ checked: 10, excluded: 4, byLimit: { 'limit:year': 1, 'limit:language': 1, 'limit:type': 1, 'limit:fulltext': 1 } });
    const auto = screeningEvents(dir).filter((e) => e.by === 'automation');
    expect(auto.map((e) => [e.recordId, e.reason])).toEqual([
      [rid(3), 'limit:year'],
      [rid(4), 'limit:language'],
      [rid(5), 'limit:type'],
      [rid(9), 'limit:fulltext'],
    ]);
    // Records 6 (no year) and 7 (no language) go to people.
    expect(auto.map((e) => e.recordId)).not.toContain(rid(6));
    expect(auto.map((e) => e.recordId)).not.toContain(rid(7));
    expect(runCli(['screen', dir, '--apply-limits']).stdout).toContain('every import was already checked');
  });

  it('applies a decisions CSV (Portuguese headers, ";"), and a second run adds nothing', () => {
    const dir = twoReviewers();
    const again = runCli(['screen', dir, '--decisions', fx('decisions-bruno.csv'), '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ applied: 0, unchanged: 6 });
    const ana = screeningEvents(dir).filter((e) => e.reviewer === 'ana');
    expect(ana).toHaveLength(6);
    expect(ana.find((e) => e.recordId === rid(6))).toMatchObject({ decision: 'maybe', note: 'sem ano: conferir no texto', by: 'human' });
    const status = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(status).toMatchObject({ excludedAutomatic: 4, conflicts: 2 });
  });

  it('rejects a CSV with problems, naming file and line, and applies nothing', () => {
    const dir = buildReview();
    runCli(['screen', dir, '--apply-limits']);
    const before = screeningEvents(dir).length;
    const r = runCli(['screen', dir, '--decisions', fx('decisions-invalid.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was applied');
    for (const [line, code] of [[3, 'DECISIONS_UNKNOWN_RECORD'], [4, 'DECISIONS_BAD_REASON'], [5, 'DECISIONS_AUTOMATIC'], [6, 'DECISIONS_NO_REASON']] as const)
      expect(r.stderr).toMatch(new RegExp(`decisions-invalid\\.csv:${line} .*${code}`));
    expect(screeningEvents(dir)).toHaveLength(before);
    const noColumn = runCli(['screen', dir, '--decisions', writeCsv(dir, 'sem-coluna.csv', 'registro,motivo\ni001-00001,E1\n')]);
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toContain('DECISIONS_NO_COLUMN');
  });

  it('full-text stage from a CSV: only records that passed, retrieval marks, reasons', () => {
    const dir = twoReviewers();
    expect(runCli(['conflicts', dir, '--decisions', fx('resolutions-carla.csv')]).code).toBe(0);
    const bad = runCli(['screen', dir, '--stage', 'fulltext', '--decisions', writeCsv(dir, 'ft-bad.csv', 'record,decision,reason\ni001-00010,include,\ni001-00001,maybe,\n')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/ft-bad\.csv:2 .*DECISIONS_NOT_IN_FULLTEXT/);
    expect(bad.stderr).toMatch(/ft-bad\.csv:3 .*DECISIONS_BAD_DECISION/);
    const ok = runCli([
      'screen', dir, '--stage', 'fulltext', '--decisions',
      writeCsv(dir, 'ft.csv', 'record,decision,reason,note\ni001-00001,include,,\ni001-00002,not-retrieved,,pedido ao autor sem resposta\ni001-00006,exclude,E2,publicado em 2005\ni001-00007,include,,\n'),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const status = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(status).toMatchObject({ fulltextAssessed: 3, included: 2, notRetrieved: 1, conflicts: 0 });
  });

  it('reads a decisions CSV saved by Excel in Windows-1252', () => {
    const dir = buildReview();
    runCli(['screen', dir, '--apply-limits']);
    const file = path.join(path.dirname(dir), 'decisoes-excel.csv');
    fs.writeFileSync(file, Buffer.from('registro;decisão;motivo;revisor;observação\r\ni001-00008;excluir;E1;joão;não é saúde mental\r\n', 'latin1'));
    const r = runCli(['screen', dir, '--decisions', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(screeningEvents(dir).find((e) => e.recordId === rid(8))).toMatchObject({ decision: 'exclude', reason: 'E1', reviewer: 'joão', note: 'não é saúde mental' });
  });

  it('refuses the interactive screen without a terminal', () => {
    const dir = buildReview();
    const r = runCli(['screen', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('needs a terminal');
    const pt = runCli(['screen', dir, '--lang', 'pt-BR']);
    expect(pt.stderr).toContain('precisa de um terminal');
  });
});

describe('review conflicts and review agreement', () => {
  it("lists conflicts, resolves them from a CSV, and reports raw agreement and Cohen's kappa", () => {
    const dir = twoReviewers();
    const listed = JSON.parse(runCli(['conflicts', dir, '--json']).stdout);
    expect(listed.conflicts.map((c: { id: string }) => c.id)).toEqual([rid(2), rid(10)]);
    expect(listed.conflicts[0].decisions).toEqual({ ana: 'include', bruno: 'exclude (E5)' });

    // ana: P P P P E P; bruno: P E P P E E -> p_o = 4/6; p_e = (5/6)(3/6) + (1/6)(3/6) = 1/2; kappa = 1/3 (fair).
    const [ta] = JSON.parse(runCli(['agreement', dir, '--stage', 'title-abstract', '--json']).stdout);
    expect(ta.pairs).toHaveLength(1);
    expect(ta.pairs[0]).toMatchObject({ reviewers: ['ana', 'bruno'], n: 6, agreed: 4, band: 'fair' });
    expect(ta.pairs[0].kappa).toBeCloseTo(1 / 3, 10);
    const text = runCli(['agreement', dir, '--stage', 'ta']).stdout;
    expect(text).toMatch(/Cohen's kappa\s+0\.33/);
    expect(text).toMatch(/interpretation \(Landis & Koch\)\s+fair/);

    const notInConflict = runCli(['conflicts', dir, '--decisions', writeCsv(dir, 'r.csv', 'record,decision,reason,reviewer\ni001-00001,exclude,E1,carla\n')]);
    expect(notInConflict.code).toBe(1);
    expect(notInConflict.stderr).toContain('DECISIONS_NOT_IN_CONFLICT');
    expect(runCli(['conflicts', dir, '--decisions', fx('resolutions-carla.csv')]).code).toBe(0);
    expect(runCli(['conflicts', dir]).stdout).toContain('No conflicts at title/abstract');
    const resolutions = screeningEvents(dir).filter((e) => e.by === 'resolution');
    expect(resolutions.map((e) => [e.recordId, e.decision, e.reviewer])).toEqual([
      [rid(2), 'include', 'carla'],
      [rid(10), 'exclude', 'carla'],
    ]);
  });
});

describe('review simulate', () => {
  it('replays a labelled CSV through the ranking: deterministic with a seed, far better than random', () => {
    const args = ['simulate', fx('rotulados.csv'), '--labels', 'incluido', '--seed', '3', '--json'];
    const a = JSON.parse(runCli(args).stdout);
    const b = JSON.parse(runCli(args).stdout);
    delete a.ms;
    delete b.ms;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ records: 80, relevant: 12, orderLength: 78 });
    expect(a.wss95).toBeGreaterThan(0.6);
    expect(a.recall10).toBeGreaterThan(0.5);
    expect(a.wss95).toBeGreaterThan(a.random.wss95 + 0.4);
    const text = runCli(['simulate', fx('rotulados.csv'), '--labels', 'incluido']).stdout;
    expect(text).toMatch(/wss95\s+\d+\.\d%/);
    expect(text).toMatch(/recall@10%\s+\d+\.\d%/);
  });

  it('says which column is missing or which line has a bad label', () => {
    const missing = runCli(['simulate', fx('rotulados.csv'), '--labels', 'rotulo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no column "rotulo"');
    const file = path.join(path.dirname(buildReview()), 'ruim.csv');
    fs.writeFileSync(file, 'titulo,resumo,incluido\nSaúde mental,Resumo,1\nHipertensão,Resumo,talvez\n');
    const bad = runCli(['simulate', file, '--labels', 'incluido']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/ruim\.csv:3 .*SIMULATE_BAD_LABEL/);
  });
});

describe('review decisions', () => {
  it('lists the decisions that count, filtered by stage and reviewer, as a table, CSV or JSON', () => {
    const dir = twoReviewers();
    const all = JSON.parse(runCli(['decisions', dir, '--json']).stdout) as { recordId: string; reviewer: string; by: string; decision: string; reason?: string }[];
    expect(all.filter((r) => r.by === 'automation').map((r) => [r.recordId, r.reason])).toEqual([
      [rid(3), 'limit:year'],
      [rid(4), 'limit:language'],
      [rid(5), 'limit:type'],
      [rid(9), 'limit:fulltext'],
    ]);
    expect(all.filter((r) => r.reviewer === 'ana')).toHaveLength(6);
    const csv = runCli(['decisions', dir, '--stage', 'ta', '--reviewer', 'bruno', '--csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('record,stage,decision,reason,reviewer,by,at,note,title');
    expect(lines).toHaveLength(7);
    expect(lines.slice(1).every((l) => l.split(',')[4] === 'bruno')).toBe(true);
    const table = runCli(['decisions', dir, '--stage', 'fulltext'], { env: { LANG: 'pt_BR.UTF-8' } });
    expect(table.stdout.trim()).toBe('Nenhuma decisão em texto completo.');
    const listed = runCli(['decisions', dir, '--reviewer', 'ana']);
    expect(listed.stdout).toMatch(new RegExp(`^${rid(8)}  Title/abstract +exclude \\(E1\\)  ana  `, 'm'));
    expect(listed.stdout.trim().split('\n').at(-1)).toBe('6 decisions by ana.');
    expect(runCli(['decisions', dir, '--stage', 'abstract']).code).toBe(1);
  });
});
