/**
 * `review demo [DIR]`: a whole review on the bundled example, offline and in a few seconds:
 * init from fixtures/demo/protocol.yaml, import four exports with overlaps, dedup, limits,
 * title/abstract and full-text screening and extraction from the bundled CSVs, then the PRISMA
 * SVG, the report, the selected-article table and the Word document. It calls the stages the
 * commands call (importFiles, runAutoDedup, applyLimits/applyDecisionFile, extractFromCsv,
 * writeReportOutputs, writeExport), never another command.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { formatNumber, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, withReview, declareOptions, type OptionValues } from '../command.js';

/** The bundled example (fixtures/demo at the package root). */
export const DEMO_DIR = fileURLToPath(new URL('../../../fixtures/demo/', import.meta.url));

export const DEMO_FILES = {
  protocol: 'protocol.yaml',
  exports: ['bvs-lilacs-bdenf.ris', 'scielo.ris', 'pubmed.nbib', 'google-scholar-pop.csv'],
  titleAbstract: 'screening-title-abstract.csv',
  fullText: 'screening-full-text.csv',
  extraction: 'extraction.csv',
};

/** The folder to create: the one given (must not exist), else ./review-demo, else a new temp folder. */
function chooseDir(given: string | undefined): string {
  if (given) {
    if (fs.existsSync(given) && fs.readdirSync(given).length > 0) throw new UserError(t('demo.exists', { dir: path.resolve(given) }));
    return path.resolve(given);
  }
  const local = path.resolve('review-demo');
  if (!fs.existsSync(local)) return local;
  return fs.mkdtempSync(path.join(os.tmpdir(), 'review-demo-'));
}

const OPTIONS = {
  json: { help: 'cli.opt.json' },
} as const;

export function register(cmd: Command): void {
  declareOptions(cmd, OPTIONS)
    .argument('[dir]', t('demo.arg.dir'))
    .action(
      action(async (given: string | undefined, opts: OptionValues<typeof OPTIONS>) => {
        const dir = chooseDir(given);
        const say = (s: string) => {
          if (!opts.json) print(s);
        };
        say(t('demo.start', { dir }));
        const { Review } = await import('../../project/review.js');
        Review.init(dir, path.join(DEMO_DIR, DEMO_FILES.protocol)).close();
        const { importFiles } = await import('../../project/importFiles.js');
        const { runAutoDedup } = await import('../../project/dedup.js');
        const { writeReportOutputs } = await import('../../stages/outputs/report.js');
        const { writeExport } = await import('../../stages/outputs/export.js');
        const { applyLimits, applyDecisionFile, loadScreeningContext } = await import('../../ui/screenRun.js');
        const { extractFromCsv } = await import('../../stages/extract/index.js');
        const { outputWords } = await import('../../ui/outputWords.js');
        return withReview(dir, { writer: 'demo' }, async (review) => {
          say(t('demo.step.init', { title: review.protocol.title }));
          for (const s of importFiles(review, DEMO_FILES.exports.map((f) => path.join(DEMO_DIR, f))))
            say(t('demo.step.import', { file: s.file, records: formatNumber(s.read), format: s.formatLabel }));
          const dedup = runAutoDedup(review);
          say(t('demo.step.dedup', { duplicates: formatNumber(review.records().length - dedup.state.uniqueIds.length), unique: formatNumber(dedup.state.uniqueIds.length) }));
          const limits = applyLimits(review);
          say(t('demo.step.limits', { count: formatNumber(limits.excluded.size) }));
          const ctx = loadScreeningContext(review);
          for (const [stage, file, key] of [
            ['title-abstract', DEMO_FILES.titleAbstract, 'demo.step.screenTA'],
            ['fulltext', DEMO_FILES.fullText, 'demo.step.screenFT'],
          ] as const) {
            const full = path.join(DEMO_DIR, file);
            const r = applyDecisionFile(review, ctx, fs.readFileSync(full, 'utf8'), full, { stage, reviewer: 'demo', mode: 'screen' });
            say(t(key, { file, count: formatNumber(r.applied) }));
          }
          const x = extractFromCsv(review, path.join(DEMO_DIR, DEMO_FILES.extraction), 'demo');
          say(t('demo.step.extract', { file: DEMO_FILES.extraction, count: formatNumber(x.saved) }));
          const words = outputWords();
          const rep = writeReportOutputs(review, words);
          const table = await writeExport(review, words, { format: 'csv', set: 'included', excel: true });
          const docx = await writeExport(review, words, { format: 'docx' });
          const c = rep.state.prisma;
          const files = { prisma: rep.prismaSvg, report: rep.report, themes: rep.themesSvg, matrix: rep.matrix, tables: rep.tables, table: table.file, docx: docx.file };
          if (opts.json) {
            printJson({ dir, prisma: c, files });
            return 0;
          }
          say(
            t('demo.counts', {
              identified: formatNumber(c.identified),
              duplicates: formatNumber(c.duplicates + c.other.duplicates),
              automatic: formatNumber(c.excludedAutomatic + c.other.excludedAutomatic),
              screened: formatNumber(c.recordsScreened + c.other.excludedScreening + c.other.reportsSought),
              assessed: formatNumber(c.reportsAssessed + c.other.reportsAssessed),
              included: formatNumber(c.studiesIncluded),
            }),
          );
          say(t('demo.outputs'));
          say(`  ${t('demo.out.prisma')}: ${rep.prismaSvg}`);
          say(`  ${t('demo.out.report')}: ${rep.report}`);
          say(`  ${t('demo.out.themes')}: ${rep.themesSvg}`);
          say(`  ${t('demo.out.table')}: ${table.file}`);
          say(`  ${t('demo.out.docx')}: ${docx.file}`);
          say(t('demo.next', { dir }));
          return 0;
        });
      }),
    );
}
