/**
 * What `review search` prints after each source: the done line (with the date parts of a split
 * search), and, when a source blocked or failed, one line of what happened, the query ready to
 * paste and the export-and-import steps; the `--probe` lines; and the `--dry-run` plans.
 */
import type { SearchOutcome } from '../stages/search/run.js';
import type { ProbeReport } from '../stages/search/index.js';
import type { SourcePlan } from '../sources/plan.js';
import { t } from './i18n.js';
import { sourceReasonText } from '../core/query/sourceReason.js';
import { limitsText } from '../core/query/compiled.js';
import { displayUrl, print, printJson } from './output.js';
import { databaseLabel, importCommandText, manualExportText, platformLabel, sourceLabel } from './sourceNames.js';

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

/** How to bring in an import-only source's results: Google Scholar through Publish or Perish, the subscription databases through their own export. */
function importOnlyText(p: SourcePlan): string {
  if (p.id === 'google-scholar') return t('search.scholar.importOnly');
  return t('search.exportOnly.importOnly', { source: sourceLabel(p.id), url: p.url, ...manualExportText(p.id, p.manualExport) });
}

/** The refusal of `review search --source X` for an import-only source (the CLI makes it an error). */
export function notLiveText(p: SourcePlan, dir: string): string {
  if (p.id === 'google-scholar') return t('search.scholar.notLive', { dir });
  return t('search.exportOnly.notLive', { source: sourceLabel(p.id), url: p.url, dir, id: p.id });
}

const warningLines = (c: SourcePlan['compiled']) =>
  c.warnings.map((w) => t('search.warning', { text: t(`search.warn.${w.code}`, { ...w.params, source: w.params.source === undefined ? undefined : databaseLabel(String(w.params.source)) }) }));

function printPlan(p: SourcePlan): void {
  print(t('search.header', { label: sourceLabel(p.id), platform: platformLabel(p.id, p.compiled.platform) }));
  print(t('search.databases', { databases: p.compiled.databases.map(databaseLabel).join(', ') }));
  print(t('search.query', { clauses: p.compiled.clauses }));
  print(p.compiled.query);
  print(t('search.url'));
  print(displayUrl(p.url));
  if (p.browserUrl !== p.url) print(`${t('search.browser')}\n${displayUrl(p.browserUrl)}`);
  print(p.compiled.limits.length ? t('search.limits', { limits: limitsText(p.compiled.limits, t) }) : t('search.noLimits'));
  for (const w of warningLines(p.compiled)) print(w);
  print(p.live ? t('search.manual', manualExportText(p.id, p.manualExport)) : importOnlyText(p));
  print(`  ${importCommandText(p.importCommand)}`);
  print();
}

/** `--dry-run`: each source's query, URLs, limits, warnings and manual steps (or the plans as JSON). */
export function printPlans(plans: SourcePlan[], dir: string, json?: boolean): void {
  if (json) return printJson(plans.map((p) => ({ ...p.compiled, url: p.url, browserUrl: p.browserUrl, live: p.live, importCommand: p.importCommand })));
  plans.forEach((p) => printPlan(p));
  if (plans.some((p) => displayUrl(p.url) !== p.url || displayUrl(p.browserUrl) !== p.browserUrl)) print(t('search.urlShortened', { dir }));
}

/**
 * After the live searches: the outcomes as JSON, or each source's done line; a blocked or failed
 * source always gets its manual steps (on stderr). Returns the exit code: 1 when any source did not finish.
 */
export function printOutcomes(outcomes: SearchOutcome[], plans: SourcePlan[], searchesDir: string, dir: string, json?: boolean): number {
  if (json) printJson(outcomes.map(({ compiled, blocked, ...o }) => ({ ...o, query: compiled.query, blocked: blocked ? { status: blocked.status, reason: blocked.reason } : undefined })));
  for (const o of outcomes) {
    const p = plans.find((x) => x.id === o.source)!;
    if (o.blocked || o.failure) printManualSteps(o, p, `${searchesDir}/${o.searchId}`, dir);
    else if (!json) printDone(o, p);
  }
  return outcomes.some((o) => o.blocked || o.failure) ? 1 : 0;
}
