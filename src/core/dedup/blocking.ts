/**
 * Blocking: which pairs of records are worth comparing. Every record gets a few keys (DOI,
 * PMID, SciELO PID, the first and last title words in each language, a few long title words,
 * year + volume + first page); only records sharing a key are compared. Large blocks are
 * compared within a sorted window, so the cost grows near-linearly with the number of records.
 */
import type { RecordFeatures } from './features.js';

/** Blocks larger than this are compared only with their neighbours in title order. */
export const MAX_FULL_BLOCK = 40;
/** Neighbours compared inside a large block. */
export const WINDOW = 12;

/** The blocking keys of one record. */
export function blockingKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  const ids = f.ids;
  for (const d of ids.dois) keys.push(`d|${d}`);
  for (const p of ids.pmids) keys.push(`p|${p}`);
  for (const p of ids.mdlPmids) keys.push(`p|${p}`);
  for (const p of ids.pmcids) keys.push(`c|${p}`);
  for (const p of ids.pids) keys.push(`s|${p}`);
  for (const p of ids.doiPids) keys.push(`s|${p}`);
  for (const t of f.titles) keys.push(...t.keys);
  // Note: identical records meet even when their title is too short for the title keys.
  if (f.titles.length > 0) keys.push(`f|${f.fingerprint}`);
  // Note: year + volume + first page finds an article whose title another source translated.
  if (f.year && f.volume && f.pageFirst) keys.push(`v|${f.year}|${f.volume}|${f.pageFirst}`);
  return keys;
}

/**
 * Candidate pairs as [i, j] index pairs (i < j), each once. When `isNew` is given, only pairs
 * with at least one new record are produced (incremental runs).
 */
export function candidatePairs(features: readonly RecordFeatures[], isNew?: (i: number) => boolean): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const k of blockingKeys(f)) {
      let b = blocks.get(k);
      if (!b) blocks.set(k, (b = []));
      if (b[b.length - 1] !== i) b.push(i);
    }
  });
  const n = features.length;
  // Note: pairs are collected as numbers i * n + j in a growing typed array, sorted and made
  // distinct once: far less memory and garbage than a Set at 100,000 records.
  let buf = new Float64Array(1 << 16);
  let len = 0;
  const add = (x: number, y: number) => {
    if (x === y) return;
    const i = x < y ? x : y;
    const j = x < y ? y : x;
    if (isNew && !isNew(i) && !isNew(j)) return;
    if (len === buf.length) {
      const next = new Float64Array(buf.length * 2);
      next.set(buf);
      buf = next;
    }
    buf[len++] = i * n + j;
  };
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    if (members.length <= MAX_FULL_BLOCK) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) add(members[x], members[y]);
    } else {
      const sorted = [...members].sort((p, q) => cmp(features[p].titles[0]?.norm ?? '', features[q].titles[0]?.norm ?? ''));
      for (let x = 0; x < sorted.length; x++) for (let y = x + 1; y < Math.min(sorted.length, x + 1 + WINDOW); y++) add(sorted[x], sorted[y]);
    }
  }
  const all = buf.subarray(0, len).sort();
  const out: Array<[number, number]> = [];
  for (let k = 0; k < all.length; k++) {
    if (k > 0 && all[k] === all[k - 1]) continue;
    const i = Math.floor(all[k] / n);
    out.push([i, all[k] - i * n]);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
