/** Merges each area's catalogue into one per language. */
import type { Catalogue } from './types.js';
import { messages as common } from './common.js';
import { messages as importing } from './import.js';
import { messages as search } from './search.js';
import { messages as dedup } from './dedup.js';
import { messages as screen } from './screen.js';
import { messages as extract } from './extract.js';
import { messages as report } from './report.js';
import { messages as csv } from './csv.js';
import { messages as outputs } from './outputs.js';
import { messages as simulate } from './simulate.js';
import { messages as project } from './project.js';
import { messages as sourceWords } from './sourceWords.js';

const areas: Catalogue[] = [common, importing, csv, search, dedup, screen, extract, report, outputs, simulate, project, sourceWords];

export const catalogues: Catalogue = {
  en: Object.assign({}, ...areas.map((a) => a.en)),
  'pt-BR': Object.assign({}, ...areas.map((a) => a['pt-BR'])),
};
