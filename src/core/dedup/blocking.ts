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

/** The blocking keys of one record (candidatePairCodes hashes the same keys without making them: keep keyHashes in step). */
export function blockingKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  const ids = f.ids;
  for (const d of ids.dois) keys.push(`d|${d}`);
  for (const p of ids.pmids) keys.push(`p|${p}`);
  for (const p of ids.mdlPmids) keys.push(`p|${p}`);
  for (const p of ids.pmcids) keys.push(`c|${p}`);
  for (const p of ids.pids) keys.push(`s|${p}`);
  for (const p of ids.doiPids) keys.push(`s|${p}`);
  let titleKeys = 0;
  for (const t of f.titles) {
    keys.push(...t.keys);
    titleKeys += t.keys.length;
  }
  // Note: identical records meet even when their title has no words for the title keys.
  if (f.titles.length > 0 && titleKeys === 0) keys.push(`f|${hashText(f.fingerprint)}`);
  // Note: year + volume + first page finds an article whose title another source translated.
  if (f.year && f.volume && f.pageFirst) keys.push(`v|${f.year}|${f.volume}|${f.pageFirst}`);
  return keys;
}

/**
 * The blocking keys of one record as candidatePairCodes keeps them: hash32 of each key of
 * blockingKeys, in the same order, its lowest bit set for keys made of title words (see
 * addIfPlausible). Note: the keys are hashed piece by piece (FNV-1a runs over characters in
 * order, so the hash of the pieces is the hash of the joined key): no key string is made.
 */
function keyHashes(f: RecordFeatures, out: number[]): void {
  const ids = f.ids;
  for (const d of ids.dois) out.push(idHash(D_BAR, d));
  for (const p of ids.pmids) out.push(idHash(P_BAR, p));
  for (const p of ids.mdlPmids) out.push(idHash(P_BAR, p));
  for (const p of ids.pmcids) out.push(idHash(C_BAR, p));
  for (const p of ids.pids) out.push(idHash(S_BAR, p));
  for (const p of ids.doiPids) out.push(idHash(S_BAR, p));
  let titleKeys = 0;
  for (const t of f.titles) {
    for (const k of t.keys) out.push(((hash32(k) & ~1) | (TITLE_KEYS.has(k.charCodeAt(0)) ? 1 : 0)) >>> 0);
    titleKeys += t.keys.length;
  }
  if (f.titles.length > 0 && titleKeys === 0) out.push((hash32(`f|${hashText(f.fingerprint)}`) & ~1) >>> 0);
  if (f.year && f.volume && f.pageFirst) {
    let h = fnv(V_BAR, String(f.year));
    h = fnv(fnv(h, '|'), f.volume);
    h = fnv(fnv(h, '|'), f.pageFirst);
    out.push(((h >>> 0) & ~1) >>> 0);
  }
}

/** FNV-1a state after `s`, continuing from `h`. */
function fnv(h: number, s: string): number {
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h;
}

const FNV_START = 0x811c9dc5;
const D_BAR = fnv(FNV_START, 'd|');
const P_BAR = fnv(FNV_START, 'p|');
const C_BAR = fnv(FNV_START, 'c|');
const S_BAR = fnv(FNV_START, 's|');
const V_BAR = fnv(FNV_START, 'v|');

/** An identifier key's hash (never a title key: lowest bit clear). */
function idHash(prefix: number, value: string): number {
  return ((fnv(prefix, value) >>> 0) & ~1) >>> 0;
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
 * millions of [i, j] arrays, a Set, or a Map of half a million blocks: keys are hashed to 32
 * bits and records grouped by sorting (hash, record) codes. A hash collision only joins two
 * blocks, which costs comparisons, never a wrong verdict.
 */
export function candidatePairCodes(features: readonly RecordFeatures[], isNew?: (i: number) => boolean): Float64Array {
  const n = features.length;
  // Note: hash * 2^21 + record index stays an exact integer below 2^53 for up to 2 million records.
  const SHIFT = 2 ** 21;
  if (n >= SHIFT) throw new RangeError(`dedup blocking handles up to ${SHIFT - 1} records`);
  let entries = new Float64Array(Math.max(16, n * 6));
  let count = 0;
  const hashes: number[] = [];
  for (let i = 0; i < n; i++) {
    hashes.length = 0;
    keyHashes(features[i], hashes);
    for (const h of hashes) {
      if (count === entries.length) {
        const next = new Float64Array(entries.length * 2);
        next.set(entries);
        entries = next;
      }
      entries[count++] = h * SHIFT + i;
    }
  }
  const sortedEntries = entries.subarray(0, count).sort();
  // Note: large blocks are windowed in title order: one sort of all records gives every block's order.
  const rank = titleRanks(features);

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
  const members: number[] = [];
  for (let start = 0; start < count; ) {
    const h = Math.floor(sortedEntries[start] / SHIFT);
    let end = start;
    members.length = 0;
    while (end < count && Math.floor(sortedEntries[end] / SHIFT) === h) {
      const i = sortedEntries[end] - h * SHIFT;
      if (members[members.length - 1] !== i) members.push(i);
      end++;
    }
    start = end;
    if (members.length < 2) continue;
    const put = h & 1 ? addIfPlausible : add;
    if (members.length <= MAX_FULL_BLOCK) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) put(members[x], members[y]);
    } else {
      // Note: a large block (common first words, a small vocabulary) is compared only within a
      // window in title order (sorted neighbourhood), so its cost grows linearly with its size.
      members.sort((p, q) => rank[p] - rank[q]);
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < Math.min(members.length, x + 1 + WINDOW); y++) put(members[x], members[y]);
    }
  }
  const all = buf.subarray(0, len).sort();
  let m = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[m++] = all[k];
  return all.slice(0, m);
}

/** Each record's place when all are sorted by their first normalized title. */
function titleRanks(features: readonly RecordFeatures[]): Int32Array {
  // Note: the built-in sort of plain strings runs several times faster than a comparator
  // callback; the record index rides after a NUL, which sorts before any title character.
  const keys = features.map((f, i) => `${f.titles[0]?.norm ?? ''}\u0000${i}`);
  keys.sort();
  const rank = new Int32Array(features.length);
  keys.forEach((k, r) => (rank[Number(k.slice(k.lastIndexOf('\u0000') + 1))] = r));
  return rank;
}

/** 32-bit FNV-1a hash of a string. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}


/** A short key for a long text: two 32-bit FNV-1a hashes (equal texts, equal keys; a collision only adds a comparison). */
function hashText(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}
