/**
 * The search log of an imported export: `review import FILE --query TEXT --searched-on DATE`
 * puts a `search` object in the import event, so the report can give every database's
 * exact strategy and date (PRISMA-S items 8 and 13), not only for live searches. Without --query
 * the strategy is the one `review search --dry-run` prints for that source; without --searched-on
 * the date is the file's modification day.
 */
import fs from 'node:fs';
import { CodedUserError } from '../../core/errors.js';
import type { ImportedSearch } from '../../core/query/searchEvent.js';
import { COMPILERS, compileFor, type SearchSourceId } from '../../core/query/index.js';
import { PUBMED_WEB_PLATFORM } from '../../core/query/pubmed.js';
import type { Review } from '../../project/review.js';

export type { ImportedSearch };

/** Every source the protocol's strategy is compiled for: its export gets that strategy as its search log. */
const PLANNED = Object.keys(COMPILERS) as SearchSourceId[];

/** A --searched-on value: a real calendar day written YYYY-MM-DD, not after `today`. */
export function parseSearchedOn(raw: string, today: Date = new Date()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) throw new CodedUserError('SEARCHED_ON_BAD', { value: raw });
  if (d.getTime() > today.getTime()) throw new CodedUserError('SEARCHED_ON_FUTURE', { value: raw });
  return m[0];
}

/**
 * The search behind one imported file, when its source is one the protocol compiles for or a
 * --query was given (an export of unknown origin with no query says nothing worth logging).
 */
export function importedSearch(review: Review, imported: { source: string; database?: string; read: number }, filePath: string, options: { query?: string; searchedOn?: string }): ImportedSearch | undefined {
  const planned = PLANNED.includes(imported.source as SearchSourceId);
  if (!planned && !options.query) return undefined;
  const compiled = planned ? compileFor(imported.source as SearchSourceId, review.protocol) : undefined;
  // Note: the file's modification day is when the portal wrote the export, unless it was copied since.
  const searchedOn = options.searchedOn ?? fs.statSync(filePath).mtime.toISOString().slice(0, 10);
  return {
    databases: imported.database ? [imported.database] : (compiled?.databases ?? []),
    // Note: an export was searched on the portal's web page; only PubMed's API is another platform than its site.
    platform: imported.source === 'pubmed' ? PUBMED_WEB_PLATFORM : (compiled?.platform ?? ''),
    query: options.query ?? compiled?.query ?? '',
    queryFrom: options.query ? 'user' : 'protocol',
    searchedOn,
    searchedOnFrom: options.searchedOn ? 'user' : 'file',
    limits: compiled?.limits ?? [],
    hits: imported.read,
  };
}
