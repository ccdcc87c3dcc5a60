/**
 * The import pipeline: read each file, refuse one already imported, decode, detect the format,
 * parse, and only when every file is acceptable put the verbatim copies and records in place.
 * Records are written to temp files as they are parsed (never all held in memory); any refusal
 * (garbage, a rejected record without --skip-bad, re-import) removes them, throws a UserError and leaves the
 * review exactly as it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../core/diagnostics.js';
import { CodedUserError } from '../../core/errors.js';
import { eventsOfType, type ImportEvent, type SkippedRecord } from '../../core/events.js';
import type { ParsedRecord, SourceId } from '../../core/record.js';
import { decodeBytes } from '../../formats/encoding.js';
import { detectFormat, formatById, formats } from '../../formats/index.js';
import type { FormatAdapter } from '../../formats/types.js';
import { PendingImport } from '../../project/addRecords.js';
import { AtomicFileWriter, removeStaleTemps } from '../../project/atomic.js';
import type { HalfJob, HalfResult } from './importWorker.js';
import { completeUtf8, readRange, TextChecks } from './readPieces.js';
import { safeJoin } from '../../project/layout.js';
import { importedSearch } from './searchLog.js';
import { storageError, type Review } from '../../project/review.js';

export interface ImportOptions {
  /** --source: overrides the format's natural source. */
  source?: SourceId;
  /** --database: overrides the database each record names. */
  database?: string;
  /** --again: import a file even if the same content was imported before. */
  again?: boolean;
  /**
   * --skip-bad: import the readable records of a file that has rejected ones (listed in the
   * import event and the summary). Without it any rejected record refuses the file (and the
   * whole command): no record is lost without the user deciding.
   */
  skipBad?: boolean;
  /** --format: skip detection. */
  format?: string;
  /** --query: the query run in the portal, for the search log (default: the protocol's strategy for the source). */
  query?: string;
  /** --searched-on: the day the search was run, YYYY-MM-DD (default: the file's modification day). */
  searchedOn?: string;
  /** --force: import even when the detected format belongs to another source than --source. */
  force?: boolean;
}

/**
 * Formats only one source writes: its CSV layouts, PubMed's XML, Web of Science plain text. RIS, MEDLINE, BibTeX, the
 * Publish or Perish CSV (which queries several engines) and generic CSV can come from anywhere.
 */
const FORMAT_OWNER: Record<string, SourceId> = {
  'csv-bvs': 'bvs',
  'csv-pubmed': 'pubmed',
  'csv-scielo': 'scielo',
  'csv-gscholar': 'google-scholar',
  'pubmed-xml': 'pubmed',
  'csv-scopus': 'scopus',
  'csv-wos': 'wos',
  wos: 'wos',
  'csv-embase': 'embase',
  'csv-embase-rows': 'embase',
};
const SOURCE_LABEL: Record<string, string> = { bvs: 'BVS', scielo: 'SciELO', pubmed: 'PubMed', 'google-scholar': 'Google Scholar', scopus: 'Scopus', wos: 'Web of Science', embase: 'Embase', other: 'other' };

/** What happened to one file. */
export interface FileImportSummary {
  file: string;
  importId: string;
  storedAs: string;
  sha256: string;
  format: string;
  formatLabel: string;
  encoding: string;
  source: string;
  database?: string;
  read: number;
  rejected: number;
  /** The rejected records imported without (--skip-bad): where each starts and why. */
  skipped: SkippedRecord[];
  warnings: number;
  diagnostics: Diagnostic[];
  /** Threads that parsed the file (2 for a large file split in halves). */
  threads: number;
}

/** One file read, parsed and written to temp files in the review, waiting for the others. */
interface Prepared {
  file: string;
  sha256: string;
  adapter: FormatAdapter;
  encoding: string;
  pending: PendingImport;
  copy: AtomicFileWriter;
  copyPath: string;
  rejected: number;
  diagnostics: Diagnostic[];
  threads: number;
}

/** At most this many diagnostics travel with a refusal (the count says how many there were). */
const MAX_SHOWN = 20;

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CodedUserError('IMPORT_FILE_NOT_FOUND', { file });
    throw new CodedUserError('IMPORT_UNREADABLE', { file, message: code ?? (e as Error).message });
  }
}

