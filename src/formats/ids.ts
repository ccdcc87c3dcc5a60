/**
 * Every format's id and its own label, without the parsers: what a command that only names formats
 * (a diagnostic's `{format}`, `{formats}`) needs. Loading formats/index.ts loads every parser
 * (fast-xml-parser, csv-parse, the language tables), ~0.1 s of CPU that `review status`,
 * `--version` and `--help` do not need. test/formats/registry.test.ts checks this table against
 * the adapters in formats/index.ts.
 */
export const FORMAT_LABELS: Readonly<Record<string, string>> = {
  ris: 'RIS',
  medline: 'MEDLINE/PubMed text (.nbib)',
  'pubmed-xml': 'PubMed XML (efetch)',
  bibtex: 'BibTeX',
  wos: 'Web of Science plain text',
  endnote: 'EndNote tagged (%0, %A, %T)',
  ovid: 'Ovid tagged (MEDLINE, PsycInfo, Embase)',
  'endnote-xml': 'EndNote XML',
  'csv-bvs': 'BVS portal CSV export',
  'csv-pubmed': 'PubMed web CSV ("Save > CSV")',
  'csv-wos': 'Web of Science tab-delimited',
  'csv-scielo': 'SciELO CSV export',
  'csv-pop': 'Publish or Perish CSV',
  'csv-embase': 'Embase CSV export',
  'csv-embase-rows': 'Embase CSV export (fields by row)',
  'csv-scopus': 'Scopus CSV export',
  'csv-gscholar': 'Google Scholar CSV',
  'csv-generic': 'CSV/TSV with named columns',
};
