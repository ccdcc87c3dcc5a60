/** `review conflicts DIR [--stage S] [--resolve] [--reviewer NAME] [--decisions FILE.csv] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { displayTitle } from '../../core/record.js';
import { t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { truncateText } from '../../ui/text.js';
import { parseScreenOptions } from '../screenOptions.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';

const OPTIONS = {
  stage: { value: 'stage', help: 'screen.opt.stage', default: 'title-abstract' },
  resolve: { help: 'screen.opt.resolve' },
  reviewer: { value: 'name', help: 'screen.opt.reviewer' },
  decisions: { value: 'file', help: 'screen.opt.decisions' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action(async (dir: string, raw: OptionValues<typeof OPTIONS>) => {
      const opts = parseScreenOptions(raw);
      const writes = opts.resolve || opts.decisions !== undefined;
      const run = await import('../../ui/screenRun.js');
      const screening = await import('../../stages/screen.js');
      const { computeScreeningState } = await import('../../core/screening/state.js');
      return withReview(dir, writes ? { writer: 'conflicts' } : {}, async (review) => {
        const ctx = screening.loadScreeningContext(review);
        if (opts.decisions) {
          const r = screening.applyDecisionFile(review, ctx, screening.readUserCsv(opts.decisions), opts.decisions, { ...opts, mode: 'resolve', msg: t });
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
        const stage = t(`screen.stage.${opts.stage}`).toLowerCase();
        if (rows.length === 0) return print(t('screen.conflicts.none', { stage }));
        print(t('screen.conflicts.title', { count: rows.length, stage }));
        for (const r of rows) {
          print(`${r.id}  ${truncateText(r.title, 60)}`);
          const said = [...(state.byReviewer[opts.stage].get(r.id) ?? [])].map(([who, d]) => `${who || '-'}: ${t(`screen.decided.${d.decision}`)}${d.reason ? ` (${d.reason})` : ''}`);
          print(`    ${said.join('   ')}`);
        }
      });
    }),
  );
}
