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

/** First characters of the keys made from title words (t, u, w). */
const TITLE_KEYS = new Set(['t', 'u', 'w'].map((c) => c.charCodeAt(0)));

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
  const n = features.length;
  const codes = candidatePairCodes(features, isNew);
  const out: Array<[number, number]> = [];
  for (const c of codes) {
    const i = Math.floor(c / n);
    out.push([i, c - i * n]);
  }
  return out;
}

/**
 * Candidate pairs as sorted, distinct codes i * n + j (i < j, n = number of records). Note: at
 * 100,000 records a typed array of numbers costs far less memory and garbage collection than
 * millions of [i, j] arrays or a Set.
 */
export function candidatePairCodes(features: readonly RecordFeatures[], isNew?: (i: number) => boolean): Float64Array {
  const blocks = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const k of blockingKeys(f)) {
      const b = blocks.get(k);
      if (!b) blocks.set(k, [i]);
      else if (b[b.length - 1] !== i) b.push(i);
    }
  });
  const n = features.length;
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
  // Note: a pair met only through title words is distinct anyway (see comparePair) when the
  // years are more than one apart, or both the volume and the first page differ: such pairs are
  // dropped here, before they cost memory and a comparison. Identifier blocks keep every pair.
  const addIfPlausible = (x: number, y: number) => {
    const a = features[x];
    const b = features[y];
    if (a.year !== undefined && b.year !== undefined && (a.year - b.year > 1 || b.year - a.year > 1)) return;
    if (a.volume !== undefined && b.volume !== undefined && a.volume !== b.volume && a.pageFirst !== undefined && b.pageFirst !== undefined && a.pageFirst !== b.pageFirst) return;
    add(x, y);
  };
  for (const [key, members] of blocks) {
    if (members.length < 2) continue;
    const put = TITLE_KEYS.has(key.charCodeAt(0)) ? addIfPlausible : add;
    if (members.length <= MAX_FULL_BLOCK) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) put(members[x], members[y]);
    } else {
      // Note: a large block (common first words, a small vocabulary) is compared only within a
      // window in title order (sorted neighbourhood), so its cost grows linearly with its size.
      const sorted = [...members].sort((p, q) => cmp(features[p].titles[0]?.norm ?? '', features[q].titles[0]?.norm ?? ''));
      for (let x = 0; x < sorted.length; x++) for (let y = x + 1; y < Math.min(sorted.length, x + 1 + WINDOW); y++) put(sorted[x], sorted[y]);
    }
  }
  blocks.clear();
  const all = buf.subarray(0, len).sort();
  let m = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[m++] = all[k];
  return all.slice(0, m);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
