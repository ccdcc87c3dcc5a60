/**
 * PRISMA 2020 counts, always derived from records and events (never typed in): records
 * identified per source and database, removed before screening, screened, excluded,
 * reports sought, not retrieved, assessed, excluded with each reason, studies included.
 * Records still waiting for a decision are counted apart so every box adds up mid-review.
 */
import type { BibRecord } from '../record.js';
import type { EventBase } from '../events.js';
import { prismaMethodOf, type PrismaMethod, type Protocol } from '../protocol.js';
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

/**
 * The right-hand column of PRISMA 2020, "identification of studies via other methods": records
 * from sources the protocol puts under websites, organisations, citation searching or hand search.
 * A study found there and also in a database is followed in the databases column; here it counts
 * as already found (`duplicates`). The rest skip the "records screened" box of the template, as
 * other methods do, so those excluded on title/abstract or by the limits are counted apart.
 */
/** The full-text boxes of one column: reports sought, not retrieved, assessed and excluded (with reasons), awaiting. */
export interface FullTextCounts {
  reportsSought: number;
  reportsNotRetrieved: number;
  reportsAssessed: number;
  reportsExcluded: number;
  reportsExcludedByReason: ReasonCount[];
  /** Sought, not marked as not retrieved, without a final full-text decision yet (or in conflict). */
  awaitingFulltext: number;
}

export interface OtherMethodsCounts extends FullTextCounts {
  identified: number;
  byMethod: { method: PrismaMethod; n: number }[];
  byDatabase: DatabaseCount[];
  /** Found by other methods but already found in a database, or twice by other methods. */
  duplicates: number;
  excludedAutomatic: number;
  /** Excluded on title/abstract before the report was sought. */
  excludedScreening: number;
  awaitingScreening: number;
  /** Included studies found only by other methods. */
  studiesIncluded: number;
}

export interface PrismaCounts extends FullTextCounts {
  identified: number;
  bySource: { source: string; n: number }[];
  /** Records of the databases-and-registers column, per database. */
  byDatabase: DatabaseCount[];
  /** Records from bibliographic databases (the databases column). */
  databaseResults: number;
  /** Trial registers: sources the protocol marks `prisma: registers`. */
  registerResults: number;
  /** The other-methods column (zeros when no source feeds it). */
  other: OtherMethodsCounts;
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
  /** Every included study, from both columns (the shared "studies included" box). */
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
  protocol: Pick<Protocol, 'eligibility'> & Partial<Pick<Protocol, 'sources'>>;
  /** Record -> canonical record of its dedup group; without it every non-unique record is its own duplicate. */
  canonicalOf?: ReadonlyMap<string, string>;
}

// Note: the names the records carry when they name no database (data, not words): what a reader
// sees comes from `SourceNames`, given by the UI in the output's language (Google Acadêmico in pt-BR).
const SOURCE_NAMES: Record<string, string> = {
  bvs: 'BVS',
  scielo: 'SciELO',
  pubmed: 'PubMed',
  'google-scholar': 'Google Scholar',
  scopus: 'Scopus',
  wos: 'Web of Science',
  embase: 'Embase',
  other: 'Other',
};

/** Source id -> its name in the output's language (`google-scholar` -> "Google Acadêmico"), from the UI. */
export type SourceNames = Readonly<Record<string, string>>;

/** The name a record's provenance falls back to when it names no database (data, not display). */
export function sourceDataName(source: string): string {
  return SOURCE_NAMES[source] ?? source;
}

/** Display name of a source id: from `names` when given, else its data name. */
export function sourceName(source: string, names?: SourceNames): string {
  return names?.[source] ?? sourceDataName(source);
}

/** A database name as records write it, for display: a source's own data name ("Google Scholar") gets that source's display name. */
export function databaseName(database: string, names?: SourceNames): string {
  if (!names) return database;
  const id = Object.keys(SOURCE_NAMES).find((k) => SOURCE_NAMES[k] === database);
  return id !== undefined && names[id] ? names[id] : database;
}

