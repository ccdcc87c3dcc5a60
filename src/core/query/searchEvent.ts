/**
 * The search log: one `search` event per run of one source, with what PRISMA-S items 1, 8, 9,
 * 13 and 15 ask the report to show (database, platform, date, exact query, limits, hits).
 * Written by `review search` (src/stages/search/run.ts); read by the report.
 */
import type { EventBase } from '../events.js';
import type { LoggedLimit } from './compiled.js';

export type SearchStatus = 'complete' | 'partial' | 'blocked';

/** A warning of the source about the query, rendered through `search.warn.<code>`. */
export interface SearchWarning {
  code: string;
  params: Record<string, string | number>;
}

/** One date part of a search split to pass the source's cap (PubMed: 9,999 records per query). */
export interface SearchEventPart {
  from: string;
  to: string;
  query: string;
  hits: number;
}

export interface SearchEvent extends EventBase {
  type: 'search';
  searchId: string;
  /** bvs, scielo, pubmed. */
  source: string;
  /** Databases or collections searched (LILACS, BDENF...; SciELO collections; PubMed/MEDLINE). */
  databases: string[];
  /** Interface the query ran on, e.g. "BVS portal (iAHx), pesquisa.bvsalud.org". */
  platform: string;
  /** When this run started (the event's `at` is when it ended). */
  startedAt: string;
  /** The exact query string run. */
  query: string;
  /** The first request, keys removed. */
  url: string;
  /** The limits as the source applied them, coded (lines of words in logs of older versions). */
  limits: LoggedLimit[];
  /** Hits the source reported. */
  hits: number;
  /** Unique records fetched and added to the review (0 when blocked). */
  fetched: number;
  /** --max given for this search. */
  max?: number;
  /** complete; partial (fewer records than hits, e.g. --max); blocked (portal refused scripted access). */
  status: SearchStatus;
  /** Import that holds the records (absent when blocked). */
  importId?: string;
  pagesFetched: number;
  pagesReused: number;
  /** True when this run continued an interrupted one (--resume). */
  resumed: boolean;
  toolVersion: string;
  /** Why the portal was taken as blocking (CAPTCHA, CDN_BLOCK, HTML_PAGE, HTTP; older logs: words). */
  blockedReason?: string;
  /** What the source said about the query (PubMed errorlist/warninglist, totals it could not give...). */
  warnings?: SearchWarning[];
  /** The parts the search was split into, in date order, when one query could not reach every hit. */
  parts?: SearchEventPart[];
}

export type { ImportedSearch } from './importedSearch.js';
