/**
 * The review's event log entries. Every import, search, dedup decision, screening decision
 * and extraction is one event; all derived state (counts, PRISMA) is rebuilt from them.
 * Each area defines its own event interfaces next to its code, extending EventBase.
 */

export interface EventBase {
  type: string;
  /** 1-based position in the log, set by the store. */
  seq: number;
  /** ISO time, set by the store. */
  at: string;
}

/** What callers pass to `append`: the store fills seq and at. */
export type NewEvent<E extends EventBase> = Omit<E, 'seq' | 'at'>;

/** An import of a file or the records of a live search. */
/** A record of an imported file that could not be read and was left out (--skip-bad). */
export interface SkippedRecord {
  line: number;
  /** The fatal diagnostic's code (RIS_NO_TITLE, BIBTEX_SYNTAX...). */
  code: string;
}

export interface ImportEvent extends EventBase {
  type: 'import';
  importId: string;
  /** File name as given by the user (basename). */
  file: string;
  /** Path of the verbatim copy, relative to the review folder. */
  storedAs?: string;
  sha256?: string;
  format: string;
  source: string;
  database?: string;
  encoding?: string;
  /** Records file name under data/records/. */
  recordsFile: string;
  recordsRead: number;
  recordsRejected: number;
  /** The rejected records left out with --skip-bad: the line each starts at and why (at most 1,000). */
  skipped?: SkippedRecord[];
  warnings: number;
  /** Set when the records came from `review search`. */
  searchId?: string;
  /** The search behind an imported export (query, date, databases, limits, hits): `review import --query --searched-on`. */
  search?: import('./query/importedSearch.js').ImportedSearch;
}

export function eventsOfType<E extends EventBase>(events: readonly EventBase[], type: E['type']): E[] {
  return events.filter((e) => e.type === type) as E[];
}
