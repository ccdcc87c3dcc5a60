/** The CSV-family formats (BVS, SciELO, Publish or Perish, Google Scholar, PubMed web, generic). */
import type { FormatAdapter } from '../types.js';
import { csvBvs } from './csv-bvs.js';
import { csvGeneric } from './csv-generic.js';
import { csvGscholar } from './csv-gscholar.js';
import { csvPop } from './csv-pop.js';
import { csvPubmed } from './csv-pubmed.js';
import { csvScielo } from './csv-scielo.js';

/** Most specific first; the generic reader last (it also sniffs lowest). */
export const csvFormats: FormatAdapter[] = [csvBvs, csvScielo, csvPubmed, csvPop, csvGscholar, csvGeneric];

export { csvBvs, csvScielo, csvPubmed, csvPop, csvGscholar, csvGeneric };
