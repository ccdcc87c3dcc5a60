/** `review screen DIR [--reviewer NAME] [--stage S] [--apply-limits] [--order O] [--seed N] [--record ID] [--recall-target P] [--confidence P] [--decisions FILE.csv] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { parseScreenOptions } from '../screenOptions.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';

const OPTIONS = {
  reviewer: { value: 'name', help: 'screen.opt.reviewer' },
  stage: { value: 'stage', help: 'screen.opt.stage', default: 'title-abstract' },
  applyLimits: { help: 'screen.opt.applyLimits' },
  order: { value: 'order', help: 'screen.opt.order', default: 'import' },
  seed: { value: 'n', help: 'screen.opt.seed', default: '1' },
  record: { value: 'id', help: 'screen.opt.record' },
  recallTarget: { value: 'percent', help: 'screen.opt.recallTarget', default: '95' },
  confidence: { value: 'percent', help: 'screen.opt.confidence', default: '95' },
  decisions: { value: 'file', help: 'screen.opt.decisions' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action(async (dir: string, raw: OptionValues<typeof OPTIONS>) => {
      const opts = parseScreenOptions(raw);
      const run = await import('../../ui/screenRun.js');
      const screening = await import('../../stages/screen.js');
      return withReview(dir, { writer: 'screen' }, async (review) => {
        const ctx = screening.loadScreeningContext(review);
        if (opts.decisions) {
          const r = screening.applyDecisionFile(review, ctx, screening.readUserCsv(opts.decisions), opts.decisions, { ...opts, mode: 'screen', msg: t });
          if (opts.json) printJson(r);
          else print(t('screen.csv.applied', { ...r, file: opts.decisions }));
          return 0;
        }
        const interactive = !opts.applyLimits;
        if (interactive && !(process.stdin.isTTY && process.stdout.isTTY)) throw new UserError(t('screen.notTTY'));
        // Note: limits run before the first interactive screen (and again for imports added since).
        const limits = opts.stage === 'title-abstract' || opts.applyLimits ? screening.applyLimits(review) : undefined;
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
