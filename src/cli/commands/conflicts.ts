/** `review conflicts DIR [--stage S] [--resolve] [--reviewer NAME] [--decisions FILE.csv] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { displayTitle } from '../../core/record.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { parseScreenOptions, type ScreenCliOptions } from '../../ui/screenOptions.js';
import { action, withReview } from '../command.js';

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--stage <stage>', t('screen.opt.stage'), 'title-abstract')
    .option('--resolve', t('screen.opt.resolve'))
    .option('--reviewer <name>', t('screen.opt.reviewer'))
    .option('--decisions <file>', t('screen.opt.decisions'))
    .option('--json', t('cli.opt.json'))
    .action(
      action(async (dir: string, raw: ScreenCliOptions) => {
        const opts = parseScreenOptions(raw);
        const writes = opts.resolve || opts.decisions !== undefined;
        const run = await import('../../ui/screenRun.js');
        const { computeScreeningState } = await import('../../core/screening/state.js');
        return withReview(dir, writes ? { writer: 'conflicts' } : {}, async (review) => {
          const ctx = run.loadScreeningContext(review);
          if (opts.decisions) {
            const r = run.applyDecisionFile(review, ctx, run.readUserCsv(opts.decisions), opts.decisions, { ...opts, mode: 'resolve' });
            if (opts.json) printJson(r);
            else print(t('screen.csv.applied', { ...r, file: opts.decisions }));
            return 0;
          }
          if (opts.resolve) {
            if (!(process.stdin.isTTY && process.stdout.isTTY)) throw new UserError(t('screen.notTTY'));
            const n = await run.runResolve(review, ctx, { stage: opts.stage, resolver: opts.reviewer });
            run.say(t('screen.conflicts.resolved', { count: n }));
          }
          const state = computeScreeningState(ctx.uniqueIds, review.events);
          const ids = state.conflicts[opts.stage];
          const rows = ids.map((id) => ({
            id,
            title: displayTitle(ctx.records.get(id)!, review.protocol.language),
            decisions: Object.fromEntries([...(state.byReviewer[opts.stage].get(id) ?? [])].map(([who, d]) => [who, d.reason ? `${d.decision} (${d.reason})` : d.decision])),
          }));
          if (opts.json) return printJson({ stage: opts.stage, conflicts: rows });
          if (rows.length === 0) return print(t('screen.conflicts.none', { stage: opts.stage }));
          print(t('screen.conflicts.title', { count: rows.length, stage: opts.stage }));
          for (const r of rows) {
            print(`${r.id}  ${r.title.length > 60 ? `${r.title.slice(0, 59)}…` : r.title}`);
            print(`    ${Object.entries(r.decisions).map(([who, d]) => `${who || '-'}: ${d}`).join('   ')}`);
          }
        });
      }),
    );
}
