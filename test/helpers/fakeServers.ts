/**
 * Typed entry to the local fake sources (the server itself is plain ESM in fakeServer.mjs so it
 * also runs standalone: `node test/helpers/fakeServer.mjs`, printing REVIEW_*_URL lines).
 */
// @ts-expect-error: plain JS module, typed below.
import * as impl from './fakeServer.mjs';

export type FaultKind = '429' | '500' | 'slow' | 'hang' | 'truncate' | 'cut-body' | 'html' | '403';

export interface Fault {
  /** Which API: bvs, scielo, pubmed, decs, or * for any. */
  source: 'bvs' | 'scielo' | 'pubmed' | 'decs' | '*';
  /** 1-based position of the page's first record (BVS `from`, efetch retstart+1); 0 = esearch / SciELO count / DeCS. Any page when absent. */
  from?: number;
  kind: FaultKind;
  /** Seconds in the Retry-After header (429). */
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
  query: Record<string, string>;
  apikeyHeader: boolean;
  userAgent: string;
}

export interface FakeServer {
  url: string;
  port: number;
  hits: { bvs: number; scielo: number; pubmed: number };
  decsKey: string;
  baseUrls: { bvs: string; scielo: string; pubmed: string; decs: string };
  requests: SeenRequest[];
  setFaults(list: Fault[]): void;
  addFault(f: Fault): void;
  pendingFaults(): Fault[];
  reset(): void;
  close(): Promise<void>;
}

export interface FakeArticle {
  n: number;
  year: number;
  tiPt: string;
  tiEn: string;
  doi: string;
  bvsId: string;
  pid: string;
  pmid: string;
}

export const startFakeServer = impl.startFakeServer as (options?: { hits?: Partial<FakeServer['hits']>; decsKey?: string; faults?: Fault[]; port?: number }) => Promise<FakeServer>;
export const article = impl.article as (source: string, i: number) => FakeArticle;
export const envLines = impl.envLines as (server: FakeServer) => string[];