/** The head that decides encoding and format. */
const HEAD_BYTES = 64 * 1024;

/** Where the bytes and records of the file being read go as they are read. */
export interface FileSink {
  /** The file's bytes, in order (the verbatim copy). */
  bytes(chunk: Uint8Array): void;
  record(record: ParsedRecord): void;
  /** The read starts over from the beginning: forget the bytes and records received so far. */
  restart(): void;
  /**
   * Records another thread wrote as id-less JSON lines (see PendingImport.adoptLines), to come
   * after those given so far. A sink without it gets large files parsed on one thread.
   */
  adoptLines?(linesFile: string, sources: [string, number][], databases: (string | undefined)[]): void;
  /** With adoptLines: the scratch file the other thread writes to (removed once adopted). */
  scratchFile?: string;
}

/** What reading one file gave; its bytes and records went to the sink. */
export interface FileRead {
  sha256: string;
  encoding: string;
  adapter: FormatAdapter;
  /** Encoding warnings first, then the parser's. */
  diagnostics: Diagnostic[];
  rejected: number;
  records: number;
  /** Threads that parsed the file (2 for a large file split in halves). */
  threads: number;
}

function chooseFormat(file: string, head: string, options: ImportOptions): FormatAdapter {
  const adapter = pickFormat(file, head, options);
  const owner = FORMAT_OWNER[adapter.id];
  // Note: a PubMed CSV imported with --source scielo would show as "PubMed (SciELO)" in PRISMA.
  if (owner && options.source && options.source !== 'other' && options.source !== owner && !options.force)
    throw new CodedUserError('IMPORT_SOURCE_MISMATCH', { file: path.basename(file), format: adapter.id, detected: SOURCE_LABEL[owner], given: SOURCE_LABEL[options.source] ?? options.source });
  return adapter;
}

function pickFormat(file: string, head: string, options: ImportOptions): FormatAdapter {
  if (!options.format) return detectFormat(file, head);
  const forced = formatById(options.format);
  if (!forced) throw new CodedUserError('IMPORT_UNKNOWN_FORMAT', { format: options.format, formats: formats.map((f) => f.id).join(', ') });
  return forced;
}

/** Files at least this large are parsed in two halves at once (when a second core is there). */
const SPLIT_FROM = 8 * 2 ** 20;
/** A worker that has read nothing for this long is given up on; the main thread parses its half. */
const WORKER_STALL_MS = 30_000;

/** Where the second half of a large file starts (just after a record), or undefined to read it as one. */
function splitPoint(fd: number, size: number, adapter: FormatAdapter, head: string): number | undefined {
  if (!adapter.recordBoundary || size < SPLIT_FROM) return undefined;
  if (process.env.REVIEW_THREADS === '1' || os.availableParallelism() < 2) return undefined;
  // Note: a lone-CR file would count its lines differently in the worker; such files are rare.
  const cr = head.indexOf('\r');
  if (cr >= 0 && head.charCodeAt(cr + 1) !== 10) return undefined;
  const window = Buffer.allocUnsafe(2 ** 20);
  const middle = Math.floor(size / 2);
  const n = fs.readSync(fd, window, 0, window.length, middle);
  const boundary = adapter.recordBoundary(window.subarray(0, n));
  return boundary > 0 && middle + boundary < size ? middle + boundary : undefined;
}

const WORKER_FILE = new URL('./importWorker.js', import.meta.url);

/** The worker parsing the second half; `wait` blocks until its result (undefined if it stalled). */
function startHalfWorker(job: Omit<HalfJob, 'signal' | 'port'>): { wait(): HalfResult | undefined; stop(): void } | undefined {
  // Note: run from the TypeScript sources (tests), there is no compiled worker: parse on one thread.
  if (!fs.existsSync(fileURLToPath(WORKER_FILE))) return undefined;
  const signal = new SharedArrayBuffer(8);
  const state = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_FILE, { workerData: { ...job, signal, port: port2 }, transferList: [port2] });
  worker.unref();
  return {
    wait() {
      let progress = Atomics.load(state, 1);
      let quietSince = Date.now();
      while (Atomics.wait(state, 0, 0, 1000) === 'timed-out') {
        const now = Atomics.load(state, 1);
        if (now !== progress) (progress = now), (quietSince = Date.now());
        else if (Date.now() - quietSince > WORKER_STALL_MS) {
          void worker.terminate();
          return undefined;
        }
      }
      const result = receiveMessageOnPort(port1)?.message as HalfResult | undefined;
      port1.close();
      void worker.terminate();
      return result;
    },
    stop() {
      // Note: the main thread gave up on the file (not UTF-8 after all); the worker's scratch file
      // is a hidden temp file in the records folder, which nothing reads.
      port1.close();
      void worker.terminate();
    },
  };
}

