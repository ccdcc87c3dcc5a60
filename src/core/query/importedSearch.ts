/**
 * A search run by hand in a portal whose export was imported (`review import --query --searched-on`):
 * what PRISMA-S asks of every database, like a live search's event. Carried by the import event as
 * `search` (src/stages/import/searchLog.ts), so the import and its search log are one line.
 * Note: in a file of its own, importing no event type, so that core/events.ts can name it without an
 * import loop through searchEvent.ts (which imports the event base type).
 */
import type { LoggedLimit } from './compiled.js';

export interface ImportedSearch {
  /** Databases the export came from (as its records name them, else the protocol's for the source). */
  databases: string[];
  platform: string;
  /** The exact query run in the portal (--query, else the strategy `search --dry-run` prints). */
  query: string;
  /** Whether the query was given by the user or is the compiled strategy. */
  queryFrom: 'user' | 'protocol';
  /** The day the search was run (YYYY-MM-DD): --searched-on, else the file's modification day. */
  searchedOn: string;
  searchedOnFrom: 'user' | 'file';
  /** Limits of the strategy in words (from the protocol), as for live searches. */
  limits: LoggedLimit[];
  /** Records read from the export (the hits the portal gave, as far as the file tells). */
  hits: number;
}
