/** `review extract DIR [--reviewer NAME] [--from FILE.csv] [--json]`: form per included study, or from a CSV. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Review } from '../../project/review.js';
import { reviewerName } from '../../project/dedup.js';
import { UserError } from '../../core/errors.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { displayAbstract, displayTitle, formatAuthors } from '../../core/record.js';
import { computeExtractions, type ExtractEvent, type ExtractValue } from '../../core/extraction/events.js';
import { stringifyTable } from '../../core/report/selectedTable.js';
import { parseExtractionCsv } from '../../core/extraction/fromCsv.js';
import { suggestThemes } from '../../core/extraction/suggest.js';
import { computeReviewOutputs } from '../../core/report/state.js';
import { problemText } from '../../ui/extractForm.js';
import { formatNumber, getLang, t } from '../../ui/i18n.js';
import { print, printJson } from '../../ui/output.js';
import { action, withReview } from '../command.js';
import { writeOutput } from './prisma.js';

interface ExtractCliOptions {
  reviewer?: string;
  from?: string;
  template?: string;
  json?: boolean;
}

/**
 * A CSV to fill for `--from`: one row per included study (earlier values filled in), columns
 * record_id, title (for reference, ignored on reading), one per field, themes. Excel pt-BR
 * layout (BOM, `;`) when the language is pt-BR.
 */
export function writeExtractionTemplate(review: Review, file: string): { file: string; rows: number } {
  const state = computeReviewOutputs(review.records(), review.events, review.protocol);
  const fields = review.protocol.extraction ?? [];
  const header = ['record_id', 'title', ...fields.map((f) => f.name), 'themes'];
  const rows = state.studies.map((s) => {
    const x = state.extractions.get(s.id);
    const cell = (v: ExtractValue | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.join(';') : typeof v === 'boolean' ? (v ? 'sim' : 'não') : String(v));
    return [s.id, displayTitle(s, review.protocol.language), ...fields.map((f) => cell(x?.fields[f.name])), (x?.themes ?? []).join(';')];
  });
  const out = path.resolve(file);
  writeOutput(out, stringifyTable(header, rows, { excel: getLang() === 'pt-BR' }));
  return { file: out, rows: rows.length };
}

/** Validate the whole CSV first (file and line for every problem), then append one event per row. */
export function extractFromCsv(review: Review, file: string, reviewer?: string): { saved: number; extracted: number; included: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError(t('extract.fileNotFound', { file }));
  }
  const records = review.records();
  const state = computeReviewOutputs(records, review.events, review.protocol);
  const included = new Set(state.prisma.includedIds);
  const { rows, problems } = parseExtractionCsv(text, review.protocol, { included, known: new Set(records.map((r) => r.id)), canonicalOf: state.dedup.canonicalOf });
  if (problems.length > 0) {
    const diags: Diagnostic[] = problems.map((p) => ({ code: p.code, reason: problemText(p), file, line: p.line ?? 0, fatal: true }));
    throw new UserError(t('extract.fromInvalid', { file, count: problems.length }), diags);
  }
  for (const r of rows)
    review.append<ExtractEvent>({ type: 'extract', recordId: r.recordId, fields: r.fields, themes: r.themes, reviewer, via: `csv:${path.basename(file)}` });
  const extracted = [...computeExtractions(review.events).keys()].filter((id) => included.has(id)).length;
  return { saved: rows.length, extracted, included: included.size };
}

export function register(cmd: Command): void {
  cmd
    .argument('<dir>', t('common.arg.dir'))
    .option('--reviewer <name>', t('extract.opt.reviewer'))
    .option('--from <file>', t('extract.opt.from'))
    .option('--template <file>', t('extract.opt.template'))
    .option('--json', t('cli.opt.json'))
    .action(
      action((dir: string, opts: ExtractCliOptions) =>
        withReview(dir, { writer: 'extract' }, async (review) => {
          const reviewer = opts.reviewer || process.env.REVIEW_REVIEWER ? reviewerName(opts.reviewer) : undefined;
          if (opts.template) {
            const r = writeExtractionTemplate(review, opts.template);
            if (opts.json) printJson(r);
            else print(t('extract.templateWritten', { file: r.file, rows: r.rows }));
            return 0;
          }
          if (opts.from) {
            const r = extractFromCsv(review, opts.from, reviewer);
            if (opts.json) printJson(r);
            else print(t('extract.fromSaved', { count: r.saved, file: opts.from, extracted: formatNumber(r.extracted), total: formatNumber(r.included) }));
            return 0;
          }
          return interactive(review, reviewer, Boolean(opts.json));
        }),
      ),
    );
}

async function interactive(review: Review, reviewer: string | undefined, json: boolean): Promise<number> {
  const protocol = review.protocol;
  if (!(protocol.extraction ?? []).length && !(protocol.themes ?? []).length) throw new UserError(t('extract.noFields'));
  const state = computeReviewOutputs(review.records(), review.events, protocol);
  const studies = state.studies;
  if (studies.length === 0) throw new UserError(t('extract.noneIncluded'));
  const todo = studies.filter((s) => !state.extractions.has(s.id));
  if (todo.length === 0) {
    if (json) printJson({ saved: 0, extracted: studies.length, included: studies.length });
    else print(t('extract.allDone', { total: studies.length }));
    return 0;
  }
  if (!process.stdin.isTTY) throw new UserError(t('extract.notTty'));
  const { fillExtractionForm } = await import('../../ui/extractForm.js');
  let saved = 0;
  for (const s of todo) {
    const done = studies.length - todo.length + saved;
    print('');
    print(t('extract.study', { n: done + 1, total: studies.length, done, id: s.id }));
    print(`${formatAuthors(s.authors, 3)} (${s.year ?? 's.d.'}) ${s.journal ?? ''}`);
    print(displayTitle(s, protocol.language));
    const abs = displayAbstract(s, protocol.language);
    if (abs) print(abs.length > 700 ? `${abs.slice(0, 700)}…` : abs);
    const suggestions = suggestThemes(protocol.themes ?? [], s);
    print(suggestions.length ? t('extract.suggestions', { list: suggestions.map((x) => `${x.themeId} (${x.matched.join(', ')})`).join('; ') }) : t('extract.noSuggestions'));
    let answer: Awaited<ReturnType<typeof fillExtractionForm>>;
    try {
      answer = await fillExtractionForm({ protocol, suggested: new Set(suggestions.map((x) => x.themeId)) });
    } catch (e) {
      if ((e as Error).name === 'ExitPromptError' || (e as Error).name === 'AbortPromptError') {
        print(t('extract.stopped', { count: saved }));
        return 0;
      }
      throw e;
    }
    // Note: appended and fsynced before the next study shows, so a crash loses at most the study on screen.
    review.append<ExtractEvent>({ type: 'extract', recordId: s.id, fields: answer.fields, themes: answer.themes, reviewer, via: 'form' });
    saved++;
    print(t('extract.saved', { id: s.id }));
  }
  const extracted = studies.filter((x) => computeExtractions(review.events).has(x.id)).length;
  if (json) printJson({ saved, extracted, included: studies.length });
  else print(t('extract.done', { count: saved, extracted, total: studies.length }));
  return 0;
}
