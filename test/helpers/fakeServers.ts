/**
 * Typed entry to the local stand-ins (the server itself is plain ESM in fakeServer.mjs so it
 * also runs standalone: `node test/helpers/fakeServer.mjs`, printing REVIEW_*_URL lines).
 * What each stand-in does, and the public source of each behaviour, is written at the top of fakeServer.mjs.
 */
// @ts-expect-error: plain JS module, typed below.
import * as impl from './fakeServer.mjs';

export type FaultKind = '429' | '500' | 'slow' | 'hang' | 'truncate' | 'cut-body' | 'html' | '403';

export interface Fault {
  /** Which API: bvs, scielo, pubmed, decs, or * for any. */
  source: 'bvs' | 'scielo' | 'pubmed' | 'decs' | '*';
  /** 1-based position of the page's first record (BVS/SciELO `from`, efetch retstart+1); 0 = esearch / metasearch / DeCS. Any page when absent. */
  from?: number;
  kind: FaultKind;
  /** Seconds in the Retry-After header (429); none when absent, as nginx sends it. */
  retryAfter?: number;
  /** Delay for slow/hang (ms). */
  delayMs?: number;
  /** HTTP status for the 500 kind (502, 503...). */
  status?: number;
  /** How many requests it hits (default 1; 'always' for every one). */
  times?: number | 'always';
}

export interface SeenRequest {
  path: string;
  method: string;
  query: Record<string, string>;
  apikeyHeader: boolean;
  userAgent: string;
}

export interface FakeServer {
  url: string;
  port: number;
  hits: { bvs: number; scielo: number; pubmed: number };
  decsKey: string;
  scieloToken: string;
  baseUrls: { bvs: string; scielo: string; pubmed: string; decs: string };
  requests: SeenRequest[];
  setFaults(list: Fault[]): void;
  addFault(f: Fault): void;
  pendingFaults(): Fault[];
  /** nginx's limit_req on the BVS portal (requests a second, 0 = off). */
  setBvsRateLimit(perSecond: number): void;
  /** 429s the BVS rate limit sent since the last reset. */
  rateLimited(): number;
  /** Phrases PubMed reports in errorlist.phrasesnotfound. */
  setUnknownPhrases(list: string[]): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeArticle {
  n: number;
  year: number;
  month: number;
  day: number;
  la: string;
  tiPt: string;
  tiEs: string;
  tiEn: string;
  doi?: string;
  db: string;
  type: string;
  typeOfStudy?: string;
  bvsId: string;
  pid: string;
  pmid: string;
}

export interface StartOptions {
  hits?: Partial<FakeServer['hits']>;
  decsKey?: string;
  scieloToken?: string;
  bvsRateLimit?: number;
  unknownPhrases?: string[];
  /** Every PubMed record dated 2020/01/01: no date split can bring it under the cap. */
  pubmedSameDay?: boolean;
  faults?: Fault[];
  port?: number;
}

export const startFakeServer = impl.startFakeServer as (options?: StartOptions) => Promise<FakeServer>;
export const article = impl.article as (source: string, i: number) => FakeArticle;
export const envLines = impl.envLines as (server: FakeServer) => string[];
/** Corpus indexes the BVS stand-in answers for these request parameters. */
export const bvsMatches = impl.bvsMatches as (total: number, params: URLSearchParams) => number[];
/** Corpus indexes the PubMed stand-in answers for this term. */
export const pubmedMatches = impl.pubmedMatches as (total: number, term: string, sameDay?: boolean) => number[];
/** Corpus indexes the SciELO stand-in answers for this q (its la: and publication_year: limits). */
export const scieloMatches = impl.scieloMatches as (total: number, q: string) => number[];
export const BVS_TYPES = impl.BVS_TYPES as string[];
export const PUBMED_WALL = impl.PUBMED_WALL as number;
