/** `review simulate FILE --labels COLUMN [--seed N] [--model M] [--recall-target X] [--confidence X] [--json]`: relevance-ordered screening replayed on labelled data. */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { t, formatNumber } from '../../ui/i18n.js';
import { print, printJson, formatPairs } from '../../ui/output.js';
import { parseSeed } from '../../ui/screenOptions.js';
import { action, declareOptions, type OptionValues } from '../command.js';

const MODELS = ['product', 'asreview-nb', 'svm'] as const;

function parseShare(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (!(x > 0 && x < 1)) throw new UserError(t('simulate.badShare', { option, value: raw }));
  return x;
}

const OPTIONS = {
  labels: { value: 'column', help: 'screen.opt.labels', required: true },
  seed: { value: 'n', help: 'screen.opt.seed', default: '1' },
  model: { value: 'name', help: 'simulate.opt.model', default: 'product' },
  recallTarget: { value: 'x', help: 'simulate.opt.recallTarget' },
  confidence: { value: 'x', help: 'simulate.opt.confidence' },
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(cmd, OPTIONS)
    .argument('<file>', t('screen.arg.file'))
    .action(
      action(async (file: string, opts: OptionValues<typeof OPTIONS>) => {
        const seed = parseSeed(opts.seed);
        const model = MODELS.find((m) => m === opts.model);
        if (!model) throw new UserError(t('simulate.badModel', { model: opts.model }));
        const stopping = { recallTarget: parseShare('--recall-target', opts.recallTarget), confidence: parseShare('--confidence', opts.confidence) };
        const { readCsvTable, headerKey } = await import('../../formats/csv/common.js');
        const { parseLabelledTable } = await import('../../core/relevance/labelled.js');
        const { computeSimulationReport } = await import('../../core/relevance/simulate.js');
        const { readUserCsv } = await import('../../ui/screenRun.js');
        const table = readCsvTable(readUserCsv(file), file);
        const fatal = table.diagnostics.filter((d) => d.fatal);
        const { docs, problems } = parseLabelledTable(table, file, headerKey(opts.labels), (k, p) => t(k, p));
        if (fatal.length || problems.length) throw new UserError(t('screen.csv.rejected', { file }), [...fatal, ...problems]);
        if (!docs.some((d) => d.label === 1) || !docs.some((d) => d.label === 0)) throw new UserError(t('screen.simulate.needBoth', { file, column: opts.labels }));
        const started = Date.now();
        const r = computeSimulationReport(docs, { seed, model, stopping });
        if (opts.json) return printJson({ file, ...r, ms: Date.now() - started });
        const pct = (x: number) => `${formatNumber(100 * x, 1)}%`;
        const s = r.stop;
        print(t('simulate.head', { records: formatNumber(r.records), relevant: formatNumber(r.relevant), seed, model }));
        print(formatPairs([
          ['wss95', `${pct(r.wss95)}  ${t('simulate.wss95')}`],
          ['wss100', `${pct(r.wss100)}  ${t('simulate.wss100')}`],
          ...Object.entries(r.recallAt).map(([k, v]): [string, string] => [`recall@${k}%`, `${pct(v)}  ${t('simulate.recallAt', { share: k })}`]),
          ['atd', t('simulate.atd', { records: formatNumber(r.atd, 1), share: pct(r.atdShare) })],
          ['stop', t('simulate.stopRule', { target: pct(r.recallTarget), confidence: pct(r.confidence) })],
          ['', s.reached
            ? t('simulate.stop', { switched: formatNumber(s.switchedAt), screened: formatNumber(s.screened), share: pct(s.screened / r.records), recall: pct(s.recall), p: formatNumber(s.pValue ?? 1, 4), saved: pct(s.workSaved) })
            : t('simulate.stopNever', { switched: formatNumber(s.switchedAt), recall: pct(s.recall) })],
          ...r.estimates.map((e, i): [string, string] => [
            i === 0 ? 'estimate' : '',
            e.estimated === null
              ? t('simulate.estimateNotYet', { share: formatNumber(100 * e.share), reason: t(`simulate.notYet.${e.notYet}`), actual: formatNumber(e.actual) })
              : t('simulate.estimate', { share: formatNumber(100 * e.share), estimated: formatNumber(e.estimated, 1), actual: formatNumber(e.actual) }),
          ]),
          ['random', t('simulate.random', { wss95: pct(r.random.wss95), recall10: pct(r.random.recall10) })],
        ]));
      }),
    );
}
