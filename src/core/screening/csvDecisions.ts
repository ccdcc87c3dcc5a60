/**
 * Decisions from a table (`review screen --decisions FILE.csv`, `review conflicts --decisions`):
 * columns record id, decision, reason, reviewer, and optionally stage and note (English or
 * Portuguese names). The whole file is checked first; any problem rejects the file and nothing
 * is applied (so a fixed file can simply be run again). Rows equal to what the reviewer already
 * decided are skipped, so running a file twice adds nothing.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { EventBase, NewEvent } from '../events.js';
import type { Decision, RetrievalEvent, ScreenDecisionEvent, ScreenNoteEvent, Stage } from './events.js';
import { computeScreeningState, reviewerKey, type ScreeningState } from './state.js';
import { foldAccents } from '../text.js';

/** A table already split into cells, with header keys (lower case, no accents, letters and digits). */
export interface DecisionTable {
  keys: string[];
  rows: { line: number; cells: string[] }[];
}

/** Message texts for the diagnostics, given by the caller (core does not pick a language). */
export type DecisionMessages = (key: string, params: Record<string, string | number | undefined>) => string;

export interface DecisionContext {
  uniqueIds: readonly string[];
  /** Every imported record id -> its canonical id. */
  canonicalOf: ReadonlyMap<string, string>;
  events: readonly EventBase[];
  /** Exclusion criterion codes of the protocol. */
  reasons: readonly string[];
  /** Used when a row has no reviewer / no stage. */
  reviewer?: string;
  stage: Stage;
  /** screen: reviewers' decisions; resolve: settle conflicts (`by: 'resolution'`). */
  mode: 'screen' | 'resolve';
}

export type PlannedEvent = NewEvent<ScreenDecisionEvent> | NewEvent<RetrievalEvent> | NewEvent<ScreenNoteEvent>;

export interface DecisionPlan {
  events: PlannedEvent[];
  /** Rows that changed nothing (same decision already recorded). */
  unchanged: number;
  problems: Diagnostic[];
}

const COLUMNS = {
  record: ['record', 'recordid', 'id', 'registro', 'idregistro', 'referencia'],
  decision: ['decision', 'decisao', 'decisión'],
  reason: ['reason', 'motivo', 'criterio', 'criterion', 'exclusionreason', 'motivodeexclusao'],
  reviewer: ['reviewer', 'revisor', 'revisora', 'avaliador'],
  stage: ['stage', 'etapa', 'fase'],
  note: ['note', 'nota', 'notes', 'observacao', 'comentario'],
} as const;

type Action = Decision | 'not-retrieved';

const DECISIONS: Record<string, Action> = {
  include: 'include', included: 'include', i: 'include', incluir: 'include', incluido: 'include', incluida: 'include', '1': 'include',
  exclude: 'exclude', excluded: 'exclude', e: 'exclude', excluir: 'exclude', excluido: 'exclude', excluida: 'exclude', '0': 'exclude',
  maybe: 'maybe', m: 'maybe', talvez: 'maybe', duvida: 'maybe',
  notretrieved: 'not-retrieved', naoobtido: 'not-retrieved', naorecuperado: 'not-retrieved', indisponivel: 'not-retrieved',
};

const STAGES: Record<string, Stage> = {
  titleabstract: 'title-abstract', ta: 'title-abstract', tituloresumo: 'title-abstract', titleandabstract: 'title-abstract',
  fulltext: 'fulltext', ft: 'fulltext', textocompleto: 'fulltext',
};

const key = (s: string) =>
  foldAccents(s).replace(/[^\p{L}\p{N}]+/gu, '');

