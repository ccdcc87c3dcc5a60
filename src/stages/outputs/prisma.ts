/** The PRISMA 2020 outputs: counts, the arithmetic check, the flow diagram SVG and the template CSV. */
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Review } from '../../project/review.js';
import type { PrismaCounts } from '../../core/prisma/counts.js';
import { checkPrismaInvariants } from '../../core/prisma/invariants.js';
import { PRISMA_TEMPLATE_COLUMNS, prismaTemplateRows } from '../../core/prisma/template.js';
import { prismaMethodOf } from '../../core/protocol.js';
import { prismaSvg } from '../../core/svg/prismaSvg.js';
import { readOutputsState } from './state.js';
import { writeOutput } from './files.js';
import { localizedName, type OutputWords } from './words.js';

export interface PrismaFiles {
  counts: PrismaCounts;
  svg: string;
  csv?: string;
  /** Equations that do not hold (a bug if ever non-empty). */
  broken: string[];
}

/** The flow diagram as SVG text in the words' language. */
export function renderPrismaSvg(review: Review, words: OutputWords, counts: PrismaCounts): string {
  return prismaSvg(counts, {
    labels: words.labels,
    lang: words.lang,
    formatNumber: words.num,
    title: words.t('prisma.title', { title: review.protocol.title }),
    methodOf: (source) => prismaMethodOf(review.protocol, source),
  });
}

/** Count, check, write `out/prisma.svg` (`prisma.en.svg` in another language) and the template CSV when asked. */
export function writePrismaOutputs(review: Review, words: OutputWords, files: { svg?: string; csv?: string } = {}): PrismaFiles {
  const counts = readOutputsState(review).prisma;
  const broken = checkPrismaInvariants(counts);
  const svg = path.resolve(files.svg ?? path.join(review.paths.out, localizedName('prisma', 'svg', words.lang, review.protocol.language)));
  writeOutput(svg, renderPrismaSvg(review, words, counts));
  let csv: string | undefined;
  if (files.csv) {
    csv = path.resolve(files.csv);
    const rows = prismaTemplateRows(counts, words.labels).map((r) => PRISMA_TEMPLATE_COLUMNS.map((k) => r[k]));
    writeOutput(csv, stringify([[...PRISMA_TEMPLATE_COLUMNS], ...rows]));
  }
  return { counts, svg, csv, broken };
}
