/**
 * `review demo [DIR]`: a whole review on the bundled example, offline and in a few seconds. The
 * steps are the demo stage's (stages/demo.ts); this command words each step and the summary.
 */
import type { Command } from 'commander';
import type { DemoStep } from '../../stages/demo.js';
import { formatNumber, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, withReview, declareOptions, type OptionValues } from '../command.js';
import { formatLabel } from '../../ui/diagnosticText.js';

const OPTIONS = {
  json: { help: 'cli.opt.json' },
} as const;

function stepText(s: DemoStep): string {
  switch (s.step) {
    case 'import':
      return t('demo.step.import', { file: s.file, records: formatNumber(s.records), format: formatLabel({ id: s.formatId, label: s.format }) });
    case 'dedup':
      return t('demo.step.dedup', { duplicates: formatNumber(s.duplicates), unique: formatNumber(s.unique) });
    case 'limits':
      return t('demo.step.limits', { count: formatNumber(s.excluded) });
    case 'screen':
      return t(s.stage === 'title-abstract' ? 'demo.step.screenTA' : 'demo.step.screenFT', { file: s.file, count: formatNumber(s.applied) });
    case 'extract':
      return t('demo.step.extract', { file: s.file, count: formatNumber(s.saved) });
  }
}

export function register(cmd: Command): void {
  declareOptions(cmd, OPTIONS)
    .argument('[dir]', t('demo.arg.dir'))
    .action(
      action(async (given: string | undefined, opts: OptionValues<typeof OPTIONS>) => {
        const demo = await import('../../stages/demo.js');
        const { outputWords } = await import('../../ui/outputWords.js');
        const dir = demo.chooseDemoDir(given);
        const say = (s: string) => {
          if (!opts.json) print(s);
        };
        say(t('demo.start', { dir }));
        demo.initDemoReview(dir);
        return withReview(dir, { writer: 'demo' }, async (review) => {
          say(t('demo.step.init', { title: review.protocol.title }));
          const { prisma: c, files } = await demo.runDemo(review, { words: outputWords(), msg: t, onStep: (s) => say(stepText(s)) });
          if (opts.json) {
            printJson({ dir, prisma: c, files });
            return 0;
          }
          const n = (...xs: number[]) => formatNumber(xs.reduce((a, b) => a + b, 0));
          say(t('demo.counts', { identified: n(c.identified), duplicates: n(c.duplicates, c.other.duplicates), automatic: n(c.excludedAutomatic, c.other.excludedAutomatic), screened: n(c.recordsScreened, c.other.excludedScreening, c.other.reportsSought), assessed: n(c.reportsAssessed, c.other.reportsAssessed), included: n(c.studiesIncluded) }));
          say(t('demo.outputs'));
          for (const [key, file] of [['prisma', files.prisma], ['report', files.report], ['themes', files.themes], ['table', files.table], ['docx', files.docx]]) say(`  ${t(`demo.out.${key}`)}: ${file}`);
          say(t('demo.next', { dir }));
          return 0;
        });
      }),
    );
}