/** "LILACS (BVS)", or just "SciELO" when the database is the source itself; names in the output's language. */
export function databaseLabel(d: Pick<DatabaseCount, 'source' | 'database'>, names?: SourceNames): string {
  const source = sourceName(d.source, names);
  const database = databaseName(d.database, names);
  return database === source || d.database === sourceDataName(d.source) ? source : `${database} (${source})`;
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
  const methodOf = (r: BibRecord) => prismaMethodOf(protocol as Pick<Protocol, 'sources'>, r.provenance.source);
  const isOther = (r: BibRecord) => !['databases', 'registers'].includes(methodOf(r));
  const bySource = [...tally(records.map((r) => r.provenance.source))].map(([source, n]) => ({ source, n }));
  const dbKey = (r: BibRecord) => `${r.provenance.source}\u0000${r.provenance.database?.trim() || sourceDataName(r.provenance.source)}`;
  const perDatabase = (rs: BibRecord[]) =>
    [...tally(rs.map(dbKey))].map(([k, n]) => {
      const [source, database] = k.split('\u0000');
      return { source, database, n };
    });
  const dbRecords = records.filter((r) => !isOther(r));
  const otherRecords = records.filter(isOther);

  // Note: a dedup group follows the databases column when any of its records came from a database.
  const unique = new Set(uniqueIds);
  const groupOf = (r: BibRecord) => input.canonicalOf?.get(r.id) ?? r.id;
  const dbGroups = new Set(dbRecords.map(groupOf));
  const column = (id: string): 'db' | 'other' => (dbGroups.has(id) ? 'db' : 'other');
  const dbUnique = uniqueIds.filter((id) => column(id) === 'db');
  const otherUnique = uniqueIds.filter((id) => column(id) === 'other');

  const automatic = [...screening.automatic].filter(([id]) => unique.has(id) && column(id) === 'db');
  const { pool, screened, flow, fullText } = columnFlow(dbUnique, screening, protocol);
  const excludedTA = screened.filter((id) => screening.titleAbstract.get(id)!.decision === 'exclude');
  const { pool: otherPool, screened: otherScreened, flow: otherFlow, fullText: otherFullText } = columnFlow(otherUnique, screening, protocol);
  const includedSet = new Set([...flow.included, ...otherFlow.included]);
  const included = uniqueIds.filter((id) => includedSet.has(id));

  const other: OtherMethodsCounts = {
    identified: otherRecords.length,
    byMethod: [...tally(otherRecords.map(methodOf))].map(([method, n]) => ({ method, n })),
    byDatabase: perDatabase(otherRecords),
    duplicates: otherRecords.length - otherUnique.length,
    excludedAutomatic: otherUnique.length - otherPool.length,
    excludedScreening: otherScreened.length - otherFlow.sought.length,
    awaitingScreening: otherPool.length - otherScreened.length,
    ...otherFullText,
    studiesIncluded: otherFlow.included.length,
  };
  const registerResults = dbRecords.filter((r) => methodOf(r) === 'registers').length;
  return {
    identified: records.length,
    bySource,
    byDatabase: perDatabase(dbRecords),
    databaseResults: dbRecords.length - registerResults,
    registerResults,
    other,
    duplicates: dbRecords.length - dbUnique.length,
    excludedAutomatic: automatic.length,
    excludedAutomaticByLimit: reasons(automatic.map(([, code]) => code || '-'), protocol),
    excludedOther: 0,
    recordsScreened: screened.length,
    recordsExcluded: excludedTA.length,
    recordsExcludedByReason: reasons(excludedTA.map((id) => screening.titleAbstract.get(id)!.reason || '-'), protocol),
    awaitingScreening: pool.length - screened.length,
    ...fullText,
    studiesIncluded: included.length,
    reportsIncluded: included.length,
    includedIds: included,
  };
}

/** One column's pool (not excluded by the limits), records screened, full-text flow and full-text boxes. */
function columnFlow(ids: readonly string[], screening: ScreeningState, protocol: Pick<Protocol, 'eligibility'>) {
  const pool = ids.filter((id) => !screening.automatic.has(id));
  const screened = pool.filter((id) => screening.titleAbstract.has(id));
  const flow = fullTextFlow(screened, screening);
  const excluded = flow.assessed.filter((id) => screening.fulltext.get(id)!.decision === 'exclude');
  const fullText: FullTextCounts = {
    reportsSought: flow.sought.length,
    reportsNotRetrieved: flow.notRetrieved.length,
    reportsAssessed: flow.assessed.length,
    reportsExcluded: excluded.length,
    reportsExcludedByReason: reasons(excluded.map((id) => screening.fulltext.get(id)!.reason || '-'), protocol),
    awaitingFulltext: flow.sought.length - flow.notRetrieved.length - flow.assessed.length,
  };
  return { pool, screened, flow, fullText };
}

/** Sought (passed title/abstract), not retrieved, assessed and included, among screened ids. */
function fullTextFlow(screened: readonly string[], screening: ScreeningState) {
  const sought = screened.filter((id) => passesTitleAbstract(screening.titleAbstract.get(id)));
  const notRetrieved = sought.filter((id) => screening.retrieval.get(id) === false);
  const assessed = sought.filter((id) => screening.retrieval.get(id) !== false && isDecided(screening.fulltext.get(id)));
  const included = assessed.filter((id) => screening.fulltext.get(id)!.decision === 'include');
  return { sought, notRetrieved, assessed, included };
}

/** Rebuild dedup and screening from the log, then count. */
export function computePrismaFromLog(
  records: readonly BibRecord[],
  events: readonly EventBase[],
  protocol: Pick<Protocol, 'eligibility'> & Partial<Pick<Protocol, 'sources'>>,
): PrismaCounts {
  const dedup = computeDedupState(records, events);
  const screening = computeScreeningState(dedup.uniqueIds, events);
  return computePrisma({ records, uniqueIds: dedup.uniqueIds, screening, protocol, canonicalOf: dedup.canonicalOf });
}
