/**
 * PRISMA 2020 counts, always derived from records and events (never typed in): records
 * identified per source and database, removed before screening, screened, excluded,
 * reports sought, not retrieved, assessed, excluded with each reason, studies included.
 * Records still waiting for a decision are counted apart so every box adds up mid-review.
 */
import type { BibRecord } from '../record.js';
import type { EventBase } from '../events.js';
import type { Protocol } from '../protocol.js';
import { computeDedupState } from '../dedup/state.js';
import { computeScreeningState, type FinalDecision, type ScreeningState } from '../screening/state.js';

/** Records identified in one database (or one source when the record names no database). */
export interface DatabaseCount {
  source: string;
  /** As the records name it (LILACS, BDENF, MEDLINE...), or the source's name. */
  database: string;
  n: number;
}

/** An exclusion reason with its criterion text and count. */
export interface ReasonCount {
  /** Criterion code (E1...), a limit code (`limit:year`) or `-` when no reason was given. */
  code: string;
  /** Criterion text from the protocol; empty when the code is not in the protocol. */
  text: string;
  n: number;
}

export interface PrismaCounts {
  identified: number;
  bySource: { source: string; n: number }[];
  byDatabase: DatabaseCount[];
  /** Records from bibliographic databases (every source here is one). */
  databaseResults: number;
  /** Trial registers: none of the sources is one. */
  registerResults: number;
  duplicates: number;
  /** Excluded by the protocol's limits before people screened them. */
  excludedAutomatic: number;
  excludedAutomaticByLimit: ReasonCount[];
  excludedOther: number;
  recordsScreened: number;
  recordsExcluded: number;
  recordsExcludedByReason: ReasonCount[];
  /** In the screening pool without a final title/abstract decision yet (conflict, not seen). */
  awaitingScreening: number;
  reportsSought: number;
  reportsNotRetrieved: number;
  reportsAssessed: number;
  reportsExcluded: number;
  reportsExcludedByReason: ReasonCount[];
  /** Sought, not marked as not retrieved, without a final full-text decision yet (or in conflict). */
  awaitingFulltext: number;
  studiesIncluded: number;
  /** One report per study: the tool does not link several reports to one study. */
  reportsIncluded: number;
  /** Ids of the included studies (canonical records), in import order. */
  includedIds: string[];
}

/** What the counts are computed from: the dedup and screening states are rebuilt from the log. */
export interface PrismaInput {
  records: readonly BibRecord[];
  uniqueIds: readonly string[];
  screening: ScreeningState;
  protocol: Pick<Protocol, 'eligibility'>;
}

const SOURCE_NAMES: Record<string, string> = {
  bvs: 'BVS',
  scielo: 'SciELO',
  pubmed: 'PubMed',
  'google-scholar': 'Google Scholar',
  other: 'Other',
};

/** Display name of a source id. */
export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}

/** "LILACS (BVS)", or just "SciELO" when the database is the source itself. */
export function databaseLabel(d: Pick<DatabaseCount, 'source' | 'database'>): string {
  const source = sourceName(d.source);
  return d.database === source ? source : `${d.database} (${source})`;
}

function tally<K>(items: Iterable<K>): Map<K, number> {
  const m = new Map<K, number>();
  for (const k of items) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function reasons(codes: Iterable<string>, protocol: Pick<Protocol, 'eligibility'>): ReasonCount[] {
  const criteria = [...protocol.eligibility.exclusion, ...protocol.eligibility.inclusion];
  const order = protocol.eligibility.exclusion.map((c) => c.code);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return [...tally(codes)]
    .map(([code, n]) => ({ code, text: criteria.find((c) => c.code === code)?.text ?? '', n }))
    .sort((a, b) => rank(a.code) - rank(b.code) || b.n - a.n || a.code.localeCompare(b.code));
}

const isDecided = (d: FinalDecision | undefined) => d !== undefined && d.decision !== 'maybe';
// Note: at title/abstract "maybe" sends the record on to full text, as include does (screening rules).
const passesTitleAbstract = (d: FinalDecision | undefined) => d !== undefined && d.decision !== 'exclude';

/** The studies that count as included: same rule as the PRISMA boxes. */
export function includedStudyIds(uniqueIds: readonly string[], screening: ScreeningState): string[] {
  return uniqueIds.filter(
    (id) =>
      !screening.automatic.has(id) &&
      passesTitleAbstract(screening.titleAbstract.get(id)) &&
      screening.retrieval.get(id) !== false &&
      screening.fulltext.get(id)?.decision === 'include',
  );
}

/** Compute every PRISMA box from the dedup and screening states. Pure. */
export function computePrisma(input: PrismaInput): PrismaCounts {
  const { records, uniqueIds, screening, protocol } = input;
  const bySource = [...tally(records.map((r) => r.provenance.source))].map(([source, n]) => ({ source, n }));
  const dbKey = (r: BibRecord) => `${r.provenance.source}\u0000${r.provenance.database?.trim() || sourceName(r.provenance.source)}`;
  const byDatabase = [...tally(records.map(dbKey))].map(([k, n]) => {
    const [source, database] = k.split('\u0000');
    return { source, database, n };
  });

  const unique = new Set(uniqueIds);
  const automatic = [...screening.automatic].filter(([id]) => unique.has(id));
  const pool = uniqueIds.filter((id) => !screening.automatic.has(id));
  const screened = pool.filter((id) => screening.titleAbstract.has(id));
  const excludedTA = screened.filter((id) => screening.titleAbstract.get(id)!.decision === 'exclude');
  const sought = screened.filter((id) => passesTitleAbstract(screening.titleAbstract.get(id)));
  const notRetrieved = sought.filter((id) => screening.retrieval.get(id) === false);
  const assessed = sought.filter((id) => screening.retrieval.get(id) !== false && isDecided(screening.fulltext.get(id)));
  const excludedFT = assessed.filter((id) => screening.fulltext.get(id)!.decision === 'exclude');
  const included = assessed.filter((id) => screening.fulltext.get(id)!.decision === 'include');

  return {
    identified: records.length,
    bySource,
    byDatabase,
    databaseResults: records.length,
    registerResults: 0,
    duplicates: records.length - uniqueIds.length,
    excludedAutomatic: automatic.length,
    excludedAutomaticByLimit: reasons(automatic.map(([, code]) => code || '-'), protocol),
    excludedOther: 0,
    recordsScreened: screened.length,
    recordsExcluded: excludedTA.length,
    recordsExcludedByReason: reasons(excludedTA.map((id) => screening.titleAbstract.get(id)!.reason || '-'), protocol),
    awaitingScreening: pool.length - screened.length,
    reportsSought: sought.length,
    reportsNotRetrieved: notRetrieved.length,
    reportsAssessed: assessed.length,
    reportsExcluded: excludedFT.length,
    reportsExcludedByReason: reasons(excludedFT.map((id) => screening.fulltext.get(id)!.reason || '-'), protocol),
    awaitingFulltext: sought.length - notRetrieved.length - assessed.length,
    studiesIncluded: included.length,
    reportsIncluded: included.length,
    includedIds: included,
  };
}

/** Rebuild dedup and screening from the log, then count. */
export function computePrismaFromLog(records: readonly BibRecord[], events: readonly EventBase[], protocol: Pick<Protocol, 'eligibility'>): PrismaCounts {
  const dedup = computeDedupState(records, events);
  const screening = computeScreeningState(dedup.uniqueIds, events);
  return computePrisma({ records, uniqueIds: dedup.uniqueIds, screening, protocol });
}
