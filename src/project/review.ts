/**
 * A review folder on disk: protocol copy, append-only event log, records per import, lock.
 * Nothing acknowledged is ever lost: events are fsynced before `append` returns, files that
 * are rewritten go through temp + rename, and a torn last line after a crash is skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BibRecord } from '../core/record.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { EventBase, NewEvent, ImportEvent } from '../core/events.js';
import { createHash } from 'node:crypto';
import { parseProtocol, protocolSchema, type Protocol } from '../core/protocol.js';
import { CodedUserError, UserError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { reviewPaths, SCHEMA_VERSION, type ReviewPaths } from './layout.js';
import { AtomicFileWriter, writeFileAtomic, fsyncDir } from './atomic.js';
import { acquireLock } from './lock.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';

export interface ReviewMeta {
  schemaVersion: number;
  createdAt: string;
  toolVersion: string;
  protocolSource: string;
}

export interface OpenOptions {
  /** Open for writing under this command name: takes the lock. Read-only when absent. */
  writer?: string;
}

/** Parse event-log text. Bad lines are reported and skipped, never fatal. */
export function parseEventLog(text: string, file: string): { events: EventBase[]; problems: Diagnostic[]; tornBytes: number } {
  const events: EventBase[] = [];
  const problems: Diagnostic[] = [];
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      events.push(JSON.parse(line) as EventBase);
    } catch {
      problems.push({ code: 'LOG_BAD_LINE', file, line: i + 1, fatal: false });
    }
  });
  let tornBytes = 0;
  if (last.length > 0) {
    // Note: a line without its newline was never acknowledged (the newline and fsync come last).
    tornBytes = Buffer.byteLength(last);
    problems.push({ code: 'LOG_TORN_LINE', file, line: lines.length + 1, fatal: false });
  }
  return { events, problems, tornBytes };
}

/**
 * Each line of a JSON-lines file, parsed, read in 64 KB pieces: a records file of 100k records
 * (330 MB) read as one string took 1.1 GB and 10 s; read in pieces, only the records stay.
 */
export function forEachJsonLine(file: string, onValue: (value: unknown) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const decoder = new TextDecoder('utf-8');
    let waiting: string[] = [];
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      const piece = n > 0 ? decoder.decode(buf.subarray(0, n), { stream: true }) : decoder.decode();
      let start = 0;
      for (let lf = piece.indexOf('\n'); lf >= 0; lf = piece.indexOf('\n', start)) {
        const line = waiting.length > 0 ? waiting.join('') + piece.slice(start, lf) : piece.slice(start, lf);
        waiting = [];
        if (line) onValue(JSON.parse(line));
        start = lf + 1;
      }
      if (start < piece.length) waiting.push(piece.slice(start));
      if (n <= 0) break;
    }
    const last = waiting.join('');
    if (last) onValue(JSON.parse(last));
  } finally {
    fs.closeSync(fd);
  }
}

/** One records file on its way to disk (see Review.recordsWriter). */
export interface RecordsWriter {
  /** One JSON line, without its newline. */
  write(line: string): void;
  /** Lines already encoded, newlines included. */
  writeBytes(bytes: Uint8Array): void;
  commit(): void;
  discard(): void;
}

export class Review {
  readonly paths: ReviewPaths;
  readonly protocol: Protocol;
  readonly meta: ReviewMeta;
  readonly events: EventBase[];
  readonly problems: Diagnostic[];
  private fd: number | undefined;
  private release: (() => void) | undefined;
  private recordCache: BibRecord[] | undefined;

  private constructor(paths: ReviewPaths, protocol: Protocol, meta: ReviewMeta, events: EventBase[], problems: Diagnostic[]) {
    this.paths = paths;
    this.protocol = protocol;
    this.meta = meta;
    this.events = events;
    this.problems = problems;
  }

  /** Create a review folder from a protocol file. Refuses an existing review. */
  static init(dir: string, protocolFile: string): Review {
    const paths = reviewPaths(dir);
    if (fs.existsSync(paths.meta)) throw new CodedUserError('REVIEW_EXISTS', { dir: paths.root });
    let text: string;
    try {
      text = fs.readFileSync(protocolFile, 'utf8');
    } catch {
      throw new CodedUserError('PROTOCOL_FILE_NOT_FOUND', { file: protocolFile });
    }
    const parsed = parseProtocol(text, protocolFile);
    if (!parsed.protocol) throw new CodedUserError('PROTOCOL_INVALID', { file: protocolFile }, parsed.problems);
    for (const d of [paths.root, paths.data, paths.records, paths.files, paths.searches, paths.out]) fs.mkdirSync(d, { recursive: true });
    writeFileAtomic(paths.protocol, text);
    const meta: ReviewMeta = {
      schemaVersion: SCHEMA_VERSION,
      createdAt: new Date().toISOString(),
      toolVersion: TOOL_VERSION,
      protocolSource: path.basename(protocolFile),
    };
    if (!fs.existsSync(paths.events)) writeFileAtomic(paths.events, '');
    writeFileAtomic(paths.meta, JSON.stringify(meta, null, 2) + '\n');
    return Review.open(dir);
  }

