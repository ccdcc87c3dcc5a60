/** Writing output files: atomic, folder created, disk full or read-only reported clearly. */
import fs from 'node:fs';
import path from 'node:path';
import { storageError } from '../../project/review.js';
import { writeFileAtomic } from '../../project/atomic.js';

/** Write an output file atomically, creating its folder. */
export function writeOutput(file: string, data: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, data);
  } catch (e) {
    throw storageError(e, file);
  }
}
