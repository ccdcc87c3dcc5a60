/**
 * The interactive screens of `review screen` and `review conflicts` (the rest of the stage, limits
 * and decision files, is in stages/screen.ts). Events go through `review.append`, which fsyncs before returning.
 */
import type { Review } from '../project/review.js';
import type { NewEvent } from '../core/events.js';
import type { Stage } from '../core/screening/events.js';
import { UserError } from '../core/errors.js';
import type { ScreeningContext } from '../stages/screen.js';
import { ScreeningSession, type ScreenOrder } from '../core/screening/session.js';
import { resolveController, sessionController, stoppingLine } from './screenController.js';
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
