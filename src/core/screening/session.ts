/**
 * One reviewer's screening session at one stage: which record is on screen, and the actions on it.
 * Every action appends its event through `append` (the store fsyncs before returning) and only then
 * moves on, so whatever the screen shows next, the decision before it is already on disk.
 */
import type { BibRecord } from '../record.js';
import type { EventBase, NewEvent } from '../events.js';
import type {
  Decision,
  RetrievalEvent,
  ScreenDecisionEvent,
  ScreenNoteEvent,
  ScreenStoppingEvent,
  ScreenUndoEvent,
  Stage,
} from './events.js';
import { computeScreeningState, passes, reviewerKey, type ScreeningState } from './state.js';
import { computeProgress, isDone, lastUndoable, screeningHistory, type ReviewerProgress } from './queue.js';
import { findRecords, type FoundRecord } from './find.js';
import { RelevanceRanker } from '../relevance/ranker.js';
import { seededPermutation } from '../relevance/random.js';
import { computeStopping, type StoppingStatus } from '../relevance/stopping.js';
import { estimateRemaining, type RemainingEstimate } from '../relevance/estimate.js';
import { displayAbstract, displayTitle } from '../record.js';

/** import: as imported; relevance: ranked by the model; random: drawn at random (the stopping rule's sample). */
export type ScreenOrder = 'import' | 'relevance' | 'random';

/** What `u` would withdraw: the event, its record, and whether an earlier session made it. */
export interface UndoTarget {
  seq: number;
  recordId: string;
  /** Made before this session started: undoing it needs the user's confirmation. */
  earlier: boolean;
  /** The decision (or the retrieval mark) it withdraws, and when it was saved. */
  what: { decision: Decision; reason?: string } | { retrieved: boolean };
  at: string;
}

/** Why a record cannot be opened at this stage. */
export type JumpProblem = 'unknown' | 'duplicate' | 'limits' | 'notInStage' | 'notRetrieved';

export interface SessionOptions {
  stage: Stage;
  reviewer?: string;
  uniqueIds: readonly string[];
  records: ReadonlyMap<string, BibRecord>;
  /** The review's live event list (the store pushes appended events into it). */
  events: readonly EventBase[];
  append: (
    event: NewEvent<ScreenDecisionEvent> | NewEvent<ScreenUndoEvent> | NewEvent<RetrievalEvent> | NewEvent<ScreenNoteEvent> | NewEvent<ScreenStoppingEvent>,
  ) => EventBase;
  order: ScreenOrder;
  seed: number;
  /** Preferred language of titles and abstracts (protocol.language). */
  language?: string;
  /** Record id -> its canonical record after dedup (duplicates only). */
  canonicalOf?: ReadonlyMap<string, string>;
  /** Stopping rule: recall to reach and the confidence (defaults 0.95 and 0.95). */
  recallTarget?: number;
  confidence?: number;
}

