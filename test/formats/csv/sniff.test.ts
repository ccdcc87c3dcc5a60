/**
 * Sniffing: every fixture is recognised as its own format and scored lower by every
 * other CSV-family format; the generic reader always scores below the specific ones;
 * non-CSV input scores 0 everywhere.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvFormats } from '../../../src/formats/csv/index.js';
import { fixturePath } from '../../helpers/cli.js';
import { fixtureText } from '../fixtures.js';
import { CSV_FIXTURE_FORMATS } from '../../helpers/csvFixtures.js';

const owner = CSV_FIXTURE_FORMATS;

/** Highest score wins; ties go to registry order (as the import pipeline does). */
function pick(head: string): { id: string; scores: Record<string, number> } {
  const scores = Object.fromEntries(csvFormats.map((f) => [f.id, f.sniff(head)]));
  let best = csvFormats[0];
  for (const f of csvFormats) if (scores[f.id] > scores[best.id]) best = f;
  return { id: scores[best.id] > 0 ? best.id : 'none', scores };
}

describe('CSV-family sniffing', () => {
  it('covers every fixture in fixtures/csv', () => {
    // Note: the vendors' fixtures carry their expectations in `.expected.json` files beside them.
    const files = fs.readdirSync(fixturePath('csv')).filter((f) => !f.endsWith('.expected.json'));
    expect(files.sort()).toEqual(Object.keys(owner).sort());
  });

  it.each(Object.entries(owner))('%s is recognised as %s and no other format scores as high', (file, id) => {
    const head = fixtureText('csv', file).slice(0, 65536);
    const { id: chosen, scores } = pick(head);
    expect(chosen).toBe(id);
    for (const [other, score] of Object.entries(scores)) if (other !== id) expect(score).toBeLessThan(scores[id]);
    if (id !== 'csv-generic') expect(scores[id]).toBeGreaterThanOrEqual(0.6);
  });

  it('keeps the generic reader between the registry floor (0.3) and 0.5', () => {
    const generic = csvFormats.find((f) => f.id === 'csv-generic')!;
    const full = 'id,title,abstract,authors,year,journal,volume,issue,pages,doi,pmid,keywords,url,language\n';
    expect(generic.sniff(full)).toBeGreaterThan(0.4);
    expect(generic.sniff(full)).toBeLessThanOrEqual(0.5);
    // ASReview's smallest dataset, a title-only list, a DOI list: all readable.
    for (const head of ['title,abstract\n', 'Title,Notas da equipe\n', 'record_id,doi\n']) {
      expect(generic.sniff(head)).toBeGreaterThanOrEqual(0.3);
      expect(generic.sniff(head)).toBeLessThan(0.4);
    }
  });

  it('recognises a BVS header whose column order differs (older template, Title first)', () => {
    const head = 'Title,ID,Authors,Source,Journal,Database,Type,Language,Publication year,Descriptor(s),Publication Country,Fulltext URL\n';
    expect(pick(head).id).toBe('csv-bvs');
  });

  it('recognises a header after a BOM and with CR line ends', () => {
    const text = fs.readFileSync(fixturePath('csv', 'scielo.csv'), 'utf8').replace(/\n/g, '\r');
    expect(pick('\uFEFF' + text).id).toBe('csv-scielo');
  });

  it.each([
    ['a RIS file', 'TY  - JOUR\r\nTI  - Cuidado de enfermagem\r\nER  - \r\n'],
    ['a MEDLINE file', 'PMID- 34567890\nTI  - Nursing care, pressure injuries\n'],
    ['an HTML error page saved as .csv', '<!DOCTYPE html><html><head><title>Erro 503</title></head><body>Serviço indisponível</body></html>'],
    ['BibTeX', '@article{souza2021,\n  title = {Cuidado de enfermagem},\n}\n'],
    ['an empty file', ''],
    ['a CSV without any title column', 'codigo,valor\n1,2\n'],
  ])('gives 0 everywhere for %s', (_name, head) => {
    for (const f of csvFormats) expect(f.sniff(head)).toBe(0);
  });

  it('orders the registry most specific first, generic last', () => {
    expect(csvFormats.map((f) => f.id)).toEqual(['csv-bvs', 'csv-scielo', 'csv-pubmed', 'csv-pop', 'csv-gscholar', 'csv-scopus', 'csv-wos', 'csv-embase', 'csv-embase-rows', 'csv-generic']);
    for (const f of csvFormats) expect(f.extensions).toContain('csv');
  });

  it('names each format by a fixed label (the UI translates it by id)', () => {
    expect(csvFormats.map((f) => f.label)).toEqual([
      'BVS portal CSV export',
      'SciELO CSV export',
      'PubMed web CSV ("Save > CSV")',
      'Publish or Perish CSV',
      'Google Scholar CSV',
      'Scopus CSV export',
      'Web of Science tab-delimited',
      'Embase CSV export',
      'Embase CSV export (fields by row)',
      'CSV/TSV with named columns',
    ]);
  });
});
