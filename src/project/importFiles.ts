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
import type { FormatAdapter } from '../formats/types.js';
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
export function prepareFile(filePath: string, options: ImportOptions, seen: Map<string, string>): Prepared {
  const file = path.basename(filePath);
  const bytes = readBytes(filePath);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const earlier = seen.get(sha256);
  if (earlier && !options.again) throw new UserError(t('import.alreadyImported', { file: filePath, importId: earlier, sha: sha256.slice(0, 12) }));
  const decoded = decodeBytes(bytes, file);
  if (decoded.binary) throw new UserError(t('import.binary', { file: filePath }));
  if (decoded.text.trim() === '' || decoded.text.replace(/[\s\ufeff]/g, '') === '') throw new UserError(t('import.empty', { file: filePath }));
  let adapter: FormatAdapter;
  if (options.format) {
    const forced = formatById(options.format);
    if (!forced) throw new UserError(t('import.unknownFormat', { format: options.format, formats: formats.map((f) => f.id).join(', ') }));
    adapter = forced;
  } else adapter = detectFormat(file, decoded.text.slice(0, 64 * 1024));
  const result = adapter.parse(decoded.text, { file, source: options.source, database: options.database });
  const diagnostics = [...decoded.diagnostics, ...result.diagnostics];
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
  return { file, filePath, sha256, adapter, encoding: decoded.encoding, records: result.records, rejected: result.rejected, diagnostics };
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
