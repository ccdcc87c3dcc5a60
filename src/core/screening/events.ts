/** Screening events: every decision, undo, retrieval mark and resolution is one event in the log. */
import type { EventBase } from '../events.js';

export type Stage = 'title-abstract' | 'fulltext';
export type Decision = 'include' | 'exclude' | 'maybe';

export interface ScreenDecisionEvent extends EventBase {
  type: 'screen.decision';
  recordId: string;
  stage: Stage;
  decision: Decision;
  /** Exclusion criterion code from the protocol (E1...), or `limit:year|language|type|fulltext` for automation. */
  reason?: string;
  /** Reviewer name; absent in single-reviewer reviews. */
  reviewer?: string;
  /** human: a reviewer's key press or CSV row; automation: protocol limits; resolution: a conflict settled. */
  by: 'human' | 'automation' | 'resolution';
  note?: string;
  /** Set when the record was drawn at random from those left (the stopping rule's sample), not picked by the ranking. */
  drawn?: 'random';
}

/** Withdraws the reviewer's latest decision on that record and stage (the decision stays in the log). */
export interface ScreenUndoEvent extends EventBase {
  type: 'screen.undo';
  recordId: string;
  stage: Stage;
  reviewer?: string;
  /** seq of the decision (or retrieval or note) event it withdraws. */
  undoes: number;
}

/** Full-text stage: was the report retrieved? */
export interface RetrievalEvent extends EventBase {
  type: 'screen.retrieval';
  recordId: string;
  retrieved: boolean;
  reviewer?: string;
  note?: string;
}

export interface ScreenNoteEvent extends EventBase {
  type: 'screen.note';
  recordId: string;
  stage: Stage;
  reviewer?: string;
  note: string;
}

/** One run of the protocol's automatic limits over the records of some imports. */
export interface ScreenLimitsEvent extends EventBase {
  type: 'screen.limits';
  /** Import ids whose records this run checked (records of later imports are checked by a later run). */
  imports: string[];
  /** Records checked and records excluded (each exclusion is its own `screen.decision` with `by: 'automation'`). */
  checked: number;
  excluded: number;
}

/**
 * The stopping rule said the target recall is reached (Callaghan & Müller-Hansen 2020): logged once per
 * reviewer and stage when the screen first sees it, with the figures behind it, for the report.
 */
export interface ScreenStoppingEvent extends EventBase {
  type: 'screen.stopping';
  stage: Stage;
  reviewer?: string;
  recallTarget: number;
  confidence: number;
  pValue: number;
  screened: number;
  total: number;
  relevantFound: number;
  /** The random sample since the switch to random order. */
  sample?: { size: number; relevant: number; poolAtStart: number };
}

export type ScreeningEvent = ScreenDecisionEvent | ScreenUndoEvent | RetrievalEvent | ScreenNoteEvent | ScreenLimitsEvent | ScreenStoppingEvent;

export const STAGES: readonly Stage[] = ['title-abstract', 'fulltext'];

/** Limit codes recorded as the reason of automatic exclusions. */
export type LimitCode = 'limit:year' | 'limit:language' | 'limit:type' | 'limit:fulltext';
