/**
 * Derived state kept on disk between commands (issue 16): a value computed from the review's
 * event log and records files, stored with the key it was computed from and used again only while
 * that key holds. The key is what the state depends on, read with `stat` alone (no file is read):
 * the log's size and modification time, the protocol's, and every records file's, plus the tool
 * version (a new version may count differently). Anything that changes one of them (an import, a
 * decision, an edit by hand) makes the snapshot stale, and the next command computes it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TOOL_VERSION } from '../core/version.js';
import { writeFileAtomic } from './atomic.js';
import type { ReviewPaths } from './layout.js';

/** Bump when the shape of a stored value changes, so older snapshots are ignored. */
const SNAPSHOT_FORMAT = 1;

/** The folder of snapshots inside a review. */
export function snapshotDir(paths: ReviewPaths): string {
  return path.join(paths.data, 'derived');
}

/** Size and modification time in nanoseconds, or '-' for a missing file. */
function stamp(file: string): string {
  try {
    const s = fs.statSync(file, { bigint: true });
    return `${s.size}:${s.mtimeNs}`;
  } catch {
    return '-';
  }
}

/** What every derived value depends on, read with `stat` only. */
export function derivedStateKey(paths: ReviewPaths): string {
  const parts = [`v${SNAPSHOT_FORMAT}`, TOOL_VERSION];
  for (const file of [paths.events, paths.protocol]) parts.push(`${path.basename(file)}=${stamp(file)}`);
  let names: string[] = [];
  try {
    names = fs.readdirSync(paths.records).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    // no records yet
  }
  for (const name of names) parts.push(`${name}=${stamp(path.join(paths.records, name))}`);
  return parts.join('|');
}

/** The stored value of `name` if it was computed under `key`, else undefined. */
export function readSnapshot<T>(paths: ReviewPaths, name: string, key: string): T | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(path.join(snapshotDir(paths), `${name}.json`), 'utf8')) as { key?: string; value?: T };
    return stored.key === key ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Store `value` under `key`. Written atomically (a reader sees the old file or the new one); a
 * folder that cannot be written (read-only copy of a review) only costs the next command the
 * recomputation, so failures are ignored.
 */
export function writeSnapshot(paths: ReviewPaths, name: string, key: string, value: unknown): void {
  try {
    fs.mkdirSync(snapshotDir(paths), { recursive: true });
    writeFileAtomic(path.join(snapshotDir(paths), `${name}.json`), JSON.stringify({ key, value }) + '\n');
  } catch {
    // Note: a snapshot is a cache; the review's truth is the log and the records.
  }
}
