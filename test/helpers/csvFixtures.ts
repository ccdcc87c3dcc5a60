/** The CSV-family fixtures (fixtures/csv) and the format each one is an export of: a new fixture is one row here. */
export const CSV_FIXTURE_FORMATS: Readonly<Record<string, string>> = {
  'bvs-2022-template.csv': 'csv-bvs',
  'bvs-2024-template.csv': 'csv-bvs',
  'scielo.csv': 'csv-scielo',
  'pop-googlescholar.csv': 'csv-pop',
  'gscholar.csv': 'csv-gscholar',
  'pubmed-web.csv': 'csv-pubmed',
  'generic-asreview.csv': 'csv-generic',
  'generic-semicolon.csv': 'csv-generic',
  'generic.tsv': 'csv-generic',
  'generic-malformed.csv': 'csv-generic',
  'wos-tab-delimited-utf8.txt': 'csv-wos',
  'wos-tab-delimited-utf16le.txt': 'csv-wos',
  'scopus-2023.csv': 'csv-scopus',
  'scopus-2019-comma-authors-bom-in-quotes.csv': 'csv-scopus',
  'embase-uppercase-preamble.csv': 'csv-embase',
  'embase-titlecase-preamble.csv': 'csv-embase',
};
