/** `review simulate FILE --labels COLUMN [--seed N] [--model M] [--recall-target X] [--confidence X] [--json]`: relevance-ordered screening replayed on labelled data. */
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { t } from '../../ui/i18n.js';
import { printJson } from '../../ui/output.js';
import { parseSeed } from '../screenOptions.js';
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
        const { simulateLabelledFile } = await import('../../stages/simulate.js');
        const { printSimulation } = await import('../../ui/simulateView.js');
        const r = simulateLabelledFile(file, opts.labels, { seed, model, stopping }, (k, p) => t(k, p));
        if (opts.json) printJson({ file, ...r });
        else printSimulation(r, seed, model);
      }),
    );
}
