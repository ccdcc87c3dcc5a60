/**
 * The decisions that count now, one row per record, stage and reviewer (undone decisions left
 * out, a later decision replacing an earlier one), for `review decisions` and its CSV.
 */
import type { EventBase } from '../events.js';
import type { Decision, ScreenDecisionEvent, Stage } from './events.js';
import { computeScreeningState } from './state.js';
import { STAGES } from './events.js';

export interface DecisionRow {
  stage: Stage;
  recordId: string;
  /** Reviewer name; '' for single-reviewer reviews and for the protocol limits. */
  reviewer: string;
  decision: Decision;
  reason?: string;
  by: ScreenDecisionEvent['by'];
  /** When the decision was saved (ISO) and its place in the log. */
  at: string;
  seq: number;
  note?: string;
}

export interface DecisionFilter {
  stage?: Stage;
  /** Only this reviewer's decisions ('' = the unnamed reviewer). */
  reviewer?: string;
}

function row(stage: Stage, d: ScreenDecisionEvent): DecisionRow {
  return {
    stage,
    recordId: d.recordId,
    reviewer: d.reviewer ?? '',
    decision: d.decision,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    by: d.by,
    at: d.at,
    seq: d.seq,
    ...(d.note !== undefined ? { note: d.note } : {}),
  };
}

/** Active decisions in log order (stage by stage), filtered. Pure. */
export function listDecisions(uniqueIds: readonly string[], events: readonly EventBase[], filter: DecisionFilter = {}): DecisionRow[] {
  const state = computeScreeningState(uniqueIds, events);
  const withdrawn = new Set(events.filter((e) => e.type === 'screen.undo').map((e) => (e as unknown as { undoes: number }).undoes));
  const out: DecisionRow[] = [];
  for (const stage of STAGES) {
    if (filter.stage && filter.stage !== stage) continue;
    const rows: DecisionRow[] = [];
    for (const perReviewer of state.byReviewer[stage].values()) for (const d of perReviewer.values()) rows.push(row(stage, d));
    for (const d of state.resolutions[stage].values()) rows.push(row(stage, d));
    if (stage === 'title-abstract') {
      // Note: the limits' exclusions are decisions too (by: automation); the state keeps only their codes.
      const latest = new Map<string, ScreenDecisionEvent>();
      for (const e of events) {
        const d = e as ScreenDecisionEvent;
        if (d.type === 'screen.decision' && d.by === 'automation' && !withdrawn.has(d.seq)) latest.set(d.recordId, d);
      }
      for (const d of latest.values()) if (state.automatic.has(d.recordId)) rows.push(row(stage, d));
    }
    rows.sort((a, b) => a.seq - b.seq);
    out.push(...rows.filter((r) => filter.reviewer === undefined || (r.by !== 'automation' && r.reviewer === filter.reviewer)));
  }
  return out;
}
