/** The descriptive tables (design, level of evidence, year, journal, database, language) as rows of text. */
import type { Review } from '../../project/review.js';
import { computeDescriptiveTables, type DescriptiveTable } from '../../core/report/descriptive.js';
import { descriptiveTitle, descriptiveValue } from '../../core/report/markdown.js';
import { stringifyTable } from '../../core/report/selectedTable.js';
import type { ThemeTable } from '../../core/themes/frequencies.js';
import { derivedStateKey, readSnapshot, writeSnapshot } from '../../project/snapshot.js';
import { readOutputsState } from './state.js';
import type { OutputWords } from './words.js';

/** Every descriptive table of the review, counted over the included studies. */
export function readDescriptiveTables(review: Review, words: OutputWords): DescriptiveTable[] {
  const s = readOutputsState(review);
  return computeDescriptiveTables(review.protocol, s.studies, s.extractions, words.formatValue, words.labels.sources);
}

/** The theme table and the descriptive tables as one CSV (table, value, n, %), Excel pt-BR layout when asked. */
export function descriptiveTablesCsv(tables: readonly DescriptiveTable[], words: OutputWords, excel: boolean, themes?: ThemeTable): string {
  const rows: string[][] = [];
  const themeTitle = words.t('report.col.theme');
  for (const g of themes?.groups ?? []) for (const x of g.themes) rows.push([themeTitle, `${x.id} ${x.label} (${g.group})`, String(x.n), words.pct(x.percent)]);
  for (const d of tables) {
    const title = descriptiveTitle(d, words.t);
    for (const r of d.rows) rows.push([title, descriptiveValue(d, r.value, words.languageName), String(r.n), words.pct(r.percent)]);
    if (d.missing > 0) rows.push([title, words.t('outputs.table.missing'), String(d.missing), words.pct((d.missing / Math.max(1, d.total)) * 100)]);
  }
  return stringifyTable([words.t('outputs.col.table'), words.t('outputs.col.value'), words.t('report.col.n'), words.t('report.col.percent')], rows, { excel });
}

/** The tables as plain data for `--json` (values untranslated, titles in the words' language). */
export function descriptiveTablesJson(tables: readonly DescriptiveTable[], words: OutputWords) {
  return tables.map((d) => ({ id: d.id, title: descriptiveTitle(d, words.t), total: d.total, missing: d.missing, rows: d.rows.map((r) => ({ value: r.value, n: r.n, percent: Math.round(r.percent * 10) / 10 })) }));
}

export type OutputsJson = { themes: { id: string; label: string; group: string; n: number; percent: number }[]; tables: ReturnType<typeof descriptiveTablesJson> };

/**
 * Themes (theme, n, % of included) and the descriptive tables, for `status --json`: kept in the
 * derived-state snapshot beside the status counts, so a review that did not change answers at once.
 */
export function readOutputsJson(review: Review, words: OutputWords): OutputsJson {
  const key = derivedStateKey(review.paths);
  const name = `outputs-${words.lang}`;
  const stored = readSnapshot<OutputsJson>(review.paths, name, key);
  if (stored) return stored;
  const th = readOutputsState(review).themes;
  const themes = th.groups.flatMap((g) => g.themes.map((x) => ({ id: x.id, label: x.label, group: g.group, n: x.n, percent: Math.round(x.percent * 10) / 10 })));
  const out = { themes, tables: descriptiveTablesJson(readDescriptiveTables(review, words), words) };
  writeSnapshot(review.paths, name, key, out);
  return out;
}
