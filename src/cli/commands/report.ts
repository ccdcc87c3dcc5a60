/** `review report DIR [--json]`: out/report.md, out/themes.svg, out/prisma.svg; prints the theme table. */
import path from 'node:path';
import type { Command } from 'commander';
import type { Review } from '../../project/review.js';
import type { ExtractValue } from '../../core/extraction/events.js';
import type { BibRecord } from '../../core/record.js';
import { computeReviewOutputs, type ReviewOutputsState } from '../../core/report/state.js';
import { buildReportMarkdown } from '../../core/report/markdown.js';
import { themeMatrix } from '../../core/themes/frequencies.js';
import { stringifyTable } from '../../core/report/selectedTable.js';
import { studyLabel } from '../../core/report/studies.js';
import { TOOL_VERSION } from '../../core/version.js';
import { themeChartSvg } from '../../ui/svg/themeChart.js';
import { prismaLabels } from '../../ui/svg/prismaLabels.js';
import { formatNumber, getLang, t } from '../../ui/i18n.js';
import { formatPairs, print, printJson } from '../../ui/output.js';
import { action, withReview } from '../command.js';
import { writeOutput, writePrismaOutputs } from './prisma.js';

/** "33,3%" / "33.3%". */
export const formatPercent = (p: number) => `${formatNumber(p, 1)}%`;

/** "limit:year" -> the words for it, in the current language. */
export function limitLabel(code: string): string {
  const key = `prisma.limit.${code.replace(/^limit:/, '')}`;
  const text = t(key);
  return text === key ? code : text;
}

/** An extraction value as the tables show it, in the current language. */
export function formatValue(v: ExtractValue): string {
  if (typeof v === 'boolean') return v ? t('report.yes') : t('report.no');
  if (typeof v === 'number') return Number.isInteger(v) ? formatNumber(v) : formatNumber(v, String(v).split('.')[1]?.length ?? 0);
  if (Array.isArray(v)) return v.join('; ');
  return v;
}

function databasesPerImport(records: readonly BibRecord[]): Map<string, string[]> {
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
  prismaSvg: string;
}

/** Write every report file of the review. Used by `report` and `demo`. */
export function writeReportOutputs(review: Review): ReportFiles {
  const state = computeReviewOutputs(review.records(), review.events, review.protocol);
  const out = review.ensureDir(review.paths.out);
  const prisma = writePrismaOutputs(review, {}, state.prisma);
  const and = getLang() === 'pt-BR' ? 'e' : 'and';
  const md = buildReportMarkdown({
    protocol: review.protocol,
    events: review.events,
    prisma: state.prisma,
    studies: state.studies,
    extractions: state.extractions,
    themes: state.themes,
    labels: prismaLabels(),
    tr: (key, params) => t(key, params),
    num: (n) => formatNumber(n),
    pct: formatPercent,
    formatValue,
    and,
    generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
    toolVersion: TOOL_VERSION,
    importDatabases: databasesPerImport(review.records()),
    limitLabel,
  });
  const report = path.join(out, 'report.md');
  writeOutput(report, md + '\n');
  const themesSvg = path.join(out, 'themes.svg');
  writeOutput(
    themesSvg,
    themeChartSvg(state.themes, {
      title: t('report.chart.title'),
      subtitle: t('report.chart.subtitle', { n: formatNumber(state.themes.included) }),
      formatPercent,
      formatNumber: (n) => formatNumber(n),
      lang: getLang(),
    }),
  );
  const m = themeMatrix(review.protocol, state.prisma.includedIds, state.extractions);
  const labelOf = new Map(state.studies.map((s) => [s.id, studyLabel(s, and)]));
  const matrix = path.join(out, 'theme-matrix.csv');
  writeOutput(
    matrix,
    stringifyTable(
      [t('export.col.id'), t('report.col.study'), ...m.themes],
      m.rows.map((r) => [r.recordId, labelOf.get(r.recordId) ?? '', ...r.has.map((h) => (h ? '1' : '0'))]),
      { excel: getLang() === 'pt-BR' },
    ),
  );
  return { state, report, themesSvg, matrix, prismaSvg: prisma.svg };
}

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--json', t('report.opt.json'))
    .action(
      action((dir: string, opts: { json?: boolean }) =>
        withReview(dir, {}, (review) => {
          const f = writeReportOutputs(review);
          const th = f.state.themes;
          const files = { report: f.report, themes: f.themesSvg, matrix: f.matrix, prisma: f.prismaSvg };
          if (opts.json) {
            printJson({ included: th.included, extracted: th.extracted, groups: th.groups, unknownThemes: th.unknownThemes, files });
            return 0;
          }
          print(t('report.table.title', { extracted: formatNumber(th.extracted), included: formatNumber(th.included) }));
          const rows: [string, string][] = [];
          for (const g of th.groups) {
            rows.push([g.group, `${formatNumber(g.n)} (${formatPercent(g.percent)})`]);
            for (const x of g.themes) rows.push([`  ${x.id} ${x.label}`, `${formatNumber(x.n)} (${formatPercent(x.percent)})`]);
          }
          if (rows.length) print(formatPairs(rows));
          else print(t('report.themes.noCodebook'));
          print('');
          print(t('report.wrote', { file: f.report }));
          print(t('report.wroteChart', { file: f.themesSvg }));
          print(t('report.wroteMatrix', { file: f.matrix }));
          print(t('prisma.wrote', { file: f.prismaSvg }));
          return 0;
        }),
      ),
    );
}
