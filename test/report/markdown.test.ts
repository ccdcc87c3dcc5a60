import { describe, expect, it } from 'vitest';
import { buildReportMarkdown, formatLimits, mdCell } from '../../src/core/report/markdown.js';
import { computePrisma } from '../../src/core/prisma/counts.js';
import { computeThemeTable } from '../../src/core/themes/frequencies.js';
import { mergedStudies } from '../../src/core/report/studies.js';
import { computeExtractions, type ExtractEvent } from '../../src/core/extraction/events.js';
import { prismaLabels } from '../../src/ui/svg/prismaLabels.js';
import { t } from '../../src/ui/i18n.js';
import type { EventBase } from '../../src/core/events.js';
import type { Protocol } from '../../src/core/protocol.js';
import { rec, resetIds, screeningState } from './records.js';

const protocol = {
  id: 'x',
  title: 'Revisão | teste',
  question: { framework: 'PICo', text: 'Quais os desafios?', population: 'Enfermeiros' },
  search: { blocks: [] },
  sources: [{ id: 'bvs' }],
  limits: { years: { from: 2007, to: 2015 }, languages: ['pt'] },
  eligibility: { inclusion: [], exclusion: [{ code: 'E1', text: 'Fora do tema' }] },
  extraction: [{ name: 'design', label: 'Delineamento', type: 'choice', values: ['qualitativo'] }],
  themes: [{ id: 'D1', label: 'Falta de capacitação', group: 'Desafios' }],
} as unknown as Protocol;

