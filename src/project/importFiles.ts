/**
 * The import pipeline: read each file, refuse one already imported, decode, detect the format,
 * parse, and only when every file is acceptable keep the files verbatim and add their records.
 * Any refusal (garbage, --strict rejection, re-import) throws a UserError and leaves the review
 * exactly as it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { eventsOfType, type ImportEvent } from '../core/events.js';
import type { ParsedRecord, SourceId } from '../core/record.js';
import { decodeBytes } from '../formats/encoding.js';
import { detectFormat, formatById, formats } from '../formats/index.js';
import type { FormatAdapter, ParseResult } from '../formats/types.js';
import { createRisParser, ris } from '../formats/ris.js';
import { t } from '../ui/i18n.js';
import { addRecords, nextImportId } from './addRecords.js';
import { fsyncDir } from './atomic.js';
import { safeJoin } from './layout.js';
import { storageError, type Review } from './review.js';

export interface ImportOptions {
  /** --source: overrides the format's natural source. */
  source?: SourceId;
  /** --database: overrides the database each record names. */
  database?: string;
  /** --again: import a file even if the same content was imported before. */
  again?: boolean;
  /** --strict: any rejected record refuses the file (and the whole command). */
  strict?: boolean;
  /** --format: skip detection. */
  format?: string;
}

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
  warnings: number;
  diagnostics: Diagnostic[];
}

interface Prepared {
  file: string;
  /** The path as given: the verbatim copy is made from it, so the bytes need not stay in memory. */
  filePath: string;
  sha256: string;
  adapter: FormatAdapter;
  encoding: string;
  records: ParsedRecord[];
  rejected: number;
  diagnostics: Diagnostic[];
}

/** At most this many diagnostics travel with a refusal (the count says how many there were). */
const MAX_SHOWN = 20;

function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(t('common.fileNotFound', { file }));
    throw new UserError(t('import.unreadable', { file, message: code ?? (e as Error).message }));
  }
}

/** Read, check and parse one file; throws a UserError for anything that must not be imported. */
/** Files larger than this are read in pieces when they are UTF-8 RIS (the bulk exports). */
const STREAM_FROM = 32 * 2 ** 20;
const PIECE = 16 * 2 ** 20;

interface Parsed {
  sha256: string;
  encoding: string;
  adapter: FormatAdapter;
  result: ParseResult;
  encodingDiagnostics: Diagnostic[];
}

function chooseFormat(file: string, head: string, options: ImportOptions): FormatAdapter {
  if (!options.format) return detectFormat(file, head);
  const forced = formatById(options.format);
  if (!forced) throw new UserError(t('import.unknownFormat', { format: options.format, formats: formats.map((f) => f.id).join(', ') }));
  return forced;
}

/**
 * A large UTF-8 RIS file read in pieces: hashed, decoded and parsed as it streams, so the file is
 * never held whole (neither its bytes nor one string). Undefined when the file is not that case
 * (the caller then reads it whole).
 */
function parseStreaming(filePath: string, file: string, options: ImportOptions): Parsed | undefined {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch {
    return undefined;
  }
  if (size <= STREAM_FROM) return undefined;
  const fd = fs.openSync(filePath, 'r');
  try {
    const headBytes = Buffer.alloc(64 * 1024);
    const headLength = fs.readSync(fd, headBytes, 0, headBytes.length, 0);
    // Note: the head is cut after its last line end, so no multi-byte character is split.
    const cut = headBytes.lastIndexOf(10, headLength - 1);
    const head = decodeBytes(headBytes.subarray(0, cut > 0 ? cut + 1 : headLength), file);
    if (head.binary || (head.encoding !== 'utf-8' && head.encoding !== 'utf-8-bom')) return undefined;
    const adapter = chooseFormat(file, head.text, options);
    if (adapter.id !== ris.id) return undefined;
    const parser = createRisParser({ file, source: options.source, database: options.database });
    const hash = crypto.createHash('sha256');
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const encodingDiagnostics = [...head.diagnostics];
    let replacementWarned = encodingDiagnostics.some((d) => d.code === 'ENCODING_REPLACEMENT_CHAR');
    const buf = Buffer.allocUnsafe(PIECE);
    let offset = head.encoding === 'utf-8-bom' ? 3 : 0;
    if (offset > 0) hash.update(Buffer.from([0xef, 0xbb, 0xbf]));
    for (;;) {
      const n = fs.readSync(fd, buf, 0, PIECE, offset);
      if (n <= 0) break;
      offset += n;
      const bytes = buf.subarray(0, n);
      hash.update(bytes);
      let piece: string;
      try {
        piece = decoder.decode(bytes, { stream: true });
      } catch {
        return undefined; // not UTF-8 after all: read it whole, with the full encoding checks
      }
      if (!replacementWarned && piece.includes('\ufffd')) {
        replacementWarned = true;
        encodingDiagnostics.push({ code: 'ENCODING_REPLACEMENT_CHAR', reason: t('import.enc.replacement'), file, line: parser.line + 1, fatal: false });
      }
      parser.push(piece);
    }
    try {
      parser.push(decoder.decode());
    } catch {
      return undefined;
    }
    return { sha256: hash.digest('hex'), encoding: head.encoding, adapter, result: parser.end(), encodingDiagnostics };
  } finally {
    fs.closeSync(fd);
  }
}