/**
 * A UTF-8 file in a format that parses in pieces: hashed, copied, validated, decoded and parsed
 * as it streams, so neither its bytes nor its text nor its records are ever held whole. A large
 * file is parsed in two halves at once, the second by a worker thread.
 * Undefined when the file is not that case; the caller then restarts with a whole read.
 */
function readStreaming(filePath: string, file: string, options: ImportOptions, sink: FileSink, importId: string | undefined): FileRead | undefined {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch {
    return undefined;
  }
  let linesFile: string | undefined;
  let worker: { wait(): HalfResult | undefined; stop(): void } | undefined;
  try {
    const size = fs.fstatSync(fd).size;
    const headBytes = Buffer.alloc(HEAD_BYTES);
    const headLength = fs.readSync(fd, headBytes, 0, headBytes.length, 0);
    const head = decodeBytes(headBytes.subarray(0, completeUtf8(headBytes, headLength)), file);
    if (head.binary || (head.encoding !== 'utf-8' && head.encoding !== 'utf-8-bom') || head.text.trim() === '') return undefined;
    const adapter = chooseFormat(file, head.text, options);
    if (!adapter.stream) return undefined;
    let records = 0;
    const parser = adapter.stream({ file, source: options.source, database: options.database }, (r) => {
      records++;
      sink.record(r);
    });
    const hash = crypto.createHash('sha256');
    const onBytes = (bytes: Uint8Array) => {
      hash.update(bytes);
      sink.bytes(bytes);
    };
    const checks = new TextChecks(file);
    const skip = head.encoding === 'utf-8-bom' ? 3 : 0;
    const split = importId && sink.adoptLines && sink.scratchFile ? splitPoint(fd, size, adapter, head.text) : undefined;
    worker =
      split === undefined
        ? undefined
        : startHalfWorker({ filePath, file, from: split, to: size, formatId: adapter.id, source: options.source, database: options.database, importId: importId!, linesFile: sink.scratchFile! });
    const end = worker ? split! : size;
    if (!readRange(fd, 0, end, { onBytes, parser, checks, skip })) return undefined;
    let second: Extract<HalfResult, { ok: true }> | undefined;
    if (worker) {
      readRange(fd, end, size, { onBytes });
      const result = worker.wait();
      worker = undefined;
      if (result?.ok) linesFile = result.linesFile;
      if (result && !result.ok && result.notUtf8) return undefined;
      if (result?.ok) second = result;
      // Note: a worker that failed or stalled leaves its half to this thread; the result is the same.
      else if (!readRange(fd, end, size, { parser, checks })) return undefined;
    }
    const parsed = parser.end();
    let diagnostics = [...checks.diagnostics, ...parsed.diagnostics];
    let rejected = parsed.rejected;
    if (second) {
      sink.adoptLines!(second.linesFile, second.sources, second.databases);
      records += second.records;
      rejected += second.rejected;
      const seen = new Set(checks.diagnostics.map((d) => d.code));
      const textChecks = second.diagnostics.filter((d) => d.code.startsWith('ENCODING_') && !seen.has(d.code));
      const rest = second.diagnostics.filter((d) => !d.code.startsWith('ENCODING_'));
      diagnostics = [...checks.diagnostics, ...textChecks, ...parsed.diagnostics, ...rest];
    }
    return { sha256: hash.digest('hex'), encoding: head.encoding, adapter, diagnostics, rejected, records, threads: second ? 2 : 1 };
  } finally {
    fs.closeSync(fd);
    worker?.stop();
    if (linesFile) fs.rmSync(linesFile, { force: true });
  }
}

