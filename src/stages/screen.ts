/**
 * The screening stage without its screens: the review's records as screening sees them (canonical
 * ids after dedup, where each came from), the protocol's limits, and decision CSVs. Each event goes
 * through `review.append`, which fsyncs before returning. Errors carry codes (`error.<CODE>` in the
 * UI catalogue); the sentences of a decision file's row problems come from the caller's `msg`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Review } from '../project/review.js';
import type { BibRecord } from '../core/record.js';
import type { EventBase, NewEvent } from '../core/events.js';
import type { Stage } from '../core/screening/events.js';
import { CodedUserError } from '../core/errors.js';
import { computeDedupState } from '../core/dedup/state.js';
import { planLimits, type LimitsPlan } from '../core/screening/limits.js';
import { planCsvDecisions, type DecisionMessages } from '../core/screening/csvDecisions.js';
import { compileHighlightTerms, type HighlightTerm } from '../core/screening/highlight.js';
import { readCsvTable } from '../formats/csv/common.js';
import { decodeBytes } from '../formats/encoding.js';

/** What the screen shows beside a record: where it came from, where to read it. */
export interface RecordContext {
  /** Preferred language of titles and abstracts. */
  language?: string;
  highlightTerms: readonly HighlightTerm[];
  /** Record id -> databases of the record and of its duplicates. */
  databasesOf: (id: string) => string[];
  /** Record id -> links of the record and of its duplicates (DOI resolver first). */
  linksOf: (id: string) => string[];
  /** Full-text stage: where the report's PDF is, or is expected. */
  pdfOf?: (id: string) => { path: string; exists: boolean };
}

export interface ScreeningContext {
  records: Map<string, BibRecord>;
  uniqueIds: string[];
  canonicalOf: Map<string, string>;
  highlightTerms: HighlightTerm[];
  recordContext: RecordContext;
}

/** Where a record can be read: its DOI at doi.org, then the source's links, then PubMed. */
export function recordLinks(record: BibRecord): string[] {
  const links = [
    record.doi ? `https://doi.org/${record.doi}` : undefined,
    record.url,
    ...record.fullTextUrls,
    record.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/` : undefined,
  ];
  return [...new Set(links.filter((x): x is string => !!x && /^(https?|ftp):\/\//i.test(x.trim())).map((x) => x.trim()))];
}

/** Records, canonical ids after dedup, and where each record (with its duplicates) came from. */
export function loadScreeningContext(review: Review): ScreeningContext {
  const all = review.records();
  const dedup = computeDedupState(all, review.events);
  const records = new Map(all.map((r) => [r.id, r]));
  const dbs = new Map<string, Set<string>>();
  const links = new Map<string, string[]>();
  // Note: the canonical record's own links come first; a duplicate from another source may add a DOI it lacks.
  const byCanonical = [...all].sort((a, b) => Number((dedup.canonicalOf.get(a.id) ?? a.id) !== a.id) - Number((dedup.canonicalOf.get(b.id) ?? b.id) !== b.id));
  for (const r of byCanonical) {
    const canonical = dedup.canonicalOf.get(r.id) ?? r.id;
    const set = dbs.get(canonical) ?? new Set<string>();
    set.add(r.provenance.database ?? r.provenance.source);
    dbs.set(canonical, set);
    links.set(canonical, [...new Set([...(links.get(canonical) ?? []), ...recordLinks(r)])]);
  }
  const highlightTerms = compileHighlightTerms(review.protocol);
  return {
    records,
    uniqueIds: dedup.uniqueIds,
    canonicalOf: dedup.canonicalOf,
    highlightTerms,
    recordContext: {
      language: review.protocol.language,
      highlightTerms,
      databasesOf: (id) => [...(dbs.get(id) ?? [])],
      linksOf: (id) => sortLinks(links.get(id) ?? []),
      pdfOf: (id) => findPdf(path.join(review.paths.root, FULLTEXT_DIR), id),
    },
  };
}

/** DOI resolver links first (the most stable), the rest in the order found. */
function sortLinks(links: string[]): string[] {
  return [...links.filter((l) => l.startsWith('https://doi.org/')), ...links.filter((l) => !l.startsWith('https://doi.org/'))];
}

/** Folder of the review where the full-text stage looks for each report's PDF. */
export const FULLTEXT_DIR = 'fulltext';

/**
 * The PDF of a record's report: `fulltext/<id>.pdf`, or any PDF there whose name starts with the id
 * (`i001-00012 Silva 2019.pdf`). When none is there, the path where it is expected.
 */
export function findPdf(dir: string, id: string): { path: string; exists: boolean } {
  const expected = path.join(dir, `${id}.pdf`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { path: expected, exists: false };
  }
  const name = names.filter((n) => /\.pdf$/i.test(n) && n.startsWith(id) && !/^\d/.test(n.slice(id.length))).sort()[0];
  return name ? { path: path.join(dir, name), exists: fs.statSync(path.join(dir, name)).isFile() } : { path: expected, exists: false };
}

/** Run the protocol's limits over imports no earlier run checked; each exclusion is saved as it is decided. */
export function applyLimits(review: Review): LimitsPlan {
  const plan = planLimits(review.records(), review.protocol.limits, review.events);
  for (const e of plan.events) review.append(e as NewEvent<EventBase>);
  return plan;
}

/** Read a CSV the user gives (UTF-8, UTF-16 or the Windows-1252 that Excel writes in Brazil). Code `USER_CSV_NOT_FOUND`. */
export function readUserCsv(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new CodedUserError('USER_CSV_NOT_FOUND', { file });
  }
  return decodeBytes(bytes, file).text;
}

/**
 * Apply a decisions CSV: all rows checked first; any problem throws (code `DECISIONS_REJECTED`,
 * the problems as diagnostics) and nothing is saved. `msg` words each row's problem.
 */
export function applyDecisionFile(
  review: Review,
  ctx: ScreeningContext,
  text: string,
  file: string,
  opts: { stage: Stage; reviewer?: string; mode: 'screen' | 'resolve'; msg: DecisionMessages },
): { applied: number; unchanged: number } {
  const table = readCsvTable(text, file);
  const fatal = table.diagnostics.filter((d) => d.fatal);
  if (fatal.length > 0) throw new CodedUserError('DECISIONS_REJECTED', { file }, fatal);
  const plan = planCsvDecisions(
    table,
    file,
    {
      uniqueIds: ctx.uniqueIds,
      canonicalOf: ctx.canonicalOf,
      events: review.events,
      reasons: review.protocol.eligibility.exclusion.map((c) => c.code),
      reviewer: opts.reviewer,
      stage: opts.stage,
      mode: opts.mode,
    },
    opts.msg,
  );
  if (plan.problems.length > 0) throw new CodedUserError('DECISIONS_REJECTED', { file }, plan.problems);
  for (const e of plan.events) review.append(e as NewEvent<EventBase>);
  return { applied: plan.events.length, unchanged: plan.unchanged };
}
