/**
 * One reviewer's screening session at one stage: which record is on screen, and the actions on it.
 * Every action appends its event through `append` (the store fsyncs before returning) and only then
 * moves on, so whatever the screen shows next, the decision before it is already on disk.
 */
import type { BibRecord } from '../core/record.js';
import type { EventBase, NewEvent } from '../core/events.js';
import type { Decision, RetrievalEvent, ScreenDecisionEvent, ScreenNoteEvent, ScreenUndoEvent, Stage } from '../core/screening/events.js';
import { computeScreeningState, passes, reviewerKey, type ScreeningState } from '../core/screening/state.js';
import { computeProgress, isDone, lastUndoable, type ReviewerProgress } from '../core/screening/queue.js';
import { computeTfidf } from '../core/relevance/tfidf.js';
import { RelevanceRanker } from '../core/relevance/ranker.js';
import { displayAbstract, displayTitle } from '../core/record.js';

export type ScreenOrder = 'import' | 'relevance';

export interface SessionOptions {
  stage: Stage;
  reviewer?: string;
  uniqueIds: readonly string[];
  records: ReadonlyMap<string, BibRecord>;
  /** The review's live event list (the store pushes appended events into it). */
  events: readonly EventBase[];
  append: (event: NewEvent<ScreenDecisionEvent> | NewEvent<ScreenUndoEvent> | NewEvent<RetrievalEvent> | NewEvent<ScreenNoteEvent>) => EventBase;
  order: ScreenOrder;
  seed: number;
  /** Preferred language of titles and abstracts (protocol.language). */
  language?: string;
}

export class ScreeningSession {
  readonly stage: Stage;
  readonly reviewer: string | undefined;
  readonly order: ScreenOrder;
  private readonly opts: SessionOptions;
  private state: ScreeningState;
  private readonly skipped = new Set<string>();
  private forced: string | undefined;
  private currentId: string | undefined;
  private ranker: RelevanceRanker | undefined;
  private readonly docIndex = new Map<string, number>();
  private readonly poolIds: string[];
  /** Decisions and retrieval marks made in this session (undo subtracts). */
  decided = 0;

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.stage = opts.stage;
    this.reviewer = opts.reviewer;
    this.order = opts.order;
    this.state = computeScreeningState(opts.uniqueIds, opts.events);
    this.poolIds = [...this.state.pool[this.stage]];
    if (opts.order === 'relevance') {
      const texts = this.poolIds.map((id) => {
        const r = opts.records.get(id);
        return r ? [displayTitle(r, opts.language), displayAbstract(r, opts.language), r.keywords.join(' '), r.descriptors.join(' ')].join(' ') : '';
      });
      this.poolIds.forEach((id, i) => this.docIndex.set(id, i));
      const tfidf = computeTfidf(texts);
      this.ranker = new RelevanceRanker(tfidf.vectors, tfidf.vocabulary.size, { seed: opts.seed });
      this.syncLabels();
    }
    this.currentId = this.pickNext();
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
    return this.order === 'relevance' && !(this.ranker?.ready ?? false);
  }

  /** Estimated relevant records among those left (relevance order only). */
  estimateLeft(): number | undefined {
    return this.ranker?.estimateRelevantLeft();
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
    } as NewEvent<ScreenDecisionEvent>);
    this.decided++;
    this.advance();
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

  /** Withdraw this reviewer's latest decision (or retrieval mark) at this stage; returns its record. */
  undo(): string | undefined {
    const last = lastUndoable(this.state, this.stage, this.reviewer);
    if (!last) return undefined;
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
    if (this.ranker?.ready) {
      const candidates: number[] = [];
      for (const [id, i] of this.docIndex) if (open(id)) candidates.push(i);
      const best = this.ranker.best(candidates);
      return best === undefined ? undefined : this.poolIds[best];
    }
    return this.state.pool[this.stage].find(open);
  }
}
