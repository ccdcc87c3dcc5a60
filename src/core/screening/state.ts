/**
 * Screening state derived from the event log: nothing is stored but the events.
 *
 * Rules (documented for PRISMA and `review status`):
 * - An undo withdraws one event (decision, retrieval or note) by its seq; the event stays in the log.
 * - A later decision by the same reviewer on the same record and stage replaces the earlier one
 *   (the change is its own event: the audit trail).
 * - Automatic limits (`by: 'automation'`) exclude at title/abstract; those records never reach
 *   human screening and are counted apart.
 * - With one reviewer, their decision is final. With several, a record is final when every reviewer
 *   who decided it agrees, and in conflict when they disagree, until a `by: 'resolution'` decision
 *   settles it. At title/abstract, include and maybe agree (both send the record to full text):
 *   the agreed result is include when all said include, maybe otherwise.
 * - The full-text stage receives records whose final title/abstract decision is include or maybe.
 *   A report marked not retrieved is not assessed; a full-text decision without a retrieval mark
 *   means the report was retrieved.
 */
import type { EventBase } from '../events.js';
import type {
  Decision,
  RetrievalEvent,
  ScreenDecisionEvent,
  ScreenLimitsEvent,
  ScreenNoteEvent,
  ScreenUndoEvent,
  Stage,
} from './events.js';

/** The decision that counts for one record at one stage (after undo, consensus or resolution). */
export interface FinalDecision {
  decision: Decision;
  /** Exclusion criterion code (E1...) when excluded. */
  reason?: string;
}

/** Per stage: record id -> reviewer key ('' when unnamed) -> that reviewer's active decision. */
export type ReviewerDecisions = Map<string, Map<string, ScreenDecisionEvent>>;

export interface ScreeningState {
  /** Records excluded by the protocol's limits (automation), with the limit code (`limit:year`...). */
  automatic: Map<string, string>;
  /** Final title/abstract decisions of records that reached human screening. */
  titleAbstract: Map<string, FinalDecision>;
  /** Records with reviewers disagreeing and no resolution yet, per stage. */
  conflicts: { 'title-abstract': string[]; fulltext: string[] };
  /** Full-text stage: report retrieved (true) or not retrieved (false). */
  retrieval: Map<string, boolean>;
  /** Final full-text decisions. */
  fulltext: Map<string, FinalDecision>;
  /** Records that reach human screening at each stage, in the order of the unique ids. */
  pool: Record<Stage, string[]>;
  /** Each reviewer's active (not undone, latest) human decision per record and stage. */
  byReviewer: Record<Stage, ReviewerDecisions>;
  /** Active resolutions per stage: record id -> resolution decision. */
  resolutions: Record<Stage, Map<string, ScreenDecisionEvent>>;
  /** Reviewer keys with at least one active human decision per stage, sorted ('' = unnamed). */
  reviewers: Record<Stage, string[]>;
  /** The retrieval event that counts per record (for undo and display). */
  retrievalEvents: Map<string, RetrievalEvent>;
  /** Active notes per record. */
  notes: Map<string, ScreenNoteEvent[]>;
  /** Import ids whose records the automatic limits have already checked. */
  limitsChecked: Set<string>;
}

export interface ScreeningSummary {
  excludedAutomatic: number;
  /** Records with a final title/abstract decision (include, exclude or maybe), as PRISMA's "records screened". */
  screened: number;
  maybe: number;
  fulltextAssessed: number;
  included: number;
  /** Reports sought but not retrieved. */
  notRetrieved: number;
  /** Records in conflict (both stages). */
  conflicts: number;
}

/** Reviewer key of a decision: its name, or '' in single-reviewer reviews. */
export function reviewerKey(reviewer: string | undefined): string {
  return reviewer ?? '';
}

/** Does this decision send the record on (include or maybe) at title/abstract? */
export function passes(decision: Decision): boolean {
  return decision !== 'exclude';
}

/** Agreement class of a decision at a stage: at title/abstract include and maybe agree. */
export function agreementClass(stage: Stage, decision: Decision): string {
  return stage === 'title-abstract' ? (passes(decision) ? 'pass' : 'exclude') : decision;
}

