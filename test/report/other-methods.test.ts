/** PRISMA 2020's second column (identification via other methods) and the protocol keys that drive it. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { computePrisma } from '../../src/core/prisma/counts.js';
import { checkPrismaInvariants } from '../../src/core/prisma/invariants.js';
import { prismaTemplateValues } from '../../src/core/prisma/template.js';
import { prismaSvg } from '../../src/core/svg/prismaSvg.js';
import { parseProtocol, prismaMethodOf, type Protocol } from '../../src/core/protocol.js';
import { synopticColumns } from '../../src/core/report/synoptic.js';
import { prismaLabels } from '../../src/ui/svg/prismaLabels.js';
import { fixturePath } from '../helpers/cli.js';
import { rec, resetIds, screeningState } from './records.js';

const eligibility = { inclusion: [], exclusion: [{ code: 'E1', text: 'Fora do tema' }] };

describe('PRISMA: identification via other methods', () => {
  it('Google Scholar goes to websites by default; a source may be put in any column by the protocol', () => {
    const p = { sources: [{ id: 'bvs' }, { id: 'scielo', prisma: 'citations' }, { id: 'google-scholar' }] } as Pick<Protocol, 'sources'>;
    expect(prismaMethodOf(p, 'google-scholar')).toBe('websites');
    expect(prismaMethodOf(p, 'scielo')).toBe('citations');
    expect(prismaMethodOf(p, 'bvs')).toBe('databases');
    expect(prismaMethodOf({ sources: [{ id: 'google-scholar', prisma: 'databases' }] } as Pick<Protocol, 'sources'>, 'google-scholar')).toBe('databases');
  });

  it('a study also found in a database is followed there; one found only by other methods has its own column, and both add up', () => {
    resetIds();
    const l1 = rec('i001', 'bvs', 'LILACS');
    const l2 = rec('i001', 'bvs', 'LILACS');
    const g1 = rec('i002', 'google-scholar', 'Google Scholar'); // duplicate of l1
    const g2 = rec('i002', 'google-scholar', 'Google Scholar'); // only here: included
    const g3 = rec('i002', 'google-scholar', 'Google Scholar'); // only here: excluded on title/abstract
    const g4 = rec('i002', 'google-scholar', 'Google Scholar'); // only here: excluded at full text
    const records = [l1, l2, g1, g2, g3, g4];
    const canonicalOf = new Map([[g1.id, l1.id]]);
    const uniqueIds = records.filter((r) => !canonicalOf.has(r.id)).map((r) => r.id);
    const screening = screeningState({
      ta: [
        [l1.id, { decision: 'include' }],
        [l2.id, { decision: 'exclude', reason: 'E1' }],
        [g2.id, { decision: 'include' }],
        [g3.id, { decision: 'exclude', reason: 'E1' }],
        [g4.id, { decision: 'maybe' }],
      ],
      ft: [
        [l1.id, { decision: 'include' }],
        [g2.id, { decision: 'include' }],
        [g4.id, { decision: 'exclude', reason: 'E1' }],
      ],
    });
    const c = computePrisma({ records, uniqueIds, screening, protocol: { eligibility, sources: [{ id: 'bvs' }, { id: 'google-scholar' }] }, canonicalOf });
    expect(checkPrismaInvariants(c)).toEqual([]);
    expect(c.databaseResults).toBe(2);
    expect(c.byDatabase).toEqual([{ source: 'bvs', database: 'LILACS', n: 2 }]);
    expect(c.duplicates).toBe(0);
    expect(c.recordsScreened).toBe(2);
    expect(c.other).toMatchObject({ identified: 4, byMethod: [{ method: 'websites', n: 4 }], duplicates: 1, excludedScreening: 1, reportsSought: 2, reportsAssessed: 2, reportsExcluded: 1, studiesIncluded: 1 });
    expect(c.studiesIncluded).toBe(2);
    expect(c.includedIds).toEqual([l1.id, g2.id]);
    const v = prismaTemplateValues(c, { noReason: '-' });
    expect(v).toMatchObject({ database_results: 2, website_results: 4, citations_results: 0, other_sought_reports: 2, other_assessed: 2, other_excluded: 'E1: Fora do tema, 1', new_studies: 2 });

    const svg = prismaSvg(c, { labels: prismaLabels('pt-BR'), lang: 'pt-BR' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('Identificação de estudos por outros métodos');
    expect(svg).toContain('data-field="website_results" data-n="4"');
    expect(svg).toContain('data-field="other_sought_reports" data-n="2"');
    expect(svg).toContain('data-box="box14"');

    // without any other-methods source the diagram keeps one column
    const dbOnly = computePrisma({ records: [l1, l2], uniqueIds: [l1.id, l2.id], screening, protocol: { eligibility }, canonicalOf });
    expect(prismaSvg(dbOnly, { labels: prismaLabels('en') })).not.toContain('othstud');
  });
});

describe('protocol outputs keys', () => {
  const demo = fs.readFileSync(fixturePath('demo', 'protocol.yaml'), 'utf8');

  it('synoptic columns, tabulated fields, reference style and a PRISMA column per source are read and checked', () => {
    const text = demo
      .replace('  - id: google-scholar\n', '  - id: google-scholar\n    prisma: citations\n')
      .concat('outputs:\n  synoptic: [study, title, evidence_level, themes]\n  tables: [design]\n  citationStyle: vancouver\n');
    const { protocol, problems } = parseProtocol(text, 'protocol.yaml');
    expect(problems).toEqual([]);
    expect(synopticColumns(protocol!)).toEqual(['study', 'title', 'evidence_level', 'themes']);
    expect(protocol!.outputs?.citationStyle).toBe('vancouver');
    expect(prismaMethodOf(protocol!, 'google-scholar')).toBe('citations');
    // the default: author/year, title, journal, database, the choice and long-text fields, themes
    expect(synopticColumns(parseProtocol(demo, 'p.yaml').protocol!)).toEqual(['study', 'title', 'journal', 'database', 'design', 'evidence_level', 'objective', 'main_results', 'themes']);

    const bad = parseProtocol(demo.concat('outputs:\n  synoptic: [study, titel]\n  tables: [nivel]\n'), 'protocol.yaml').problems;
    expect(bad.map((p) => [p.code, p.path])).toEqual([
      ['PROTOCOL_VALUE', 'outputs.synoptic[1]'],
      ['PROTOCOL_VALUE', 'outputs.tables[0]'],
    ]);
    expect(bad[0].line).toBeGreaterThan(100);
    const wrongMethod = parseProtocol(demo.replace('  - id: pubmed\n', '  - id: pubmed\n    prisma: blogs\n'), 'protocol.yaml').problems;
    expect(wrongMethod[0]).toMatchObject({ code: 'PROTOCOL_VALUE', path: 'sources[2].prisma' });
  });
});
