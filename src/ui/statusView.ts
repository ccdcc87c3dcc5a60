/** `review status` on one screen: at most 24 lines of at most 80 columns, whatever the review holds. */
import type { StatusCounts } from '../core/status.js';
import { formatNumber, t } from './i18n.js';
import { textWidth, truncateText } from './text.js';
import { databaseLabel, sourceLabel } from './sourceNames.js';

/**
 * The status lines: the title, records per source with their databases on the same line, then
 * one line per stage. Rows that only matter when non-zero (uncertain pairs, maybe, conflicts,
 * not retrieved) are left out at zero.
 */
export function renderStatus(title: string, s: StatusCounts, width = 80): string[] {
  const n = (x: number) => formatNumber(x);
  const bySource = new Map<string, [string, number][]>();
  for (const [key, count] of Object.entries(s.byDatabase)) {
    const cut = key.indexOf('/');
    const source = cut < 0 ? key : key.slice(0, cut);
    const database = cut < 0 ? '' : key.slice(cut + 1);
    if (!bySource.has(source)) bySource.set(source, []);
    if (database) bySource.get(source)!.push([databaseLabel(database), count]);
  }
  const rows: [string, string, string?][] = [[t('status.records'), n(s.records)]];
  for (const [source, total] of Object.entries(s.bySource)) {
    const label = sourceLabel(source);
    const dbs = (bySource.get(source) ?? []).filter(([db]) => db !== label);
    rows.push([`  ${label}`, n(total), dbs.length ? dbs.map(([db, c]) => `${db} ${n(c)}`).join(', ') : undefined]);
  }
  const optional = (key: string, value: number) => (value > 0 ? [[t(key), n(value)] as [string, string]] : []);
  rows.push(
    [t('status.duplicates'), n(s.duplicates)],
    [t('status.unique'), n(s.unique)],
    ...optional('status.uncertainPairs', s.uncertainPairs),
    [t('status.excludedAutomatic'), n(s.excludedAutomatic)],
    [t('status.screened'), n(s.screened)],
    ...optional('status.maybe', s.maybe),
    ...optional('status.conflicts', s.conflicts),
    ...optional('status.notRetrieved', s.notRetrieved),
    [t('status.fulltextAssessed'), n(s.fulltextAssessed)],
    [t('status.included'), n(s.included)],
    [t('status.extracted'), n(s.extracted)],
  );
  const labelWidth = Math.min(Math.max(...rows.map(([k]) => textWidth(k))), Math.floor(width / 2));
  const numberWidth = Math.max(...rows.map(([, v]) => v.length));
  const lines = [truncateText(t('status.title', { title }), width)];
  for (const [label, value, detail] of rows) {
    const k = truncateText(label, labelWidth);
    const line = `${k}${' '.repeat(labelWidth - textWidth(k))}  ${value.padStart(numberWidth)}${detail ? `  ${detail}` : ''}`;
    lines.push(truncateText(line, width));
  }
  return lines;
}