export class ScreeningSession {
  readonly stage: Stage;
  readonly reviewer: string | undefined;
  private orderNow: ScreenOrder;
  private readonly opts: SessionOptions;
  /** Last seq in the log when the session began: undo goes no further back without a confirmation. */
  readonly startSeq: number;
  private randomOrder: string[] | undefined;
  private stopLogged = false;
  private state: ScreeningState;
  private readonly skipped = new Set<string>();
  private forced: string | undefined;
  private currentId: string | undefined;
  private ranker: RelevanceRanker | undefined;
  private readonly docIndex = new Map<string, number>();
  private readonly poolIds: string[];
  private jumped: string | undefined;
  /** Decisions and retrieval marks made in this session (undo subtracts). */
  decided = 0;

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.stage = opts.stage;
    this.reviewer = opts.reviewer;
    this.orderNow = opts.order;
    this.startSeq = opts.events.length ? opts.events[opts.events.length - 1].seq : 0;
    this.state = computeScreeningState(opts.uniqueIds, opts.events);
    this.poolIds = [...this.state.pool[this.stage]];
    this.stopLogged = opts.events.some(
      (e) => e.type === 'screen.stopping' && (e as ScreenStoppingEvent).stage === this.stage && reviewerKey((e as ScreenStoppingEvent).reviewer) === reviewerKey(this.reviewer),
    );
    // Note: a reviewer who had switched to random order goes on drawing at random (the sample must stay unbroken).
    if (opts.order === 'relevance' && this.stopping().phase === 'random') this.orderNow = 'random';
    if (this.orderNow === 'random') this.randomOrder = this.permutation();
    if (opts.order === 'relevance') {
      // Note: the same features `review simulate` and the bench measure (title weighted, word pairs
      // for the SVM, keywords and descriptors apart), so the screen ranks as the figures say.
      const docs = this.poolIds.map((id) => {
        const r = opts.records.get(id);
        return r ? { title: displayTitle(r, opts.language), abstract: displayAbstract(r, opts.language), keywords: [...r.keywords, ...r.descriptors].join(' ') } : {};
      });
      this.poolIds.forEach((id, i) => this.docIndex.set(id, i));
      this.ranker = RelevanceRanker.forDocs(docs, { seed: opts.seed });
      this.syncLabels();
    }
    this.currentId = this.pickNext();
  }

  get order(): ScreenOrder {
    return this.orderNow;
  }

  private permutation(): string[] {
    return seededPermutation(this.poolIds.length, this.opts.seed).map((i) => this.poolIds[i]);
  }

  /** The record on screen, or undefined when nothing is left (skipped ones aside). */
  get current(): string | undefined {
    return this.currentId;
  }

  record(id: string): BibRecord | undefined {
    return this.opts.records.get(id);
  }

  get screening(): ScreeningState {
    return this.state;
  }

  progress(): ReviewerProgress {
    return computeProgress(this.state, this.stage, this.reviewer);
  }

  get skippedCount(): number {
    return this.skipped.size;
  }

  /** True while the relevance order waits for one include and one exclude. */
  get rankingWaits(): boolean {
    return this.orderNow === 'relevance' && !(this.ranker?.ready ?? false);
  }

  private stoppingInput() {
    return { total: this.state.pool[this.stage].length, history: screeningHistory(this.state, this.stage, this.reviewer) };
  }

  /** The stopping rule's status over this reviewer's history at this stage. */
  stopping(): StoppingStatus {
    return computeStopping(this.stoppingInput(), { recallTarget: this.opts.recallTarget, confidence: this.opts.confidence });
  }

  /** Relevant records probably left (from the history alone: an exclusion never raises it), or why not yet. */
  estimateLeft(): RemainingEstimate {
    return estimateRemaining(this.stoppingInput());
  }

  /** From now on draw the records at random from those left (the stopping rule's sample). */
  switchToRandom(): void {
    this.orderNow = 'random';
    this.randomOrder ??= this.permutation();
    this.currentId = this.pickNext();
  }

  /** Records this reviewer excluded since their latest include or maybe (a plain stopping signal). */
  sinceLastInclude(): number {
    const key = reviewerKey(this.reviewer);
    const mine = [...this.state.byReviewer[this.stage].values()].flatMap((m) => (m.has(key) ? [m.get(key)!] : []));
    mine.sort((a, b) => b.seq - a.seq);
    const i = mine.findIndex((d) => passes(d.decision));
    return i === -1 ? mine.length : i;
  }

  /** Full-text stage: the report of the current record still needs its retrieved / not retrieved mark. */
  needsRetrieval(id = this.currentId): boolean {
    return this.stage === 'fulltext' && id !== undefined && !this.state.retrieval.has(id);
  }

  /** This reviewer's notes on a record at this stage. */
  notes(id: string): ScreenNoteEvent[] {
    return (this.state.notes.get(id) ?? []).filter((n) => n.stage === this.stage && reviewerKey(n.reviewer) === reviewerKey(this.reviewer));
  }

  decide(decision: Decision, reason?: string): void {
    const id = this.requireCurrent();
    this.opts.append({
      type: 'screen.decision',
      recordId: id,
      stage: this.stage,
      decision,
      ...(reason ? { reason } : {}),
      ...(this.reviewer !== undefined ? { reviewer: this.reviewer } : {}),
      by: 'human',
      ...(this.orderNow === 'random' && this.jumped !== id ? { drawn: 'random' } : {}),
    } as NewEvent<ScreenDecisionEvent>);
    this.decided++;
    this.jumped = undefined;
    this.advance();
    this.logStop();
  }

  /** The first time the stopping rule says the target is reached, the stop and its figures go to the log. */
  private logStop(): void {
    if (this.stopLogged || this.orderNow === 'import') return;
    const s = this.stopping();
    if (!s.reached || s.pValue === undefined) return;
    this.opts.append({
      type: 'screen.stopping',
      stage: this.stage,
      ...(this.reviewer !== undefined ? { reviewer: this.reviewer } : {}),
      recallTarget: s.recallTarget,
      confidence: s.confidence,
      pValue: s.pValue,
      screened: s.screened,
      total: s.total,
      relevantFound: s.relevantFound,
      ...(s.sample ? { sample: s.sample } : {}),
    } as NewEvent<ScreenStoppingEvent>);
    this.stopLogged = true;
  }

  /** Records of this stage matching a word, an author or an id, best first (see findRecords). */
  find(query: string): FoundRecord[] {
    const pool = this.state.pool[this.stage];
    const records = pool.map((id) => this.opts.records.get(id)).filter((r): r is BibRecord => r !== undefined);
    return findRecords(records, query, records.length);
  }

  /** Why `id` cannot be opened at this stage, or undefined when it can (a duplicate names its canonical record). */
  jumpProblem(id: string): { problem: JumpProblem; canonical?: string } | undefined {
    if (this.state.pool[this.stage].includes(id)) return this.needsNothing(id);
    const canonical = this.opts.canonicalOf?.get(id);
    if (canonical !== undefined && canonical !== id) return { problem: 'duplicate', canonical };
    if (!this.opts.records.has(id)) return { problem: 'unknown' };
    if (this.state.automatic.has(id)) return { problem: 'limits' };
    return { problem: 'notInStage' };
  }

  private needsNothing(id: string): { problem: JumpProblem } | undefined {
    return this.stage === 'fulltext' && this.state.retrieval.get(id) === false ? { problem: 'notRetrieved' } : undefined;
  }

  /** Show `id` now (decided or not: a new decision replaces the earlier one). Returns false when it is not in this stage. */
  jumpTo(id: string): boolean {
    if (this.jumpProblem(id)) return false;
    this.skipped.delete(id);
    this.currentId = id;
    // Note: a record opened by hand is not a random draw; its decision does not join the stopping rule's sample.
    this.jumped = id;
    return true;
  }

  /** This reviewer's active decision on a record at this stage, if any. */
  decisionOn(id: string): ScreenDecisionEvent | undefined {
    return this.state.byReviewer[this.stage].get(id)?.get(reviewerKey(this.reviewer));
  }

  /** Full-text stage: mark the report retrieved (stay on the record to decide) or not (move on). */
  markRetrieval(retrieved: boolean): void {
    const id = this.requireCurrent();
    this.opts.append({
      type: 'screen.retrieval',
      recordId: id,
      retrieved,
      ...(this.reviewer !== undefined ? { reviewer: this.reviewer } : {}),
    } as NewEvent<RetrievalEvent>);
    this.decided++;
    this.refresh();
    if (!retrieved) this.advance();
  }

  note(text: string): void {
    const id = this.requireCurrent();
    this.opts.append({
      type: 'screen.note',
      recordId: id,
      stage: this.stage,
      note: text,
      ...(this.reviewer !== undefined ? { reviewer: this.reviewer } : {}),
    } as NewEvent<ScreenNoteEvent>);
    this.refresh();
  }

  skip(): void {
    const id = this.requireCurrent();
    this.skipped.add(id);
    this.currentId = this.pickNext();
  }

  /** What `u` would withdraw now, or undefined when nothing is left to undo. */
  undoTarget(): UndoTarget | undefined {
    const last = lastUndoable(this.state, this.stage, this.reviewer);
    if (!last) return undefined;
    const e = this.opts.events.find((x) => x.seq === last.seq) as ScreenDecisionEvent | RetrievalEvent | undefined;
    const what =
      e?.type === 'screen.retrieval'
        ? { retrieved: e.retrieved }
        : { decision: (e as ScreenDecisionEvent | undefined)?.decision ?? 'include', ...((e as ScreenDecisionEvent | undefined)?.reason ? { reason: (e as ScreenDecisionEvent).reason } : {}) };
    return { seq: last.seq, recordId: last.recordId, earlier: last.seq <= this.startSeq, what, at: e?.at ?? '' };
  }

  /**
   * Withdraw this reviewer's latest decision (or retrieval mark) at this stage; returns its record.
   * A decision of an earlier session is withdrawn only with `confirmed` (the caller showed what changes).
   */
  undo(confirmed = false): string | undefined {
    const last = this.undoTarget();
    if (!last || (last.earlier && !confirmed)) return undefined;
    this.opts.append({
      type: 'screen.undo',
      recordId: last.recordId,
      stage: this.stage,
      undoes: last.seq,
      ...(this.reviewer !== undefined ? { reviewer: this.reviewer } : {}),
    } as NewEvent<ScreenUndoEvent>);
    this.decided = Math.max(0, this.decided - 1);
    this.skipped.delete(last.recordId);
    this.refresh();
    this.forced = last.recordId;
    this.currentId = this.pickNext();
    return last.recordId;
  }

  private requireCurrent(): string {
    if (this.currentId === undefined) throw new Error('no record on screen');
    return this.currentId;
  }

  private refresh(): void {
    this.state = computeScreeningState(this.opts.uniqueIds, this.opts.events);
    this.syncLabels();
  }

  private advance(): void {
    this.refresh();
    this.currentId = this.pickNext();
  }

  /** The reviewer's own decisions are the model's labels (blind: never the other reviewer's). */
  private syncLabels(): void {
    if (!this.ranker) return;
    const key = reviewerKey(this.reviewer);
    for (const [id, i] of this.docIndex) {
      const d = this.state.byReviewer[this.stage].get(id)?.get(key);
      this.ranker.setLabel(i, d ? (passes(d.decision) ? 1 : 0) : -1);
    }
  }

  private pickNext(): string | undefined {
    if (this.forced !== undefined) {
      const f = this.forced;
      this.forced = undefined;
      if (this.state.pool[this.stage].includes(f) && !isDone(this.state, this.stage, this.reviewer, f)) return f;
    }
    const open = (id: string) => !this.skipped.has(id) && !isDone(this.state, this.stage, this.reviewer, id);
    // Note: a retrieved report waiting for its decision stays on screen before anything else.
    if (this.currentId !== undefined && this.stage === 'fulltext' && this.state.retrieval.get(this.currentId) === true && open(this.currentId))
      return this.currentId;
    if (this.orderNow === 'random' && this.randomOrder) return this.randomOrder.find(open);
    if (this.ranker?.ready) {
      const candidates: number[] = [];
      for (const [id, i] of this.docIndex) if (open(id)) candidates.push(i);
      const best = this.ranker.best(candidates);
      return best === undefined ? undefined : this.poolIds[best];
    }
    return this.state.pool[this.stage].find(open);
  }
}
