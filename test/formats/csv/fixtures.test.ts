/**
 * One table per CSV-family format: each fixture under fixtures/csv/ with its expected
 * record count and the field values of chosen records.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../../src/core/record.js';
import { csvBvs } from '../../../src/formats/csv/csv-bvs.js';
import { csvGeneric } from '../../../src/formats/csv/csv-generic.js';
import { csvGscholar } from '../../../src/formats/csv/csv-gscholar.js';
import { csvPop } from '../../../src/formats/csv/csv-pop.js';
import { csvPubmed } from '../../../src/formats/csv/csv-pubmed.js';
import { csvScielo } from '../../../src/formats/csv/csv-scielo.js';
import type { FormatAdapter } from '../../../src/formats/types.js';
import { fixturePath } from '../../helpers/cli.js';

interface Case {
  file: string;
  adapter: FormatAdapter;
  count: number;
  rejected?: number;
  /** Diagnostic codes expected, in order (default none). */
  codes?: string[];
  /** Record index -> fields it must have (toMatchObject). */
  // Note: expectations are partial at every depth (matched with toMatchObject), so they are not typed as records.
  expect: Record<number, Record<string, unknown>>;
  /** Extra checks on all records. */
  check?(records: ParsedRecord[]): void;
}

const cases: Case[] = [
  {
    file: 'bvs-2022-template.csv',
    adapter: csvBvs,
    count: 5,
    expect: {
      0: {
        bvsId: 'biblio-1381234',
        titles: [
          { lang: 'pt', text: 'Cuidado de enfermagem à pessoa com lesão por pressão na atenção primária', original: true },
          { lang: 'en', text: 'Nursing care for people with pressure injuries in primary care' },
          { lang: 'es', text: 'Cuidado de enfermería a la persona con lesión por presión en la atención primaria' },
        ],
        authors: [
          { family: 'Souza', given: 'Maria Aparecida de' },
          { family: 'Oliveira', given: 'João Pedro' },
          { family: 'Mello e Souza', given: 'Ana Cláudia' },
        ],
        journal: 'Rev. baiana enferm',
        year: 2021,
        volume: '35',
        pages: 'e38741',
        doi: '10.18471/rbe.v35.38741',
        issn: '2178-8650',
        languages: ['pt'],
        documentType: 'article',
        descriptors: ['Lesão por Pressão/enfermagem', 'Atenção Primária à Saúde', 'Cuidados de Enfermagem/métodos', 'Humanos'],
        fullTextUrls: ['https://periodicos.ufba.br/index.php/enfermagem/article/view/38741'],
        fullText: true,
        extra: { Source: ['Rev. baiana enferm;35: e38741, 2021. tab'], 'Publication Country': ['BR'], 'Entry Date': ['20210615'] },
        provenance: { source: 'bvs', database: 'LILACS', sourceId: 'biblio-1381234', line: 2, format: 'csv-bvs', file: 'bvs-2022-template.csv' },
      },
      1: {
        bvsId: 'mdl-33456789',
        pmid: '33456789',
        titles: [
          { lang: 'en', text: 'Nursing workload in intensive care units during the COVID-19 pandemic', original: false },
          { lang: 'pt', text: 'Carga de trabalho de enfermagem em unidades de terapia intensiva durante a pandemia de COVID-19.', original: true },
        ],
        // Note: the DOI column is empty; the DOI comes from the full-text link.
        doi: '10.1590/1983-1447.2021.20200201',
        issue: 'spe',
        provenance: { database: 'MEDLINE', line: 3 },
      },
      2: {
        titles: [
          { lang: 'es', text: '"Cuidar al que cuida": programa de apoyo a cuidadoras familiares de personas con demencia', original: true },
          { lang: 'en', text: '"Caring for the caregiver": support programme for family caregivers of people with dementia' },
        ],
        authors: [
          { family: 'García López', given: 'María José' },
          { family: 'Fernández Ruiz', given: 'Pilar' },
        ],
        pages: '150-156',
        provenance: { database: 'IBECS', line: 4 },
      },
      3: {
        titles: [
          { lang: 'pt', text: 'Sistematização da assistência de enfermagem em centro cirúrgico: percepção dos enfermeiros', original: true },
          { lang: 'en', text: "Systematization of nursing care in the surgical center: nurses' perception" },
        ],
        doi: '10.5327/z1414-4425202000020005',
        provenance: { database: 'BDENF' },
      },
      4: { documentType: 'thesis', year: 2019, fullTextUrls: [], provenance: { database: 'LILACS', line: 6 } },
    },
    check(records) {
      expect(records[0].abstracts[0].text).toContain('"escala de Braden" como instrumento de avaliação & registro');
      expect(records[1].descriptors).toContain('Recursos Humanos de Enfermagem no Hospital/estatística & dados numéricos');
      expect(records[1].abstracts).toEqual([{ lang: 'en', text: expect.stringMatching(/^OBJECTIVE: To assess/) }]);
      expect(records[4].journal).toBeUndefined();
    },
  },
  {
    file: 'bvs-2024-template.csv',
    adapter: csvBvs,
    count: 3,
    expect: {
      0: {
        keywords: ['HPV', 'vacinação', 'saúde escolar', 'adesão'],
        doi: '10.12957/reuerj.2023.71234',
        abstracts: [{ lang: 'pt', original: true, text: expect.stringContaining('responderam à pergunta "você se vacinou?".') }],
      },
      1: { pmid: '37012345', pmcid: 'PMC10077000', extra: expect.objectContaining({ 'Accession number': ['37012345'] }), provenance: { database: 'MEDLINE' } },
      2: {
        titles: [
          { lang: 'es', text: 'Factores asociados al síndrome de burnout en enfermeras de hospitales públicos', original: true },
          { lang: 'pt', text: 'Fatores associados à síndrome de burnout em enfermeiras de hospitais públicos' },
          { lang: 'en', text: 'Factors associated with burnout syndrome in nurses from public hospitals' },
        ],
        keywords: ['burnout', 'enfermería', 'salud laboral'],
        volume: '14',
        issue: '1',
        pages: 'e2567',
      },
    },
  },
  {
    file: 'scielo.csv',
    adapter: csvScielo,
    count: 5,
    expect: {
      0: {
        scieloPid: 'S0104-11692019000100300',
        titles: [{ lang: 'pt', text: 'Qualidade de vida de cuidadores de crianças com paralisia cerebral', original: true }],
        authors: [
          { family: 'Almeida', given: 'Kátia Maria' },
          { family: 'Albuquerque', given: 'Kelly Alves de' },
          { family: 'Carvalho', given: 'Luciana Silva' },
        ],
        languages: ['pt', 'en', 'es'],
        volume: '27',
        pages: 'e3120',
        year: 2019,
        url: 'https://www.scielo.br/scielo.php?script=sci_arttext&pid=S0104-11692019000100300&lang=pt',
        provenance: { source: 'scielo', database: 'SciELO Brasil', sourceId: 'S0104-11692019000100300-scl', line: 2 },
      },
      1: { issue: '1-2', pages: '45-49', languages: ['es'], provenance: { database: 'SciELO España' } },
      2: { titles: [{ lang: 'pt', text: 'Fatores associados à "síndrome de burnout" entre enfermeiros da atenção primária', original: true }] },
      3: { titles: [{ text: 'Desigualdades no acesso ao pré-natal & parto no Brasil' }], pages: '15', provenance: { database: 'SciELO Saúde Pública' } },
      4: { authors: [{ family: 'Ministerio de Salud Pública', literal: 'Ministerio de Salud Pública' }], provenance: { database: 'SciELO Cuba' } },
    },
  },
  {
    file: 'pop-googlescholar.csv',
    adapter: csvPop,
    count: 4,
    codes: ['CSV_AUTHORS_TRUNCATED'],
    expect: {
      0: {
        citations: 12,
        authors: [
          { family: 'Souza', given: 'MA' },
          { family: 'Oliveira', given: 'JP' },
          { family: 'Mello', given: 'AC' },
        ],
        journal: 'Revista Baiana de …',
        doi: '10.18471/rbe.v35.38741',
        extra: expect.objectContaining({ truncated: ['authors', 'journal', 'abstract'], Authors: ['MA Souza, JP Oliveira, AC Mello, ...'], GSRank: ['1'] }),
        provenance: { source: 'google-scholar', sourceId: '1234567890123456789', line: 2 },
      },
      1: { documentType: 'book', authors: [{ family: 'Ministério da Saúde', literal: 'Ministério da Saúde' }], provenance: { sourceId: 'XyZ98765abCD' } },
      2: { extra: expect.objectContaining({ truncated: ['title', 'journal', 'abstract'], Type: ['PDF'] }), issn: '2236-6091' },
      3: { pages: '1-8', volume: '19', issue: '1' },
    },
    check(records) {
      expect(records[3].year).toBeUndefined();
      expect(records[1].extra.truncated).toBeUndefined();
    },
  },
  {
    file: 'gscholar.csv',
    adapter: csvGscholar,
    count: 3,
    expect: {
      0: {
        authors: [
          { family: 'Souza', given: 'Maria Aparecida' },
          { family: 'Oliveira', given: 'João Pedro' },
        ],
        journal: 'Revista Baiana de Enfermagem',
        volume: '35',
        pages: 'e38741',
        year: 2021,
        publisher: 'Universidade Federal da Bahia',
        provenance: { source: 'google-scholar', line: 2 },
      },
      2: { titles: [{ text: 'Síndrome de burnout: prevalência, fatores associados e estratégias de enfrentamento' }], authors: expect.arrayContaining([{ family: 'Unda-Rojas', given: 'Susana Graciela' }]) },
    },
  },
  {
    file: 'pubmed-web.csv',
    adapter: csvPubmed,
    count: 3,
    expect: {
      0: {
        pmid: '34567890',
        authors: [
          { family: 'Souza', given: 'MA' },
          { family: 'Oliveira', given: 'JP' },
          { family: 'Mello e Souza', given: 'AC' },
        ],
        volume: '74',
        issue: '5',
        pages: 'e20200987',
        year: 2021,
        doi: '10.1590/0034-7167-2020-0987',
        provenance: { source: 'pubmed', sourceId: '34567890', line: 2 },
      },
      1: { titles: [{ lang: 'en', text: 'Burnout syndrome among primary care nurses in São Paulo', original: false }], pmcid: 'PMC8123456', volume: '55', pages: 'e03720' },
      2: {
        authors: [
          { family: 'Costa', given: 'FR' },
          { family: 'Almeida', given: 'KM' },
          { family: 'Brazilian Network of Infection Control Nurses', literal: 'Brazilian Network of Infection Control Nurses' },
        ],
        pages: '180-186',
        extra: expect.objectContaining({ 'NIHMS ID': ['NIHMS1765432'] }),
      },
    },
  },
  {
    file: 'generic-asreview.csv',
    adapter: csvGeneric,
    count: 3,
    expect: {
      0: {
        doi: '10.37689/acta-ape/2020ao0123',
        keywords: ['diabetes mellitus', 'educação em saúde', 'enfermagem'],
        extra: { label_included: ['1'] },
        provenance: { source: 'other', sourceId: '1', format: 'csv-generic', line: 2 },
      },
      1: { titles: [{ lang: null, text: 'Autocuidado de pessoas com estomia intestinal: "aprender a viver de novo"', original: true }] },
      2: { abstracts: [], authors: [{ family: 'Quispe Mamani', given: 'Rosa Elena' }], year: 2022 },
    },
  },
  {
    file: 'generic-semicolon.csv',
    adapter: csvGeneric,
    count: 2,
    expect: {
      0: {
        titles: [{ lang: 'pt', text: 'Prevenção de quedas em idosos hospitalizados: revisão integrativa', original: true }],
        authors: [
          { family: 'Gomes', given: 'Tatiane' },
          { family: 'Ferreira', given: 'Lucas' },
        ],
        keywords: ['quedas', 'idosos', 'segurança do paciente'],
        issue: '3',
        provenance: { sourceId: 'LIT-001' },
      },
      1: { titles: [{ lang: null, text: 'Cuidados paliativos na atenção domiciliar; percepção de cuidadores' }], languages: ['pt', 'en'], doi: '10.1590/1980-265x-tce-2020-0312' },
    },
  },
  {
    file: 'generic.tsv',
    adapter: csvGeneric,
    count: 2,
    expect: {
      0: {
        authors: [
          { family: 'Silva', given: 'A.' },
          { family: 'Souza', given: 'B. C.' },
        ],
        pmid: '30156789',
        pages: 'e2017-0123',
        extra: { label: ['restauração'] },
      },
      1: { journal: 'Ciência, Cuidado e Saúde', volume: '19' },
    },
  },
  {
    file: 'generic-malformed.csv',
    adapter: csvGeneric,
    count: 6,
    rejected: 2,
    codes: ['CSV_COLUMN_COUNT', 'CSV_BAD_YEAR', 'CSV_NO_TITLE', 'CSV_BAD_DOI', 'CSV_BAD_QUOTE'],
    expect: {
      1: { titles: [{ text: 'Título com quebra de linha' }], provenance: { line: 4 } },
      5: { titles: [{ text: 'Último registro válido' }], provenance: { line: 9 } },
    },
  },
];

