/** `review prisma DIR [--json] [--csv FILE] [--svg FILE]`: PRISMA 2020 counts, template CSV and flow diagram. */
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import { storageError, type Review } from '../../project/review.js';
import { writeFileAtomic } from '../../project/atomic.js';
import { computePrismaFromLog, type PrismaCounts } from '../../core/prisma/counts.js';
import { checkPrismaInvariants } from '../../core/prisma/invariants.js';
import { PRISMA_TEMPLATE_COLUMNS, prismaJson, prismaTemplateRows } from '../../core/prisma/template.js';
import { prismaRows } from '../../core/report/markdown.js';
import { prismaSvg } from '../../ui/svg/prismaSvg.js';
import { prismaLabels } from '../../ui/svg/prismaLabels.js';
import { formatNumber, getLang, t } from '../../ui/i18n.js';
import { formatPairs, print, printError, printJson } from '../../ui/output.js';
import { action, withReview } from '../command.js';
import { limitLabel } from './report.js';

/** Write an output file atomically, creating its folder; disk full or read-only gives a clear message. */
export function writeOutput(file: string, data: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, data);
  } catch (e) {
    throw storageError(e, file);
  }
}

export interface PrismaFiles {
  counts: PrismaCounts;
  svg: string;
  csv?: string;
}

/** Count, check the arithmetic, write the SVG (and the template CSV when asked). Used by `prisma`, `report` and `demo`. */
export function writePrismaOutputs(review: Review, files: { svg?: string; csv?: string } = {}, counts?: PrismaCounts): PrismaFiles {
  const c = counts ?? computePrismaFromLog(review.records(), review.events, review.protocol);
  const broken = checkPrismaInvariants(c);
  if (broken.length) printError(t('prisma.invariantBroken', { detail: broken.join('; ') }));
  const labels = prismaLabels();
  const svg = path.resolve(files.svg ?? path.join(review.ensureDir(review.paths.out), 'prisma.svg'));
  writeOutput(svg, prismaSvg(c, { labels, lang: getLang(), formatNumber: (n) => formatNumber(n), title: t('prisma.title', { title: review.protocol.title }) }));
  let csv: string | undefined;
  if (files.csv) {
    csv = path.resolve(files.csv);
    const rows = prismaTemplateRows(c, labels).map((r) => PRISMA_TEMPLATE_COLUMNS.map((k) => r[k]));
    writeOutput(csv, stringify([[...PRISMA_TEMPLATE_COLUMNS], ...rows]));
  }
  return { counts: c, svg, csv };
}

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--json', t('cli.opt.json'))
    .option('--csv <file>', t('prisma.opt.csv'))
    .option('--svg <file>', t('prisma.opt.svg'))
    .action(
      action((dir: string, opts: { json?: boolean; csv?: string; svg?: string }) =>
        withReview(dir, {}, (review) => {
          const out = writePrismaOutputs(review, opts);
          if (opts.json) {
            printJson({ ...prismaJson(out.counts, prismaLabels()), files: { svg: out.svg, csv: out.csv } });
            return 0;
          }
          print(t('prisma.table.title', { title: review.protocol.title }));
          print(formatPairs(prismaRows(out.counts, prismaLabels(), (n) => formatNumber(n), limitLabel)));
          if (out.counts.awaitingScreening + out.counts.awaitingFulltext > 0)
            print(`\n${t('prisma.pending', { screening: out.counts.awaitingScreening, fulltext: out.counts.awaitingFulltext })}`);
          print('');
          print(t('prisma.wrote', { file: out.svg }));
          if (out.csv) print(t('prisma.wroteCsv', { file: out.csv }));
          return 0;
        }),
      ),
    );
}
