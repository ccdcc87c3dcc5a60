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
 * Write values as JSON lines, atomically, in ~1 MB batches: a records file of 100k records
 * never exists as one string in memory.
 */
export function writeLinesAtomic(file: string, values: Iterable<unknown>): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    let batch: string[] = [];
    let size = 0;
    for (const v of values) {
      const line = JSON.stringify(v) + '\n';
      batch.push(line);
      size += line.length;
      if (size > 1 << 20) {
        fs.writeSync(fd, batch.join(''));
        batch = [];
        size = 0;
      }
    }
    if (batch.length) fs.writeSync(fd, batch.join(''));
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  fsyncDir(dir);
}
