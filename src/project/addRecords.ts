/**
 * Add parsed records to a review: give them ids, write their records file atomically,
 * then append the import event that makes them count. Used by `import` and `search`.
 * A crash between the two steps leaves an orphan records file that nothing counts.
 */
import fs from 'node:fs';
import type { BibRecord, ParsedRecord } from '../core/record.js';
import { eventsOfType, type ImportEvent, type NewEvent } from '../core/events.js';
import type { RecordsWriter, Review } from './review.js';

export type ImportMeta = Omit<NewEvent<ImportEvent>, 'type' | 'importId' | 'recordsFile' | 'recordsRead'>;

/** Next import id: `i001`, `i002`... (also used for live searches). `ahead` skips imports not yet logged. */
export function nextImportId(review: Review, ahead = 0): string {
  const n = eventsOfType<ImportEvent>(review.events, 'import').length + 1 + ahead;
  return `i${String(n).padStart(3, '0')}`;
}

export function recordId(importId: string, index: number): string {
  return `${importId}-${String(index + 1).padStart(5, '0')}`;
}

/** A record as its records file holds it, without `id` when the id is given later (see adoptLines). */
export function recordLine(parsed: ParsedRecord, importId: string, id?: string): string {
  const provenance = { ...parsed.provenance, importId };
  return JSON.stringify(id === undefined ? { ...parsed, provenance } : { id, ...parsed, provenance });
}

/** Where a line without id starts; adoptLines puts `{"id":"…",` in place of its `{`. */
const LINE_START = Buffer.from('{"');

/**
 * The records of one import on their way into the review: each gets its id and is written as
 * a JSON line the moment it is parsed, so a large import never holds its records in memory.
 * Nothing counts until `commit` renames the file and appends the import event; `discard`
 * leaves the review as it was.
 */
export class PendingImport {
  readonly recordsFile: string;
  /** Records written so far. */
  count = 0;
  private readonly writer: RecordsWriter;
  private readonly sources = new Map<string, number>();
  private readonly databases = new Set<string | undefined>();

  /** `ahead`: how many imports of the same command come before this one (their ids are taken). */
  constructor(
    private readonly review: Review,
    ahead = 0,
  ) {
    this.importId = nextImportId(review, ahead);
    this.recordsFile = `${this.importId}.jsonl`;
    this.writer = review.recordsWriter(this.recordsFile);
  }

  readonly importId: string;

  /** Give the record its id and write it; returns it as stored. */
  add(parsed: ParsedRecord): BibRecord {
    const record: BibRecord = { id: recordId(this.importId, this.count), ...parsed, provenance: { ...parsed.provenance, importId: this.importId } };
    this.writer.write(JSON.stringify(record));
    this.count++;
    this.tally(parsed.provenance.source, 1);
    this.databases.add(parsed.provenance.database);
    return record;
  }

  /**
   * Append records another thread wrote as `recordLine(parsed, importId)` lines (no id) to the
   * file `linesFile`, giving each the next id. `sources`/`databases`: what those records name.
   */
  adoptLines(linesFile: string, sources: Iterable<[string, number]>, databases: Iterable<string | undefined>): void {
    const fd = fs.openSync(linesFile, 'r');
    try {
      // Note: 64 KB reads keep each joined batch small enough for malloc to reuse (no fresh pages).
      let buf = Buffer.allocUnsafe(64 * 1024);
      let carried = 0;
      for (;;) {
        const n = fs.readSync(fd, buf, carried, buf.length - carried, null);
        const filled = carried + n;
        const out: Buffer[] = [];
        let start = 0;
        for (let lf = buf.indexOf(10, 0); lf >= 0 && lf < filled; lf = buf.indexOf(10, start)) {
          if (buf.compare(LINE_START, 0, 2, start, start + 2) !== 0) throw new Error(`${linesFile}: a line does not start with {"`);
          out.push(Buffer.from(`{"id":"${recordId(this.importId, this.count)}",`), buf.subarray(start + 1, lf + 1));
          this.count++;
          start = lf + 1;
        }
        if (out.length > 0) this.writer.writeBytes(Buffer.concat(out));
        carried = filled - start;
        if (n === 0) {
          if (carried > 0) throw new Error(`${linesFile}: the last line has no end`);
          break;
        }
        if (carried === buf.length) {
          // Note: one record longer than the buffer (a huge abstract): make room for it.
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        } else buf.copy(buf, 0, start, filled);
      }
    } finally {
      fs.closeSync(fd);
    }
    for (const [source, n] of sources) this.tally(source, n);
    for (const d of databases) this.databases.add(d);
  }

  private tally(source: string, n: number): void {
    this.sources.set(source, (this.sources.get(source) ?? 0) + n);
  }

  /** The source most records name. */
  mostCommonSource(): string | undefined {
    let best: string | undefined;
    let n = 0;
    for (const [source, c] of this.sources) if (c > n) (best = source), (n = c);
    return best;
  }

  /** The database every record names, if they all name the same one. */
  commonDatabase(): string | undefined {
    return this.databases.size === 1 ? [...this.databases][0] : undefined;
  }

  /** Put the records file in place, then log the import: from then on the records count. */
  commit(meta: ImportMeta): ImportEvent {
    // Note: ids were given before the import was logged; a different id now would mislabel every record.
    const expected = nextImportId(this.review);
    if (expected !== this.importId) {
      this.writer.discard();
      throw new Error(`import id ${this.importId} was given to records, but the log's next import is ${expected}`);
    }
    this.writer.commit();
    return this.review.append<ImportEvent>({
      type: 'import',
      importId: this.importId,
      recordsFile: this.recordsFile,
      recordsRead: this.count,
      ...meta,
    });
  }

  discard(): void {
    this.writer.discard();
  }
}

/** Add records already in memory (a live search's pages, tests) as one import. */
export function addRecords(review: Review, parsed: readonly ParsedRecord[], meta: ImportMeta): { event: ImportEvent; records: BibRecord[] } {
  const pending = new PendingImport(review);
  let records: BibRecord[];
  try {
    records = parsed.map((p) => pending.add(p));
  } catch (e) {
    pending.discard();
    throw e;
  }
  return { event: pending.commit(meta), records };
}
