/**
 * Screening state derived from the event log.
 * (The screening issue fills in computeScreeningState; until then nothing is screened.)
 */
import type { EventBase } from '../events.js';
import type { Decision } from './events.js';

/** The decision that counts for one record at one stage (after undo, consensus or resolution). */
export interface FinalDecision {
  decision: Decision;
  /** Exclusion criterion code (E1...) when excluded. */
  reason?: string;
}

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
}

export interface ScreeningSummary {
  excludedAutomatic: number;
  /** Records with a final title/abstract decision (include or exclude). */
  screened: number;
  maybe: number;
  fulltextAssessed: number;
  included: number;
}

export function computeScreeningState(_uniqueIds: readonly string[], _events: readonly EventBase[]): ScreeningState {
  return {
    automatic: new Map(),
    titleAbstract: new Map(),
    conflicts: { 'title-abstract': [], fulltext: [] },
    retrieval: new Map(),
    fulltext: new Map(),
  };
}

export function computeScreeningSummary(uniqueIds: readonly string[], events: readonly EventBase[]): ScreeningSummary {
  const s = computeScreeningState(uniqueIds, events);
  const ta = [...s.titleAbstract.values()];
  const ft = [...s.fulltext.values()];
  return {
    excludedAutomatic: s.automatic.size,
    screened: ta.filter((d) => d.decision !== 'maybe').length,
    maybe: ta.filter((d) => d.decision === 'maybe').length,
    fulltextAssessed: ft.filter((d) => d.decision !== 'maybe').length,
    included: ft.filter((d) => d.decision === 'include').length,
  };
}