/** Check every row against the review and turn the file into events, or into problems. */
export function planCsvDecisions(table: DecisionTable, file: string, ctx: DecisionContext, msg: DecisionMessages): DecisionPlan {
  const problems: Diagnostic[] = [];
  const problem = (code: string, line: number, reason: string) => problems.push({ code, reason, file, line, fatal: true });
  const col = (names: readonly string[]) => table.keys.findIndex((k) => names.includes(k));
  const idx = {
    record: col(COLUMNS.record),
    decision: col(COLUMNS.decision),
    reason: col(COLUMNS.reason),
    reviewer: col(COLUMNS.reviewer),
    stage: col(COLUMNS.stage),
    note: col(COLUMNS.note),
  };
  for (const needed of ['record', 'decision'] as const) {
    if (idx[needed] < 0) problem('DECISIONS_NO_COLUMN', 1, msg('screen.csv.noColumn', { column: needed, names: COLUMNS[needed].join(', ') }));
  }
  if (problems.length > 0) return { events: [], unchanged: 0, problems };

  const unique = new Set(ctx.uniqueIds);
  const reasons = new Set(ctx.reasons);
  const planned: PlannedEvent[] = [];
  let unchanged = 0;
  // Note: the state is rebuilt with the rows planned so far, so a file may screen title/abstract
  // and then full text of the same record; it is rebuilt only when a row needs it.
  let seq = ctx.events.reduce((m, e) => Math.max(m, e.seq), 0);
  const pending: EventBase[] = [];
  let state: ScreeningState = computeScreeningState(ctx.uniqueIds, ctx.events);
  let dirty = false;
  const current = () => {
    if (dirty) {
      state = computeScreeningState(ctx.uniqueIds, [...ctx.events, ...pending]);
      dirty = false;
    }
    return state;
  };
  const plan = (e: PlannedEvent) => {
    planned.push(e);
    pending.push({ ...e, seq: ++seq, at: '' } as EventBase);
    dirty = true;
  };
  const cell = (row: { cells: string[] }, i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');

  for (const row of table.rows) {
    const id = cell(row, idx.record);
    const rawDecision = cell(row, idx.decision);
    const rawReason = cell(row, idx.reason);
    const reviewer = cell(row, idx.reviewer) || ctx.reviewer || undefined;
    const note = cell(row, idx.note) || undefined;
    const rawStage = cell(row, idx.stage);
    if (!id && !rawDecision) continue;
    const stage = rawStage ? STAGES[key(rawStage)] : ctx.stage;
    if (!stage) {
      problem('DECISIONS_BAD_STAGE', row.line, msg('screen.csv.badStage', { value: rawStage }));
      continue;
    }
    const action = DECISIONS[key(rawDecision)];
    if (!action || (action === 'not-retrieved' && stage !== 'fulltext') || (action === 'maybe' && stage === 'fulltext')) {
      problem('DECISIONS_BAD_DECISION', row.line, msg('screen.csv.badDecision', { value: rawDecision, stage }));
      continue;
    }
    if (!unique.has(id)) {
      const canonical = ctx.canonicalOf.get(id);
      if (canonical && canonical !== id) problem('DECISIONS_DUPLICATE_RECORD', row.line, msg('screen.csv.duplicateRecord', { id, canonical }));
      else problem('DECISIONS_UNKNOWN_RECORD', row.line, msg('screen.csv.unknownRecord', { id }));
      continue;
    }
    let reason: string | undefined;
    if (action === 'exclude') {
      reason = rawReason.toUpperCase();
      if (!reason) {
        problem('DECISIONS_NO_REASON', row.line, msg('screen.csv.noReason', { id, reasons: ctx.reasons.join(', ') }));
        continue;
      }
      if (!reasons.has(reason)) {
        problem('DECISIONS_BAD_REASON', row.line, msg('screen.csv.badReason', { value: rawReason, reasons: ctx.reasons.join(', ') }));
        continue;
      }
    }
    const s = current();
    const auto = s.automatic.get(id);
    if (auto) {
      problem('DECISIONS_AUTOMATIC', row.line, msg('screen.csv.automatic', { id, limit: auto }));
      continue;
    }
    if (stage === 'fulltext' && !s.pool.fulltext.includes(id)) {
      problem('DECISIONS_NOT_IN_FULLTEXT', row.line, msg('screen.csv.notInFulltext', { id }));
      continue;
    }
    if (action === 'not-retrieved') {
      if (ctx.mode === 'resolve') {
        problem('DECISIONS_BAD_DECISION', row.line, msg('screen.csv.badDecision', { value: rawDecision, stage }));
        continue;
      }
      if (s.retrieval.get(id) === false) unchanged++;
      else plan({ type: 'screen.retrieval', recordId: id, retrieved: false, ...(reviewer ? { reviewer } : {}), ...(note ? { note } : {}) });
      continue;
    }
    if (stage === 'fulltext' && s.retrieval.get(id) === false) {
      problem('DECISIONS_NOT_RETRIEVED', row.line, msg('screen.csv.notRetrieved', { id }));
      continue;
    }
    const decision = action;
    if (ctx.mode === 'resolve') {
      const inConflict = s.conflicts[stage].includes(id) || s.resolutions[stage].has(id);
      if (!inConflict) {
        problem('DECISIONS_NOT_IN_CONFLICT', row.line, msg('screen.csv.notInConflict', { id, stage }));
        continue;
      }
      const prev = s.resolutions[stage].get(id);
      if (prev && prev.decision === decision && prev.reason === reason) {
        unchanged++;
        continue;
      }
    } else {
      const prev = s.byReviewer[stage].get(id)?.get(reviewerKey(reviewer));
      if (prev && prev.decision === decision && prev.reason === reason && prev.note === note) {
        unchanged++;
        continue;
      }
    }
    plan({
      type: 'screen.decision',
      recordId: id,
      stage,
      decision,
      ...(reason ? { reason } : {}),
      ...(reviewer ? { reviewer } : {}),
      by: ctx.mode === 'resolve' ? 'resolution' : 'human',
      ...(note ? { note } : {}),
    });
  }
  return problems.length > 0 ? { events: [], unchanged: 0, problems } : { events: planned, unchanged, problems };
}
