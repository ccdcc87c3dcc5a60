/**
 * `out/report.md` with its figures and tables: the PRISMA diagram, the theme chart, the study x
 * theme matrix and the descriptive tables as CSV. Files in a language other than the review's
 * carry it in their names (report.en.md links prisma.en.svg), so no language overwrites another.
 */
import path from 'node:path';
import type { Review } from '../../project/review.js';
import type { BibRecord } from '../../core/record.js';
import type { ReviewOutputsState } from '../../core/report/state.js';
import { buildReportMarkdown } from '../../core/report/markdown.js';
import { themeMatrix } from '../../core/themes/frequencies.js';
import { stringifyTable } from '../../core/report/selectedTable.js';
import { studyLabel } from '../../core/report/studies.js';
import { themeChartSvg } from '../../core/svg/themeChart.js';
import { TOOL_VERSION } from '../../core/version.js';
import { readOutputsState } from './state.js';
import { writeOutput } from './files.js';
import { writePrismaOutputs } from './prisma.js';
import { descriptiveTablesCsv, readDescriptiveTables } from './tables.js';
import { localizedName, type OutputWords } from './words.js';

/** Databases the records of each import name (RIS files mix LILACS, BDENF...). */
export function databasesPerImport(records: readonly BibRecord[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of records) {
    const list = out.get(r.provenance.importId) ?? out.set(r.provenance.importId, []).get(r.provenance.importId)!;
    const db = r.provenance.database?.trim();
    if (db && !list.includes(db)) list.push(db);
  }
  return out;
}

export interface ReportFiles {
  state: ReviewOutputsState;
  report: string;
  themesSvg: string;
  matrix: string;
  tables: string;
  prismaSvg: string;
  /** PRISMA equations that do not hold (a bug if ever non-empty). */
  broken: string[];
}

/** The report as Markdown text in the words' language. */
export function renderReport(review: Review, words: OutputWords, files: { prisma: string; themes: string }, now = new Date()): string {
  const state = readOutputsState(review);
  return buildReportMarkdown({
    protocol: review.protocol,
    events: review.events,
    prisma: state.prisma,
    studies: state.studies,
    extractions: state.extractions,
    themes: state.themes,
    labels: words.labels,
    tr: words.t,
    num: words.num,
    pct: words.pct,
    formatValue: words.formatValue,
    and: words.and,
    generatedAt: now.toISOString().slice(0, 16).replace('T', ' '),
    toolVersion: TOOL_VERSION,
    importDatabases: databasesPerImport(review.records()),
    limitLabel: words.limitLabel,
    languageName: words.languageName,
    files,
  });
}

/** Write every report file of the review. */
export function writeReportOutputs(review: Review, words: OutputWords): ReportFiles {
  const state = readOutputsState(review);
  const out = review.paths.out;
  const name = (base: string, ext: string) => path.join(out, localizedName(base, ext, words.lang, review.protocol.language));
  const prisma = writePrismaOutputs(review, words);
  const themesSvg = name('themes', 'svg');
  const report = name('report', 'md');
  writeOutput(report, renderReport(review, words, { prisma: path.basename(prisma.svg), themes: path.basename(themesSvg) }) + '\n');
  writeOutput(
    themesSvg,
    themeChartSvg(state.themes, {
      title: words.t('report.chart.title'),
      subtitle: words.t('report.chart.subtitle', { n: words.num(state.themes.included) }),
      formatPercent: words.pct,
      formatNumber: words.num,
      lang: words.lang,
    }),
  );
  const excel = words.lang === 'pt-BR';
  const m = themeMatrix(review.protocol, state.prisma.includedIds, state.extractions);
  const labelOf = new Map(state.studies.map((s) => [s.id, studyLabel(s, words.and)]));
  const matrix = name('theme-matrix', 'csv');
  writeOutput(
    matrix,
    stringifyTable(
      [words.t('export.col.id'), words.t('report.col.study'), ...m.themes],
      m.rows.map((r) => [r.recordId, labelOf.get(r.recordId) ?? '', ...r.has.map((h) => (h ? '1' : '0'))]),
      { excel },
    ),
  );
  const tables = name('tables', 'csv');
  writeOutput(tables, descriptiveTablesCsv(readDescriptiveTables(review, words), words, excel, state.themes));
  return { state, report, themesSvg, matrix, tables, prismaSvg: prisma.svg, broken: prisma.broken };
}