function parseWhole(filePath: string, file: string, options: ImportOptions): Parsed {
  const bytes = readBytes(filePath);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeBytes(bytes, file);
  if (decoded.binary) throw new UserError(t('import.binary', { file: filePath }));
  if (decoded.text.trim() === '' || decoded.text.replace(/[\s\ufeff]/g, '') === '') throw new UserError(t('import.empty', { file: filePath }));
  const adapter = chooseFormat(file, decoded.text.slice(0, 64 * 1024), options);
  const result = adapter.parse(decoded.text, { file, source: options.source, database: options.database });
  return { sha256, encoding: decoded.encoding, adapter, result, encodingDiagnostics: decoded.diagnostics };
}

/** Read, check and parse one file; throws a UserError for anything that must not be imported. */
export function prepareFile(filePath: string, options: ImportOptions, seen: Map<string, string>): Prepared {
  const file = path.basename(filePath);
  const { sha256, encoding, adapter, result, encodingDiagnostics } = parseStreaming(filePath, file, options) ?? parseWhole(filePath, file, options);
  const earlier = seen.get(sha256);
  if (earlier && !options.again) throw new UserError(t('import.alreadyImported', { file: filePath, importId: earlier, sha: sha256.slice(0, 12) }));
  const diagnostics = [...encodingDiagnostics, ...result.diagnostics];
  const fatal = diagnostics.filter((d) => d.fatal);
  if (result.records.length === 0) {
    if (result.rejected > 0) throw new UserError(t('import.allRejected', { file: filePath, rejected: result.rejected, format: adapter.label }), fatal.slice(0, MAX_SHOWN));
    const first = diagnostics.find((d) => d.line > 0)?.line ?? 1;
    const expected = t(`import.expect.${adapter.id}`);
    throw new UserError(
      t('import.noRecords', { file: `${filePath}:${first}`, format: adapter.label, expected: expected.startsWith('import.') ? t('import.expect.default') : expected }),
      diagnostics.slice(0, MAX_SHOWN),
    );
  }
  if (options.strict && result.rejected > 0) throw new UserError(t('import.strictRejected', { file: filePath, rejected: result.rejected }), fatal.slice(0, MAX_SHOWN));
  seen.set(sha256, seen.get(sha256) ?? '(this command)');
  return { file, filePath, sha256, adapter, encoding, records: result.records, rejected: result.rejected, diagnostics };
}

/** Copy a file through a temp file + fsync + rename, checking it still has the content that was parsed. */
function copyFileAtomic(from: string, target: string, sha256: string): void {
  const tmp = `${target}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(tmp, 'r+');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (hash.digest('hex') !== sha256) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(t('import.changed', { file: from }));
  }
  fs.renameSync(tmp, target);
  fsyncDir(path.dirname(target));
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) (best = v), (n = c);
  return best;
}

/**
 * Import files into an open (writable) review. All files are read and parsed before anything
 * is written, so a refused file leaves the review unchanged.
 */
export function importFiles(review: Review, files: readonly string[], options: ImportOptions = {}): FileImportSummary[] {
  const seen = new Map<string, string>();
  for (const e of eventsOfType<ImportEvent>(review.events, 'import')) if (e.sha256) seen.set(e.sha256, e.importId);
  const prepared = files.map((f) => prepareFile(f, options, seen));
  const summaries: FileImportSummary[] = [];
  fs.mkdirSync(review.paths.files, { recursive: true });
  for (const p of prepared) {
    const importId = nextImportId(review);
    const target = safeJoin(review.paths.files, `${importId}-${p.file}`);
    try {
      copyFileAtomic(p.filePath, target, p.sha256);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw storageError(e, target);
    }
    const storedAs = path.relative(review.paths.root, target).split(path.sep).join('/');
    const source = options.source ?? mostCommon(p.records.map((r) => r.provenance.source)) ?? 'other';
    const databases = new Set(p.records.map((r) => r.provenance.database));
    const database = options.database ?? (databases.size === 1 ? [...databases][0] : undefined);
    const warnings = p.diagnostics.filter((d) => !d.fatal).length;
    const { event } = addRecords(review, p.records, {
      file: p.file,
      storedAs,
      sha256: p.sha256,
      format: p.adapter.id,
      source,
      ...(database !== undefined ? { database } : {}),
      encoding: p.encoding,
      recordsRejected: p.rejected,
      warnings,
    });
    summaries.push({
      file: p.file,
      importId: event.importId,
      storedAs,
      sha256: p.sha256,
      format: p.adapter.id,
      formatLabel: p.adapter.label,
      encoding: p.encoding,
      source,
      ...(database !== undefined ? { database } : {}),
      read: p.records.length,
      rejected: p.rejected,
      warnings,
      diagnostics: p.diagnostics,
    });
  }
  return summaries;
}
