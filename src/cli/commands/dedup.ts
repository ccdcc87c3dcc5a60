/** `review dedup DIR [--auto] [--review] [--undo GROUP] [--report --format csv|json] [--out FILE] [--json]` */
import type { Command } from 'commander';
import { computeDedupState } from '../../core/dedup/state.js';
import { computeDedupCounts, computeDedupReport } from '../../core/dedup/report.js';
import { UserError } from '../../core/errors.js';
import { recordDedupDecision, retractDedupDecision, reviewerName, runAutoDedup, stringifyDedupReport, undoDedupGroup, writeDedupReport } from '../../project/dedup.js';
import { reviewPairs } from '../../ui/dedupReview.js';
import { t, formatNumber } from '../../ui/i18n.js';
import { print, printJson, formatPairs } from '../../ui/output.js';
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
    if (opts.undo) {
      const ev = undoDedupGroup(review, opts.undo, reviewer);
      if (opts.json) printJson({ undone: ev.group, members: ev.members });
      else print(t('dedup.undone', { group: ev.group, count: ev.members.length }));
      return 0;
    }
    const run = runAutoDedup(review);
    const event = run.event;
    const reportToStdout = opts.report && !opts.out;
    const say = (text: string) => (reportToStdout ? process.stderr.write(text + '\n') : opts.json ? undefined : print(text));
    say(event ? t('dedup.ran', { records: event.newRecords, accepted: event.accepted.length, uncertain: event.uncertain.length }) : t('dedup.nothingNew'));
    let state = run.state;
    if ((opts.review || (tty && !opts.auto && !opts.report && !opts.json)) && state.pending.length > 0) {
      const byId = new Map(review.records().map((r) => [r.id, r]));
      const outcome = await reviewPairs({
        pairs: state.pending.map((p) => ({ a: byId.get(p.a)!, b: byId.get(p.b)!, score: p.score, rule: p.rule })),
        decide: (pair, decision) => {
          recordDedupDecision(review, pair.a.id, pair.b.id, decision, reviewer);
          if (decision === 'duplicate') state = computeDedupState(review.records(), review.events);
        },
        undo: (pair) => {
          retractDedupDecision(review, pair.a.id, pair.b.id, reviewer);
          state = computeDedupState(review.records(), review.events);
        },
        settled: (pair) => state.groupOf.get(pair.a.id) === state.groupOf.get(pair.b.id),
      });
      state = computeDedupState(review.records(), review.events);
      print(t('dedup.review.done', { decided: outcome.decided, skipped: outcome.skipped, left: state.pending.length }));
    } else if (opts.review) say(t('dedup.review.none'));
    const records = review.records();
    if (opts.report) {
      const rows = computeDedupReport(records, state);
      const text = stringifyDedupReport(rows, opts.format as 'csv' | 'json');
      if (!opts.out) {
        process.stdout.write(text);
        return 0;
      }
      say(t('dedup.reportWritten', { file: writeDedupReport(opts.out, text), count: rows.length }));
    }
    const c = computeDedupCounts(records, state);
    if (opts.json) {
      printJson({ ...c, newRecords: event?.newRecords ?? 0, accepted: event?.accepted.length ?? 0, uncertain: event?.uncertain.length ?? 0 });
      return 0;
    }
    const n = (x: number) => formatNumber(x);
    print(
      formatPairs([
        [t('dedup.counts.before'), n(c.before)],
        [t('dedup.counts.removed'), n(c.removed)],
        [t('dedup.counts.after'), n(c.after)],
        [t('dedup.counts.groups'), n(c.groups)],
        [t('dedup.counts.pending'), n(c.pending)],
      ]),
    );
    print(t('dedup.counts.bySource'));
    print(formatPairs(Object.entries(c.byDatabase).map(([k, v]): [string, string] => [k, `${n(v.before)} / ${n(v.removed)} / ${n(v.after)}`]), '  '));
    if (c.pending > 0) print(t('dedup.pendingHint', { count: c.pending, dir }));
    return 0;
  });
}
