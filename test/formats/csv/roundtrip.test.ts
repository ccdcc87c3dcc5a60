/**
 * `review export --format csv` round trip: parse(stringify(records)) gives the same records
 * (every field but the review id and provenance), for the records of every CSV fixture and
 * for generated records with accents, quotes, semicolons, commas, braces and backslashes.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BibRecord, LocalizedText, ParsedRecord } from '../../../src/core/record.js';
import { csvFormats } from '../../../src/formats/csv/index.js';
import { csvGeneric, formatAuthors, parseAuthorsCell } from '../../../src/formats/csv/csv-generic.js';
import { cleanText } from '../../../src/formats/text.js';
import { fixturePath } from '../../helpers/cli.js';
import { fixtureText } from '../fixtures.js';

/** Give parsed records the id and import id the review would. */
function asBibRecords(records: ParsedRecord[], importId = 'imp20240510'): BibRecord[] {
  return records.map((r, i) => ({
    ...r,
    id: `${importId}-${String(i + 1).padStart(5, '0')}`,
    provenance: { ...r.provenance, importId },
  }));
}

/** The fields the CSV carries: everything but provenance and the review id. */
function content(r: ParsedRecord | BibRecord): Omit<ParsedRecord, 'provenance'> {
  const { provenance: _p, ...rest } = r as BibRecord;
  delete (rest as Partial<BibRecord>).id;
  return rest;
}

function roundTrip(records: BibRecord[]) {
  const text = csvGeneric.stringify(records);
  const back = csvGeneric.parse(text, { file: 'export.csv' });
  return { text, back };
}

describe('generic CSV round trip of every fixture', () => {
  // Note: fixtures are decoded as the import does (one is UTF-16); `.expected.json` files are their expectations.
  const files = fs.readdirSync(fixturePath('csv')).filter((f) => !f.endsWith('.expected.json'));
  it.each(files)('%s', (file) => {
    const text = fixtureText('csv', file);
    const adapter = csvFormats.reduce((a, b) => (b.sniff(text) > a.sniff(text) ? b : a));
    const records = asBibRecords(adapter.parse(text, { file }).records);
    expect(records.length).toBeGreaterThan(0);
    const { text: csv, back } = roundTrip(records);
    expect(back.diagnostics.filter((d) => d.fatal)).toEqual([]);
    expect(back.records.map(content)).toEqual(records.map(content));
    // The review id becomes the source id of the re-imported record.
    expect(back.records.map((r) => r.provenance.sourceId)).toEqual(records.map((r) => r.id));
    // And the export is recognised as generic CSV, not as the vendor format it came from.
    const again = csvFormats.reduce((a, b) => (b.sniff(csv) > a.sniff(csv) ? b : a));
    expect(again.id).toBe('csv-generic');
  });
});

