/**
 * What `review screen` and `review conflicts` do with an open review: limits, decision files and
 * the interactive screen. Events go through `review.append`, which fsyncs before returning.
 */
import type { Review } from '../project/review.js';
import type { BibRecord } from '../core/record.js';
import type { EventBase, NewEvent } from '../core/events.js';
import type { Stage } from '../core/screening/events.js';
import { UserError } from '../core/errors.js';
import { computeDedupState } from '../core/dedup/state.js';
import { planLimits, type LimitsPlan } from '../core/screening/limits.js';
import { planCsvDecisions } from '../core/screening/csvDecisions.js';
import { compileHighlightTerms, type HighlightTerm } from '../core/screening/highlight.js';
import { readCsvTable } from '../formats/csv/common.js';
import { decodeBytes } from '../formats/encoding.js';
import fs from 'node:fs';
import path from 'node:path';
import { ScreeningSession, type ScreenOrder } from './screenSession.js';
import { recordLinks, resolveController, sessionController, stoppingLine, type RecordContext } from './screenController.js';
import { screenPrompt, type ScreenController, type ScreenOutcome } from './screenPrompt.js';
import { t } from './i18n.js';
import { print } from './output.js';
import { wrapText } from './text.js';

/** Print a message around the screen, wrapped at words to the terminal's width (as is when piped); returns the lines it took. */
export function say(text: string): number {
  const out = process.stdout.isTTY ? wrapText(text, (process.stdout.columns || 80) - 1) : text;
  print(out);
  return out.split('\n').length;
}

export interface ScreeningContext {
  records: Map<string, BibRecord>;
  uniqueIds: string[];
  canonicalOf: Map<string, string>;
  highlightTerms: HighlightTerm[];
  recordContext: RecordContext;
}

/** Records, canonical ids after dedup, and where each record (with its duplicates) came from. */
export function loadScreeningContext(review: Review): ScreeningContext {
  const all = review.records();
  const dedup = computeDedupState(all, review.events);
  const records = new Map(all.map((r) => [r.id, r]));
  const dbs = new Map<string, Set<string>>();
  const links = new Map<string, string[]>();
  // Note: the canonical record's own links come first; a duplicate from another source may add a DOI it lacks.
  const byCanonical = [...all].sort((a, b) => Number((dedup.canonicalOf.get(a.id) ?? a.id) !== a.id) - Number((dedup.canonicalOf.get(b.id) ?? b.id) !== b.id));
  for (const r of byCanonical) {
    const canonical = dedup.canonicalOf.get(r.id) ?? r.id;
    const set = dbs.get(canonical) ?? new Set<string>();
    set.add(r.provenance.database ?? r.provenance.source);
    dbs.set(canonical, set);
    links.set(canonical, [...new Set([...(links.get(canonical) ?? []), ...recordLinks(r)])]);
  }
  const highlightTerms = compileHighlightTerms(review.protocol);
  return {
    records,
    uniqueIds: dedup.uniqueIds,
    canonicalOf: dedup.canonicalOf,
    highlightTerms,
    recordContext: {
      language: review.protocol.language,
      highlightTerms,
      databasesOf: (id) => [...(dbs.get(id) ?? [])],
      linksOf: (id) => sortLinks(links.get(id) ?? []),
      pdfOf: (id) => findPdf(path.join(review.paths.root, FULLTEXT_DIR), id),
    },
  };
}

/** DOI resolver links first (the most stable), the rest in the order found. */
function sortLinks(links: string[]): string[] {
  return [...links.filter((l) => l.startsWith('https://doi.org/')), ...links.filter((l) => !l.startsWith('https://doi.org/'))];
}

/** Folder of the review where the full-text stage looks for each report's PDF. */
export const FULLTEXT_DIR = 'fulltext';

/**
 * The PDF of a record's report: `fulltext/<id>.pdf`, or any PDF there whose name starts with the id
 * (`i001-00012 Silva 2019.pdf`). When none is there, the path where it is expected.
 */
export function findPdf(dir: string, id: string): { path: string; exists: boolean } {
  const expected = path.join(dir, `${id}.pdf`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { path: expected, exists: false };
  }
  const name = names.filter((n) => /\.pdf$/i.test(n) && n.startsWith(id) && !/^\d/.test(n.slice(id.length))).sort()[0];
  return name ? { path: path.join(dir, name), exists: fs.statSync(path.join(dir, name)).isFile() } : { path: expected, exists: false };
}

/** Run the protocol's limits over imports no earlier run checked; each exclusion is saved as it is decided. */
export function applyLimits(review: Review): LimitsPlan {
  const plan = planLimits(review.records(), review.protocol.limits, review.events);
  for (const e of plan.events) review.append(e as NewEvent<EventBase>);
  return plan;
}

