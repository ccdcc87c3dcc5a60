/** `review dedup DIR [--auto] [--review] [--undo GROUP] [--report --format csv|json] [--out FILE] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { reviewerName, runDedupStage, undoDedupGroup } from '../../stages/dedup/index.js';
import { reviewPairs } from '../../ui/dedupReview.js';
import { autoDedupLine, printDedupCounts, printUndone } from '../../ui/dedupSummary.js';
import { t } from '../../ui/i18n.js';
import { print } from '../../ui/output.js';
import { action, withReview, declareOptions, type OptionValues } from '../command.js';

const OPTIONS = {
  auto: { help: 'dedup.opt.auto' },
  review: { help: 'dedup.opt.review' },
  undo: { value: 'group', help: 'dedup.opt.undo' },
  report: { help: 'dedup.opt.report' },
  format: { value: 'format', help: 'dedup.opt.format', default: 'csv' },
  out: { value: 'file', help: 'dedup.opt.out' },
  reviewer: { value: 'name', help: 'dedup.opt.reviewer' },
  json: { help: 'cli.opt.json' },
} as const;
type Options = OptionValues<typeof OPTIONS>;

export function register(cmd: Command): void {
  declareOptions(cmd, OPTIONS)
    .argument('<dir>', t('common.arg.dir'))
    .action(action((dir: string, opts: Options) => run(dir, opts)));
}

async function run(dir: string, opts: Options): Promise<number> {
  if (opts.format !== 'csv' && opts.format !== 'json') throw new UserError(t('dedup.badFormat', { format: opts.format }));
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (opts.review && !tty) throw new UserError(t('dedup.needsTerminal'));
  const reviewer = reviewerName(opts.reviewer);
  return withReview(dir, { writer: 'dedup' }, async (review) => {
    if (opts.undo) return printUndone(undoDedupGroup(review, opts.undo, reviewer), opts.json), 0;
    // Note: a report going to stdout keeps stdout for itself; the other lines go to stderr.
    const say = (text: string) => (opts.report && !opts.out ? process.stderr.write(text + '\n') : opts.json ? undefined : print(text));
    const interactive = opts.review || (tty && !opts.auto && !opts.report && !opts.json);
    const r = await runDedupStage(review, {
      reviewer,
      onAutoDone: (event, pending) => {
        say(autoDedupLine(event));
        if (opts.review && pending === 0) say(t('dedup.review.none'));
      },
      reviewPairs: interactive ? reviewPairs : undefined,
      report: opts.report ? { format: opts.format === 'json' ? 'json' : 'csv', out: opts.out } : undefined,
    });
    if (r.reviewed) print(t('dedup.review.done', r.reviewed));
    if (r.report && !r.report.file) {
      process.stdout.write(r.report.text);
      return 0;
    }
    if (r.report?.file) say(t('dedup.reportWritten', { file: r.report.file, count: r.report.count }));
    printDedupCounts(r.counts, r.event, { dir, json: opts.json });
    return 0;
  });
}
