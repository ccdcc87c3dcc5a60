/** `review agreement DIR [--stage S] [--json]`: raw agreement and Cohen's kappa between reviewers. */
import type { Command } from 'commander';
import { STAGES, type Stage } from '../../core/screening/events.js';
import { t, formatNumber } from '../../ui/i18n.js';
import { print, printJson, formatPairs } from '../../ui/output.js';
import { parseStage } from '../screenOptions.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';

const OPTIONS = {
  stage: { value: 'stage', help: 'screen.opt.stage' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS).action(
    action(async (dir: string, opts: OptionValues<typeof OPTIONS>) => {
      const stages: readonly Stage[] = opts.stage ? [parseStage(opts.stage)] : STAGES;
      const { computeAgreement } = await import('../../core/screening/kappa.js');
      const { computeScreeningState } = await import('../../core/screening/state.js');
      const { computeDedupState } = await import('../../core/dedup/state.js');
      return withReview(dir, {}, (review) => {
        const state = computeScreeningState(computeDedupState(review.records(), review.events).uniqueIds, review.events);
        const result = stages.map((stage) => ({ stage, pairs: computeAgreement(state, stage) }));
        if (opts.json) return printJson(result);
        for (const { stage: id, pairs } of result) {
          const stage = t(`screen.stage.${id}`).toLowerCase();
          print(t('screen.agreement.title', { stage }));
          if (pairs.every((p) => p.n === 0)) print(`  ${t('screen.agreement.none', { stage })}`);
          for (const p of pairs.filter((x) => x.n > 0)) {
            print(`  ${t('screen.agreement.pair', { a: p.reviewers[0] || '-', b: p.reviewers[1] || '-', n: formatNumber(p.n) })}`);
            print(formatPairs([
              [t('screen.agreement.raw'), `${formatNumber(100 * p.observed, 1)}% (${p.agreed}/${p.n})`],
              [t('screen.agreement.kappa'), p.kappa === null ? '-' : formatNumber(p.kappa, 2)],
              [t('screen.agreement.band'), t(`screen.band.${p.band ?? 'none'}`)],
              [t('screen.agreement.onlyOne'), formatNumber(p.onlyOne)],
            ], '    '));
          }
        }
      });
    }),
  );
}
