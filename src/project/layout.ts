/** Where things live inside a review folder. Every path the tool writes comes from here. */
import path from 'node:path';

export const SCHEMA_VERSION = 1;

export interface ReviewPaths {
  root: string;
  /** The protocol copy the review runs on. */
  protocol: string;
  /** `{schemaVersion, createdAt, toolVersion}`. */
  meta: string;
  data: string;
  /** Append-only JSON lines: every import, search, decision. */
  events: string;
  /** One JSON-lines file of parsed records per import or search. */
  records: string;
  /** Imported files kept verbatim. */
  files: string;
  /** Raw pages of live searches, one folder per search. */
  searches: string;
  lock: string;
  /** Generated outputs: PRISMA SVG, report, tables. */
  out: string;
}

export function reviewPaths(root: string): ReviewPaths {
  const abs = path.resolve(root);
  const data = path.join(abs, 'data');
  return {
    root: abs,
    protocol: path.join(abs, 'protocol.yaml'),
    meta: path.join(abs, 'review.json'),
    data,
    events: path.join(data, 'events.jsonl'),
    records: path.join(data, 'records'),
    files: path.join(data, 'files'),
    searches: path.join(data, 'searches'),
    lock: path.join(data, 'lock'),
    out: path.join(abs, 'out'),
  };
}

/**
 * Join a name coming from a protocol, a record or a user file onto a folder of the review,
 * refusing anything that would land outside it (`..`, absolute paths, NUL).
 */
export function safeJoin(folder: string, name: string): string {
  const cleaned = name.replace(/[\0/\\:*?"<>|]+/g, '_').replace(/^\.+/, '_');
  const target = path.resolve(folder, cleaned);
  if (path.dirname(target) !== path.resolve(folder)) throw new Error(`unsafe file name: ${name}`);
  return target;
}
