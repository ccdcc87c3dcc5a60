/**
 * Worker thread of a large import: parses the second half of a file, from a record boundary,
 * while the main thread parses the first half. Its records go, without ids, as JSON lines to a
 * scratch file; the main thread gives them their ids when it appends them after its own
 * (PendingImport.adoptLines). The main thread waits synchronously (Atomics.wait), so the
 * result comes back on a MessagePort it reads with receiveMessageOnPort.
 */
import fs from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { SourceId } from '../../core/record.js';
import { formatById } from '../../formats/index.js';
import { recordLine } from '../../project/addRecords.js';
import { AtomicFileWriter } from '../../project/atomic.js';
import { readRange, TextChecks } from './readPieces.js';

/** What the main thread asks of the worker. */
export interface HalfJob {
  filePath: string;
  file: string;
  /** Byte range to parse; `from` is just after a record boundary. */
  from: number;
  to: number;
  formatId: string;
  source?: SourceId;
  database?: string;
  importId: string;
  /** Scratch file for the lines (removed by the main thread). */
  linesFile: string;
  /** [0]: 1 when the result is posted; [1]: pieces read so far (shows the worker is alive). */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

export type HalfResult =
  | { ok: true; records: number; rejected: number; diagnostics: Diagnostic[]; sources: [string, number][]; databases: (string | undefined)[]; linesFile: string }
  | { ok: false; notUtf8: true }
  | { ok: false; notUtf8?: false; code?: string; message: string };

/** Lines of the file before byte `to` (LF or CRLF line ends; lone-CR files are never split). */
function linesBefore(fd: number, to: number): number {
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  for (let offset = 0; offset < to; ) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, to - offset), offset);
    if (n <= 0) break;
    for (let i = buf.indexOf(10, 0); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) lines++;
    offset += n;
  }
  return lines;
}

function parseHalf(job: HalfJob, progress: Int32Array): HalfResult {
  const adapter = formatById(job.formatId);
  if (!adapter?.stream) return { ok: false, message: `format ${job.formatId} cannot be read in pieces` };
  const fd = fs.openSync(job.filePath, 'r');
  const out = new AtomicFileWriter(job.linesFile);
  try {
    const sources = new Map<string, number>();
    const databases = new Set<string | undefined>();
    let records = 0;
    const firstLine = linesBefore(fd, job.from) + 1;
    const parser = adapter.stream({ file: job.file, source: job.source, database: job.database, firstLine }, (r) => {
      out.writeLine(recordLine(r, job.importId));
      records++;
      sources.set(r.provenance.source, (sources.get(r.provenance.source) ?? 0) + 1);
      databases.add(r.provenance.database);
    });
    const checks = new TextChecks(job.file, false);
    const utf8 = readRange(fd, job.from, job.to, { parser, checks, onBytes: () => void Atomics.add(progress, 1, 1) });
    if (!utf8) {
      out.discard();
      return { ok: false, notUtf8: true };
    }
    const end = parser.end();
    return { ok: true, records, rejected: end.rejected, diagnostics: [...checks.diagnostics, ...end.diagnostics], sources: [...sources], databases: [...databases], linesFile: out.close() };
  } catch (e) {
    out.discard();
    return { ok: false, code: (e as NodeJS.ErrnoException).code, message: (e as Error).message ?? String(e) };
  } finally {
    fs.closeSync(fd);
  }
}

if (parentPort && workerData) {
  const job = workerData as HalfJob;
  const signal = new Int32Array(job.signal);
  const result = parseHalf(job, signal);
  job.port.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
