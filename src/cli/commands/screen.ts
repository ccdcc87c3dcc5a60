/** `review screen DIR [--reviewer NAME] [--stage S] [--apply-limits] [--order O] [--seed N] [--record ID] [--recall-target P] [--confidence P] [--decisions FILE.csv] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { parseScreenOptions, type ScreenCliOptions } from '../../ui/screenOptions.js';
import { action, withReview } from '../command.js';

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--reviewer <name>', t('screen.opt.reviewer'))
    .option('--stage <stage>', t('screen.opt.stage'), 'title-abstract')
    .option('--apply-limits', t('screen.opt.applyLimits'))
    .option('--order <order>', t('screen.opt.order'), 'import')
    .option('--seed <n>', t('screen.opt.seed'), '1')
    .option('--record <id>', t('screen.opt.record'))
    .option('--recall-target <percent>', t('screen.opt.recallTarget'), '95')
    .option('--confidence <percent>', t('screen.opt.confidence'), '95')
    .option('--decisions <file>', t('screen.opt.decisions'))
    .option('--json', t('cli.opt.json'))
    .action(
      action(async (dir: string, raw: ScreenCliOptions) => {
        const opts = parseScreenOptions(raw);
        const run = await import('../../ui/screenRun.js');
        return withReview(dir, { writer: 'screen' }, async (review) => {
          const ctx = run.loadScreeningContext(review);
          if (opts.decisions) {
            const r = run.applyDecisionFile(review, ctx, run.readUserCsv(opts.decisions), opts.decisions, { ...opts, mode: 'screen' });
            if (opts.json) printJson(r);
            else print(t('screen.csv.applied', { ...r, file: opts.decisions }));
            return 0;
          }
          const interactive = !opts.applyLimits;
          if (interactive && !(process.stdin.isTTY && process.stdout.isTTY)) throw new UserError(t('screen.notTTY'));
          // Note: limits run before the first interactive screen (and again for imports added since).
          const limits = opts.stage === 'title-abstract' || opts.applyLimits ? run.applyLimits(review) : undefined;
          let above = 0;
          if (limits && (opts.applyLimits || limits.imports.length > 0)) {
            if (opts.json) printJson({ checked: limits.checked, excluded: limits.excluded.size, byLimit: limits.byLimit, imports: limits.imports });
            else if (limits.imports.length === 0) print(t('screen.limits.nothing'));
            else above = run.say(t('screen.limits.done', { checked: limits.checked, excluded: limits.excluded.size, year: limits.byLimit['limit:year'], language: limits.byLimit['limit:language'], type: limits.byLimit['limit:type'], fulltext: limits.byLimit['limit:fulltext'] }));
          }
          if (!interactive) return 0;
          const { outcome, session } = await run.runScreen(review, ctx, { ...opts, reservedRows: above });
          const p = session.progress();
          if (outcome === 'quit') run.say(t('screen.done.quit'));
          else run.say(t('screen.done.finished', { who: opts.reviewer ? ` (${opts.reviewer})` : '' }));
          run.say(t('screen.done.summary', { decided: session.decided, left: p.left, skipped: session.skippedCount }));
          if (session.order !== 'import') run.say(run.stoppingSummary(session));
          return 0;
        });
      }),
    );
}