  /** Open an existing review; with `writer`, take the lock and repair a torn last line. */
  static open(dir: string, options: OpenOptions = {}): Review {
    const paths = reviewPaths(dir);
    if (!fs.existsSync(paths.meta)) throw new CodedUserError('NOT_A_REVIEW', { dir: paths.root });
    const meta = JSON.parse(fs.readFileSync(paths.meta, 'utf8')) as ReviewMeta;
    if (meta.schemaVersion > SCHEMA_VERSION)
      throw new CodedUserError('NEWER_SCHEMA', { dir: paths.root, version: meta.schemaVersion });
    const protocolText = fs.readFileSync(paths.protocol, 'utf8');
    // Note: the schema check (Ajv, ~0.1 s of CPU) runs once per protocol text: the key is a hash
    // of the text, the schema and the tool version, stored only after the text passed. A protocol
    // edited by hand has another hash and is checked (and refused) exactly as before.
    const schemaKey = createHash('sha256').update(TOOL_VERSION).update('\0').update(JSON.stringify(protocolSchema)).update('\0').update(protocolText).digest('hex');
    const schemaChecked = readSnapshot<boolean>(paths, 'protocol-schema', schemaKey) === true;
    const parsed = parseProtocol(protocolText, paths.protocol, { schemaChecked });
    if (!parsed.protocol) throw new CodedUserError('PROTOCOL_INVALID', { file: paths.protocol }, parsed.problems);
    if (!schemaChecked) writeSnapshot(paths, 'protocol-schema', schemaKey, true);
    let release: (() => void) | undefined;
    try {
      release = options.writer ? acquireLock(paths.lock, options.writer) : undefined;
    } catch (e) {
      throw e instanceof UserError ? e : storageError(e, paths.lock);
    }
    try {
      const text = fs.existsSync(paths.events) ? fs.readFileSync(paths.events, 'utf8') : '';
      const log = parseEventLog(text, paths.events);
      const review = new Review(paths, parsed.protocol, meta, log.events, log.problems);
      if (release) {
        review.release = release;
        if (log.tornBytes > 0) review.repairTornTail(text, log.tornBytes);
        review.fd = fs.openSync(paths.events, 'a');
      }
      return review;
    } catch (e) {
      release?.();
      throw e;
    }
  }

  // Note: the torn bytes are kept beside the log for audit, then cut so the next append starts a clean line.
  private repairTornTail(text: string, tornBytes: number): void {
    const size = Buffer.byteLength(text);
    const torn = Buffer.from(text).subarray(size - tornBytes);
    fs.writeFileSync(path.join(this.paths.data, `torn-${Date.now()}.txt`), torn);
    fs.truncateSync(this.paths.events, size - tornBytes);
  }

  get writable(): boolean {
    return this.fd !== undefined;
  }

  /** Append one event and fsync it before returning: once this returns, the event survives a crash. */
  append<E extends EventBase>(event: NewEvent<E>): E {
    if (this.fd === undefined) throw new Error('review opened read-only');
    const full = { seq: this.nextSeq(), at: new Date().toISOString(), ...event } as unknown as E;
    const line = Buffer.from(JSON.stringify(full) + '\n', 'utf8');
    const sizeBefore = fs.fstatSync(this.fd).size;
    try {
      let written = 0;
      while (written < line.length) written += fs.writeSync(this.fd, line, written);
      fs.fsyncSync(this.fd);
    } catch (e) {
      // Note: a full disk can take half a line; cut it so the log ends on a whole event.
      try {
        fs.ftruncateSync(this.fd, sizeBefore);
      } catch {
        // the torn tail is then skipped (and reported) on the next open
      }
      throw storageError(e, this.paths.events);
    }
    this.events.push(full);
    return full;
  }

  private nextSeq(): number {
    const last = this.events[this.events.length - 1];
    return last ? last.seq + 1 : 1;
  }

  /**
   * A records file written line by line as records arrive, renamed into place on `commit`
   * (before the event that references it). Storage failures come back as clear UserErrors.
   */
  recordsWriter(fileName: string): RecordsWriter {
    if (this.fd === undefined) throw new Error('review opened read-only');
    const file = path.join(this.paths.records, fileName);
    let writer: AtomicFileWriter;
    try {
      fs.mkdirSync(this.paths.records, { recursive: true });
      writer = new AtomicFileWriter(file);
    } catch (e) {
      throw storageError(e, file);
    }
    const guard = (step: () => void) => {
      try {
        step();
      } catch (e) {
        writer.discard();
        throw storageError(e, file);
      }
    };
    return {
      write: (line) => guard(() => writer.writeLine(line)),
      writeBytes: (bytes) => guard(() => writer.writeBytes(bytes)),
      commit: () => {
        guard(() => writer.commit());
        this.recordCache = undefined;
      },
      discard: () => writer.discard(),
    };
  }

  /** Every imported record, in import order. Only records whose import event landed count. */
  records(): BibRecord[] {
    if (this.recordCache) return this.recordCache;
    const out: BibRecord[] = [];
    for (const e of this.events) {
      const recordsFile = (e as Partial<ImportEvent>).recordsFile;
      if (e.type !== 'import' || typeof recordsFile !== 'string') continue;
      forEachJsonLine(path.join(this.paths.records, recordsFile), (record) => out.push(record as BibRecord));
    }
    this.recordCache = out;
    return out;
  }

  /** Ensure a folder of the review exists (outputs, search pages). */
  ensureDir(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fsyncDir(path.dirname(dir));
    return dir;
  }

  close(): void {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
    this.release?.();
    this.release = undefined;
  }
}

/** Disk full or read-only folder: a clear message; nothing already saved is touched. */
export function storageError(e: unknown, file: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new CodedUserError('DISK_FULL', { file });
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new CodedUserError('READ_ONLY', { file });
  return e instanceof Error ? e : new Error(String(e));
}