describe('generic CSV export layout', () => {
  it('writes a BOM, the core columns first, and plain cells other tools can read', () => {
    const text = fs.readFileSync(fixturePath('csv', 'bvs-2022-template.csv'), 'utf8');
    const records = asBibRecords(csvFormats[0].parse(text, { file: 'b.csv' }).records);
    const csv = csvGeneric.stringify(records);
    expect(csv.startsWith('\uFEFFid,title,abstract,authors,year,journal,volume,issue,pages,doi,pmid,keywords,url,language,')).toBe(true);
    const first = csv.split('\n')[1];
    expect(first).toContain('imp20240510-00001,Cuidado de enfermagem à pessoa com lesão por pressão na atenção primária,');
    expect(first).toContain('"Souza, Maria Aparecida de; Oliveira, João Pedro; Mello e Souza, Ana Cláudia"');
    expect(first).toContain('"Lesão por Pressão/enfermagem; Atenção Primária à Saúde; Cuidados de Enfermagem/métodos; Humanos"');
  });

  it('writes the author notation: family-only, literal, single author, escapes', () => {
    expect(formatAuthors([{ family: 'Silva', given: 'Ana' }])).toBe('Silva, Ana;');
    expect(formatAuthors([{ family: 'Xavier' }, { family: 'OMS', literal: 'OMS' }])).toBe('Xavier,; {OMS}');
    expect(formatAuthors([{ family: 'Souza, Jr', given: 'Pedro; Paulo' }, { family: '{x}', given: 'y' }])).toBe('Souza\\, Jr, Pedro\\; Paulo; \\{x}, y');
    for (const authors of [
      [{ family: 'Silva', given: 'Ana' }],
      [{ family: 'Xavier' }, { family: 'OMS', literal: 'OMS' }],
      [{ family: 'Souza, Jr', given: 'Pedro; Paulo' }, { family: '{x}', given: 'y' }, { family: 'a\\b', given: 'c' }],
    ]) {
      expect(parseAuthorsCell(formatAuthors(authors))).toEqual(authors);
    }
  });

  it('reads author lists written by other tools', () => {
    expect(parseAuthorsCell('Silva AB, Souza C')).toEqual([{ family: 'Silva', given: 'AB' }, { family: 'Souza', given: 'C' }]);
    expect(parseAuthorsCell('AB Silva, C Souza, ...')).toEqual([{ family: 'Silva', given: 'AB' }, { family: 'Souza', given: 'C' }]);
    expect(parseAuthorsCell('Silva, Ana and Souza, Beatriz')).toEqual([{ family: 'Silva', given: 'Ana' }, { family: 'Souza', given: 'Beatriz' }]);
    expect(parseAuthorsCell('Silva, Ana, Souza, Beatriz')).toEqual([{ family: 'Silva', given: 'Ana' }, { family: 'Souza', given: 'Beatriz' }]);
    expect(parseAuthorsCell('Organização Mundial da Saúde')).toEqual([{ family: 'Organização Mundial da Saúde', literal: 'Organização Mundial da Saúde' }]);
  });

  it('lets a title edited in a spreadsheet win over the JSON copy', () => {
    const text = fs.readFileSync(fixturePath('csv', 'bvs-2024-template.csv'), 'utf8');
    const records = asBibRecords(csvFormats[0].parse(text, { file: 'b.csv' }).records);
    const csv = csvGeneric.stringify(records).replace('Vacinação contra o HPV em adolescentes escolares: conhecimento e adesão,', 'Vacinação contra o HPV em escolares (revisado),');
    const back = csvGeneric.parse(csv, { file: 'e.csv' }).records[0];
    expect(back.titles.map((t) => t.text)).toEqual(['Vacinação contra o HPV em escolares (revisado)', 'HPV vaccination among school adolescents: knowledge and adherence']);
    expect(back.titles[0]).toMatchObject({ lang: 'pt', original: true });
  });

  it('reports a damaged JSON column and falls back to the plain cells', () => {
    const csv = 'id,title,titles_json\r\n1,Título simples,"[{""lang"":""pt"""\r\n';
    const r = csvGeneric.parse(csv, { file: 'e.csv' });
    expect(r.records[0].titles).toEqual([{ lang: null, text: 'Título simples', original: true }]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_BAD_JSON', line: 2, fatal: false })]);
  });
});

// ---------------------------------------------------------------- property

/** Text as parsers leave it: clean (trimmed, single spaces, no entities), non-empty. */
const cleanString = fc
  .string({ unit: fc.constantFrom(...'aãbçdeéfgíoõuúAÉZ ;,"\'{}\\/&|-:.0123456789'.split('')), minLength: 1, maxLength: 24 })
  .map(cleanText)
  .filter((s) => s.length > 0 && cleanText(s) === s);
const nameString = cleanString.filter((s) => !s.startsWith('{') || s.length > 1);
const lang = fc.constantFrom('pt', 'en', 'es', 'fr');
const localized = (original: boolean) =>
  fc.record(
    { lang: fc.option(lang, { nil: null }), text: cleanString, original: fc.option(fc.boolean(), { nil: undefined }), label: fc.option(fc.constantFrom('OBJETIVO', 'MÉTODO'), { nil: undefined }) },
    { requiredKeys: ['lang', 'text'] },
  ).map((t) => {
    const out: LocalizedText = { lang: t.lang, text: t.text };
    if (t.original !== undefined || original) out.original = t.original ?? true;
    if (t.label !== undefined) out.label = t.label;
    return out;
  });
const author = fc.oneof(
  fc.record({ family: nameString, given: nameString }),
  fc.record({ family: nameString }),
  nameString.map((n) => ({ family: n, literal: n })),
);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const recordArb = fc
  .record({
    titles: fc.array(localized(true), { maxLength: 3 }),
    abstracts: fc.array(localized(false), { maxLength: 2 }),
    authors: fc.array(author, { maxLength: 4 }),
    languages: fc.uniqueArray(lang, { maxLength: 3 }),
    keywords: fc.array(cleanString, { maxLength: 3 }),
    descriptors: fc.array(cleanString, { maxLength: 3 }),
    fullTextUrls: fc.array(fc.webUrl(), { maxLength: 2 }),
    extra: fc.dictionary(cleanString, fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 2 }), { maxKeys: 2 }),
    year: opt(fc.integer({ min: 1900, max: 2099 })),
    journal: opt(cleanString),
    volume: opt(cleanString),
    issue: opt(cleanString),
    pages: opt(cleanString),
    doi: opt(fc.tuple(fc.integer({ min: 1000, max: 99999 }), fc.stringMatching(/^[a-z0-9][a-z0-9.()-]{0,15}[a-z0-9]$/)).map(([p, s]) => `10.${p}/${s}`)),
    pmid: opt(fc.integer({ min: 1, max: 40_000_000 }).map(String)),
    pmcid: opt(fc.integer({ min: 1, max: 9_999_999 }).map((n) => `PMC${n}`)),
    bvsId: opt(fc.integer({ min: 1, max: 1_500_000 }).map((n) => `biblio-${n}`)),
    scieloPid: opt(fc.constant('S0104-11692019000100300')),
    issn: opt(fc.constant('0104-1169')),
    documentType: opt(fc.constantFrom('article', 'thesis', 'book')),
    url: opt(fc.webUrl()),
    fullText: opt(fc.boolean()),
    publisher: opt(cleanString),
    citations: opt(fc.nat({ max: 5000 })),
  })
  .map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as unknown as Omit<ParsedRecord, 'provenance'>;
  });

describe('generic CSV round trip of generated records', () => {
  it('parse(stringify(records)) gives the same records', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 5 }), (contents) => {
        const records: BibRecord[] = contents.map((c, i) => ({
          ...c,
          id: `imp1-${String(i + 1).padStart(5, '0')}`,
          provenance: { source: 'other', file: 'x.csv', line: i + 2, importId: 'imp1', format: 'csv-generic' },
        }));
        const { back } = roundTrip(records);
        expect(back.diagnostics.filter((d) => d.fatal)).toEqual([]);
        expect(back.records.map(content)).toEqual(records.map(content));
      }),
      { numRuns: 300 },
    );
  });
});
