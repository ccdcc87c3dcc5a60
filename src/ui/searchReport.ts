/**
 * What `review search` prints after each source: the done line (with the date parts of a split
 * search), and, when a source blocked or failed, one line of what happened, the query ready to
 * paste and the export-and-import steps; and the `--probe` lines.
 */
import type { SearchOutcome } from '../project/search.js';
import type { ProbeReport } from '../stages/search.js';
import type { SourcePlan } from '../sources/plan.js';
import { t } from './i18n.js';
import { sourceReasonText } from '../core/query/sourceReason.js';
import { displayUrl, print } from './output.js';
import { importCommandText, manualExportText } from './sourceNames.js';

/** The done line of one source, then its date parts when the search was split. */
export function printDone(o: SearchOutcome, p: SourcePlan): void {
  print(t('search.done', { source: p.label, hits: o.hits, fetched: o.fetched, status: t(`search.status.${o.status}`), searchId: o.searchId, importId: o.importId, pagesFetched: o.pagesFetched, pagesReused: o.pagesReused }));
  if (o.parts.length) {
    print(t('search.parts', { source: p.label, count: o.parts.length }));
    for (const part of o.parts) print(`  ${part.from} - ${part.to}: ${part.hits}`);
  }
}

/** A blocked or failed source: what happened in one line, the query to paste, and the manual export steps. */
export function printManualSteps(o: SearchOutcome, p: SourcePlan, searchDir: string, dir: string): void {
  const out = (s: string) => process.stderr.write(`${s}\n`);
  if (o.blocked) out(t('search.blocked', { source: p.label, reason: sourceReasonText(o.blocked.reason, t), status: o.blocked.status }));
  else if (o.failure?.kind === 'query') out(t('search.queryRejected', { source: p.label, reason: rejectedText(o.failure.code, o.failure.reason) }));
  else if (o.failure) out(t('search.failed', { source: p.label, reason: o.failure.why ? sourceReasonText(o.failure.why, t) : '-', attempts: o.failure.attempts ?? 1 }));
  out(`${t('search.blocked.step1')}\n  ${p.browserUrl}\n  ${p.compiled.query}`);
  out(`${t('search.blocked.step2', manualExportText(p.id, p.manualExport))}\n  ${importCommandText(p.importCommand)}`);
  if (o.blocked) out(t('search.blocked.step3', { dir: searchDir }));
  else if (o.failure?.kind === 'failed') out(t('search.failed.resume', { searchId: o.searchId, dir }));
}

/** A refused query in words: an empty page, or the source's own message. */
function rejectedText(code: string | undefined, said: string | undefined): string {
  return code === 'EMPTY_PAGE' ? t('search.rejected.EMPTY_PAGE') : t('search.rejected.REFUSED', { said: said ?? '' });
}

/** One probe as two lines: what came back, then the URL asked. */
export function printProbe(r: ProbeReport): void {
  if (r.status === 'ok')
    print(t('search.probe.ok', { source: r.label, status: r.httpStatus ?? 200, hits: r.hits ?? 0, fields: (r.fields ?? []).join(', ') || '-', doi: r.doi ? t('search.probe.doiYes', { doi: r.doi }) : t('search.probe.doiNo') }));
  else print(t(`search.probe.${r.status}`, { source: r.label, status: r.httpStatus ?? '-', reason: r.status === 'query' ? rejectedText(r.rejectedCode, r.reason) : r.why ? sourceReasonText(r.why, t) : '-' }));
  print(`  ${displayUrl(r.url)}`);
}