/** Read a CSV the user gives (UTF-8, UTF-16 or the Windows-1252 that Excel writes in Brazil). */
export function readUserCsv(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UserError(t('common.fileNotFound', { file }));
  }
  return decodeBytes(bytes, file).text;
}

/** Apply a decisions CSV: all rows checked first; any problem throws and nothing is saved. */
export function applyDecisionFile(
  review: Review,
  ctx: ScreeningContext,
  text: string,
  file: string,
  opts: { stage: Stage; reviewer?: string; mode: 'screen' | 'resolve' },
): { applied: number; unchanged: number } {
  const table = readCsvTable(text, file);
  const fatal = table.diagnostics.filter((d) => d.fatal);
  if (fatal.length > 0) throw new UserError(t('screen.csv.rejected', { file }), fatal);
  const plan = planCsvDecisions(
    table,
    file,
    {
      uniqueIds: ctx.uniqueIds,
      canonicalOf: ctx.canonicalOf,
      events: review.events,
      reasons: review.protocol.eligibility.exclusion.map((c) => c.code),
      reviewer: opts.reviewer,
      stage: opts.stage,
      mode: opts.mode,
    },
    (key, params) => t(key, params),
  );
  if (plan.problems.length > 0) throw new UserError(t('screen.csv.rejected', { file }), plan.problems);
  for (const e of plan.events) review.append(e as NewEvent<EventBase>);
  return { applied: plan.events.length, unchanged: plan.unchanged };
}

async function runPrompt(review: Review, ctx: ScreeningContext, controller: ScreenController, message?: string, reservedRows = 0): Promise<ScreenOutcome> {
  if (controller.current() === undefined) return 'finished';
  try {
    return await screenPrompt(
      {
        controller,
        reasons: review.protocol.eligibility.exclusion,
        inclusion: review.protocol.eligibility.inclusion,
        highlightTerms: ctx.highlightTerms,
        ...(message ? { message } : {}),
        // Note: lines printed just above the screen (the limits' report) stay there; the screen fits below them.
        ...(reservedRows > 0 ? { rows: Math.max(12, (process.stdout.rows || 24) - reservedRows) } : {}),
      },
      { clearPromptOnDone: true },
    );
  } catch (e) {
    // Note: Ctrl+C ends the prompt like q; every decision before it is already saved.
    if (e instanceof Error && e.name === 'ExitPromptError') return 'quit';
    throw e;
  }
}

/** The interactive screen of one reviewer at one stage, until they quit or nothing is left. */
export async function runScreen(
  review: Review,
  ctx: ScreeningContext,
  opts: { stage: Stage; reviewer?: string; order: ScreenOrder; seed: number; record?: string; recallTarget: number; confidence: number; reservedRows?: number },
): Promise<{ outcome: ScreenOutcome; session: ScreeningSession }> {
  const session = new ScreeningSession({
    stage: opts.stage,
    reviewer: opts.reviewer,
    uniqueIds: ctx.uniqueIds,
    records: ctx.records,
    events: review.events,
    append: (e) => review.append(e as NewEvent<never>),
    order: opts.order,
    seed: opts.seed,
    language: review.protocol.language,
    canonicalOf: ctx.canonicalOf,
    recallTarget: opts.recallTarget,
    confidence: opts.confidence,
  });
  let message: string | undefined;
  if (opts.record !== undefined) {
    const problem = session.jumpProblem(opts.record);
    if (problem)
      throw new UserError(t(`screen.jump.${problem.problem}`, { id: opts.record, canonical: problem.canonical, stage: t(`screen.stage.${opts.stage}`) }));
    session.jumpTo(opts.record);
    message = t('screen.jumped', { id: opts.record });
  }
  const controller = sessionController(session, ctx.recordContext);
  const outcome = await runPrompt(review, ctx, controller, message, opts.reservedRows);
  return { outcome, session };
}

/** A third person (or the pair) settles each conflict by key. Returns how many were resolved. */
export async function runResolve(review: Review, ctx: ScreeningContext, opts: { stage: Stage; resolver?: string }): Promise<number> {
  const controller = resolveController(
    { stage: opts.stage, resolver: opts.resolver, uniqueIds: ctx.uniqueIds, records: ctx.records, events: review.events, append: (e) => review.append(e) },
    ctx.recordContext,
  );
  await runPrompt(review, ctx, controller);
  return controller.resolved();
}

/** The stopping rule's status at the end of a session, for the line printed after the screen. */
export function stoppingSummary(session: ScreeningSession): string {
  return stoppingLine(session.stopping(), session.order);
}
