/**
 * `review search` on a terminal: each live source in turn through the search stage, with its
 * retry notices and warnings as lines on stderr and a progress bar while records arrive (on a
 * terminal only, never with --json). Import-only sources are only mentioned.
 */
import cliProgress from 'cli-progress';
import { UserError } from '../core/errors.js';
import type { SearchWarning } from '../core/query/searchEvent.js';
import type { Review } from '../project/review.js';
import type { SearchOutcome } from '../stages/search/run.js';
import { liveSource } from '../sources/index.js';
import type { SourcePlan } from '../sources/plan.js';
import type { HttpNotice } from '../sources/types.js';
import { fatalWarning, runLiveSearch, unfinishedSearch, type LiveSearchOptions } from '../stages/search/index.js';
import { formatNumber, t } from './i18n.js';
import { sourceLabel } from './sourceNames.js';
import { sourceReasonText, warningText } from '../core/query/sourceReason.js';

function noticeText(label: string, n: HttpNotice): string {
  const seconds = formatNumber(n.waitMs / 1000, 1);
  if (n.kind === 'rate-limited' && n.perSecond !== undefined) return t('search.notice.slowedDown', { source: label, seconds, rate: Number(n.perSecond.toFixed(2)) });
  return n.kind === 'rate-limited'
    ? t('search.notice.rateLimited', { source: label, seconds })
    : t('search.notice.retry', { source: label, attempt: n.attempt, reason: sourceReasonText(n.reason, t), seconds });
}

/** One source's warning as a terminal line. */
export function warningLine(label: string, w: SearchWarning): string {
  return `${label}: ${t('search.warning', { text: warningText(w, t) })}`;
}

/** Run every live source of the plans in turn, telling the user what happens on stderr. */
export async function runLiveSearches(review: Review, plans: SourcePlan[], options: LiveSearchOptions & { dir: string; json?: boolean }): Promise<SearchOutcome[]> {
  const quiet = !!options.json;
  const tty = !!process.stderr.isTTY && !quiet;
  const say = (line: string) => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  const outcomes: SearchOutcome[] = [];
  for (const plan of plans) {
    const adapter = liveSource(plan.id);
    if (!adapter) {
      say(plan.id === 'google-scholar' ? t('search.scholar.skipped', { dir: options.dir }) : t('search.exportOnly.skipped', { source: sourceLabel(plan.id), dir: options.dir, id: plan.id }));
      continue;
    }
    // Note: the engine would refuse (or misread) the query anyway; failing here says why, before any request.
    const fatal = fatalWarning(plan);
    if (fatal) throw new UserError(`${adapter.label}: ${t(`search.warn.${fatal.code}`, fatal.params)}`);
    for (const w of plan.compiled.warnings) say(warningLine(adapter.label, w));
    const unfinished = unfinishedSearch(review, adapter.id);
    if (unfinished) say(t(options.resume ? 'search.resuming' : 'search.unfinished', { source: adapter.label, searchId: unfinished, dir: options.dir }));
    let bar: cliProgress.SingleBar | undefined;
    // Note: a line printed under a live bar would be overwritten; the bar stops first and comes back with the next progress.
    const line = (text: string) => {
      bar?.stop();
      bar = undefined;
      say(text);
    };
    try {
      outcomes.push(
        await runLiveSearch(review, plan, adapter, options, {
          notice: (n) => line(noticeText(adapter.label, n)),
          warning: (w) => line(warningLine(adapter.label, w)),
          progress: (fetched, hits) => {
            if (!tty || hits === undefined) return;
            if (!bar) {
              bar = new cliProgress.SingleBar({ format: t('search.progress', { source: adapter.label }), stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
              bar.start(hits, 0);
            }
            bar.setTotal(hits);
            bar.update(Math.min(fetched, hits));
          },
        }),
      );
    } finally {
      bar?.stop();
    }
  }
  return outcomes;
}
