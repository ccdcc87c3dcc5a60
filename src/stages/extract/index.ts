/**
 * The extraction stage: which included studies are still to extract (or the one asked for),
 * saving a study's values, the CSV template to fill in a spreadsheet, and reading it back.
 * Sheets are decoded as `screen --decisions` decodes them (UTF-8, UTF-16, or the Windows-1252
 * that Excel writes in Brazil), so accents survive a round trip through Excel.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Review } from '../../project/review.js';
import { decodeBytes } from '../../formats/encoding.js';
import { displayTitle } from '../../core/record.js';
import type { MergedRecord } from '../../core/dedup/merge.js';
import { computeExtractions, type ExtractEvent, type ExtractValue } from '../../core/extraction/events.js';
import { parseExtractionCsv } from '../../core/extraction/fromCsv.js';
import { stringifyTable } from '../../core/report/selectedTable.js';
import { readOutputsState } from '../outputs/state.js';
import { writeOutput } from '../outputs/files.js';
import { CodedUserError } from '../../core/errors.js';
import type { Diagnostic, DiagnosticParams } from '../../core/diagnostics.js';
import type { ExtractProblem } from '../../core/extraction/validate.js';

export interface ExtractionPlan {
  /** Every included study, in order. */
  studies: MergedRecord[];
  /** The studies to show now: those not yet extracted, or the one asked for. */
  todo: MergedRecord[];
  extractions: Map<string, ExtractEvent>;
}

/** Studies to extract; `record` picks one study (any id of its dedup group) to edit again. */
export function planExtraction(review: Review, record?: string): ExtractionPlan {
  const p = review.protocol;
  if (!(p.extraction ?? []).length && !(p.themes ?? []).length) throw new CodedUserError('extract.noFields');
  const state = readOutputsState(review);
  if (state.studies.length === 0) throw new CodedUserError('extract.noneIncluded');
  if (record !== undefined) {
    const id = state.dedup.canonicalOf.get(record) ?? record;
    const study = state.studies.find((s) => s.id === id);
    if (!study) throw new CodedUserError(state.dedup.canonicalOf.has(record) ? 'extract.recordNotIncluded' : 'extract.recordUnknown', { id: record });
    return { studies: state.studies, todo: [study], extractions: state.extractions };
  }
  return { studies: state.studies, todo: state.studies.filter((s) => !state.extractions.has(s.id)), extractions: state.extractions };
}

/** Append one study's values; on disk (fsynced) before the next study shows. */
export function saveExtraction(review: Review, recordId: string, answer: { fields: Record<string, ExtractValue>; themes: string[] }, reviewer: string | undefined, via: string): void {
  review.append<ExtractEvent>({ type: 'extract', recordId, fields: answer.fields, themes: answer.themes, reviewer, via });
}

/** Included studies with an extraction. */
export function countExtracted(review: Review, studies: readonly MergedRecord[]): number {
  const done = computeExtractions(review.events);
  return studies.filter((s) => done.has(s.id)).length;
}

/**
 * A CSV to fill for `--from`: one row per included study (earlier values filled in), columns
 * record_id, title (for reference, ignored on reading), one per field, themes. Excel pt-BR
 * layout (BOM, `;`) when asked.
 */
export function writeExtractionTemplate(review: Review, file: string, excel: boolean): { file: string; rows: number } {
  const state = readOutputsState(review);
  const fields = review.protocol.extraction ?? [];
  const header = ['record_id', 'title', ...fields.map((f) => f.name), 'themes'];
  const rows = state.studies.map((s) => {
    const x = state.extractions.get(s.id);
    const cell = (v: ExtractValue | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.join(';') : typeof v === 'boolean' ? (v ? 'sim' : 'não') : String(v));
    return [s.id, displayTitle(s, review.protocol.language), ...fields.map((f) => cell(x?.fields[f.name])), (x?.themes ?? []).join(';')];
  });
  const out = path.resolve(file);
  writeOutput(out, stringifyTable(header, rows, { excel }));
  return { file: out, rows: rows.length };
}

/** Validate the whole sheet first (file and line for every problem), then append one event per row. */
export function extractFromCsv(review: Review, file: string, reviewer?: string): { saved: number; extracted: number; included: number; encoding: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new CodedUserError('extract.fileNotFound', { file });
  }
  const decoded = decodeBytes(bytes, file);
  if (decoded.binary) throw new CodedUserError('extract.notText', { file });
  const records = review.records();
  const state = readOutputsState(review);
  const included = new Set(state.prisma.includedIds);
  const { rows, problems } = parseExtractionCsv(decoded.text, review.protocol, { included, known: new Set(records.map((r) => r.id)), canonicalOf: state.dedup.canonicalOf });
  if (problems.length > 0) throw new CodedUserError('extract.fromInvalid', { file, count: problems.length }, problems.map((x) => problemDiagnostic(file, x)));
  for (const r of rows) saveExtraction(review, r.recordId, r, reviewer, `csv:${path.basename(file)}`);
  const extracted = [...computeExtractions(review.events).keys()].filter((id) => included.has(id)).length;
  return { saved: rows.length, extracted, included: included.size, encoding: decoded.encoding };
}

/** A sheet's problem as a fatal diagnostic of its file and line (the sentence: `extract.problem.<CODE>`). */
function problemDiagnostic(file: string, p: ExtractProblem): Diagnostic {
  const params: DiagnosticParams = {};
  for (const k of ['field', 'value', 'expected', 'line'] as const) if (p[k] !== undefined) params[k] = p[k];
  return { code: p.code, params, file, line: p.line ?? 0, fatal: true };
}
