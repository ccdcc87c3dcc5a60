import { describe, expect, it, beforeEach } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { computePrisma, type PrismaCounts } from '../../src/core/prisma/counts.js';
import { checkPrismaInvariants } from '../../src/core/prisma/invariants.js';
import { prismaJson, prismaTemplateRows, prismaTemplateValues, PRISMA_TEMPLATE_COLUMNS } from '../../src/core/prisma/template.js';
import { prismaSvg } from '../../src/core/svg/prismaSvg.js';
import { prismaLabels } from '../../src/ui/svg/prismaLabels.js';
import type { Protocol } from '../../src/core/protocol.js';
import { rec, resetIds, screeningState } from './records.js';

const protocol = {
  eligibility: {
    inclusion: [{ code: 'I1', text: 'Aborda matriciamento' }],
    exclusion: [
      { code: 'E1', text: 'Não aborda matriciamento em saúde mental' },
      { code: 'E2', text: 'Não se passa na atenção básica, nem na primária' },
      { code: 'E3', text: 'Não é artigo; é tese' },
    ],
  },
} as Pick<Protocol, 'eligibility'>;

/**
 * 14 records: BVS LILACS 5, BVS BDENF 2, SciELO 4, PubMed/MEDLINE 3; 3 duplicates; 2 out of the
 * limits; 8 screened (1 still waiting), 4 excluded, 4 sought (one "maybe" goes on to full text),
 * 1 not retrieved, 3 assessed, 1 excluded, 2 included.
 */
function fixture(): PrismaCounts {
  resetIds();
  const a = [1, 2, 3, 4, 5].map(() => rec('i001', 'bvs', 'LILACS'));
  const a6 = rec('i001', 'bvs', 'BDENF');
  const a7 = rec('i001', 'bvs', 'BDENF');
  const s = [1, 2, 3, 4].map(() => rec('i002', 'scielo', 'SciELO Brasil'));
  const p = [1, 2, 3].map(() => rec('i003', 'pubmed', 'MEDLINE'));
  const records = [...a, a6, a7, ...s, ...p];
  const duplicates = new Set([s[0].id, s[1].id, p[0].id]);
  const uniqueIds = records.filter((r) => !duplicates.has(r.id)).map((r) => r.id);
  const screening = screeningState({
    automatic: [
      [a7.id, 'limit:year'],
      [p[2].id, 'limit:language'],
      [s[0].id, 'limit:year'], // a duplicate: never counted as an automatic exclusion
    ],
    ta: [
      [a[0].id, { decision: 'include' }],
      [a[1].id, { decision: 'include' }],
      [a[2].id, { decision: 'maybe' }],
      [a[3].id, { decision: 'exclude', reason: 'E1' }],
      [a[4].id, { decision: 'exclude', reason: 'E1' }],
      [a6.id, { decision: 'exclude', reason: 'E2' }],
      [s[2].id, { decision: 'include' }],
      [p[1].id, { decision: 'exclude' }],
    ],
    retrieval: [[a[1].id, false]],
    ft: [
      [a[0].id, { decision: 'include' }],
      [a[1].id, { decision: 'include' }], // not retrieved: a decision on it does not count
      [a[2].id, { decision: 'exclude', reason: 'E3' }],
      [s[2].id, { decision: 'include' }],
    ],
  });
  return computePrisma({ records, uniqueIds, screening, protocol });
}

