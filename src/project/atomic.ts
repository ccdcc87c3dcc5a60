/** File writes that a crash cannot leave half-done. */
import fs from 'node:fs';
import path from 'node:path';

/** Write to a temp file in the same folder, fsync it, rename over the target, fsync the folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(dir);
}

/** Temp files this module names: `.NAME.PID.MILLIS.tmp`. */
const TEMP_NAME = /^\..+\.\d+\.\d+\.tmp$/;

/**
 * Remove temp files a killed writer left in `dir` (a half-written records file or verbatim copy
 * can be hundreds of MB). Only for a writer that holds the review's lock: then no other
 * process can be writing them. Returns how many were removed.
 */
export function removeStaleTemps(dir: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Note: some file systems refuse fsync on directories; the rename is still atomic there.
  }
}

/**
 * A file written piece by piece to a temp file in its folder, then fsynced and renamed into
 * place by `commit` (or removed by `discard`). Lines are buffered and written in small batches,
 * so a records file of 100k records never exists as one string in memory.
 */
/**
 * Lines are written in batches of about this many characters.
 * Note: kept under V8's large-object size so the joined batch is a young-generation string whose
 * memory is reused; 1 MB batches made every write fault in fresh pages.
 */
const BATCH = 48 * 1024;

export class AtomicFileWriter {
  private fd: number | undefined;
  private readonly tmp: string;
  private batch: string[] = [];
  private size = 0;

  constructor(readonly file: string) {
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = fs.openSync(this.tmp, 'w');
  }

  /** Add bytes as they are (a verbatim copy). */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    if (this.fd === undefined) throw new Error(`${this.file}: already closed`);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written);
  }

  /** Add one line (without its newline). */
  writeLine(line: string): void {
    this.batch.push(line, '\n');
    this.size += line.length + 1;
    if (this.size > BATCH) this.flush();
  }

  /** Flush, fsync and rename over the target; the folder is fsynced too. */
  commit(): void {
    if (this.fd === undefined) throw new Error(`${this.file}: already closed`);
    try {
      this.flush();
      fs.fsyncSync(this.fd);
    } catch (e) {
      this.discard();
      throw e;
    }
    fs.closeSync(this.fd);
    this.fd = undefined;
    fs.renameSync(this.tmp, this.file);
    fsyncDir(path.dirname(this.file));
  }

  /** Flush and close without putting the file in place (a scratch file); returns the temp path. */
  close(): string {
    if (this.fd !== undefined) {
      this.flush();
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
    return this.tmp;
  }

  /** Drop the temp file; the target is untouched. Safe to call twice. */
  discard(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Note: closing can fail on a full disk; the temp file is removed below either way.
      }
      this.fd = undefined;
    }
    this.batch = [];
    fs.rmSync(this.tmp, { force: true });
  }

  private flush(): void {
    if (this.batch.length === 0 || this.fd === undefined) return;
    const text = this.batch.join('');
    this.batch = [];
    this.size = 0;
    fs.writeSync(this.fd, text);
  }
}