describe('report markdown', () => {
  it('gives what the source said about the query and the date parts of a split search', () => {
    resetIds();
    const a = rec('i001', 'pubmed', 'MEDLINE');
    const screening = screeningState({ ta: [], ft: [] });
    const prisma = computePrisma({ records: [a], uniqueIds: [a.id], screening, protocol });
    const search = {
      type: 'search', seq: 1, at: '2024-05-02T10:00:00Z', searchId: 's1', source: 'pubmed', databases: ['MEDLINE'], platform: 'PubMed', query: 'x', url: '', limits: [],
      hits: 12000, fetched: 12000, status: 'complete',
      warnings: [{ code: 'TRUNCATED_PHRASE', params: { term: 'saúde ment*' } }],
      parts: [{ from: '1800/01/01', to: '2015/12/31', query: 'x AND (1800/01/01:2015/12/31[dp])', hits: 6100 }, { from: '2016/01/01', to: '2024/12/31', query: 'x AND (2016/01/01:2024/12/31[dp])', hits: 5900 }],
    } as EventBase;
    const md = buildReportMarkdown({
      protocol, events: [search], prisma, studies: [], extractions: new Map(), themes: computeThemeTable(protocol, [], new Map()),
      labels: prismaLabels('en'), tr: (k, p) => t(k, p, 'en'), num: String, pct: (p) => `${p}%`, formatValue: String, and: 'and', generatedAt: '2024-06-02', toolVersion: '0.1.0',
    });
    expect(md).toContain('- **What the source said about the query:**\n  - "saúde ment*": this source cannot truncate a phrase; it is searched as the whole phrase');
    expect(md).toContain('- **Split by publication date into 2 parts (one query cannot reach every hit):**\n  - 1800/01/01 - 2015/12/31: 6100\n  - 2016/01/01 - 2024/12/31: 5900');
  });

  it('gives the stopping rule as it was applied, and no such section when nobody stopped by it', () => {
    resetIds();
    const a = rec('i001', 'bvs', 'LILACS');
    const screening = screeningState({ ta: [[a.id, { decision: 'include' }]], ft: [] });
    const prisma = computePrisma({ records: [a], uniqueIds: [a.id], screening, protocol });
    const stop = {
      type: 'screen.stopping', seq: 9, at: '2024-06-01T12:00:00Z', stage: 'title-abstract', reviewer: 'ana', recallTarget: 0.95, confidence: 0.95,
      pValue: 0.0312, screened: 812, total: 2000, relevantFound: 57, sample: { size: 240, relevant: 0, poolAtStart: 1428 },
    } as EventBase;
    const build = (events: EventBase[], lang: 'pt-BR' | 'en') =>
      buildReportMarkdown({
        protocol, events, prisma, studies: mergedStudies([a], new Map(), prisma.includedIds), extractions: new Map(),
        themes: computeThemeTable(protocol, prisma.includedIds, new Map()), labels: prismaLabels(lang), tr: (k, p) => t(k, p, lang),
        num: String, pct: (p) => `${p}%`, formatValue: String, and: 'e', generatedAt: '2024-06-02', toolVersion: '0.1.0',
      });
    const pt = build([stop], 'pt-BR');
    expect(pt).toContain('## Critério de parada');
    expect(pt).toContain('Callaghan & Müller-Hansen (2020');
    expect(pt).toContain('| Título/resumo | ana | 95% | 95% | 0,031 | 812 / 2000 | 57 | 0 relevantes em 240 sorteados de 1428 | 2024-06-01 |');
    expect(build([stop], 'en')).toContain('| Title/abstract | ana | 95% | 95% | 0.031 | 812 / 2000 | 57 | 0 relevant in 240 drawn from 1428 | 2024-06-01 |');
    expect(build([], 'pt-BR')).not.toContain('Critério de parada');
  });

  it('search strategy per source (PRISMA-S), imports, PRISMA table, characteristics and themes, in pt-BR', () => {
    resetIds();
    const a = rec('i001', 'bvs', 'LILACS', { authors: [{ family: 'Souza' }, { family: 'Lima' }], year: 2012, journal: 'Rev | Enf' });
    const b = rec('i002', 'bvs', 'BDENF');
    const search = {
      type: 'search', seq: 1, at: '2024-05-02T10:00:00Z', startedAt: '2024-05-02T09:59:00Z', searchId: 's1', source: 'bvs', databases: ['LILACS', 'BDENF'],
      platform: 'BVS portal (iAHx)', query: '(mh:"Saúde Mental") AND (tw:"atenção básica") ``` | x', url: 'https://pesquisa.bvsalud.org/', limits: [{ code: 'languages', field: 'la', value: 'pt' }, { code: 'years', field: 'year', value: '2007-2015' }],
      hits: 1234, fetched: 1, status: 'partial',
    } as EventBase;
    const imp = { type: 'import', seq: 2, at: '2024-05-03T08:00:00Z', importId: 'i002', file: 'bdenf.ris', format: 'ris', source: 'bvs', database: 'BDENF', recordsFile: 'i002.jsonl', recordsRead: 1, recordsRejected: 0, warnings: 0 } as EventBase;
    const fromSearch = { ...imp, seq: 3, importId: 'i001', file: 'search:s1', searchId: 's1' } as EventBase;
    // an export whose query and search date the user gave (import --query --searched-on)
    const withQuery = { ...imp, seq: 5, importId: 'i003', file: 'scielo.ris', source: 'scielo', database: undefined, query: '(matriciamento) AND (saúde mental)', searchedOn: '2024-04-30', recordsRead: 7 } as EventBase;
    const x: ExtractEvent = { type: 'extract', seq: 4, at: '', recordId: a.id, fields: { design: 'qualitativo' }, themes: ['D1'] };
    // the search behind an export, as `import --query --searched-on` logs it in the import event (core/query/searchEvent.ts)
    const nbib = {
      ...imp, seq: 6, importId: 'i004', file: 'pubmed.nbib', format: 'medline', source: 'pubmed', database: undefined, recordsRead: 300,
      search: { databases: ['MEDLINE'], platform: 'PubMed', query: '"Mental Health"[MeSH] AND matrix support', queryFrom: 'protocol', searchedOn: '2024-04-01', searchedOnFrom: 'file', limits: ['2010-2023', 'pt, en'], hits: 321 },
    } as EventBase;
    const events = [search, imp, fromSearch, x, withQuery, nbib];
    const screening = screeningState({ ta: [[a.id, { decision: 'include' }], [b.id, { decision: 'exclude', reason: 'E1' }]], ft: [[a.id, { decision: 'include' }]] });
    const prisma = computePrisma({ records: [a, b], uniqueIds: [a.id, b.id], screening, protocol });
    const extractions = computeExtractions(events);
    const md = buildReportMarkdown({
      protocol,
      events,
      prisma,
      studies: mergedStudies([a, b], new Map(), prisma.includedIds),
      extractions,
      themes: computeThemeTable(protocol, prisma.includedIds, extractions),
      labels: prismaLabels('pt-BR'),
      tr: (k, p) => t(k, p, 'pt-BR'),
      num: String,
      pct: (p) => `${p.toFixed(1).replace('.', ',')}%`,
      formatValue: String,
      and: 'e',
      generatedAt: '2024-05-04 10:00',
      toolVersion: '0.1.0',
    });
    expect(md).toContain('# Relatório da revisão: Revisão | teste');
    expect(md).toContain('## Estratégia de busca (PRISMA-S)');
    expect(md).toContain('**Limites do protocolo:** anos 2007-2015; idiomas: pt');
    expect(md).toContain('### LILACS, BDENF (BVS)');
    expect(md).toContain('- **Plataforma:** BVS portal (iAHx)');
    expect(md).toContain('- **Data da busca:** 2024-05-02\n');
    expect(md).toContain('- **Limites:** idiomas: pt (la); anos: 2007-2015 (year)');
    expect(md).toContain('- **Resultados:** 1234');
    expect(md).toContain('- **Coluna do PRISMA:** bases de dados');
    // the exact query in a fence its own backticks cannot close
    expect(md).toContain('````\n(mh:"Saúde Mental") AND (tw:"atenção básica") ``` | x\n````');
    // an import without query or search date says so and falls back to the import date, marked
    expect(md).toContain('### BDENF (BVS) - bdenf.ris');
    expect(md).toContain('- **Data da busca:** 2024-05-03 (data da importação: a data da busca não foi registrada)');
    expect(md).toContain('- **Expressão de busca exata:** não registrada (informe-a com import --query)');
    // an import with them shows both, like a live search
    expect(md).toContain('### SciELO - scielo.ris');
    expect(md).toContain('- **Data da busca:** 2024-04-30\n');
    expect(md).toContain('```\n(matriciamento) AND (saúde mental)\n```');
    expect(md).toContain('| SciELO | SciELO | 2024-04-30 |  | 7 | bases de dados |');
    expect(md).toContain('### MEDLINE (PubMed) - pubmed.nbib');
    expect(md).toContain('- **Data da busca:** 2024-04-01 (data do arquivo exportado: informe a data da busca com import --searched-on)');
    // a log of an older version holds the limits as lines of words: shown as written
    expect(md).toContain('- **Limites:** 2010-2023; pt, en');
    expect(md).toContain('- **Resultados:** 321');
    expect(md).toContain('- **Registros:** 300');
    expect(md).toContain('- **Expressão de busca exata:** (estratégia do protocolo; informe a expressão usada no portal com import --query)\n\n```\n"Mental Health"[MeSH] AND matrix support\n```');
    // the search's own import is not listed again
    expect(md).not.toContain('search:s1');
    expect(md).toContain('| Registros triados | 2 |');
    expect(md).toContain('| \u2003E1: Fora do tema | 1 |');
    expect(md).toContain('| Souza e Lima, 2012 | Título 1 sobre matriciamento | Rev \\| Enf | LILACS (BVS) | qualitativo | D1 Falta de capacitação |');
    expect(md).toContain('### Delineamento\n\n| Delineamento | n | % dos incluídos |\n|---|---|---|\n| qualitativo | 1 | 100,0% |');
    expect(md).toContain('| LILACS (BVS) | 1 | 100,0% |');
    expect(md).toContain('| **Desafios** |  | 1 | 100,0% |');
    expect(md).toContain('|  | D1 Falta de capacitação | 1 | 100,0% |');
    expect(md).toContain('| Souza e Lima, 2012 | X |');
  });

  it('limits from search events of any shape, and safe table cells', () => {
    expect(formatLimits({ years: { from: 2007, to: 2015 }, languages: ['pt', 'es'] })).toBe('years: 2007-2015; languages: pt, es');
    expect(formatLimits('la:pt')).toBe('la:pt');
    expect(formatLimits(undefined)).toBe('');
    expect(mdCell('a|b\nc')).toBe('a\\|b c');
  });
});