describe.each(cases)('$adapter.id reads $file', (c) => {
  const text = fs.readFileSync(fixturePath('csv', c.file), 'utf8');
  const result = c.adapter.parse(text, { file: c.file });

  it(`reads ${c.count} records, rejects ${c.rejected ?? 0}`, () => {
    expect(result.records).toHaveLength(c.count);
    expect(result.rejected).toBe(c.rejected ?? 0);
    expect(result.diagnostics.map((d) => d.code)).toEqual(c.codes ?? []);
  });

  it.each(Object.entries(c.expect))('record %s has the expected fields', (index, fields) => {
    expect(result.records[Number(index)]).toMatchObject(fields);
  });

  it('keeps no HTML entity, no BOM and no stray outer quote in any text', () => {
    for (const r of result.records) {
      const texts = [...r.titles.map((x) => x.text), ...r.abstracts.map((x) => x.text), ...r.descriptors, ...r.keywords, r.journal ?? ''];
      for (const s of texts) {
        expect(s).not.toMatch(/&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i);
        expect(s).not.toContain('\uFEFF');
        expect(s).not.toMatch(/^".*"$/);
      }
      expect(r.provenance.format).toBe(c.adapter.id);
      expect(r.provenance.file).toBe(c.file);
    }
  });

  if (c.check) it('passes the format-specific checks', () => c.check!(result.records));
});