describe('PRISMA 2020 counts', () => {
  let c: PrismaCounts;
  beforeEach(() => {
    c = fixture();
  });

  it('counts every box of the fixture review', () => {
    expect(c.identified).toBe(14);
    expect(c.bySource).toEqual([
      { source: 'bvs', n: 7 },
      { source: 'scielo', n: 4 },
      { source: 'pubmed', n: 3 },
    ]);
    expect(c.byDatabase).toEqual([
      { source: 'bvs', database: 'LILACS', n: 5 },
      { source: 'bvs', database: 'BDENF', n: 2 },
      { source: 'scielo', database: 'SciELO Brasil', n: 4 },
      { source: 'pubmed', database: 'MEDLINE', n: 3 },
    ]);
    expect(c.databaseResults).toBe(14);
    expect(c.registerResults).toBe(0);
    expect(c.duplicates).toBe(3);
    expect(c.excludedAutomatic).toBe(2);
    expect(c.excludedAutomaticByLimit.map((r) => [r.code, r.n])).toEqual([
      ['limit:language', 1],
      ['limit:year', 1],
    ]);
    expect(c.excludedOther).toBe(0);
    expect(c.recordsScreened).toBe(8);
    expect(c.awaitingScreening).toBe(1);
    expect(c.recordsExcluded).toBe(4);
    expect(c.recordsExcludedByReason.map((r) => [r.code, r.n])).toEqual([
      ['E1', 2],
      ['E2', 1],
      ['-', 1],
    ]);
    expect(c.reportsSought).toBe(4);
    expect(c.reportsNotRetrieved).toBe(1);
    expect(c.reportsAssessed).toBe(3);
    expect(c.reportsExcluded).toBe(1);
    expect(c.reportsExcludedByReason).toEqual([{ code: 'E3', text: 'Não é artigo; é tese', n: 1 }]);
    expect(c.awaitingFulltext).toBe(0);
    expect(c.studiesIncluded).toBe(2);
    expect(c.reportsIncluded).toBe(2);
    expect(c.includedIds).toEqual(['i001-00001', 'i002-00010']);
  });

  it('adds up, and the checker names the equation that breaks', () => {
    expect(checkPrismaInvariants(c)).toEqual([]);
    const broken = { ...c, recordsExcluded: c.recordsExcluded + 1 };
    const problems = checkPrismaInvariants(broken);
    expect(problems.some((p) => p.startsWith('screened = excluded + sought'))).toBe(true);
    expect(problems.some((p) => p.startsWith('records excluded = sum per reason'))).toBe(true);
    expect(checkPrismaInvariants({ ...c, duplicates: -1 }).some((p) => p.startsWith('duplicates is not a count'))).toBe(true);
  });

  it('an empty review is all zeros and still adds up', () => {
    const empty = computePrisma({ records: [], uniqueIds: [], screening: screeningState({}), protocol });
    expect(empty.identified).toBe(0);
    expect(empty.studiesIncluded).toBe(0);
    expect(checkPrismaInvariants(empty)).toEqual([]);
  });
});

describe('PRISMA2020 R package template', () => {
  it('uses the template field names and its "name, n; name, n" lists', () => {
    const v = prismaTemplateValues(fixture(), { noReason: 'Sem motivo' });
    expect(v.database_results).toBe(14);
    expect(v.database_specific_results).toBe('LILACS (BVS), 5; BDENF (BVS), 2; SciELO Brasil (SciELO), 4; MEDLINE (PubMed), 3');
    expect(v.duplicates).toBe(3);
    expect(v.excluded_automatic).toBe(2);
    expect(v.excluded_other).toBe(0);
    expect(v.records_screened).toBe(8);
    expect(v.records_excluded).toBe(4);
    expect(v.dbr_sought_reports).toBe(4);
    expect(v.dbr_notretrieved_reports).toBe(1);
    expect(v.dbr_assessed).toBe(3);
    // Note: the package splits on ";" and the first ",": the criterion text must hold neither.
    expect(v.dbr_excluded).toBe('E3: Não é artigo - é tese, 1');
    expect(v.new_studies).toBe(2);
    expect(v.new_reports).toBe(2);
    expect(v.total_studies).toBe(2);
    expect(v.total_reports).toBe(2);
  });

  it('writes the CSV layout data,node,box,description,boxtext,tooltips,url,n with boxes in the chosen language', () => {
    expect([...PRISMA_TEMPLATE_COLUMNS]).toEqual(['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n']);
    const rows = prismaTemplateRows(fixture(), prismaLabels('pt-BR'));
    const byData = new Map(rows.map((r) => [r.data, r]));
    expect(byData.get('records_screened')).toMatchObject({ node: 'node9', box: 'box4', boxtext: 'Registros triados', n: 8 });
    expect(byData.get('dbr_excluded')).toMatchObject({ node: 'node14', box: 'box9', n: 'E3: Não é artigo - é tese, 1' });
    expect(byData.get('duplicates')?.boxtext).toBe('Registros duplicados removidos');
    expect(rows.find((r) => r.box === 'newstud')?.boxtext).toBe('Identificação de estudos via bases de dados e registros');
    expect(rows.filter((r) => r.data !== 'NA').map((r) => r.data)).toContain('database_specific_results');
  });

  it('JSON keeps the template fields and adds the structured reasons', () => {
    const j = prismaJson(fixture(), { noReason: 'No reason recorded' });
    expect(j.records_excluded).toBe(4);
    expect(j.records_excluded_reasons).toEqual([
      { code: 'E1', text: 'Não aborda matriciamento em saúde mental', n: 2 },
      { code: 'E2', text: 'Não se passa na atenção básica, nem na primária', n: 1 },
      { code: '-', text: '', n: 1 },
    ]);
    expect(j.awaiting_screening).toBe(1);
  });
});