/** Rebuild the screening state of the given unique records from the events. Pure. */
export function computeScreeningState(uniqueIds: readonly string[], events: readonly EventBase[]): ScreeningState {
  const withdrawn = new Set<number>();
  for (const e of events) if (e.type === 'screen.undo') withdrawn.add((e as ScreenUndoEvent).undoes);

  const human: Record<Stage, ReviewerDecisions> = { 'title-abstract': new Map(), fulltext: new Map() };
  const resolutions: Record<Stage, Map<string, ScreenDecisionEvent>> = { 'title-abstract': new Map(), fulltext: new Map() };
  const automation = new Map<string, ScreenDecisionEvent>();
  const retrievalEvents = new Map<string, RetrievalEvent>();
  const notes = new Map<string, ScreenNoteEvent[]>();
  const limitsChecked = new Set<string>();

  for (const e of events) {
    if (withdrawn.has(e.seq)) continue;
    switch (e.type) {
      case 'screen.decision': {
        const d = e as ScreenDecisionEvent;
        if (d.stage !== 'title-abstract' && d.stage !== 'fulltext') break;
        if (d.by === 'automation') automation.set(d.recordId, d);
        else if (d.by === 'resolution') resolutions[d.stage].set(d.recordId, d);
        else {
          const perRecord = human[d.stage].get(d.recordId) ?? new Map<string, ScreenDecisionEvent>();
          perRecord.set(reviewerKey(d.reviewer), d);
          human[d.stage].set(d.recordId, perRecord);
        }
        break;
      }
      case 'screen.retrieval':
        retrievalEvents.set((e as RetrievalEvent).recordId, e as RetrievalEvent);
        break;
      case 'screen.note': {
        const n = e as ScreenNoteEvent;
        notes.set(n.recordId, [...(notes.get(n.recordId) ?? []), n]);
        break;
      }
      case 'screen.limits':
        for (const imp of (e as ScreenLimitsEvent).imports) limitsChecked.add(imp);
        break;
    }
  }

  const automatic = new Map<string, string>();
  const taPool: string[] = [];
  for (const id of uniqueIds) {
    const auto = automation.get(id);
    if (auto && auto.decision === 'exclude') automatic.set(id, auto.reason ?? 'limit');
    else taPool.push(id);
  }

  const ta = finalDecisions('title-abstract', taPool, human, resolutions);
  const ftPool = taPool.filter((id) => {
    const d = ta.final.get(id);
    return d !== undefined && passes(d.decision);
  });
  const retrieval = new Map<string, boolean>();
  for (const id of ftPool) {
    const r = retrievalEvents.get(id);
    if (r) retrieval.set(id, r.retrieved);
    else if (human.fulltext.has(id) || resolutions.fulltext.has(id)) retrieval.set(id, true);
  }
  const assessable = ftPool.filter((id) => retrieval.get(id) !== false);
  const ft = finalDecisions('fulltext', assessable, human, resolutions);

  const restrict = (m: ReviewerDecisions, ids: readonly string[]): ReviewerDecisions => {
    const out: ReviewerDecisions = new Map();
    for (const id of ids) {
      const r = m.get(id);
      if (r) out.set(id, r);
    }
    return out;
  };
  const byReviewer = { 'title-abstract': restrict(human['title-abstract'], taPool), fulltext: restrict(human.fulltext, assessable) };
  const reviewersOf = (m: ReviewerDecisions) => [...new Set([...m.values()].flatMap((r) => [...r.keys()]))].sort();

  return {
    automatic,
    titleAbstract: ta.final,
    conflicts: { 'title-abstract': ta.conflicts, fulltext: ft.conflicts },
    retrieval,
    fulltext: ft.final,
    pool: { 'title-abstract': taPool, fulltext: ftPool },
    byReviewer,
    resolutions,
    reviewers: { 'title-abstract': reviewersOf(byReviewer['title-abstract']), fulltext: reviewersOf(byReviewer.fulltext) },
    retrievalEvents,
    notes,
    limitsChecked,
  };
}

function finalDecisions(
  stage: Stage,
  ids: readonly string[],
  human: Record<Stage, ReviewerDecisions>,
  resolutions: Record<Stage, Map<string, ScreenDecisionEvent>>,
): { final: Map<string, FinalDecision>; conflicts: string[] } {
  const final = new Map<string, FinalDecision>();
  const conflicts: string[] = [];
  for (const id of ids) {
    const resolved = resolutions[stage].get(id);
    if (resolved) {
      final.set(id, toFinal(resolved));
      continue;
    }
    const perReviewer = human[stage].get(id);
    if (!perReviewer || perReviewer.size === 0) continue;
    const decisions = [...perReviewer.values()].sort((a, b) => a.seq - b.seq);
    const classes = new Set(decisions.map((d) => agreementClass(stage, d.decision)));
    if (classes.size > 1) {
      conflicts.push(id);
      continue;
    }
    const first = decisions[0];
    if (first.decision === 'exclude' || decisions.length === 1) final.set(id, toFinal(first));
    else final.set(id, { decision: decisions.every((d) => d.decision === 'include') ? 'include' : 'maybe' });
  }
  return { final, conflicts };
}

function toFinal(d: ScreenDecisionEvent): FinalDecision {
  return d.decision === 'exclude' && d.reason !== undefined ? { decision: d.decision, reason: d.reason } : { decision: d.decision };
}

export function computeScreeningSummary(uniqueIds: readonly string[], events: readonly EventBase[]): ScreeningSummary {
  const s = computeScreeningState(uniqueIds, events);
  const ta = [...s.titleAbstract.values()];
  const ft = [...s.fulltext.values()];
  return {
    excludedAutomatic: s.automatic.size,
    // Note: as PRISMA counts "records screened": every record with a title/abstract decision, maybe included.
    screened: ta.length,
    maybe: ta.filter((d) => d.decision === 'maybe').length,
    fulltextAssessed: ft.filter((d) => d.decision !== 'maybe').length,
    included: ft.filter((d) => d.decision === 'include').length,
    notRetrieved: [...s.retrieval.values()].filter((r) => !r).length,
    conflicts: s.conflicts['title-abstract'].length + s.conflicts.fulltext.length,
  };
}
