/** The CSV-family formats (BVS, SciELO, PubMed, Publish or Perish, Google Scholar, Web of Science, generic). */
import type { FormatAdapter } from '../types.js';
import { csvBvs } from './csv-bvs.js';
import { csvGeneric } from './csv-generic.js';
import { csvGscholar } from './csv-gscholar.js';
import { csvPop } from './csv-pop.js';
import { csvPubmed } from './csv-pubmed.js';
import { csvScielo } from './csv-scielo.js';
import { csvWos } from './csv-wos.js';

/** Most specific first; the generic reader last (it also sniffs lowest). */
export const csvFormats: FormatAdapter[] = [csvBvs, csvScielo, csvPubmed, csvPop, csvGscholar, csvWos, csvGeneric];

export { csvBvs, csvScielo, csvPubmed, csvPop, csvGscholar, csvWos, csvGeneric };