describe('PRISMA flow diagram SVG', () => {
  const numbersOf = (svg: string, field: string) => [...svg.matchAll(new RegExp(`data-field="${field}" data-n="(\\d+)"`, 'g'))].map((m) => Number(m[1]));

  it('has the boxes, phases and arrows of the template with the counts, in pt-BR', () => {
    const svg = prismaSvg(fixture(), { labels: prismaLabels('pt-BR'), lang: 'pt-BR' });
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const box of ['box2', 'box3', 'box4', 'box5', 'box6', 'box7', 'box8', 'box9', 'box10']) expect(svg).toContain(`data-box="${box}"`);
    for (const phase of ['identification', 'screening', 'included']) expect(svg).toContain(`data-phase="${phase}"`);
    expect(svg.match(/class="arrow"/g)?.length).toBe(8);
    expect(numbersOf(svg, 'database_results')).toEqual([14]);
    expect(numbersOf(svg, 'database_specific_results')).toEqual([5, 2, 4, 3]);
    expect(numbersOf(svg, 'duplicates')).toEqual([3]);
    expect(numbersOf(svg, 'excluded_automatic')).toEqual([2]);
    expect(numbersOf(svg, 'records_screened')).toEqual([8]);
    expect(numbersOf(svg, 'awaiting_screening')).toEqual([1]);
    expect(numbersOf(svg, 'records_excluded')).toEqual([4]);
    expect(numbersOf(svg, 'dbr_sought_reports')).toEqual([4]);
    expect(numbersOf(svg, 'dbr_notretrieved_reports')).toEqual([1]);
    expect(numbersOf(svg, 'dbr_assessed')).toEqual([3]);
    expect(numbersOf(svg, 'dbr_excluded_reason')).toEqual([1]);
    expect(numbersOf(svg, 'new_studies')).toEqual([2]);
    for (const label of [
      'Identificação',
      'Triagem',
      'Incluídos',
      'Registros identificados de:',
      'Registros duplicados removidos (n = 3)',
      'Registros triados',
      'Registros excluídos',
      'Relatórios buscados para recuperação',
      'Relatórios não recuperados',
      'Relatórios avaliados para elegibilidade',
      'Relatórios excluídos (n = 1):',
      'Estudos incluídos na revisão',
      'LILACS (BVS) (n = 5)',
    ])
      expect(svg).toContain(label);
  });

  it('is standalone: no script, no external reference, text escaped', () => {
    const c = fixture();
    c.byDatabase[0] = { ...c.byDatabase[0], database: '<script>alert("x")</script> & Co' };
    const svg = prismaSvg(c, { labels: prismaLabels('en'), title: 'A "review" <b>' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(svg).toContain('<title>A &quot;review&quot; &lt;b&gt;</title>');
    const urls = [...svg.matchAll(/(?:href|src)=|url\((?!#)|https?:\/\//g)].map((m) => m[0]);
    expect(urls).toEqual(['http://']); // only the xmlns namespace name
    expect(svg).toContain('Records screened');
  });

  it('wraps long reasons inside the box and makes the box taller', () => {
    const c = fixture();
    const short = prismaSvg(c, { labels: prismaLabels('en') });
    c.reportsExcludedByReason = [{ code: 'E3', text: 'palavra '.repeat(40).trim(), n: 1 }];
    const long = prismaSvg(c, { labels: prismaLabels('en') });
    const height = (s: string) => Number(/<svg[^>]* height="([\d.]+)"/.exec(s)![1]);
    expect(height(long)).toBeGreaterThan(height(short));
    const lines = [...long.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(75);
    expect(lines.filter((l) => /\(n =\s*$|^\d+\)$/.test(l))).toEqual([]);
    expect(lines.some((l) => l.endsWith('palavra (n = 1)') || l === '(n = 1)')).toBe(true);
  });
});
