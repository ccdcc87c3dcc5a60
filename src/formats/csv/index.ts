/** The CSV-family formats (BVS, SciELO, PubMed, Publish or Perish, Google Scholar, Scopus, Web of Science, Embase, generic). */
import type { FormatAdapter } from '../types.js';
import { csvBvs } from './csv-bvs.js';
import { csvEmbase } from './csv-embase.js';
import { csvEmbaseRows } from './csv-embase-rows.js';
import { csvGeneric } from './csv-generic.js';
import { csvGscholar } from './csv-gscholar.js';
import { csvPop } from './csv-pop.js';
import { csvPubmed } from './csv-pubmed.js';
import { csvScielo } from './csv-scielo.js';
import { csvScopus } from './csv-scopus.js';
import { csvWos } from './csv-wos.js';

/** Most specific first; the generic reader last (it also sniffs lowest). */
export const csvFormats: FormatAdapter[] = [csvBvs, csvScielo, csvPubmed, csvPop, csvGscholar, csvScopus, csvWos, csvEmbase, csvEmbaseRows, csvGeneric];

export { csvBvs, csvScielo, csvPubmed, csvPop, csvGscholar, csvScopus, csvWos, csvEmbase, csvEmbaseRows, csvGeneric };
