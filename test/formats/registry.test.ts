import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CodedUserError } from '../../src/core/errors.js';
import { detectFormat, formatById, formats } from '../../src/formats/index.js';
import { FORMAT_LABELS } from '../../src/formats/ids.js';
import { fixturePath } from '../helpers/cli.js';

const head = (...p: string[]) => fs.readFileSync(fixturePath(...p), 'utf8').slice(0, 65536);

describe('format registry', () => {
  it('has unique ids and finds each by id', () => {
    const ids = formats.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['ris', 'medline', 'pubmed-xml', 'bibtex']) expect(formatById(id)?.id).toBe(id);
    expect(formatById('nope')).toBeUndefined();
  });

  it.each([
    ['bvs-lilacs-2021.ris', ['ris', 'bvs-lilacs-2021.ris'], 'ris'],
    ['pubmed-nursing.nbib', ['medline', 'pubmed-nursing.nbib'], 'medline'],
    ['efetch-two-articles.xml', ['pubmed-xml', 'efetch-two-articles.xml'], 'pubmed-xml'],
    ['scielo.bib', ['bibtex', 'scielo.bib'], 'bibtex'],
    // The extension does not fit: sniffing everything decides.
    ['export.txt', ['ris', 'scielo-search.ris'], 'ris'],
    ['pubmed.txt', ['medline', 'pubmed-nursing.nbib'], 'medline'],
    ['citations.csv', ['bibtex', 'google-scholar.bib'], 'bibtex'],
    ['download', ['pubmed-xml', 'efetch-two-articles.xml'], 'pubmed-xml'],
  ])('%s is detected as %s', (name, fixture, id) => {
    expect(detectFormat(name, head(...fixture)).id).toBe(id);
  });

  it('has an id/label table (formats/ids.ts, what messages name formats by) equal to its adapters', () => {
    expect(FORMAT_LABELS).toEqual(Object.fromEntries(formats.map((f) => [f.id, f.label])));
  });

  it('names the formats it tried when nothing fits', () => {
    let err: unknown;
    try {
      detectFormat('notes.ris', 'Lista de artigos para ler\nsem nenhuma etiqueta\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodedUserError);
    expect((err as CodedUserError).code).toBe('FORMAT_UNKNOWN');
    expect((err as CodedUserError).params.file).toBe('notes.ris');
    expect(String((err as CodedUserError).params.formats).split(', ')).toEqual(formats.map((f) => f.id));
  });

  it('calls an HTML page saved as .ris an HTML page, with its line', () => {
    expect(() => detectFormat('export.ris', head('bad', 'html-error-page.ris'))).toThrow(
      expect.objectContaining({ code: 'FORMAT_HTML_PAGE', params: expect.objectContaining({ file: 'export.ris', line: 1 }) }),
    );
  });
});
