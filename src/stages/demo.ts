/**
 * The demo as one stage sequence on the bundled example (fixtures/demo): import four exports with
 * overlaps, dedup, limits, title/abstract and full-text screening and extraction from the bundled
 * CSVs, then the PRISMA SVG, the report, the selected-article table and the Word document. It calls
 * the stages the commands call, never a command; each step is reported through `onStep` (codes and
 * numbers; `review demo` puts them into words) and the outcome comes back as a typed summary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodedUserError } from '../core/errors.js';
import type { DecisionMessages } from '../core/screening/csvDecisions.js';
import type { Stage } from '../core/screening/events.js';
import { Review } from '../project/review.js';
import { importFiles } from './import/index.js';
import { runAutoDedup } from './dedup/review.js';
import { applyDecisionFile, applyLimits, loadScreeningContext } from './screen.js';
import { extractFromCsv } from './extract/index.js';
import { writeReportOutputs, type ReportFiles } from './outputs/report.js';
import { writeExport } from './outputs/export.js';
import type { OutputWords } from './outputs/words.js';

/** The bundled example (fixtures/demo at the package root). */
export const DEMO_DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));

export const DEMO_FILES = {
  protocol: 'protocol.yaml',
  exports: ['bvs-lilacs-bdenf.ris', 'scielo.ris', 'pubmed.nbib', 'google-scholar-pop.csv'],
  titleAbstract: 'screening-title-abstract.csv',
  fullText: 'screening-full-text.csv',
  extraction: 'extraction.csv',
};

/** The folder to create: the one given (must not exist; code `DEMO_DIR_EXISTS`), else ./review-demo, else a new temp folder. */
export function chooseDemoDir(given: string | undefined): string {
  if (given) {
    if (fs.existsSync(given) && fs.readdirSync(given).length > 0) throw new CodedUserError('DEMO_DIR_EXISTS', { dir: path.resolve(given) });
    return path.resolve(given);
  }
  const local = path.resolve('review-demo');
  if (!fs.existsSync(local)) return local;
  return fs.mkdtempSync(path.join(os.tmpdir(), 'review-demo-'));
}

/** Create the demo review in `dir` from the bundled protocol. */
export function initDemoReview(dir: string): void {
  Review.init(dir, path.join(DEMO_DIR, DEMO_FILES.protocol)).close();
}

/** One step done, as it is done. */
export type DemoStep =
  | { step: 'import'; file: string; records: number; format: string; formatId: string }
  | { step: 'dedup'; duplicates: number; unique: number }
  | { step: 'limits'; excluded: number }
  | { step: 'screen'; stage: Stage; file: string; applied: number }
  | { step: 'extract'; file: string; saved: number };

export interface DemoSummary {
  prisma: ReportFiles['state']['prisma'];
  files: { prisma: string; report: string; themes: string; matrix: string; tables: string; table: string; docx: string };
}

/** Run every stage of the demo on an open (new) review; `msg` words a decision file's row problems. */
export async function runDemo(review: Review, opts: { words: OutputWords; msg: DecisionMessages; onStep: (s: DemoStep) => void }): Promise<DemoSummary> {
  const { onStep } = opts;
  for (const s of importFiles(review, DEMO_FILES.exports.map((f) => path.join(DEMO_DIR, f))))
    onStep({ step: 'import', file: s.file, records: s.read, format: s.formatLabel, formatId: s.format });
  const dedup = runAutoDedup(review);
  onStep({ step: 'dedup', duplicates: review.records().length - dedup.state.uniqueIds.length, unique: dedup.state.uniqueIds.length });
  onStep({ step: 'limits', excluded: applyLimits(review).excluded.size });
  const ctx = loadScreeningContext(review);
  for (const [stage, file] of [
    ['title-abstract', DEMO_FILES.titleAbstract],
    ['fulltext', DEMO_FILES.fullText],
  ] as const) {
    const full = path.join(DEMO_DIR, file);
    const r = applyDecisionFile(review, ctx, fs.readFileSync(full, 'utf8'), full, { stage, reviewer: 'demo', mode: 'screen', msg: opts.msg });
    onStep({ step: 'screen', stage, file, applied: r.applied });
  }
  const x = extractFromCsv(review, path.join(DEMO_DIR, DEMO_FILES.extraction), 'demo');
  onStep({ step: 'extract', file: DEMO_FILES.extraction, saved: x.saved });
  const rep = writeReportOutputs(review, opts.words);
  const table = await writeExport(review, opts.words, { format: 'csv', set: 'included', excel: true });
  const docx = await writeExport(review, opts.words, { format: 'docx' });
  return {
    prisma: rep.state.prisma,
    files: { prisma: rep.prismaSvg, report: rep.report, themes: rep.themesSvg, matrix: rep.matrix, tables: rep.tables, table: table.file, docx: docx.file },
  };
}
