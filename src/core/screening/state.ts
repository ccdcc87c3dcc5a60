/**
 * Screening state derived from the event log.
 * (Filled in by the screening issue.)
 */
import type { EventBase } from '../events.js';

export interface ScreeningSummary {
  excludedAutomatic: number;
  /** Records with a final title/abstract decision (include or exclude). */
  screened: number;
  maybe: number;
  fulltextAssessed: number;
  included: number;
}

export function computeScreeningSummary(_uniqueIds: readonly string[], _events: readonly EventBase[]): ScreeningSummary {
  return { excludedAutomatic: 0, screened: 0, maybe: 0, fulltextAssessed: 0, included: 0 };
}
