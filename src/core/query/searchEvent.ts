/**
 * The search log: one `search` event per run of one source, with what PRISMA-S items 1, 8, 9,
 * 13 and 15 ask the report to show (database, platform, date, exact query, limits, hits).
 * Written by `review search` (src/project/search.ts); read by the report.
 */
import type { EventBase } from '../events.js';

export type SearchStatus = 'complete' | 'partial' | 'blocked';

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
  /** Limits in words: `la: pt`, `year: 2007-2015`... */
  limits: string[];
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
  blockedReason?: string;
}
