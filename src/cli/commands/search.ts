/** `review search DIR [--source X] [--dry-run | --probe] [--resume] [--max N] [--base-url URL] [--api-key KEY] [--timeout MS] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import type { SearchSourceId } from '../../core/query/index.js';
import { t } from '../../ui/i18n.js';
import { printJson } from '../../ui/output.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';

const OPTIONS = {
  source: { value: 'id', help: 'search.opt.source' },
  dryRun: { help: 'search.opt.dryRun' },
  probe: { help: 'search.opt.probe' },
  resume: { help: 'search.opt.resume' },
  max: { value: 'n', help: 'search.opt.max' },
  baseUrl: { value: 'url', help: 'search.opt.baseUrl' },
  apiKey: { value: 'key', help: 'search.opt.apiKey' },
  timeout: { value: 'ms', help: 'search.opt.timeout' },
  json: { help: 'cli.opt.json' },
} as const;
type Opts = OptionValues<typeof OPTIONS>;

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS)
    .addHelpText('after', `\n${t('search.help.env')}`)
    .action(
      action(async (dir: string, opts: Opts) => {
        const { SEARCH_SOURCE_IDS } = await import('../../sources/plan.js');
        if (opts.source && !SEARCH_SOURCE_IDS.includes(opts.source as SearchSourceId)) throw new UserError(t('search.unknownSource', { source: opts.source }));
        const max = opts.max === undefined ? undefined : Number(opts.max);
        if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new UserError(t('search.badMax', { value: opts.max }));
        const timeout = opts.timeout === undefined ? 30_000 : Number(opts.timeout);
        if (!(timeout > 0)) throw new UserError(t('search.badTimeout', { value: opts.timeout }));
        return withReview(dir, opts.dryRun || opts.probe ? {} : { writer: 'search' }, async (review) => {
          const { planSearches, runProbes } = await import('../../stages/search/index.js');
          const { notLiveText, printOutcomes, printPlans, printProbe } = await import('../../ui/searchReport.js');
          const plans = planSearches(review, dir, { source: opts.source as SearchSourceId | undefined, baseUrl: opts.baseUrl, env: process.env });
          if (opts.dryRun) return printPlans(plans, dir, opts.json), 0;
          if (opts.source && !plans[0].live) throw new UserError(notLiveText(plans[0], dir));
          const apiKey = opts.apiKey ?? process.env.NCBI_API_KEY;
          if (opts.probe) {
            const probes = await runProbes(plans, { timeoutMs: Math.min(timeout, 15_000), baseUrl: opts.baseUrl, apiKey });
            if (opts.json) printJson(probes);
            else probes.forEach(printProbe);
            return probes.every((r) => r.status === 'ok') ? 0 : 1;
          }
          const { runLiveSearches } = await import('../../ui/searchProgress.js');
          const outcomes = await runLiveSearches(review, plans, { dir, max, resume: opts.resume, timeoutMs: timeout, baseUrl: opts.baseUrl, apiKey, json: opts.json });
          return printOutcomes(outcomes, plans, review.paths.searches, dir, opts.json);
        });
      }),
    );
}
