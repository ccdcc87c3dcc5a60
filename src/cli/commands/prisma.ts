/** `review prisma DIR [--json] [--csv FILE] [--svg FILE]`: PRISMA 2020 counts, template CSV and flow diagram. */
import type { Command } from 'commander';
import { prismaJson } from '../../core/prisma/template.js';
import { prismaRows } from '../../core/report/markdown.js';
import { writePrismaOutputs } from '../../stages/outputs/prisma.js';
import { outputWords } from '../../ui/outputWords.js';
import { t } from '../../ui/i18n.js';
import { formatPairs, print, printError, printJson } from '../../ui/output.js';
import { onReview } from '../command.js';

const OPTIONS = {
  json: { help: 'cli.opt.json' },
  csv: { value: 'file', help: 'prisma.opt.csv' },
  svg: { value: 'file', help: 'prisma.opt.svg' },
} as const;

export function register(cmd: Command): void {
  onReview(cmd, OPTIONS, {}, (review, opts) => {
    const words = outputWords();
    const out = writePrismaOutputs(review, words, opts);
    if (out.broken.length) printError(t('prisma.invariantBroken', { detail: out.broken.join('; ') }));
    if (opts.json) {
      printJson({ ...prismaJson(out.counts, words.labels), files: { svg: out.svg, csv: out.csv } });
      return 0;
    }
    print(t('prisma.table.title', { title: review.protocol.title }));
    print(formatPairs(prismaRows(out.counts, words.labels, words.num, words.limitLabel)));
    const c = out.counts;
    const pending = { screening: c.awaitingScreening + c.other.awaitingScreening, fulltext: c.awaitingFulltext + c.other.awaitingFulltext };
    if (pending.screening + pending.fulltext > 0) print(`\n${t('prisma.pending', pending)}`);
    print('');
    print(t('prisma.wrote', { file: out.svg }));
    if (out.csv) print(t('prisma.wroteCsv', { file: out.csv }));
    return 0;
  });
}
