/**
 * Shared pieces of the CSV-family formats: reading a table in pieces with positioned
 * diagnostics, header keys, row -> record plumbing, author splitting, languages.
 * Every adapter's `parse` is its `stream` fed the whole text, so both give the same records.
 */
import { parse as parseCsv, type Parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { Diagnostic, DiagnosticParams as Params } from '../../core/diagnostics.js';
import { foldAccents, sniffDelimiter } from '../../core/text.js';
import { emptyRecord, normalizeDoi, type Author, type ParsedRecord, type SourceId } from '../../core/record.js';
import { countNewlines } from '../text-stream.js';
import { toLanguageCode } from '../languages.js';
import { cleanText } from '../text.js';
import type { FormatAdapter, ParseOptions, ParseResult, StreamingParser } from '../types.js';

/** One data row and the 1-based line where it starts. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV file read into header and rows; bad rows became diagnostics. */
export interface CsvTable {
  /** Header cells as written, trimmed (BOM removed). */
  header: string[];
  /** `headerKey` of each header cell. */
  keys: string[];
  /** Data rows (`readCsvTable`); empty from `CsvTableReader`, which hands each row on as it is read. */
  rows: CsvRow[];
  delimiter: string;
  diagnostics: Diagnostic[];
  /** Rows seen but unreadable (each has a fatal diagnostic). */
  rejected: number;
  /** Lines before the header that are not part of the table (an exporter's notes), as written. */
  preamble?: string[];
  /** 1-based line of the header (after the preamble, if any). */
  headerLine?: number;
}

/** Remove a leading byte-order mark (U+FEFF) left by the decoder. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Column name -> comparison key: lower case, no accents, letters and digits only.
 * `" Abstract"`, `Publication year`, `publication_year`, `Descriptor(s)` become
 * `abstract`, `publicationyear`, `publicationyear`, `descriptors`.
 */
export function headerKey(name: string): string {
  // Note: NFKC first so that foldAccents' NFD gives the compatibility fold (ﬁ -> fi, ² -> 2).
  return foldAccents(stripBom(name).normalize('NFKC')).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Header keys that name a title column: what tells a header after preamble lines from those lines. */
const TITLE_KEYS = new Set(['title', 'ti', 'articletitle', 'documenttitle', 'primarytitle', 'titulo']);

/** Preamble lines are looked for among this many first non-blank lines. */
const PREAMBLE_SCAN = 40;

/** Where the header line is in a text's first lines: its index among the split lines, and the lines before it. */
export interface HeaderPlace {
  /** 0-based index of the header in `lines` (the text split at `\n`). */
  index: number;
  /** The non-blank lines before the header (exporters' notes: query, date, database), as written. */
  preamble: string[];
}

function cellsOf(line: string): string[] | undefined {
  try {
    const rows = parse(line, { delimiter: sniffDelimiter(line), relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch {
    return undefined;
  }
}

/**
 * The header line of delimited text whose first lines may be an exporter's preamble (Embase.com
 * writes the session name, the search strategy and its date before the table). The header is the
 * first non-blank line, unless that line holds fewer than three cells: then it is the first line
 * among the next ones with three or more cells of which one names a title column, and the lines
 * before it are the preamble (a strategy table of `#1,query,hits` rows included). Without such a
 * line the first line stays the header. Undefined while `complete` is false and the lines seen
 * cannot decide yet.
 * Note: a table whose first line has three cells or more is never searched further, so the files
 * read before preambles were known read exactly as before.
 */
export function locateHeader(lines: readonly string[], complete: boolean): HeaderPlace | undefined {
  let first = -1;
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    // Note: the last piece of an incomplete text may be half a line; it decides nothing yet.
    if (!complete && i === lines.length - 1) return undefined;
    const line = lines[i];
    if (!line.trim()) continue;
    const cells = cellsOf(line) ?? [line];
    const wide = cells.filter((c) => c.trim() !== '').length >= 3;
    if (first < 0) {
      first = i;
      if (wide) return { index: i, preamble: [] };
    } else if (wide && cells.some((c) => TITLE_KEYS.has(headerKey(c)))) {
      return { index: i, preamble: lines.slice(first, i).filter((l) => l.trim() !== '') };
    }
    if (++seen >= PREAMBLE_SCAN) break;
  }
  if (first < 0) return complete ? { index: 0, preamble: [] } : undefined;
  return { index: first, preamble: [] };
}

/** Header keys of the header line of `head` (for sniffing), past any preamble; a line without delimiter gives one key. */
export function sniffHeaderKeys(head: string): string[] {
  const lines = stripBom(head).split(/\r\n|\n|\r/);
  const place = locateHeader(lines, true);
  const line = place ? (lines[place.index] ?? '') : '';
  if (!line.trim()) return [];
  const cells = cellsOf(line);
  if (!cells) return [];
  const keys = cells.map(headerKey);
  return keys.length === 1 && !keys[0] ? [] : keys;
}

/** Share of `wanted` keys present in `keys` (0..1). */
export function keyCoverage(keys: readonly string[], wanted: readonly string[]): number {
  const have = new Set(keys);
  return wanted.filter((k) => have.has(k)).length / wanted.length;
}

/** A diagnostic: its code and the values its sentence names (the UI makes the sentence). */
export function diagnostic(code: string, params: Params, file: string, line: number, fatal: boolean): Diagnostic {
  return { code, params, file, line, fatal };
}

/** Line where a record starts: its last line minus the line ends inside its (quoted) cells. */
function startLine(endLine: number, cells: readonly string[]): number {
  let inner = 0;
  for (const c of cells) if (c.includes('\n')) inner += countNewlines(c);
  return endLine - inner;
}

interface CsvParseError {
  code?: string;
  message?: string;
  lines?: number;
  record?: unknown[];
}

/** What a table read in pieces reports as it goes. */
export interface CsvTableEvents {
  /** The header row, once read (before any data row); the table has no rows and no diagnostics yet. */
  header?(table: CsvTable): void;
  /** One data row, as soon as it is complete. */
  row?(row: CsvRow): void;
}

/** A row csv-parse could not read; its line is known once a non-blank line at or after `from` is seen. */
interface SkippedRow {
  from: number;
  line: number;
  kind: 'count' | 'quote' | 'row';
  got: number;
  detail: string;
}

/** A line that has something besides blanks and delimiters (see `CsvTableReader.scan`). */
const SOLID = /[^\s,;\t]/g;

/**
 * Delimited text read in pieces, in order (pieces may split anywhere: inside a quoted cell,
 * between CR and LF, inside the header). The header and each row go to `events` as soon as
 * they are complete, so only the current row is held. Line ends may be CRLF, LF or CR; the
 * delimiter is detected on the header line unless given. A row that csv-parse cannot read
 * (wrong column count, unclosed quote) becomes a fatal diagnostic with its line.
 */
export class CsvTableReader {
  /** Line ends read so far. */
  line = 0;
  private started = false;
  /** A CR ended the last piece: it may be the first half of a CRLF. */
  private cr = false;
  /** Whether anything but whitespace was read (a blank file is `CSV_EMPTY`). */
  private nonBlank = false;
  /** Text before the header line is complete (the delimiter is detected on it). */
  private head = '';
  /** In `head`: how far it was searched for a line end. */
  private headSearched = 0;
  private parser: Parser | undefined;
  private readonly table: CsvTable = { header: [], keys: [], rows: [], delimiter: ',', diagnostics: [], rejected: 0 };
  private hasHeader = false;
  private dataRows = 0;
  /** Copies of the header row among the data rows: how many, and the line of the first. */
  private repeats = { count: 0, line: 0 };
  /** Line where the last good row ends. */
  private lastEnd = 0;
  /** Whether the current (last, incomplete) line has been seen to be non-blank. */
  private lineSolid = false;
  /** Non-blank lines, in order, from about the last good row on (older ones are dropped as rows pass). */
  private solid: number[] = [];
  private skipped: SkippedRow[] = [];
  /** Skipped rows whose start line is not known yet (no non-blank line after the last good row so far). */
  private waiting: SkippedRow[] = [];
  /** A csv-parse failure that stops the reading (it does not happen with the options used; kept as the sync reader had it). */
  private failure: Diagnostic | undefined;
  /** An exception thrown by `events` inside csv-parse's callbacks, rethrown once csv-parse returns. */
  private thrown: { error: unknown } | undefined;

  constructor(
    private readonly file: string,
    private readonly events: CsvTableEvents = {},
    private readonly delimiter?: string,
    /** False for exports that never quote (Web of Science tab-delimited): a `"` is then text. */
    private readonly quoting = true,
  ) {}

  /** Feed the next piece of the text. */
  push(piece: string): void {
    let text = piece;
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      text = stripBom(text);
    }
    if (this.cr) {
      text = '\r' + text;
      this.cr = false;
    }
    if (text.charCodeAt(text.length - 1) === 13) {
      this.cr = true;
      text = text.slice(0, -1);
    }
    // Note: csv-parse counts a CRLF as two lines; one line end makes line numbers exact.
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    this.feed(text, false);
  }

  /** No more text: read the last row and return the table (no rows: they went to `events.row`). */
  end(): CsvTable {
    if (this.cr) {
      this.cr = false;
      this.feed('\n', false);
    }
    this.feed('', true);
    const table = this.table;
    if (!this.nonBlank) {
      return { ...table, header: [], keys: [], delimiter: ',', diagnostics: [diagnostic('CSV_EMPTY', {}, this.file, 0, true)], rejected: 0 };
    }
    for (const skip of this.waiting) skip.line = Math.max(skip.from, this.line + 1);
    this.waiting = [];
    const found: Diagnostic[] = [];
    const counts: Diagnostic[] = [];
    for (const s of this.skipped) {
      if (s.kind === 'count') {
        counts.push(diagnostic('CSV_COLUMN_COUNT', { got: s.got, expected: table.header.length }, this.file, s.line, true));
      } else if (s.kind === 'quote') found.push(diagnostic('CSV_BAD_QUOTE', {}, this.file, s.line, true));
      else found.push(diagnostic('CSV_BAD_ROW', { detail: s.detail }, this.file, s.line, true));
    }
    table.rejected = this.skipped.length;
    if (this.failure) {
      table.rejected++;
      table.diagnostics = [...found, this.failure];
      return { ...table, header: [], keys: [] };
    }
    if (!this.hasHeader) {
      table.diagnostics = [...found, diagnostic('CSV_EMPTY', {}, this.file, 0, true)];
      return table;
    }
    if (this.repeats.count > 0) counts.push(diagnostic('CSV_HEADER_REPEATED', { count: this.repeats.count }, this.file, this.repeats.line, false));
    table.diagnostics = [...found, ...counts].sort((a, b) => a.line - b.line);
    if (this.dataRows === 0 && table.rejected === 0) table.diagnostics.push(diagnostic('CSV_NO_ROWS', {}, this.file, 1, false));
    return table;
  }

  /** Normalised text (BOM removed, `\n` line ends) on to csv-parse, once the delimiter is known. */
  private feed(text: string, last: boolean): void {
    if (!this.nonBlank && /\S/.test(text)) this.nonBlank = true;
    this.scan(text);
    if (!this.parser) {
      this.head += text;
      const delimiter = this.delimiter ?? this.headerDelimiter(last);
      if (delimiter === undefined) return;
      this.start(delimiter);
      text = this.head;
      this.head = '';
    }
    if (this.failure) return;
    const parser = this.parser!;
    if (text.length > 0) parser.write(text);
    if (last) parser.end();
    if (this.thrown) throw this.thrown.error;
    const err = parser.errored as CsvParseError | null;
    if (err) {
      this.failure = diagnostic('CSV_BAD_ROW', { detail: err.message ?? String(err) }, this.file, err.lines ?? 0, true);
    }
  }

  /**
   * The delimiter of the header line, once the header is found (see `locateHeader`; or the text
   * ended); else undefined. Lines before the header (a preamble) are blanked in `head`, so that
   * csv-parse skips them and still counts lines as the file has them; they are kept in the table.
   * Note: a header cell holding a line end is not something exporters write.
   */
  private headerDelimiter(last: boolean): string | undefined {
    const head = this.head;
    if (!last && head.indexOf('\n', this.headSearched) < 0) {
      this.headSearched = head.length;
      return undefined;
    }
    this.headSearched = head.length;
    const lines = head.split('\n');
    const place = locateHeader(lines, last);
    if (!place) return undefined;
    this.table.headerLine = place.index + 1;
    if (place.preamble.length > 0) {
      this.table.preamble = place.preamble;
      const cut = lines.slice(0, place.index).reduce((n, l) => n + l.length + 1, 0);
      this.head = '\n'.repeat(place.index) + head.slice(cut);
    }
    return sniffDelimiter(lines[place.index] ?? '');
  }

  private start(delimiter: string): void {
    this.table.delimiter = delimiter;
    const parser = parseCsv({
      delimiter,
      ...(this.quoting ? {} : { quote: false }),
      relax_quotes: true,
      // Note: rows with more cells than the header come to onRecord, which takes a trailing
      // delimiter (PubMed's CSV of 2019 ends every row with ",") and rejects real extra cells.
      relax_column_count_more: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      skip_records_with_error: true,
      on_skip: (err: CsvParseError | undefined): undefined => {
        this.onSkip(err);
        return undefined;
      },
      on_record: (record: string[], context: { lines: number }) => {
        if (this.thrown) return null;
        try {
          this.onRecord(record, context.lines);
        } catch (e) {
          this.thrown = { error: e };
        }
        return null;
      },
    });
    // Note: records never reach the readable side (on_record takes them), so csv-parse calls back
    // synchronously inside write() and end(). A failure is read from `errored` after each call.
    parser.on('error', () => {});
    this.parser = parser;
  }

  private onRecord(cells: string[], endLine: number): void {
    const line = startLine(endLine, cells);
    this.lastEnd = endLine;
    if (!this.hasHeader) {
      this.hasHeader = true;
      this.table.header = cells.map((h) => stripBom(h).trim());
      this.table.keys = this.table.header.map(headerKey);
      this.events.header?.({ ...this.table, rows: [], diagnostics: [] });
      return;
    }
    const width = this.table.header.length;
    // Note: legacy PubMed CSV repeats its header every 50 or 200 rows; a copy of the header is no record.
    if (cells.length >= width && cells.every((c, i) => (i < width ? stripBom(c).trim() === this.table.header[i] : c.trim() === ''))) {
      if (this.repeats.count++ === 0) this.repeats.line = line;
      return;
    }
    if (cells.length > width) {
      if (cells.slice(width).some((c) => c.trim() !== '')) {
        this.skipped.push({ from: line, line, kind: 'count', got: cells.length, detail: '' });
        return;
      }
      cells = cells.slice(0, width);
    }
    this.dataRows++;
    this.events.row?.({ line, cells });
  }

  private onSkip(err: CsvParseError | undefined): void {
    const code = err?.code ?? '';
    const skip: SkippedRow = { from: this.lastEnd + 1, line: 0, kind: 'row', got: 0, detail: err?.message ?? code };
    this.lastEnd = Math.max(this.lastEnd, err?.lines ?? this.lastEnd);
    if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' || code === 'CSV_RECORD_INCONSISTENT_COLUMNS') {
      skip.kind = 'count';
      skip.got = Array.isArray(err?.record) ? err.record.length : Number(/got (\d+)/.exec(err?.message ?? '')?.[1] ?? 0);
    } else if (/QUOTE/.test(code)) skip.kind = 'quote';
    this.skipped.push(skip);
    // Note: a skipped record has no cells to count; it starts at the first non-blank line after
    // the last good record. That line has been scanned already unless the text ended.
    const solid = this.solid;
    let lo = 0;
    let hi = solid.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (solid[mid] < skip.from) lo = mid + 1;
      else hi = mid;
    }
    if (lo < solid.length) skip.line = solid[lo];
    else this.waiting.push(skip);
  }

  /** Count the line ends of `text` and note its non-blank lines (for the start line of skipped rows). */
  private scan(text: string): void {
    // Note: lines before the last good row can no longer start a skipped row.
    if (this.solid.length > 64 && this.solid[this.solid.length >> 1] <= this.lastEnd) {
      this.solid = this.solid.filter((n) => n > this.lastEnd);
    }
    let pos = 0;
    for (;;) {
      if (!this.lineSolid) {
        SOLID.lastIndex = pos;
        const m = SOLID.exec(text);
        if (!m) {
          for (let k = text.indexOf('\n', pos); k !== -1; k = text.indexOf('\n', k + 1)) this.line++;
          return;
        }
        for (let k = text.indexOf('\n', pos); k !== -1 && k < m.index; k = text.indexOf('\n', k + 1)) this.line++;
        this.lineSolid = true;
        this.markSolid(this.line + 1);
        pos = m.index;
      }
      const nl = text.indexOf('\n', pos);
      if (nl < 0) return;
      this.line++;
      this.lineSolid = false;
      pos = nl + 1;
    }
  }

  private markSolid(line: number): void {
    this.solid.push(line);
    while (this.waiting.length > 0 && this.waiting[0].from <= line) this.waiting.shift()!.line = line;
  }
}

/**
 * Read delimited text into a table (see `CsvTableReader`). A row that csv-parse cannot read
 * (wrong column count, unclosed quote) becomes a fatal diagnostic with its line; the others are kept.
 */
export function readCsvTable(text: string, file: string, delimiter?: string): CsvTable {
  const rows: CsvRow[] = [];
  const reader = new CsvTableReader(file, { row: (row) => rows.push(row) }, delimiter);
  reader.push(text);
  const table = reader.end();
  if (table.header.length > 0) table.rows = rows;
  return table;
}

/**
 * Access to one row's cells by header key. Cells taken are marked used; `rest()`
 * returns the others (non-empty) by their header name, for `extra`.
 */
export class RowReader {
  private readonly used = new Set<number>();
  private readonly index: Map<string, number>;

  constructor(
    private readonly table: CsvTable,
    readonly row: CsvRow,
    index: Map<string, number>,
    private readonly unwrap = false,
  ) {
    this.index = index;
  }

  /** The header cells as written (for formats whose columns are tags read in order). */
  get header(): readonly string[] {
    return this.table.header;
  }

  /** Whether the header has a column with this key. */
  has(key: string): boolean {
    return this.index.has(key);
  }

  /**
   * The trimmed raw cell of the first of `keys` that has a non-empty value, marked used.
   * Other non-empty columns among `keys` stay unused, so they still reach `extra`.
   */
  raw(...keys: string[]): string {
    for (const k of keys) {
      const i = this.index.get(k);
      if (i === undefined) continue;
      let v = (this.row.cells[i] ?? '').trim();
      if (!v) continue;
      this.used.add(i);
      // Note: exporters that do not double inner quotes (BVS, SciELO) leave the field's own
      // quotes in the value once csv-parse relaxes them; drop that outer pair.
      if (this.unwrap && v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).trim();
      if (v) return v;
    }
    return '';
  }

  /** Like `raw`, with HTML entities decoded and whitespace collapsed. */
  text(...keys: string[]): string {
    return cleanText(this.raw(...keys));
  }

  /** Mark columns as handled without reading them. */
  skip(...keys: string[]): void {
    for (const k of keys) {
      const i = this.index.get(k);
      if (i !== undefined) this.used.add(i);
    }
  }

  /** Cells not taken, by header name as written (non-empty only). */
  rest(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    this.table.header.forEach((name, i) => {
      if (this.used.has(i)) return;
      const v = (this.row.cells[i] ?? '').trim();
      if (!v) return;
      (out[name || `column${i + 1}`] ??= []).push(v);
    });
    return out;
  }
}

/** What an adapter's row builder can do besides filling the record. */
export interface BuildContext {
  file: string;
  line: number;
  /** Add a diagnostic for this row; a fatal one rejects the record. */
  report(code: string, params?: Params, fatal?: boolean): void;
}

/** How one CSV-family format turns rows into records. */
export interface TableSpec {
  /** Format id stored in provenance. */
  format: string;
  /** Source when the user did not declare one. */
  source: SourceId;
  /** Strip the outer quotes that exporters without quote escaping leave behind. */
  unwrapQuotes?: boolean;
  /** False when the exporter never quotes cells (a `"` is plain text), as Web of Science's tab-delimited file. */
  quoting?: boolean;
  /** Fill `record` from `row`; set `record.provenance.database`/`sourceId` when the row says. */
  build(row: RowReader, record: ParsedRecord, ctx: BuildContext): void;
  /** File-level checks once the table is read (missing columns...). */
  checkTable?(table: CsvTable, file: string): Diagnostic[];
  /** Header keys that hold the title: a record without one is reported only when the table has such a column. */
  titleKeys?: string[];
  /** File-level diagnostics gathered as records pass (summaries): a fresh tally for each file read. */
  tally?(): RecordTally;
}

/** Counts gathered over a file's records as they are built, so that no record has to be kept. */
export interface RecordTally {
  /** One accepted record (before it is handed on). */
  add(record: ParsedRecord): void;
  /** File-level diagnostics once every record has passed. */
  diagnostics(file: string): Diagnostic[];
}

/**
 * The preamble lines as the import log shows them: joined, cut at 500 characters.
 * Note: braces become parentheses so that no preview reads as a message placeholder; the file itself is kept verbatim.
 */
export function preamblePreview(lines: readonly string[]): string {
  return lines.join(' | ').slice(0, 500).replace(/\{/g, '(').replace(/\}/g, ')');
}

/** Remove keys set to undefined, so records compare and serialise the same whoever built them. */
function dropUndefined(record: ParsedRecord): void {
  const bag = record as unknown as Record<string, unknown>;
  for (const key of Object.keys(bag)) if (bag[key] === undefined) delete bag[key];
  const prov = record.provenance as unknown as Record<string, unknown>;
  for (const key of Object.keys(prov)) if (prov[key] === undefined) delete prov[key];
}

/**
 * Read a table fed in pieces and build one record per row, per `spec`; each record goes to
 * `onRecord` as soon as its row is complete. Never throws on bad input.
 */
export function streamTable(options: ParseOptions, spec: TableSpec, onRecord: (record: ParsedRecord) => void): StreamingParser {
  const file = options.file;
  const checks: Diagnostic[] = [];
  const problems: Diagnostic[] = [];
  const tally = spec.tally?.();
  let rejected = 0;
  let table: CsvTable | undefined;
  const index = new Map<string, number>();
  let hasTitleColumn = false;
  const header = (t: CsvTable) => {
    table = t;
    // Note: the preamble (Embase's search and date) goes to the import log with the file's other notes.
    if (t.preamble && t.preamble.length > 0) {
      checks.push(diagnostic('CSV_PREAMBLE', { lines: t.preamble.length, text: preamblePreview(t.preamble) }, file, t.headerLine ?? 1, false));
    }
    if (spec.checkTable) checks.push(...spec.checkTable(t, file));
    t.keys.forEach((k, i) => {
      if (k && !index.has(k)) index.set(k, i);
    });
    hasTitleColumn = (spec.titleKeys ?? ['title']).some((k) => index.has(k));
  };
  const row = (row: CsvRow) => {
    const record = emptyRecord({ source: options.source ?? spec.source, file, line: row.line, format: spec.format });
    const reader = new RowReader(table!, row, index, spec.unwrapQuotes);
    let fatal = false;
    const ctx: BuildContext = {
      file,
      line: row.line,
      report(code, params = {}, isFatal = false) {
        problems.push(diagnostic(code, params, file, row.line, isFatal));
        if (isFatal) fatal = true;
      },
    };
    spec.build(reader, record, ctx);
    dropUndefined(record);
    for (const [name, values] of Object.entries(reader.rest())) (record.extra[name] ??= []).push(...values);
    if (options.database) record.provenance.database = options.database;
    if (record.titles.length === 0 && hasTitleColumn) ctx.report('CSV_NO_TITLE');
    if (fatal) rejected++;
    else {
      tally?.add(record);
      onRecord(record);
    }
  };
  const reader = new CsvTableReader(file, { header, row }, undefined, spec.quoting ?? true);
  return {
    push: (piece) => reader.push(piece),
    get line() {
      return reader.line;
    },
    end() {
      const read = reader.end();
      const diagnostics = [...read.diagnostics];
      if (read.header.length === 0) return { diagnostics, rejected: read.rejected };
      diagnostics.push(...checks, ...problems, ...(tally?.diagnostics(file) ?? []));
      // Note: Array.prototype.sort is stable, so problems of one line keep the order they were found in.
      diagnostics.sort((a, b) => a.line - b.line);
      return { diagnostics, rejected: read.rejected + rejected };
    },
  };
}

/** Parse `text` as a table and build one record per row, per `spec` (`streamTable` fed the whole text). */
export function parseTable(text: string, options: ParseOptions, spec: TableSpec): ParseResult {
  const records: ParsedRecord[] = [];
  const parser = streamTable(options, spec, (r) => records.push(r));
  parser.push(text);
  return { records, ...parser.end() };
}

/** A year from a cell such as `2021`, `2021-03-04` or `2019 Mar`; undefined (and a warning) when there is none. */
export function readYear(value: string, ctx: BuildContext): number | undefined {
  if (!value) return undefined;
  const m = /(?:^|\D)(1[5-9]\d\d|20\d\d)(?:\D|$)/.exec(value);
  if (m) return Number(m[1]);
  ctx.report('CSV_BAD_YEAR', { value });
  return undefined;
}

/** A non-negative integer from a cell, undefined when it is not one. */
export function readCount(value: string): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** Split a list cell on `;` (the exporters' separator), trimmed, empties dropped. */
export function splitList(value: string, separator: RegExp = /\s*;\s*/): string[] {
  if (!value) return [];
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The DOI of a cell; a cell that holds no DOI is reported (CSV_BAD_DOI) and kept in `extra.DOI`. */
export function readDoiCell(cell: string, rec: ParsedRecord, ctx: BuildContext): string | undefined {
  const doi = normalizeDoi(cell);
  if (cell && !doi) {
    ctx.report('CSV_BAD_DOI', { value: cell });
    rec.extra.DOI = [cell];
  }
  return doi;
}

/** `Mello e Souza A.C.` (Scopus, Embase) -> family and the initials as written, dots kept; undefined otherwise. */
export function authorDottedInitials(name: string): Author | undefined {
  const m = /^(.+?)\s+((?:\p{Lu}\.[-‐]?)+)$/u.exec(name.trim());
  return m ? { family: m[1], given: m[2] } : undefined;
}

/** `pages` from start and end page cells: `12-20`, `12`, or undefined. */
export function joinPages(start: string, end: string): string | undefined {
  if (start && end && end !== start) return `${start}-${end}`;
  return start || end || undefined;
}

// ---------------------------------------------------------------- authors

const INITIALS = /^(?:\p{Lu}\.?[-‐]?){1,4}$/u;

/** A name as written when it cannot be split: kept whole in `literal` (and `family`, for sorting). */
export function literalAuthor(name: string): Author {
  return { family: name, literal: name };
}

/** `Family, Given` (BVS, Google Scholar, RIS style). No comma: kept as a literal name. */
export function authorFromFamilyFirst(name: string): Author | undefined {
  const s = cleanText(name).replace(/[,;]\s*$/, '');
  if (!s) return undefined;
  const i = s.indexOf(',');
  if (i === -1) return literalAuthor(s);
  const family = s.slice(0, i).trim();
  const given = s.slice(i + 1).trim();
  if (!family) return literalAuthor(s);
  return given ? { family, given } : { family };
}

/** `Family AB` (PubMed style, initials last). Undefined when the name does not end with initials. */
export function authorInitialsLast(name: string): Author | undefined {
  const parts = cleanText(name).replace(/\.$/, '').split(' ').filter(Boolean);
  if (parts.length < 2 || !INITIALS.test(parts[parts.length - 1])) return undefined;
  return { family: parts.slice(0, -1).join(' '), given: parts[parts.length - 1] };
}

/** `AB Family` (Google Scholar / Publish or Perish style, initials first). Undefined otherwise. */
export function authorInitialsFirst(name: string): Author | undefined {
  const parts = cleanText(name).split(' ').filter(Boolean);
  let n = 0;
  while (n < parts.length - 1 && INITIALS.test(parts[n])) n++;
  if (n === 0) return undefined;
  return { family: parts.slice(n).join(' '), given: parts.slice(0, n).join(' ') };
}

/** One name in any of the common shapes; a literal when none fits (never guesses a split). */
export function authorFromAnyName(name: string): Author | undefined {
  const s = cleanText(name);
  if (!s) return undefined;
  if (s.includes(',')) return authorFromFamilyFirst(s);
  return authorInitialsLast(s) ?? authorInitialsFirst(s) ?? literalAuthor(s);
}

/**
 * An author cell of unknown origin: `;`-separated names (`Family, Given; ...`), or
 * comma-separated initials names (`Silva AB, Souza C` / `AB Silva, C Souza`), or
 * comma-separated pairs (`Silva, Ana, Souza, Carla`), or BibTeX-like ` and `.
 */
export function splitAuthorsCell(value: string): Author[] {
  const s = cleanText(value);
  if (!s) return [];
  if (s.includes(';')) return splitList(s).map(authorFromAnyName).filter((a): a is Author => !!a);
  if (/\s+and\s+/.test(s) && s.includes(',')) return s.split(/\s+and\s+/).map(authorFromAnyName).filter((a): a is Author => !!a);
  if (!s.includes(',')) return [authorFromAnyName(s)!];
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  // Note: a cut list (`..., ...` or `et al.`) keeps the names given and invents none.
  while (parts.length > 1 && /^(?:\.\.\.|…|et al\.?)$/i.test(parts[parts.length - 1])) parts.pop();
  const initialsLast = parts.map(authorInitialsLast);
  if (initialsLast.every(Boolean)) return initialsLast as Author[];
  const initialsFirst = parts.map(authorInitialsFirst);
  if (initialsFirst.every(Boolean)) return initialsFirst as Author[];
  if (parts.length % 2 === 0) {
    const out: Author[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push({ family: parts[i], given: parts[i + 1] });
    return out;
  }
  return [literalAuthor(s)];
}

/**
 * Authors joined by `, ` whose own form is `Family, Given` (SciELO, the older BVS template):
 * parts are read in pairs. A `;` list is read name by name. An odd count keeps the last part
 * as written and reports it (a name without a given name cannot be told apart).
 */
export function splitPairedAuthors(cell: string, ctx?: BuildContext): Author[] {
  if (cell.includes(';')) return splitList(cell).map(authorFromFamilyFirst).filter((a) => a !== undefined);
  const parts = cell.split(/\s*,\s*/).filter(Boolean);
  if (parts.length === 1) return [literalAuthor(parts[0])];
  const authors: Author[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) authors.push({ family: parts[i], given: parts[i + 1] });
  if (parts.length % 2 === 1) {
    authors.push(literalAuthor(parts[parts.length - 1]));
    ctx?.report('CSV_AUTHORS_AMBIGUOUS', { value: cell });
  }
  return authors;
}

// ---------------------------------------------------------------- languages

/** ISO 639-1 code for a language code or name in en/pt/es (the one table: ../languages.ts). */
export { toLanguageCode };

/** Language codes of a cell listing one or more languages (`en; pt`, `Portuguese, English`). */
export function readLanguages(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/\s*[;,|/]\s*|\s+(?:and|e|y)\s+/)) {
    const code = toLanguageCode(part);
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** A CSV-family format's `parse` and `stream`, both reading rows per `spec`. */
export function tableReaders(spec: TableSpec): Required<Pick<FormatAdapter, 'parse' | 'stream'>> {
  return {
    parse: (text, options) => parseTable(text, options, spec),
    stream: (options, onRecord) => streamTable(options, spec, onRecord),
  };
}
