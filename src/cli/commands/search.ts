/** `review search DIR [--source X] [--dry-run | --probe] [--resume] [--max N] [--base-url URL] [--api-key KEY] [--timeout MS] [--json]` */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import type { SearchSourceId } from '../../core/query/index.js';
import type { SourcePlan } from '../../sources/plan.js';
import { t } from '../../ui/i18n.js';
import { displayUrl, print, printJson } from '../../ui/output.js';
import { databaseLabel, importCommandText, manualExportText, platformLabel, sourceLabel } from '../../ui/sourceNames.js';
import { action, declareArgument, declareOptions, withReview, type OptionValues } from '../command.js';
import { limitsText } from '../../core/query/compiled.js';

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

const warn = (c: SourcePlan['compiled']) =>
  c.warnings.map((w) => t('search.warning', { text: t(`search.warn.${w.code}`, { ...w.params, source: w.params.source === undefined ? undefined : databaseLabel(String(w.params.source)) }) }));

function printPlan(p: SourcePlan): void {
  print(t('search.header', { label: sourceLabel(p.id), platform: platformLabel(p.id, p.compiled.platform) }));
  print(t('search.databases', { databases: p.compiled.databases.map(databaseLabel).join(', ') }));
  print(t('search.query', { clauses: p.compiled.clauses }));
  print(p.compiled.query);
  print(t('search.url'));
  print(displayUrl(p.url));
  if (p.browserUrl !== p.url) print(`${t('search.browser')}\n${displayUrl(p.browserUrl)}`);
  print(p.compiled.limits.length ? t('search.limits', { limits: limitsText(p.compiled.limits, t) }) : t('search.noLimits'));
  for (const w of warn(p.compiled)) print(w);
  print(p.live ? t('search.manual', manualExportText(p.id, p.manualExport)) : t('search.scholar.importOnly'));
  print(`  ${importCommandText(p.importCommand)}`);
  print();
}

export function register(cmd: Command): void {
  declareOptions(declareArgument(cmd, 'dir', 'common.arg.dir'), OPTIONS)
    .addHelpText('after', `\n${t('search.help.env')}`)
    .action(
      action(async (dir: string, opts: Opts) => {
        const { planSource, protocolSources, SEARCH_SOURCE_IDS } = await import('../../sources/plan.js');
        if (opts.source && !SEARCH_SOURCE_IDS.includes(opts.source as SearchSourceId)) throw new UserError(t('search.unknownSource', { source: opts.source }));
        const max = opts.max === undefined ? undefined : Number(opts.max);
        if (max !== undefined && !(Number.isInteger(max) && max > 0)) throw new UserError(t('search.badMax', { value: opts.max }));
        const timeout = opts.timeout === undefined ? 30_000 : Number(opts.timeout);
        if (!(timeout > 0)) throw new UserError(t('search.badTimeout', { value: opts.timeout }));
        return withReview(dir, opts.dryRun || opts.probe ? {} : { writer: 'search' }, async (review) => {
          const ids = protocolSources(review.protocol, opts.source as SearchSourceId | undefined);
          if (opts.baseUrl && !opts.source && ids.filter((i) => i !== 'google-scholar').length > 1) throw new UserError(t('search.baseUrlNeedsSource'));
          const plans = ids.map((id) => planSource(id, review.protocol, dir, process.env, opts.baseUrl));
          if (opts.dryRun) {
            if (opts.json) printJson(plans.map((p) => ({ ...p.compiled, url: p.url, browserUrl: p.browserUrl, live: p.live, importCommand: p.importCommand })));
            else {
              plans.forEach((p) => printPlan(p));
              if (plans.some((p) => displayUrl(p.url) !== p.url || displayUrl(p.browserUrl) !== p.browserUrl)) print(t('search.urlShortened', { dir }));
            }
            return 0;
          }
          if (opts.source === 'google-scholar') throw new UserError(t('search.scholar.notLive', { dir }));
          const { runProbes } = await import('../../stages/search.js');
          const { runLiveSearches } = await import('../../ui/searchProgress.js');
          const { printDone, printManualSteps, printProbe } = await import('../../ui/searchReport.js');
          const apiKey = opts.apiKey ?? process.env.NCBI_API_KEY;
          if (opts.probe) {
            const probes = await runProbes(plans, { timeoutMs: Math.min(timeout, 15_000), baseUrl: opts.baseUrl, apiKey });
            if (opts.json) printJson(probes);
            else probes.forEach(printProbe);
            return probes.every((r) => r.status === 'ok') ? 0 : 1;
          }
          const outcomes = await runLiveSearches(review, plans, { dir, max, resume: opts.resume, timeoutMs: timeout, baseUrl: opts.baseUrl, apiKey, json: opts.json });
          if (opts.json) printJson(outcomes.map(({ compiled, blocked, ...o }) => ({ ...o, query: compiled.query, blocked: blocked ? { status: blocked.status, reason: blocked.reason } : undefined })));
          for (const o of outcomes) {
            const p = plans.find((x) => x.id === o.source)!;
            if (o.blocked || o.failure) printManualSteps(o, p, `${review.paths.searches}/${o.searchId}`, dir);
            else if (!opts.json) printDone(o, p);
          }
          return outcomes.some((o) => o.blocked || o.failure) ? 1 : 0;
        });
      }),
    );
}