function readWhole(filePath: string, file: string, options: ImportOptions, sink: FileSink, checkSha: (sha: string) => void): FileRead {
  const bytes = readBytes(filePath);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  checkSha(sha256);
  const decoded = decodeBytes(bytes, file);
  if (decoded.binary) throw new CodedUserError('IMPORT_BINARY', { file: filePath });
  if (decoded.text.trim() === '' || decoded.text.replace(/[\s\ufeff]/g, '') === '') throw new CodedUserError('IMPORT_EMPTY', { file: filePath });
  sink.bytes(bytes);
  const adapter = chooseFormat(file, decoded.text.slice(0, HEAD_BYTES), options);
  const result = adapter.parse(decoded.text, { file, source: options.source, database: options.database });
  for (const r of result.records) sink.record(r);
  return {
    sha256,
    encoding: decoded.encoding,
    adapter,
    diagnostics: [...decoded.diagnostics, ...result.diagnostics],
    rejected: result.rejected,
    records: result.records.length,
    threads: 1,
  };
}

/**
 * Read and parse one file, handing its bytes and records to `sink` as they come. Throws a
 * UserError for a file that cannot be imported at all (missing, binary, empty, re-imported).
 */
export function readFileInto(filePath: string, options: ImportOptions, sink: FileSink, checkSha: (sha: string) => void = () => {}, importId?: string): FileRead {
  const file = path.basename(filePath);
  const streamed = readStreaming(filePath, file, options, sink, importId);
  if (streamed) {
    checkSha(streamed.sha256);
    return streamed;
  }
  sink.restart();
  return readWhole(filePath, file, options, sink, checkSha);
}

/** At most this many skipped records are listed one by one in the import event. */
const MAX_SKIPPED_LISTED = 1000;

/** Where the rejected records of a read start, and why (from their fatal diagnostics). */
function skippedOf(read: { diagnostics: Diagnostic[] }): SkippedRecord[] {
  return read.diagnostics.filter((d) => d.fatal).map((d) => ({ line: d.line, code: d.code }));
}

/** Refuse a file whose read gave no record, or (without --skip-bad) any rejected record. */
function checkOutcome(filePath: string, read: FileRead, options: ImportOptions): void {
  const fatal = read.diagnostics.filter((d) => d.fatal);
  if (read.records === 0) {
    if (read.rejected > 0) throw new CodedUserError('IMPORT_ALL_REJECTED', { file: filePath, rejected: read.rejected, format: read.adapter.id }, fatal.slice(0, MAX_SHOWN));
    const first = read.diagnostics.find((d) => d.line > 0)?.line ?? 1;
    // Note: `expected` names the format whose layout was expected; the UI says what that layout is (import.expect.<id>).
    throw new CodedUserError('IMPORT_NO_RECORDS', { file: `${filePath}:${first}`, format: read.adapter.id, expected: read.adapter.id }, read.diagnostics.slice(0, MAX_SHOWN));
  }
  if (!options.skipBad && read.rejected > 0) {
    const lines = fatal.filter((d) => d.line > 0).slice(0, 5).map((d) => d.line);
    throw new CodedUserError('IMPORT_REJECTED', { file: filePath, rejected: read.rejected, lines: lines.join(', ') + (read.rejected > lines.length ? ', …' : '') }, fatal.slice(0, MAX_SHOWN));
  }
}

/**
 * Read, check and parse one file into temp files of the review (its verbatim copy and its
 * records file); nothing counts until `commitPrepared`. `ahead`: files of this command before it.
 */
