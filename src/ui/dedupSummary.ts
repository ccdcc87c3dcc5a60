/** What `review dedup` prints: the line of the automatic pass and the counts table. */
import type { DedupCounts } from '../core/dedup/report.js';
import type { DedupRunEvent, DedupUndoEvent } from '../core/dedup/events.js';
import { formatNumber, t } from './i18n.js';
import { formatPairs, print, printJson } from './output.js';
import { sourceDatabaseLabel } from './sourceNames.js';

/** The one line on the automatic pass (or that nothing was new). */
export function autoDedupLine(event: DedupRunEvent | undefined): string {
  return event ? t('dedup.ran', { records: event.newRecords, accepted: event.accepted.length, uncertain: event.uncertain.length }) : t('dedup.nothingNew');
}

/**
 * The counts (before, removed, after, groups, pending), per source, and the hint to review what
 * waits; with `json`, the counts and the automatic pass's figures as JSON.
 */
export function printDedupCounts(c: DedupCounts, event: DedupRunEvent | undefined, options: { dir: string; json?: boolean }): void {
  if (options.json) {
    printJson({ ...c, newRecords: event?.newRecords ?? 0, accepted: event?.accepted.length ?? 0, uncertain: event?.uncertain.length ?? 0 });
    return;
  }
  const n = (x: number) => formatNumber(x);
  print(
    formatPairs([
      [t('dedup.counts.before'), n(c.before)],
      [t('dedup.counts.removed'), n(c.removed)],
      [t('dedup.counts.after'), n(c.after)],
      [t('dedup.counts.groups'), n(c.groups)],
      [t('dedup.counts.pending'), n(c.pending)],
    ]),
  );
  print(t('dedup.counts.bySource'));
  print(formatPairs(Object.entries(c.byDatabase).map(([k, v]): [string, string] => [sourceDatabaseLabel(k), `${n(v.before)} / ${n(v.removed)} / ${n(v.after)}`]), '  '));
  if (c.pending > 0) print(t('dedup.pendingHint', { count: c.pending, dir: options.dir }));
}

/** The line (or JSON) saying which group was undone and how many records it held. */
export function printUndone(ev: DedupUndoEvent, json?: boolean): void {
  if (json) printJson({ undone: ev.group, members: ev.members });
  else print(t('dedup.undone', { group: ev.group, count: ev.members.length }));
}
