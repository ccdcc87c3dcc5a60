/**
 * Spreadsheet formula injection: a cell that begins with `=`, `+`, `-`, `@`, tab or CR is run
 * as a formula by Excel/LibreOffice (also when a RIS/BibTeX file is later turned into a
 * sheet). A leading apostrophe makes it plain text.
 */
import type { BibRecord } from '../record.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefix `'` to a value a spreadsheet would treat as a formula. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A copy of the record with every free-text field neutralised (identifiers are left alone). */
export function neutralizeRecord<R extends BibRecord>(r: R): R {
  const n = neutralizeCell;
  const opt = (s: string | undefined) => (s === undefined ? s : n(s));
  return {
    ...r,
    titles: r.titles.map((x) => ({ ...x, text: n(x.text) })),
    abstracts: r.abstracts.map((x) => ({ ...x, text: n(x.text) })),
    authors: r.authors.map((a) => ({ ...a, family: n(a.family), given: opt(a.given), literal: opt(a.literal) })),
    journal: opt(r.journal),
    publisher: opt(r.publisher),
    keywords: r.keywords.map(n),
    descriptors: r.descriptors.map(n),
  };
}
