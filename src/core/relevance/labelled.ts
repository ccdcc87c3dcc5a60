/** Labelled records for `review simulate`: title, abstract, keywords and a 0/1 column from a table. */
import type { Diagnostic } from '../diagnostics.js';
import type { LabelledDoc } from './simulate.js';

export interface LabelledTable {
  header: string[];
  /** Header keys: lower case, no accents, letters and digits only. */
  keys: string[];
  rows: { line: number; cells: string[] }[];
}

const TITLE = ['title', 'titulo', 'primarytitle', 'articletitle', 'ti'];
const ABSTRACT = ['abstract', 'resumo', 'resumen', 'ab', 'summary'];
const KEYWORDS = ['keywords', 'palavraschave', 'descriptors', 'descritores', 'mesh', 'meshterms', 'kw'];

/** Read the documents and their labels; a label other than 0/1 (or empty) is a problem with its line. */
export function parseLabelledTable(
  table: LabelledTable,
  file: string,
  labelKey: string,
  msg: (key: string, params: Record<string, string | number>) => string,
): { docs: LabelledDoc[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const label = table.keys.indexOf(labelKey);
  if (label < 0) {
    problems.push({ code: 'SIMULATE_NO_LABELS', reason: msg('screen.simulate.noLabels', { file, column: labelKey, columns: table.header.join(', ') }), file, line: 1, fatal: true });
    return { docs: [], problems };
  }
  const title = table.keys.findIndex((k) => TITLE.includes(k));
  const abstract = table.keys.findIndex((k) => ABSTRACT.includes(k));
  const keywords = table.keys.findIndex((k) => KEYWORDS.includes(k));
  const cell = (row: { cells: string[] }, i: number) => (i >= 0 ? (row.cells[i] ?? '') : '');
  const docs: LabelledDoc[] = [];
  for (const row of table.rows) {
    const raw = (row.cells[label] ?? '').trim();
    const value = raw === '1' || raw === '1.0' ? 1 : raw === '0' || raw === '0.0' ? 0 : undefined;
    if (value === undefined) {
      problems.push({ code: 'SIMULATE_BAD_LABEL', reason: msg('screen.simulate.badLabel', { value: raw }), file, line: row.line, fatal: true });
      continue;
    }
    docs.push({ title: cell(row, title), abstract: cell(row, abstract), keywords: cell(row, keywords), label: value });
  }
  return { docs, problems };
}
