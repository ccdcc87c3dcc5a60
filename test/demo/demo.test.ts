/** `review demo` from the bundled fixtures: outputs exist and hold what the fixtures imply. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { Review } from '../../src/project/review.js';
import { computePrismaFromLog } from '../../src/core/prisma/counts.js';
import { checkPrismaInvariants } from '../../src/core/prisma/invariants.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('review demo', () => {
  it('runs the whole review offline and writes the PRISMA SVG, the report and the table', () => {
    const dir = path.join(tempDir(), 'demo');
    const r = runCli(['demo', dir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dir).toBe(dir);
    const c = j.prisma;
    expect(c.identified).toBe(44);
    expect(c.byDatabase).toEqual([
      { source: 'bvs', database: 'LILACS', n: 13 },
      { source: 'bvs', database: 'BDENF', n: 3 },
      { source: 'scielo', database: 'SciELO Brasil', n: 9 },
      { source: 'scielo', database: 'SciELO Salud Pública', n: 1 },
      { source: 'pubmed', database: 'MEDLINE', n: 8 },
    ]);
    // Google Scholar feeds PRISMA's "other methods: websites" column by default.
    expect(c.databaseResults).toBe(34);
    expect(c.other).toMatchObject({ identified: 10, byMethod: [{ method: 'websites', n: 10 }], duplicates: 3, excludedAutomatic: 1, excludedScreening: 4, reportsSought: 2, reportsAssessed: 2, reportsExcluded: 1, studiesIncluded: 1 });
    // the databases column: 34 identified = 6 duplicates + 2 by the limits + 26 screened
    expect(c.duplicates).toBe(6);
    expect(c.excludedAutomatic).toBe(2);
    expect(c.excludedAutomaticByLimit.map((x: { code: string; n: number }) => [x.code, x.n])).toEqual([
      ['limit:type', 1],
      ['limit:year', 1],
    ]);
    expect(c.recordsScreened).toBe(26);
    expect(c.recordsExcluded).toBe(14);
    expect(c.recordsExcludedByReason.map((x: { code: string; n: number }) => [x.code, x.n])).toEqual([
      ['E1', 13],
      ['E2', 1],
    ]);
    expect(c.reportsSought).toBe(12);
    expect(c.reportsNotRetrieved).toBe(1);
    expect(c.reportsAssessed).toBe(11);
    expect(c.reportsExcludedByReason.map((x: { code: string; n: number }) => [x.code, x.n])).toEqual([
      ['E1', 1],
      ['E2', 1],
    ]);
    expect(c.studiesIncluded).toBe(10);
    expect(c.awaitingScreening + c.awaitingFulltext).toBe(0);

    // the arithmetic, recomputed from the folder by the library
    const review = Review.open(dir);
    expect(checkPrismaInvariants(computePrismaFromLog(review.records(), review.events, review.protocol))).toEqual([]);

    for (const f of Object.values(j.files) as string[]) expect(fs.existsSync(f)).toBe(true);
    const svg = fs.readFileSync(j.files.prisma, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('data-field="new_studies" data-n="10"');
    expect(svg).toContain('data-field="duplicates" data-n="6"');
    expect(svg).toContain('data-field="website_results" data-n="10"');
    expect(svg).toContain('Identification of studies via other methods');

    const table = fs.readFileSync(j.files.table);
    expect([...table.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(table.toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toHaveLength(11);
    const ids = rows.slice(1).map((x) => x[0]);
    expect(ids).toEqual(['i001-00001', 'i001-00002', 'i001-00003', 'i001-00004', 'i001-00005', 'i001-00006', 'i002-00005', 'i002-00006', 'i003-00003', 'i004-00004']);
    const first = rows[1];
    expect(first[1]).toBe('Iglesias, Alexandra; Avellar, Luziane Zacché');
    expect(first[5]).toBe('LILACS (BVS); SciELO Brasil (SciELO)');
    expect(first[7]).toBe('https://doi.org/10.1590/1413-81232018244.05362017');
    expect(first.slice(-2)).toEqual(['P1; P2; I2', 'Corresponsabilização e vínculo entre equipes; Educação permanente e troca de saberes; Sobrecarga e alta demanda das equipes']);

    const md = fs.readFileSync(j.files.report, 'utf8');
    expect(md).toContain('### LILACS, BDENF (BVS) - bvs-lilacs-bdenf.ris');
    expect(md).toContain('- **PRISMA column:** other methods: websites');
    // the review is in Portuguese: the English files carry their language and link each other
    expect(j.files.report).toMatch(/report\.en\.md$/);
    expect(md).toContain('[prisma.en.svg](prisma.en.svg)');
    expect(md).toContain('|  | P1 Corresponsabilização e vínculo entre equipes | 6 | 60.0% |');
    expect(md).toContain('|  | I2 Sobrecarga e alta demanda das equipes | 4 | 40.0% |');
    expect(fs.readFileSync(j.files.themes, 'utf8')).toContain('data-theme="P1" data-n="6"');

    // the descriptive tables: in report.md, as CSV for Excel and in status --json
    expect(md).toContain('### Delineamento do estudo\n\n| Delineamento do estudo | n | % of included |\n|---|---|---|\n| qualitativo | 7 | 70.0% |\n| misto | 1 | 10.0% |\n| revisão | 2 | 20.0% |');
    const tables = parse(fs.readFileSync(j.files.tables, 'utf8'), { bom: true }) as string[][];
    expect(tables[0]).toEqual(['table', 'value', 'n', '% of included']);
    expect(tables).toContainEqual(['Database', 'LILACS (BVS)', '4', '40.0%']);
    expect(tables).toContainEqual(['Database', 'Google Scholar', '4', '40.0%']);
    expect(tables).toContainEqual(['Theme', 'P1 Corresponsabilização e vínculo entre equipes (Potencialidades)', '6', '60.0%']);
    const st = JSON.parse(runCli(['status', dir, '--json']).stdout);
    expect(st.themes.find((x: { id: string }) => x.id === 'P1')).toMatchObject({ n: 6, percent: 60 });
    expect(st.tables.map((x: { id: string }) => x.id)).toEqual(['field:design', 'field:evidence_level', 'year', 'journal', 'database', 'language']);
    expect(st.tables[0].rows).toEqual([
      { value: 'qualitativo', n: 7, percent: 70 },
      { value: 'misto', n: 1, percent: 10 },
      { value: 'revisão', n: 2, percent: 20 },
    ]);
    expect(st.included).toBe(10);
  });

  it('without a folder: ./review-demo, then a new temporary folder; prints where, in pt-BR', () => {
    const cwd = tempDir();
    const env = { LANG: 'pt_BR.UTF-8' };
    const first = runCli(['demo'], { cwd, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Revisão de exemplo em ${path.join(fs.realpathSync(cwd), 'review-demo')}`);
    expect(first.stdout).toContain('fluxograma PRISMA 2020:');
    expect(first.stdout).toMatch(/PRISMA: 44 identificados, 9 duplicatas, 3 pelos limites, 32 triados, 13 avaliados, 10 incluídos/);
    const second = runCli(['demo'], { cwd, env });
    expect(second.code).toBe(0);
    const where = /Revisão de exemplo em (.+)/.exec(second.stdout)![1];
    expect(where).not.toContain(cwd);
    expect(fs.existsSync(path.join(where, 'out', 'report.md'))).toBe(true);
    // an explicit folder that is not empty is refused
    const taken = runCli(['demo', path.join(cwd, 'review-demo')], { cwd });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already exists');
  });
});