function prepareFile(review: Review, filePath: string, options: ImportOptions, seen: Map<string, string>, ahead: number): Prepared {
  const file = path.basename(filePath);
  let pending: PendingImport | undefined;
  let copy: AtomicFileWriter | undefined;
  let copyPath = '';
  const open = () => {
    pending = new PendingImport(review, ahead);
    copyPath = safeJoin(review.paths.files, `${pending.importId}-${file}`);
    try {
      copy = new AtomicFileWriter(copyPath);
    } catch (e) {
      throw storageError(e, copyPath);
    }
  };
  const discard = () => {
    pending?.discard();
    copy?.discard();
  };
  const sink: FileSink = {
    bytes: (chunk) => {
      try {
        copy!.writeBytes(chunk);
      } catch (e) {
        throw storageError(e, copyPath);
      }
    },
    record: (r) => pending!.add(r),
    adoptLines: (linesFile, sources, databases) => pending!.adoptLines(linesFile, sources, databases),
    get scratchFile() {
      return path.join(review.paths.records, `${pending!.importId}.part.jsonl`);
    },
    restart: () => {
      discard();
      open();
    },
  };
  try {
    open();
    const read = readFileInto(filePath, options, sink, (sha256) => {
      const earlier = seen.get(sha256);
      if (earlier && !options.again) throw new CodedUserError('IMPORT_ALREADY_IMPORTED', { file: filePath, importId: earlier, sha: sha256.slice(0, 12) });
    }, pending!.importId);
    checkOutcome(filePath, read, options);
    seen.set(read.sha256, seen.get(read.sha256) ?? '(this command)');
    return { file, sha256: read.sha256, adapter: read.adapter, encoding: read.encoding, pending: pending!, copy: copy!, copyPath, rejected: read.rejected, diagnostics: read.diagnostics, threads: read.threads };
  } catch (e) {
    discard();
    throw e;
  }
}

/** Put one prepared file in place: its verbatim copy, then its records and import event. */
function commitPrepared(review: Review, p: Prepared, options: ImportOptions, filePath: string): FileImportSummary {
  try {
    p.copy.commit();
  } catch (e) {
    throw storageError(e, p.copyPath);
  }
  const storedAs = path.relative(review.paths.root, p.copyPath).split(path.sep).join('/');
  const source = options.source ?? p.pending.mostCommonSource() ?? 'other';
  const database = options.database ?? p.pending.commonDatabase();
  const warnings = p.diagnostics.filter((d) => !d.fatal).length;
  const read = p.pending.count;
  // The search behind the export (PRISMA-S): logged in the import event itself, so the two never part.
  const search = importedSearch(review, { source, database, read }, filePath, options);
  const event = p.pending.commit({
    file: p.file,
    storedAs,
    sha256: p.sha256,
    format: p.adapter.id,
    source,
    ...(database !== undefined ? { database } : {}),
    encoding: p.encoding,
    recordsRejected: p.rejected,
    ...(p.rejected > 0 ? { skipped: skippedOf(p).slice(0, MAX_SKIPPED_LISTED) } : {}),
    warnings,
    ...(search ? { search } : {}),
  });
  return {
    file: p.file,
    importId: event.importId,
    storedAs,
    sha256: p.sha256,
    format: p.adapter.id,
    formatLabel: p.adapter.label,
    encoding: p.encoding,
    source,
    ...(database !== undefined ? { database } : {}),
    read,
    rejected: p.rejected,
    skipped: skippedOf(p),
    warnings,
    diagnostics: p.diagnostics,
    threads: p.threads,
  };
}

/**
 * Import files into an open (writable) review. Every file is read and parsed (into temp files)
 * before any is put in place, so a refused file leaves the review unchanged.
 */
export function importFiles(review: Review, files: readonly string[], options: ImportOptions = {}): FileImportSummary[] {
  const seen = new Map<string, string>();
  for (const e of eventsOfType<ImportEvent>(review.events, 'import')) if (e.sha256) seen.set(e.sha256, e.importId);
  try {
    fs.mkdirSync(review.paths.files, { recursive: true });
    // Note: this command holds the lock, so any temp file here was left by a killed import.
    removeStaleTemps(review.paths.files);
    removeStaleTemps(review.paths.records);
  } catch (e) {
    throw storageError(e, review.paths.files);
  }
  const prepared: Prepared[] = [];
  try {
    for (const f of files) prepared.push(prepareFile(review, f, options, seen, prepared.length));
  } catch (e) {
    for (const p of prepared) (p.pending.discard(), p.copy.discard());
    throw e;
  }
  const summaries: FileImportSummary[] = [];
  for (let i = 0; i < prepared.length; i++) {
    try {
      summaries.push(commitPrepared(review, prepared[i], options, files[i]));
    } catch (e) {
      for (const p of prepared.slice(i)) (p.pending.discard(), p.copy.discard());
      throw e;
    }
  }
  return summaries;
}
